"""Models: family + version + size patterns and lexicon checkpoints."""

from __future__ import annotations

import pytest

from claimgraph.extract.pipeline import Extractor
from claimgraph.schema import Paper, fold


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def models(ex, abstract):
    return [m.name for m in ex.extract(Paper(id="t", title="Notes", abstract=abstract)).models]


@pytest.mark.parametrize("surface,canonical", [
    ("Llama 2 7B", "LLaMA-2-7B"),
    ("LLaMA-2-70B", "LLaMA-2-70B"),
    ("Llama-3.1-8B-Instruct", "LLaMA-3.1-8B-Instruct"),
    ("OPT-66B", "OPT-66B"),
    ("OPT-1.3B", "OPT-1.3B"),
    ("Qwen2.5-7B-Instruct", "Qwen2.5-7B-Instruct"),
    ("Mixtral-8x7B", "Mixtral-8x7B"),
    ("ResNet-50", "ResNet-50"),
    ("ResNet50", "ResNet-50"),
    ("ViT-B/16", "ViT-B/16"),
    ("DeiT-S", "DeiT-S"),
    ("BERT-base", "BERT-base"),
    ("MobileNet v2", "MobileNetV2"),
    ("FLUX.1-dev", "FLUX.1-dev"),
    ("GPT-4o", "GPT-4o"),
])
def test_model_patterns(ex, surface, canonical):
    assert models(ex, f"We evaluate on {surface} in all settings.") == [canonical]


def test_spellings_of_one_checkpoint_fold_together(ex):
    got = models(ex, "We test Llama 2 7B. Results on LLaMA-2-7B and llama-2-7b agree.")
    assert len({fold(n) for n in got}) == 1


def test_bare_families_and_checkpoints_are_both_kept(ex):
    assert set(models(ex, "CLIP and its CLIP ViT-B/32 variant are compressed.")) >= {"CLIP"}
    assert "LLaMA" in models(ex, "We prune LLaMA models of all sizes.")


def test_words_that_look_like_families_are_not_models(ex):
    assert models(ex, "Users opt for BERTScore, and gemma is lower case here; the opt flag helps.") == []


def test_vision_transformer_is_a_model_not_the_transformer_method(ex):
    paper = Paper(id="t", title="Notes", abstract="A Vision Transformer (ViT) is pruned.")
    got = ex.extract(paper)
    assert [m.name for m in got.models] == ["ViT"]
    assert "Transformer" not in {m.name for m in got.methods}


def test_offsets_survive_characters_that_lower_case_into_two(ex):
    text = "İİ İstanbul: we run LLaMA-2-7B."
    doc = ex.doc(Paper(id="t", title="T", abstract=text).text)
    assert [(s.text, s.label_) for s in doc.spans["model"]] == [("LLaMA-2-7B", "LLaMA-2-7B")]
