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
    # the entity components' hardware lexicon may name it canonically ("mobile")
    found = only(run("We propose FooQuant. " + sentence)).hardware
    assert found is not None and found.split()[0].lower() == hw.split()[0].lower()


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


def test_bracketed_figure_restates_the_one_before():
    found = run("We propose FooQuant. It compresses the model from 14.0 GB to 3.5 GB (4x).")
    assert [(c.value, c.kind) for c in found] == [(3.5, "compression"), (4, "compression")]


def test_reference_figures_are_the_baselines():
    found = run("We propose FooQuant. It reaches 91.0% and 88.5% success rates, close to the FP16 references of 92.0% and 89.0%.")
    assert sorted(c.value for c in found) == [88.5, 91.0]


def test_bracketed_baseline_figures_in_a_list_are_skipped():
    found = run("We propose FooQuant. FooQuant reaches 60.5% accuracy, outperforming GPTQ (52.0%), plain rounding (48.0%), and AWQ (55.0%).")
    assert [c.value for c in found] == [60.5]
    assert found[0].baseline == "GPTQ"


def test_improves_by_without_outcome_word_reads_accuracy():
    c = only(run("We propose FooQuant. FooQuant improves the strongest prior approach by 6.4%."))
    assert (c.kind, c.value, c.direction) == ("accuracy", 6.4, "better")


def test_figure_without_outcome_word_continues_the_sentence():
    found = run("We propose FooQuant. Accuracy rises from 34% to 50% on the small model and from 58.5% to 69.5% on the large one.")
    assert [(c.value, c.kind) for c in found] == [(50, "accuracy"), (69.5, "accuracy")]


def test_compound_outcome_words_keep_their_head():
    found = run("We propose FooQuant. It cuts the memory cost by 18x and gives 3.6x higher energy efficiency.")
    assert [(c.value, c.kind) for c in found] == [(18, "memory"), (3.6, "energy")]


def test_device_memory_and_counts_are_setup():
    assert run("We propose FooQuant. It fits on a single 24GB GPU and we use 4x H100 nodes; "
               "the A100 80GB runs it too.") == []


def test_respectively_one_baseline_per_figure():
    found = run("We propose FooQuant. FooQuant outperforms GPTQ and AWQ by 1.4x and 1.7x in speed.")
    assert [(c.value, c.baseline) for c in found] == [(1.4, "GPTQ"), (1.7, "AWQ")]


def test_keeping_few_tokens_is_a_saving_and_hedged_baseline_figure_is_skipped():
    found = run("We propose FooQuant. It keeps 96.0% accuracy while retaining only 30% of visual tokens, "
                "compared with about 94.0% for token merging.")
    by_value = {c.value: c for c in found}
    assert sorted(by_value) == [30, 96.0]
    assert by_value[30].kind == "compression" and by_value[30].direction == "better"
    assert by_value[96.0].direction == "worse"


def test_error_reduction_direction_is_better():
    c = only(run("We propose FooQuant. FooQuant reduces the median error by 58.6% relative to the baseline."))
    assert (c.kind, c.direction) == ("accuracy", "better")


def test_figure_after_over_the_is_the_baselines():
    found = run("We propose FooQuant. It tunes only 1-6% of the parameters, an improvement over the 40-55% needed by full tuning.")
    assert [c.value for c in found] == [6]


def test_board_memory_is_setup():
    assert run("We propose FooQuant. We deploy it on a Jetson Orin Nano 8 GB board.") == []


def test_pairs_with_slash_and_fractional_multipliers_before_gpu():
    found = run("We propose FooQuant. It reaches 43x/31x compression factors and needs ~0.6x GPU memory.")
    assert [(c.value, c.kind) for c in found] == [(43, "compression"), (31, "compression"), (0.6, "memory")]


def test_pruned_weights_read_compression():
    c = only(run("We propose FooQuant. FooQuant removes 90% of the weights in ResNet-50."))
    assert (c.kind, c.value) == ("compression", 90)


def test_data_set_sizes_in_brackets_are_setup():
    found = run("We propose FooQuant. On enwik8 (100 MB) and alice29 (Canterbury Corpus, 152 KB), "
                "FooQuant is 3.1x faster than GPTQ.")
    assert [(c.value, c.kind, c.baseline) for c in found] == [(3.1, "speedup", "GPTQ")]


def test_faster_heads_its_phrase_and_no_drop_is_not_a_loss():
    found = run("We propose FooQuant. It gives ~7x faster single-token decode, and an 8x KV-cache "
                "compression with no drop in accuracy.")
    assert [(c.value, c.kind, c.direction) for c in found] == [(7, "speedup", "better"), (8, "compression", "better")]
