"""compare.py: outperforms pairs between NAMED methods, from hand-written abstracts."""

import pytest

from claimgraph.extract import compare
from claimgraph.extract.pipeline import build_pipeline
from claimgraph.schema import Method

NLP = build_pipeline()
METHODS = [Method(name="FooQuant", role="proposed"), Method(name="GPTQ"), Method(name="AWQ"),
           Method(name="SmoothQuant"), Method(name="LoRA"), Method(name="Adam")]


def pairs(abstract, methods=METHODS):
    text = f"FooQuant: a quantizer\n{abstract}"
    found = compare.find(NLP(text), methods)
    for o in found:
        assert text[o.start:o.end] == o.evidence
    return {(o.method, o.baseline, o.bits) for o in found}


def test_outperforms_list_with_bits():
    assert pairs("We propose FooQuant. FooQuant outperforms GPTQ and AWQ at 3-bit.") == {
        ("FooQuant", "GPTQ", 3), ("FooQuant", "AWQ", 3)}


@pytest.mark.parametrize("sentence", [
    "Our method is 2x faster than SmoothQuant.",
    "FooQuant surpasses SmoothQuant on all tasks.",
    "It beats SmoothQuant everywhere.",
    "Experiments show large gains, outperforming SmoothQuant.",
    "Compared to SmoothQuant, FooQuant uses less memory.",
    "FooQuant achieves a 2x speedup over SmoothQuant.",
])
def test_win_phrasings(sentence):
    assert pairs("We propose FooQuant. " + sentence) == {("FooQuant", "SmoothQuant", None)}


@pytest.mark.parametrize("sentence", [
    "FooQuant outperforms state-of-the-art methods.",
    "FooQuant surpasses the baselines by 3%.",
    "FooQuant does not outperform GPTQ on small models.",
    "FooQuant is compatible with LoRA and Adam.",
])
def test_no_named_win(sentence):
    assert pairs("We propose FooQuant. " + sentence) == set()


def test_named_subject_other_than_proposal():
    assert ("LoRA", "Adam", None) in pairs("We propose FooQuant. In our study, LoRA outperforms Adam, and FooQuant helps.")


def test_background_win_before_contribution_is_skipped():
    assert pairs("LoRA outperforms Adam on many tasks. We propose FooQuant, which beats GPTQ.") == {
        ("FooQuant", "GPTQ", None)}


def test_names_in_brackets_after_their_family():
    assert pairs("We propose FooQuant. FooQuant outperforms rounding (GPTQ), scaling (AWQ), and "
                 "smoothing (SmoothQuant) methods.") == {
        ("FooQuant", "GPTQ", None), ("FooQuant", "AWQ", None), ("FooQuant", "SmoothQuant", None)}


def test_named_examples_after_a_family():
    assert pairs("We propose FooQuant. FooQuant gains 9% over popular quantizers, e.g., GPTQ and AWQ.") == {
        ("FooQuant", "GPTQ", None), ("FooQuant", "AWQ", None)}


def test_a_name_used_as_a_family_is_not_a_beaten_method():
    methods = METHODS + [Method(name="VQ")]
    assert pairs("We propose FooQuant. FooQuant outperforms previous VQ algorithms on all tasks.", methods) == set()
    assert pairs("We propose FooQuant. FooQuant outperforms VQ on all tasks.", methods) == {("FooQuant", "VQ", None)}


def test_claim_without_direction_shares_the_sentence_gain():
    methods = METHODS + [Method(name="ZipGate")]
    got = pairs("We propose FooQuant. FooQuant gives a 13% improvement in accuracy over GPTQ, "
                "and up to 9% over prior gates e.g., ZipGate.", methods)
    assert ("FooQuant", "GPTQ", None) in got
