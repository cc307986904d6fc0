"""Name resolution: folding, aliases, model-name canonical forms, acronym expansions."""

from __future__ import annotations

import pytest

from claimgraph.extract import acronyms
from claimgraph.extract.lexicon import Entry
from claimgraph.extract.resolve import Resolver, default_resolver, merge_aliases, model_name, model_tail
from claimgraph.schema import Method


def test_known_aliases_map_to_the_lexicon_name():
    r = default_resolver()
    assert r.canonical("methods", "OPTQ") == "GPTQ"
    assert r.canonical("methods", "optq") == "GPTQ"
    assert r.canonical("datasets", "ImageNet-1k") == "ImageNet"
    assert r.canonical("datasets", "Wikitext 2") == "WikiText-2"
    assert r.canonical("methods", "Never Heard Of It") == "Never Heard Of It"
    assert r.kind_of("HellaSwag") == "datasets"


def test_resolver_over_custom_entries():
    r = Resolver({"methods": [Entry("methods", "APB", ("Automatic Prune Binarization",))]})
    assert r.canonical("methods", "automatic-prune binarization") == "APB"


LLAMA = Entry("models", "LLaMA", ("Llama",), family=True, join="-")
QWEN = Entry("models", "Qwen", family=True, join="")


@pytest.mark.parametrize("family,text,expected", [
    (LLAMA, "Llama 2 7B was", "LLaMA-2-7B"),
    (LLAMA, "LLaMA2-7B-chat", "LLaMA-2-7B-chat"),
    (LLAMA, "Llama-3.1-8B-Instruct,", "LLaMA-3.1-8B-Instruct"),
    (QWEN, "Qwen2.5-7B-Instruct.", "Qwen2.5-7B-Instruct"),
    (QWEN, "Qwen 2.5 with", "Qwen2.5"),
])
def test_model_names_are_canonical(family, text, expected):
    parts, end = model_tail(text, 5 if family is LLAMA else 4)  # offset just past the family name
    assert model_name(family, parts) == expected


def test_a_space_only_joins_sizes_and_a_first_version():
    gpt = Entry("models", "GPT", family=True)
    parts, end = model_tail("GPT-2 on 8 GPUs", 3)
    assert model_name(gpt, parts) == "GPT-2"
    assert end == len("GPT-2")


@pytest.mark.parametrize("text,short,long", [
    ("we study Automatic Prune Binarization (APB) here", "APB", "Automatic Prune Binarization"),
    ("with Structured Sparse Fine-Tuning (S2FT) we", "S2FT", "Structured Sparse Fine-Tuning"),
    ("we propose FOON-X (Fast Output Optimised Network eXtension) to", "FOON-X",
     "Fast Output Optimised Network eXtension"),
    ("a new Block Sparse Attention framework (BSA) that", "BSA", "Block Sparse Attention"),
])
def test_acronym_definitions_link_to_expansions(text, short, long):
    found = acronyms.find(text)
    assert [(a.short, a.long) for a in found] == [(short, long)]
    a = found[0]
    assert text[a.short_start:a.short_end] == short and text[a.long_start:a.long_end] == long


def test_parentheses_that_are_no_acronym_are_ignored():
    assert acronyms.find("accuracy improves (see Table 2) and latency drops (by 40%)") == []


def test_merge_aliases_across_papers():
    one = Method(name="APB", aliases=["Automatic Prune Binarization"])
    two = Method(name="Automatic Prune Binarization")
    table = merge_aliases([one, two])
    assert table["apb"] == table["automaticprunebinarization"] == "APB"
