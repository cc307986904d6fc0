"""Hand-written PaperRecords for store tests (no corpus text): a small quantization /
KV-cache / speculative-decoding world with known answers.

- 2401.00001 proposes QuIP-Lite (quantization): beats GPTQ at 2 bits on WikiText-2 /
  LLaMA-2-7B with perplexity 6.1, and beats AWQ at 3 bits.
- 2401.00002 proposes FlatQuant-X (quantization): beats GPTQ (written "OPTQ", an alias)
  at 2 bits; a 2.3x speedup claim.
- 2402.00003 proposes KVZip-Test (kv-cache): 4.0x memory reduction, mentions GPTQ; no
  outperforms edge.
- 2403.00004 proposes SpecFast (speculative-decoding): 2.5x speedup over autoregressive
  decoding; claims GPTQ beats QuIP-Lite at 4 bits (it reverses 00001 only at
  a different bit width, so not a contradiction in the same setting).
- 2403.00005 claims AWQ beats QuIP-Lite at 3 bits: with 00001 (QuIP-Lite beats AWQ at 3
  bits) that is a contradiction in the same setting.
"""

from __future__ import annotations

from datetime import date

from claimgraph.schema import (
    Claim, Dataset, Extraction, Method, Metric, Model, Outperforms, Paper, PaperRecord,
)


def _paper(pid: str, title: str, abstract: str, published: date, authors: list[str]) -> Paper:
    return Paper(id=pid, version=1, title=title, abstract=abstract, authors=authors,
                 published=published, updated=published, categories=["cs.LG"],
                 source="test", url=f"https://arxiv.org/abs/{pid}")


def _span(paper: Paper, sentence: str) -> tuple[int, int]:
    start = paper.text.index(sentence)
    return start, start + len(sentence)


def records() -> list[PaperRecord]:
    out = []

    p = _paper("2401.00001", "QuIP-Lite: 2-bit quantization",
               "We propose QuIP-Lite. At 2 bits QuIP-Lite reaches 6.1 perplexity on WikiText-2 "
               "with LLaMA-2-7B, outperforming GPTQ. At 3 bits QuIP-Lite beats AWQ.",
               date(2024, 1, 10), ["Ada Lovelace", "Alan Turing"])
    s1 = "At 2 bits QuIP-Lite reaches 6.1 perplexity on WikiText-2 with LLaMA-2-7B, outperforming GPTQ."
    s2 = "At 3 bits QuIP-Lite beats AWQ."
    a1, b1 = _span(p, s1)
    a2, b2 = _span(p, s2)
    out.append(PaperRecord(paper=p, extraction=Extraction(
        id=p.id,
        methods=[Method(name="QuIP-Lite", role="proposed", category="quantization"),
                 Method(name="GPTQ", aliases=["OPTQ"], category="quantization"),
                 Method(name="AWQ", category="quantization")],
        datasets=[Dataset(name="WikiText-2")], models=[Model(name="LLaMA-2-7B")],
        metrics=[Metric(name="perplexity")], categories=["quantization"],
        claims=[Claim(method="QuIP-Lite", baseline="GPTQ", kind="perplexity", value=6.1,
                      unit="points", direction="better", bits=2, model="LLaMA-2-7B",
                      dataset="WikiText-2", metric="perplexity", evidence=s1, start=a1, end=b1)],
        outperforms=[Outperforms(method="QuIP-Lite", baseline="GPTQ", bits=2, dataset="WikiText-2",
                                 model="LLaMA-2-7B", evidence=s1, start=a1, end=b1),
                     Outperforms(method="QuIP-Lite", baseline="AWQ", bits=3, evidence=s2,
                                 start=a2, end=b2)],
    )))

    p = _paper("2401.00002", "FlatQuant-X", "FlatQuant-X beats OPTQ at 2 bits. "
               "It gives a 2.3x speedup.", date(2024, 1, 20), ["Alan Turing"])
    s1, s2 = "FlatQuant-X beats OPTQ at 2 bits.", "It gives a 2.3x speedup."
    a1, b1 = _span(p, s1)
    a2, b2 = _span(p, s2)
    out.append(PaperRecord(paper=p, extraction=Extraction(
        id=p.id,
        methods=[Method(name="FlatQuant-X", role="proposed", category="quantization"),
                 Method(name="GPTQ", aliases=["OPTQ"], category="quantization")],
        categories=["quantization"],
        claims=[Claim(method="FlatQuant-X", kind="speedup", value=2.3, unit="x",
                      direction="better", evidence=s2, start=a2, end=b2)],
        outperforms=[Outperforms(method="FlatQuant-X", baseline="OPTQ", bits=2, evidence=s1,
                                 start=a1, end=b1)],
    )))

    p = _paper("2402.00003", "KVZip-Test", "KVZip-Test cuts KV cache memory by 4.0x. "
               "Unlike GPTQ it needs no calibration.", date(2024, 2, 5), ["Grace Hopper"])
    s1 = "KVZip-Test cuts KV cache memory by 4.0x."
    a1, b1 = _span(p, s1)
    out.append(PaperRecord(paper=p, extraction=Extraction(
        id=p.id,
        methods=[Method(name="KVZip-Test", role="proposed", category="kv-cache"),
                 Method(name="GPTQ", category="quantization")],
        datasets=[Dataset(name="LongBench")], categories=["kv-cache"],
        claims=[Claim(method="KVZip-Test", kind="memory", value=4.0, unit="x", direction="better",
                      evidence=s1, start=a1, end=b1)],
    )))

    p = _paper("2403.00004", "SpecFast", "SpecFast gives a 2.5x speedup over autoregressive "
               "decoding. GPTQ beats QuIP-Lite at 4 bits in our runs.", date(2024, 3, 1),
               ["Grace Hopper", "Ada Lovelace"])
    s1 = "SpecFast gives a 2.5x speedup over autoregressive decoding."
    s2 = "GPTQ beats QuIP-Lite at 4 bits in our runs."
    a1, b1 = _span(p, s1)
    a2, b2 = _span(p, s2)
    out.append(PaperRecord(paper=p, extraction=Extraction(
        id=p.id,
        methods=[Method(name="SpecFast", role="proposed", category="speculative-decoding")],
        models=[Model(name="LLaMA-2-7B")], categories=["speculative-decoding"],
        claims=[Claim(method="SpecFast", baseline="autoregressive decoding", kind="speedup",
                      value=2.5, unit="x", direction="better", evidence=s1, start=a1, end=b1)],
        outperforms=[Outperforms(method="GPTQ", baseline="QuIP-Lite", bits=4, evidence=s2,
                                 start=a2, end=b2)],
    )))

    p = _paper("2403.00005", "AWQ revisited", "AWQ beats QuIP-Lite at 3 bits.",
               date(2024, 3, 15), ["Edsger Dijkstra"])
    s1 = "AWQ beats QuIP-Lite at 3 bits."
    a1, b1 = _span(p, s1)
    out.append(PaperRecord(paper=p, extraction=Extraction(
        id=p.id,
        methods=[Method(name="AWQ", category="quantization"), Method(name="QuIP-Lite")],
        categories=["quantization"],
        outperforms=[Outperforms(method="AWQ", baseline="QuIP-Lite", bits=3, evidence=s1,
                                 start=a1, end=b1)],
    )))
    return out


_BASELINES = ("GPTQ", "AWQ", "SmoothQuant", "LoRA", "H2O", "Medusa")
_CATS = ("quantization", "quantization", "peft", "kv-cache", "speculative-decoding", "pruning")


def synthetic(n: int, start: int = 0) -> list[PaperRecord]:
    """Papers start..n-1, deterministic: each proposes one method that beats one common
    baseline, with exactly 2 claims and 1 OUTPERFORMS edge (for counting tests)."""
    out = []
    for i in range(start, n):
        base = _BASELINES[i % len(_BASELINES)]
        cat = _CATS[i % len(_CATS)]
        name = f"Syn-{i}"
        bits = (2, 3, 4)[i % 3]
        s1 = f"{name} beats {base} at {bits} bits with {5 + i % 7}.1 perplexity."
        s2 = f"It is {1 + i % 4}.5x faster."
        p = Paper(id=f"9{i:04d}.{i % 100000:05d}", version=1, title=f"{name} paper",
                  abstract=f"{s1} {s2}", authors=[f"Author {i % 50}", f"Author {(i * 7) % 50}"],
                  published=date(2024, 1 + i % 12, 1 + i % 28), categories=["cs.LG"], source="synthetic")
        a1 = p.text.index(s1)
        a2 = p.text.index(s2)
        out.append(PaperRecord(paper=p, extraction=Extraction(
            id=p.id,
            methods=[Method(name=name, role="proposed", category=cat), Method(name=base)],
            categories=[cat],
            claims=[Claim(method=name, baseline=base, kind="perplexity", value=5.1 + i % 7,
                          unit="points", direction="better", bits=bits, evidence=s1, start=a1,
                          end=a1 + len(s1)),
                    Claim(method=name, kind="speedup", value=1.5 + i % 4, unit="x",
                          direction="better", evidence=s2, start=a2, end=a2 + len(s2))],
            outperforms=[Outperforms(method=name, baseline=base, bits=bits, evidence=s1,
                                     start=a1, end=a1 + len(s1))],
        )))
    return out
