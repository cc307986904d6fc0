"""Datasets and benchmarks: lexicon names with aliases, new benchmarks a paper introduces."""

from __future__ import annotations

import pytest

from claimgraph.extract.pipeline import Extractor
from claimgraph.schema import Paper


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def datasets(ex, abstract, title="Notes"):
    return {d.name: d for d in ex.extract(Paper(id="t", title=title, abstract=abstract)).datasets}


def test_lexicon_names_and_aliases(ex):
    got = datasets(ex, "Perplexity on WikiText2 and C4, accuracy on ImageNet-1K, GSM8k and MMLU.")
    assert {"WikiText-2", "C4", "ImageNet", "GSM8K", "MMLU"} <= set(got)
    assert "ImageNet-1K" in got["ImageNet"].aliases


def test_case_sensitive_dataset_names(ex):
    assert "MATH" in datasets(ex, "We report scores on MATH and HumanEval.")
    assert "MATH" not in datasets(ex, "The math behind it is simple.")
    assert "C4" not in datasets(ex, "c4 is a plastic explosive, not a corpus.")


def test_new_benchmark_is_a_dataset_not_a_method(ex):
    paper = Paper(id="t", title="Notes", abstract="We introduce OtterBench, a new benchmark of 500 long documents.")
    got = Extractor().extract(paper)
    assert "OtterBench" in {d.name for d in got.datasets}
    assert "OtterBench" not in {m.name for m in got.methods}


def test_benchmark_in_the_title(ex):
    got = datasets(ex, "OwlBench covers twelve tasks.", title="OwlBench: A Benchmark for Sparse Models")
    assert "OwlBench" in got
