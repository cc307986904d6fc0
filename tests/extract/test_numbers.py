"""numbers.py: unit-bearing numbers in hand-written phrases, with exact spans."""

import pytest

from claimgraph.extract.numbers import bare_numbers, find_quantities


def one(text):
    qs = find_quantities(text)
    assert len(qs) == 1, [(text[q.start:q.end], q.value) for q in qs]
    q = qs[0]
    assert q.start < q.end and text[q.start:q.end].strip() == text[q.start:q.end]
    return q


@pytest.mark.parametrize("text,value,unit", [
    ("a 2.4x speedup", 2.4, "x"),
    ("a 2.4× speedup", 2.4, "x"),
    ("a 2.4X speedup", 2.4, "x"),
    ("up to 5x faster", 5, "x"),
    ("3 times faster", 3, "x"),
    ("a 3-fold reduction", 3, "x"),
    ("runs 2-3x faster", 3, "x"),
    ("runs 2x–3x faster", 3, "x"),
    ("from 3x to 10x", 10, "x"),
    ("1.5~1.8x faster", 1.8, "x"),
    ("\\textbf{1.12$\\times$--1.16$\\times$} faster", 1.16, "x"),
    ("a $2\\times$ speedup", 2, "x"),
    ("a 5.3$\\times$ smaller file", 5.3, "x"),
    ("up to $\\mathbf{2.7\\times}$ faster", 2.7, "x"),
    ("a $\\sim20\\times$ size cut", 20, "x"),
    ("$\\times$3.2 faster", 3.2, "x"),
    ("cuts memory by 40%", 40, "%"),
    ("cuts memory by 40 %", 40, "%"),
    ("cuts memory by 40\\%", 40, "%"),
    ("cuts memory by 40 percent", 40, "%"),
    ("between 20% and up to 30%", 30, "%"),
    ("saves $4-7\\%$ of cost", 7, "%"),
    ("gains +1.5%p in accuracy", 1.5, "points"),
    ("gains 2.5 percentage points", 2.5, "points"),
    ("gains 3.2 points", 3.2, "points"),
    ("uses 12 GB of memory", 12, "GB"),
    ("fits in 300MB", 300, "MB"),
    ("answers in 45 ms", 45, "ms"),
    ("takes 8 seconds", 8, "s"),
    ("decodes 120 tokens/s", 120, "tokens/s"),
    ("needs 3.5 GFLOPs", 3.5, "FLOPs"),
    ("runs at 30 FPS", 30, "other"),
    ("from 12.0 GB to 3.0 GB", 3.0, "GB"),
    ("accuracy goes 51.0% -> 55.5%", 55.5, "%"),
])
def test_units_and_values(text, value, unit):
    q = one(text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit


@pytest.mark.parametrize("text,value", [
    ("an order of magnitude faster", 10),
    ("two orders of magnitude less memory", 100),
    ("half the cost", 2),
    ("cuts the latency by half", 2),
    ("twice as fast", 2),
    ("doubles the throughput", 2),
    ("a threefold saving", 3),
    ("at one-third the size", 3),
    ("with 1/8 the parameters", 8),
])
def test_word_multipliers(text, value):
    q = one(text)
    assert q.unit == "x" and q.value == value


@pytest.mark.parametrize("text", [
    "we quantize LLaMA-2-7B and OPT-13B",
    "a W4A16 kernel on an A100",
    "2:4 structured sparsity",
    "a batch size of 32 and 7B models",
    "trained for 3 epochs in 2023",
    "3x3 convolutions",
    "orders of magnitude faster",  # no count: a manner of speaking
    "half of the errors",
    "super-resolution (x4) results",
    "about 7 x 10^5 tokens",
    "100,000 points sampled",
    "ImageNet-$64\\times 64$ images",
    "with double buffering",
    "ResNet-50 on CIFAR-100",
])
def test_names_and_setup_numbers_are_not_quantities(text):
    assert find_quantities(text) == []


def test_range_span_covers_both_ends_and_takes_upper_bound():
    text = "speeds up decoding by 1.3-2.4x overall"
    q = one(text)
    assert text[q.start:q.end] == "1.3-2.4x"
    assert q.is_range and q.value == 2.4


def test_sign_is_kept():
    text = "accuracy (+3.5%) and perplexity"
    q = one(text)
    assert q.signed == "+" and text[q.start:q.end] == "+3.5%"


def test_bare_scores_after_metric_names():
    text = "It reaches a perplexity of 5.47 and F1 scores of .81, .83, and .79."
    found = [(v, m) for _, _, v, m, _ in bare_numbers(text)]
    assert (5.47, "perplexity") in found
    assert [v for v, m in found if m == "F1"] == [0.81, 0.83, 0.79]


def test_bare_score_before_abbreviation_and_from_to():
    assert [(v, m) for _, _, v, m, _ in bare_numbers("the model gets 41.2 AP on val")] == [(41.2, "AP")]
    assert [v for _, _, v, _, _ in bare_numbers("FID from 12.1 to 9.4 overall")] == [9.4]
