"""A small graph written for the explorer tests: papers and their extractions by hand.

The abstracts are invented for these tests (not corpus text) and the extractions are
written out rather than extracted, so page tests do not move when the extractor improves.
What the GPTQ question must return: QuantA and QuantB (quantization methods that beat
GPTQ at 2 bits). Traps: AWQ beats GPTQ only at 4 bits; PruneX beats GPTQ at 2 bits but is
a pruning method; QuantC beats AWQ, not GPTQ.
"""

from __future__ import annotations

from datetime import date

from claimgraph.schema import (
    Claim, Dataset, Extraction, Method, Metric, Model, Outperforms, Paper, PaperRecord,
)


def _claim(text: str, evidence: str, **kw) -> Claim:
    start = text.index(evidence)
    return Claim(evidence=evidence, start=start, end=start + len(evidence), **kw)


def _record(pid: str, title: str, abstract: str, published: date, methods, outperforms=(), claims=(),
            datasets=(), models=(), metrics=(), categories=()) -> PaperRecord:
    paper = Paper(id=pid, version=1, title=title, abstract=abstract, authors=["Ada Tester", "Bo Fixture"],
                  published=published, categories=["cs.LG"], source="explorer test corpus")
    text = paper.text
    ex = Extraction(
        id=pid, methods=list(methods), datasets=[Dataset(name=d) for d in datasets],
        models=[Model(name=m) for m in models], metrics=[Metric(name=m) for m in metrics],
        categories=list(categories),
        claims=[_claim(text, ev, **kw) for ev, kw in claims],
        outperforms=[Outperforms(evidence=ev, start=text.index(ev), end=text.index(ev) + len(ev), **kw)
                     for ev, kw in outperforms],
    )
    return PaperRecord(paper=paper, extraction=ex)


def records() -> list[PaperRecord]:
    q = "quantization"
    out = []
    a = ("QuantA lowers LLaMA-2-7B weights to 2 bits. At 2 bits QuantA outperforms GPTQ with a "
         "WikiText-2 perplexity of 6.9 on LLaMA-2-7B. It also runs 2.4x faster than GPTQ.")
    out.append(_record(
        "2401.00001", "QuantA: two-bit weights for language models", a, date(2024, 1, 15),
        [Method(name="QuantA", role="proposed", category=q), Method(name="GPTQ", category=q)],
        outperforms=[("At 2 bits QuantA outperforms GPTQ with a WikiText-2 perplexity of 6.9 on LLaMA-2-7B.",
                      {"method": "QuantA", "baseline": "GPTQ", "bits": 2, "model": "LLaMA-2-7B",
                       "dataset": "WikiText-2"})],
        claims=[("At 2 bits QuantA outperforms GPTQ with a WikiText-2 perplexity of 6.9 on LLaMA-2-7B.",
                 {"method": "QuantA", "baseline": "GPTQ", "kind": "perplexity", "value": 6.9, "unit": "other",
                  "direction": "better", "bits": 2, "model": "LLaMA-2-7B", "dataset": "WikiText-2"}),
                ("It also runs 2.4x faster than GPTQ.",
                 {"method": "QuantA", "baseline": "GPTQ", "kind": "speedup", "value": 2.4, "unit": "x",
                  "direction": "better"})],
        datasets=["WikiText-2"], models=["LLaMA-2-7B"], metrics=["perplexity"], categories=[q]))
    b = ("We introduce QuantB, a codebook quantizer. QuantB beats GPTQ at 2-bit precision on "
         "LLaMA-2-7B, reducing memory by 7.5x.")
    out.append(_record(
        "2403.00002", "QuantB: codebooks for extreme compression", b, date(2024, 3, 2),
        [Method(name="QuantB", role="proposed", category=q), Method(name="GPTQ", category=q)],
        outperforms=[("QuantB beats GPTQ at 2-bit precision on LLaMA-2-7B, reducing memory by 7.5x.",
                      {"method": "QuantB", "baseline": "GPTQ", "bits": 2, "model": "LLaMA-2-7B"})],
        claims=[("QuantB beats GPTQ at 2-bit precision on LLaMA-2-7B, reducing memory by 7.5x.",
                 {"method": "QuantB", "baseline": "GPTQ", "kind": "memory", "value": 7.5, "unit": "x",
                  "direction": "better", "bits": 2, "model": "LLaMA-2-7B"})],
        models=["LLaMA-2-7B"], categories=[q]))
    c = ("AWQ (Activation-aware Weight Quantization) protects salient channels. With 4-bit weights "
         "AWQ outperforms GPTQ on OPT-6.7B.")
    out.append(_record(
        "2306.00978", "AWQ: activation-aware weight quantization", c, date(2023, 6, 1),
        [Method(name="AWQ", aliases=["Activation-aware Weight Quantization"], role="proposed", category=q),
         Method(name="GPTQ", category=q)],
        outperforms=[("With 4-bit weights AWQ outperforms GPTQ on OPT-6.7B.",
                      {"method": "AWQ", "baseline": "GPTQ", "bits": 4, "model": "OPT-6.7B"})],
        models=["OPT-6.7B"], categories=[q]))
    d = ("PruneX removes half of the weights. Even at 2 bits PruneX outperforms GPTQ after pruning, "
         "with 50% sparsity.")
    out.append(_record(
        "2405.00004", "PruneX: one-shot pruning", d, date(2024, 5, 20),
        [Method(name="PruneX", role="proposed", category="pruning"), Method(name="GPTQ", category=q)],
        outperforms=[("Even at 2 bits PruneX outperforms GPTQ after pruning, with 50% sparsity.",
                      {"method": "PruneX", "baseline": "GPTQ", "bits": 2})],
        claims=[("Even at 2 bits PruneX outperforms GPTQ after pruning, with 50% sparsity.",
                 {"method": "PruneX", "baseline": "GPTQ", "kind": "compression", "value": 50, "unit": "%",
                  "direction": "better", "bits": 2})],
        categories=["pruning"]))
    e = ("QuantC quantizes activations too. QuantC outperforms AWQ on LLaMA-2-7B at 3 bits with "
         "1.8x higher throughput.")
    out.append(_record(
        "2406.00005", "QuantC: activations matter", e, date(2024, 6, 3),
        [Method(name="QuantC", role="proposed", category=q), Method(name="AWQ", category=q)],
        outperforms=[("QuantC outperforms AWQ on LLaMA-2-7B at 3 bits with 1.8x higher throughput.",
                      {"method": "QuantC", "baseline": "AWQ", "bits": 3, "model": "LLaMA-2-7B"})],
        claims=[("QuantC outperforms AWQ on LLaMA-2-7B at 3 bits with 1.8x higher throughput.",
                 {"method": "QuantC", "baseline": "AWQ", "kind": "throughput", "value": 1.8, "unit": "x",
                  "direction": "better", "bits": 3, "model": "LLaMA-2-7B"})],
        models=["LLaMA-2-7B"], categories=[q]))
    f = ("DraftFast drafts tokens with a tiny model. DraftFast achieves a 2.8x speedup on Vicuna-7B "
         "over autoregressive decoding on MT-Bench.")
    out.append(_record(
        "2402.00006", "DraftFast: speculative decoding made simple", f, date(2024, 2, 8),
        [Method(name="DraftFast", role="proposed", category="speculative-decoding")],
        claims=[("DraftFast achieves a 2.8x speedup on Vicuna-7B over autoregressive decoding on MT-Bench.",
                 {"method": "DraftFast", "kind": "speedup", "value": 2.8, "unit": "x", "direction": "better",
                  "model": "Vicuna-7B", "dataset": "MT-Bench"})],
        datasets=["MT-Bench"], models=["Vicuna-7B"], categories=["speculative-decoding"]))
    g = ("KVTiny compresses the KV cache to 2 bits. On LongBench KVTiny cuts cache memory by 5.3x "
         "with Mistral-7B.")
    out.append(_record(
        "2407.00007", "KVTiny: a two-bit KV cache", g, date(2024, 7, 11),
        [Method(name="KVTiny", role="proposed", category="kv-cache")],
        claims=[("On LongBench KVTiny cuts cache memory by 5.3x with Mistral-7B.",
                 {"method": "KVTiny", "kind": "memory", "value": 5.3, "unit": "x", "direction": "better",
                  "bits": 2, "model": "Mistral-7B", "dataset": "LongBench"})],
        datasets=["LongBench"], models=["Mistral-7B"], categories=["kv-cache"]))
    h = "GPTQ quantizes GPT models one layer at a time using second-order information."
    out.append(_record(
        "2210.17323", "GPTQ: accurate post-training quantization for generative transformers", h,
        date(2022, 10, 31), [Method(name="GPTQ", aliases=["OPTQ"], role="proposed", category=q)],
        categories=[q]))
    return out


GPTQ_QUESTION = "which quantization methods beat GPTQ at 2 bits"
GPTQ_WINNERS = {"QuantA", "QuantB"}
