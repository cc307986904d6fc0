"""claims.py over hand-written abstracts, built through the real pipeline."""

import pytest

from claimgraph.extract import claims
from claimgraph.extract.pipeline import build_pipeline
from claimgraph.schema import Method

NLP = build_pipeline()
METHODS = [Method(name="FooQuant", role="proposed"), Method(name="GPTQ"), Method(name="AWQ"),
           Method(name="SmoothQuant"), Method(name="QuaRot")]


def run(abstract, title="FooQuant: a quantizer", methods=METHODS):
    text = f"{title}\n{abstract}"
    doc = NLP(text)
    found = claims.find(doc, methods)
    for c in found:
        assert text[c.start:c.end] == c.evidence  # offsets are exact
        assert c.start <= c.end
    return found


def only(found):
    assert len(found) == 1, [(c.value, c.kind, c.evidence) for c in found]
    return found[0]


def test_speedup_over_named_baseline_with_setting():
    c = only(run("We propose FooQuant. FooQuant achieves a 2.4x speedup over GPTQ on an A100 GPU with 4-bit weights."))
    assert (c.kind, c.value, c.unit, c.direction) == ("speedup", 2.4, "x", "better")
    assert (c.method, c.baseline, c.bits) == ("FooQuant", "GPTQ", 4)
    assert "A100" in c.hardware
    assert "2.4x" in c.evidence and len(c.evidence) < 60


@pytest.mark.parametrize("sentence,baseline", [
    ("FooQuant is 2.4× faster than AWQ.", "AWQ"),
    ("FooQuant gives a 2.4x speedup compared with SmoothQuant.", "SmoothQuant"),
    ("FooQuant gives a 2.4x speedup compared to SmoothQuant.", "SmoothQuant"),
    ("FooQuant gives a 2.4x speedup vs. QuaRot.", "QuaRot"),
    ("FooQuant gives a 2.4x speedup relative to QuaRot.", "QuaRot"),
    ("FooQuant outperforms GPTQ by 2.4x in speed.", "GPTQ"),
    ("FooQuant gives a 2.4x speedup over the strong baseline.", None),
])
def test_baseline_phrasings(sentence, baseline):
    c = only(run("We propose FooQuant. " + sentence))
    assert c.value == 2.4 and c.kind == "speedup"
    assert c.baseline == baseline


@pytest.mark.parametrize("sentence,kind,value,unit", [
    ("It reduces memory by 40%.", "memory", 40, "%"),
    ("It delivers up to 5x higher throughput.", "throughput", 5, "x"),
    ("It runs 2-3x faster.", "speedup", 3, "x"),
    ("It runs 2x–3x faster.", "speedup", 3, "x"),
    ("It uses an order of magnitude less energy.", "energy", 10, "x"),
    ("It needs half the compute.", "cost", 2, "x"),
    ("It improves accuracy by 3.2 points.", "accuracy", 3.2, "points"),
    ("It improves accuracy by +1.5%p.", "accuracy", 1.5, "points"),
    ("It gives a $2\\times$ speedup.", "speedup", 2, "x"),
    ("It needs 40\\% fewer FLOPs.", "cost", 40, "%"),
    ("It is 3 times faster.", "speedup", 3, "x"),
    ("It lowers perplexity by 0.8 points.", "perplexity", 0.8, "points"),
    ("It cuts latency by 35%.", "latency", 35, "%"),
    ("It shrinks the model size by 4x.", "compression", 4, "x"),
    ("It reaches 120 tokens/s.", "throughput", 120, "tokens/s"),
    ("It reaches a perplexity of 5.47.", "perplexity", 5.47, "other"),
])
def test_kinds_and_units(sentence, kind, value, unit):
    c = only(run("We propose FooQuant. " + sentence))
    assert (c.kind, c.value, c.unit) == (kind, value, unit)
    assert c.method == "FooQuant"


def test_direction_conventions():
    found = run("We propose FooQuant. FooQuant retains 98% of the original accuracy. "
                "It reaches 71.5% top-1 accuracy. It reduces memory by 3x.")
    by_value = {c.value: c for c in found}
    assert by_value[98].direction == "worse"
    assert by_value[71.5].direction is None and by_value[71.5].kind == "accuracy"
    assert by_value[3].direction == "better"


def test_bits_forms():
    found = run("We propose FooQuant. With W4A16 it is 2x faster; with INT8 it is 3x faster; "
                "at 3/4-bit it is 4x smaller.")
    assert {c.value: c.bits for c in found} == {2: 4, 3: 8, 4: 3}


@pytest.mark.parametrize("sentence,hw", [
    ("It runs 2x faster on an H100.", "H100"),
    ("It runs 2x faster on CPU.", "CPU"),
    ("It runs 2x faster on mobile devices.", "mobile devices"),
])
def test_hardware(sentence, hw):
    assert only(run("We propose FooQuant. " + sentence)).hardware == hw


def test_setup_numbers_are_not_claims():
    found = run("We propose FooQuant. We train 7B models with batch size 32 on 8x A100 GPUs "
                "at 50% sparsity for 3 epochs in 2024, using 2:4 patterns and 4-bit weights.")
    assert found == []


def test_background_figures_before_the_contribution_are_skipped():
    found = run("Large models need 350 GB of memory and prior methods lose 10% accuracy. "
                "We propose FooQuant, which cuts memory by 4x.")
    assert [c.value for c in found] == [4]


def test_unnamed_proposal_has_null_method():
    c = only(run("We propose a new quantizer that reduces latency by 30%.", title="A quantizer", methods=[]))
    assert c.method is None and c.kind == "latency"


def test_baseline_value_after_vs_is_not_a_claim():
    found = run("We propose FooQuant. FooQuant reaches 71.4% vs. 67.0% accuracy for GPTQ.")
    assert [c.value for c in found] == [71.4]


def test_list_of_numbers_shares_kind_and_baseline():
    found = run("We propose FooQuant. It improves accuracy by 1.2% and 3.4% over AWQ.")
    assert [(c.value, c.kind, c.baseline) for c in found] == [(1.2, "accuracy", "AWQ"), (3.4, "accuracy", "AWQ")]


def test_subject_method_in_sentence_wins_over_headline():
    methods = METHODS + [Method(name="BarCache", role="proposed")]
    found = run("We propose FooQuant and BarCache. BarCache reduces KV cache memory by 4x.", methods=methods)
    assert only(found).method == "BarCache"


def test_no_digits_no_claims():
    assert run("We propose FooQuant, a simple method.") == []
