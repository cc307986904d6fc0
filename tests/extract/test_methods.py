"""Methods: lexicon names, names the lexicon never saw, roles, aliases, categories."""

from __future__ import annotations

import pytest

from claimgraph.extract.pipeline import Extractor
from claimgraph.schema import Paper


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def methods(ex, title, abstract):
    out = ex.extract(Paper(id="t", title=title, abstract=abstract)).methods
    return {m.name: m for m in out}


def proposed(ex, title, abstract):
    return {n for n, m in methods(ex, title, abstract).items() if m.role == "proposed"}


def test_title_prefix_names_the_proposed_method(ex):
    got = methods(ex, "ZapNorm: Fast Normalisation for Tiny Networks",
                  "ZapNorm replaces layer statistics with running sums. It beats GPTQ on speed.")
    assert got["ZapNorm"].role == "proposed"
    assert got["GPTQ"].role == "other" and got["GPTQ"].category == "quantization"


def test_title_prefix_that_is_not_a_name_is_ignored(ex):
    assert proposed(ex, "Rethinking Normalisation: A Study", "We study normalisation in small networks.") == set()


@pytest.mark.parametrize("sentence,name", [
    ("We propose QuokkaQuant, which shrinks weights to 3 bits.", "QuokkaQuant"),
    ("In this paper we introduce HeronKV to evict cache entries.", "HeronKV"),
    ("This work presents TurboMerge, a token merging scheme.", "TurboMerge"),
    ("We design a simple pruning method, dubbed SnipSnap, for vision models.", "SnipSnap"),
    ("We present a new optimiser called Wombat that needs no tuning.", "Wombat"),
    ("Here, we develop GlideLoRA, a novel adapter for long contexts.", "GlideLoRA"),
])
def test_proposal_phrasings(ex, sentence, name):
    assert name in proposed(ex, "A study of efficient models", sentence)


def test_acronym_definition_gives_name_and_alias(ex):
    got = methods(ex, "Binary networks at scale",
                  "We propose Automatic Prune Binarization (APB), which prunes and binarises weights.")
    assert got["APB"].role == "proposed"
    assert "Automatic Prune Binarization" in got["APB"].aliases
    assert got["APB"].category == "quantization"


def test_apposition_with_novel(ex):
    got = proposed(ex, "Fast decoding", "PelicanSpec, a novel speculative decoding system, drafts four tokens.")
    assert "PelicanSpec" in got


def test_known_alias_maps_to_canonical_name(ex):
    got = methods(ex, "On rounding", "We compare with OPTQ and with SmoothQuant on small models.")
    assert "GPTQ" in got and "OPTQ" in got["GPTQ"].aliases
    assert got["SmoothQuant"].role == "other"


def test_baselines_in_comparisons_are_other_methods(ex):
    got = methods(ex, "Sparse training",
                  "We propose SproutNet. SproutNet outperforms FooPrune and BarKD on every task.")
    assert got["SproutNet"].role == "proposed"
    assert got["FooPrune"].role == "other" and got["BarKD"].role == "other"


def test_generic_families_and_adjectives_are_not_methods(ex):
    got = methods(ex, "Compression notes",
                  "We propose a LUT-based kernel. Post-training quantization (PTQ) and large language "
                  "models (LLMs) are studied with knowledge distillation (KD).")
    assert not {"LUT-based", "PTQ", "LLMs", "LLM", "KD"} & set(got)


def test_a_lexicon_name_glued_into_a_longer_name_is_not_matched(ex):
    got = methods(ex, "Retrieval", "We propose Q-RAG for question answering.")
    assert "Q-RAG" in got and "RAG" not in got


def test_case_sensitive_names_need_their_spelling(ex):
    assert "Adam" in methods(ex, "Optimisers", "We train with Adam and SGD.")
    assert "Adam" not in methods(ex, "Names", "adam is a common first name in the data.")


def test_leading_words_and_urls_are_not_part_of_names(ex):
    got = methods(ex, "GullNet: Counting Birds Fast",
                  "We present GullNet, a tiny counter. In GullNet, a gate drops empty frames. "
                  "Code: https://github.com/someone/GullNet")
    assert set(got) == {"GullNet"}
    assert got["GullNet"].aliases == []


def test_named_parts_of_the_proposal(ex):
    got = proposed(ex, "Owl: sparse vision",
                   "We propose Owl. Owl relies on two contributions: (1) Hoot Token Gating (HTG), which drops "
                   "tokens, and (2) Feather Merging (FeM), which merges heads.")
    assert {"Owl", "HTG", "FeM"} <= got


def test_position_papers_and_site_names_are_not_methods(ex):
    got = methods(ex, "Position: Efficiency Needs Shared Benchmarks",
                  "We argue that efficiency work needs shared benchmarks. Code is on GitHub, a public site.")
    assert got == {}


def test_proposing_participle_names_the_proposed_method(ex):
    got = proposed(ex, "Compact Codes for Small Networks",
                   "This paper studies codebooks, proposing a Sparse Residual Code Mixing (SR^2CM) method "
                   "that shrinks weights. SR^2CM keeps accuracy.")
    assert "SR^2CM" in got


def test_passive_dubbed_and_namely_name_this_papers_parts(ex):
    got = proposed(ex, "Training Sparse Nets on Chips",
                   "At the algorithm level, a two-way pruning method, dubbed TWP, is proposed to cut work. "
                   "At the hardware level, a small training chip, namely ZAP, is developed to run it. "
                   "Prior chips, namely TPU-like arrays, were compared.")
    assert {"TWP", "ZAP"} <= got


def test_namely_without_a_proposal_is_not_ours(ex):
    got = methods(ex, "Comparing Quantizers",
                  "We compare two baselines, namely GPTQ and AWQ, on small models.")
    assert not any(m.role == "proposed" for m in got.values())


def test_acronym_with_an_alternative_short_form_uses_the_one_the_text_uses(ex):
    got = methods(ex, "Fast Subset Training",
                  "We introduce an approach called Random Batch Subset Selection (RBSS or RBS3). "
                  "RBS3 trains on a new subset each epoch. RBS3 is simple.")
    assert "RBS3" in got and got["RBS3"].role == "proposed"
    assert "Random Batch Subset Selection" in got["RBS3"].aliases


def test_digit_in_an_acronym_can_stand_for_a_number_word(ex):
    got = proposed(ex, "Prune Once: Cheap Sparse Training",
                   "We prune a single time, at the start: prune once (P1). P1 networks train fast.")
    assert "P1" in got


def test_the_proposed_hyphenated_name_keeps_its_head_noun(ex):
    got = methods(ex, "A Faster Merge Sort",
                  "The proposed Single-Scan algorithm merges runs in one sweep. "
                  "The Single-Scan algorithm outperforms the classic Double-Scan algorithm by 20%.")
    assert got["Single-Scan algorithm"].role == "proposed"
    assert got["Double-Scan algorithm"].role == "other"


def test_described_baseline_before_its_name_is_found(ex):
    got = methods(ex, "QuickIdx: Graph Indexes",
                  "We propose QuickIdx. QuickIdx is 3x faster than the strong ANN system VectorHive at equal recall.")
    assert got["VectorHive"].role == "other"


def test_title_case_phrase_beaten_by_this_work_is_a_method(ex):
    got = methods(ex, "RankCut: Cheap Rank Selection",
                  "We propose RankCut. RankCut is 5x faster than Spectral Rank Search on all layers.")
    assert got["Spectral Rank Search"].role == "other"


def test_name_before_a_plural_family_noun_is_not_a_method(ex):
    got = methods(ex, "RankCut: Cheap Rank Selection",
                  "We propose RankCut. RankCut outperforms its Many-Shot counterparts on all layers.")
    assert "Many-Shot" not in got


def test_variant_of_the_proposed_name_is_proposed(ex):
    got = methods(ex, "RankCut: Cheap Rank Selection",
                  "We propose RankCut. RankCut++ (RankCut with refitting) outperforms ZipRank on all layers.")
    assert got["RankCut"].role == "proposed"
    assert got["RankCut++"].role == "proposed"
    assert got["ZipRank"].role == "other"


def test_weight_matching_acronym_is_an_existing_method(ex):
    got = methods(ex, "On Merging Networks",
                  "Earlier work used parameter matching (PM) to align units. We study when PM beats STE.")
    assert got["PM"].role == "other"


def test_examples_in_a_comparison_are_named_baselines(ex):
    r = ex.extract(Paper(id="t", title="GateX: Learned Routers",
                         abstract="We propose GateX. GateX is 2x faster than popular routers, e.g., Greedy routing, "
                                  "SwitchGate and Top-k. It is faster than methods such as This search."))
    got = {m.name: m.role for m in r.methods}
    assert got.get("Greedy routing") == "other" and got.get("Top-k") == "other" and got.get("SwitchGate") == "other"
    assert "This search" not in got
    assert ("GateX", "Greedy routing") in {(o.method, o.baseline) for o in r.outperforms}


def test_list_of_beaten_names_keeps_its_last_item(ex):
    got = methods(ex, "ZipKV: Cache Codes",
                  "We propose ZipKV. ZipKV outperforms prior works such as KVZ, TinyKV, and QC under 2-bit settings.")
    assert {"KVZ", "TinyKV", "QC"} <= set(got)


def test_title_case_after_than_in_the_title_is_no_method(ex):
    got = methods(ex, "Better Than Two Heads: Merging Attention",
                  "We merge attention heads. Merged heads are faster than Split Heads Routing here.")
    assert "Two Heads" not in got
    assert "Split Heads Routing" in got


def test_the_proposed_benchmark_is_not_a_method(ex):
    r = ex.extract(Paper(id="t", title="FooEdit: Fast Image Editing",
                         abstract="We present FooEdit. Experiments on the proposed FooEdit-Bench show large gains. "
                                  "The proposed ZapSet dataset has 1,000 images."))
    assert {m.name for m in r.methods if m.role == "proposed"} == {"FooEdit"}


def test_name_after_its_kind_in_a_proposal(ex):
    got = proposed(ex, "Fast Diffusion Serving",
                   "We co-design an inference engine Zephyrine that fuses kernels to cut memory traffic.")
    assert "Zephyrine" in got


def test_our_name_before_a_noun_qualifies_it(ex):
    got = proposed(ex, "ZORRO: Sparse Kernels on Accelerators",
                   "We map the kernels to a custom chip. Our SpMM kernel can achieve 3x speedup. "
                   "Our ZORRO method is simple.")
    assert "SpMM" not in got and "ZORRO" in got


def test_our_coined_library_is_ours(ex):
    got = proposed(ex, "Reading Receipts",
                   "We build data with our ReceiptForge library and fine-tune a small reader on it.")
    assert "ReceiptForge" in got
