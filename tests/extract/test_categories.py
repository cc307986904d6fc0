"""Paper categories from keyword evidence, weighted toward the contribution."""

from __future__ import annotations

import pytest

from claimgraph.extract import categories
from claimgraph.extract.pipeline import Extractor
from claimgraph.schema import CATEGORIES, Paper


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def cats(ex, title, abstract):
    return ex.extract(Paper(id="t", title=title, abstract=abstract)).categories


def test_quantization_paper(ex):
    got = cats(ex, "LowBit: 2-bit Weight Quantization for LLMs",
               "We propose LowBit, a post-training quantization method that keeps 2-bit weights accurate.")
    assert got[0] == "quantization"


def test_kv_cache_and_speculative_decoding(ex):
    got = cats(ex, "Speculative decoding with a compressed KV cache",
               "We propose to compress the KV cache of the draft model used in speculative decoding; "
               "the key-value cache shrinks 4x and speculative drafts are accepted more often.")
    assert {"kv-cache", "speculative-decoding"} <= set(got)


def test_no_efficiency_evidence_is_not_efficiency(ex):
    assert cats(ex, "Birds of the northern coast", "We count gulls on three beaches over two summers.") == [
        "not-efficiency"]


def test_all_categories_come_from_the_closed_list(ex):
    got = cats(ex, "Pruning and distillation of federated models",
               "We propose to prune and distill the models of federated clients; pruning removes heads, "
               "distillation recovers accuracy, and federated training keeps data local.")
    assert set(got) <= set(CATEGORIES)
    assert {"pruning", "distillation", "federated"} <= set(got)


def test_guess_category_for_a_method_definition():
    assert categories.guess_category("Structured Sparse Pruning: removes attention heads") == "pruning"
    assert categories.guess_category("a gull census") is None
