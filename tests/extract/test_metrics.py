"""Metrics: named measures; common words count only beside a stated result."""

from __future__ import annotations

import pytest

from claimgraph.extract.pipeline import Extractor
from claimgraph.schema import Paper


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def metrics(ex, abstract):
    return {m.name: m for m in ex.extract(Paper(id="t", title="Notes", abstract=abstract)).metrics}


def test_named_metrics(ex):
    got = metrics(ex, "We report perplexity, top-1 accuracy, BLEU and F1 score.")
    assert {"perplexity", "top-1 accuracy", "BLEU", "F1"} <= set(got)
    assert "accuracy" not in got  # the longer name wins inside "top-1 accuracy"


def test_aliases_fold_into_one_metric(ex):
    got = metrics(ex, "PPL drops, and perplexity stays low.")
    assert list(got) == ["perplexity"] and "PPL" in got["perplexity"].aliases


def test_common_words_need_a_result_nearby(ex):
    assert "memory" not in metrics(ex, "Memory is a central topic of cognitive science.")
    assert "memory" in metrics(ex, "It cuts memory by 3.2x on long inputs.")
    assert "precision" not in metrics(ex, "Mixed precision makes training cheaper.")
