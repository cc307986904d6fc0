"""The Ask page's question reader: common shapes, many phrasings, and what it must not guess."""

from datetime import date

import pytest

from claimgraph.app.questions import EXAMPLES, Filters, Vocabulary, parse

TODAY = date(2026, 6, 15)


def filters(q: str, vocab: Vocabulary | None = None) -> dict:
    u = parse(q, vocab, today=TODAY)
    assert u.understood, (q, u.message)
    return u.filters.model_dump(exclude_none=True)


@pytest.mark.parametrize("q", [
    "which quantization methods beat GPTQ at 2 bits",
    "Which quantization methods beat GPTQ at 2 bits?",
    "which quantisation methods outperform GPTQ at 2-bit",
    "quantization methods better than GPTQ with 2 bit weights",
    "what quantization techniques surpass GPTQ in 2-bit",
    "  which   QUANTIZATION methods beat gptq at 2 bits ",
])
def test_gptq_question_phrasings(q):
    f = filters(q)
    assert f["intent"] == "beats"
    assert f["baseline"].lower() == "gptq"
    assert f["category"] == "quantization"
    assert f["bits"] == 2


def test_the_five_issue_questions():
    got = [filters(q) for q in EXAMPLES]
    assert got[1] == {"intent": "claims", "category": "speculative-decoding", "kind": "speedup"}
    assert got[2] == {"intent": "datasets", "category": "kv-cache"}
    assert got[3] == {"intent": "beats", "baseline": "AWQ", "model": "LLaMA-2-7B"}
    assert got[4] == {"intent": "papers", "category": "pruning", "since": date(2024, 1, 1)}


@pytest.mark.parametrize("q,expected", [
    ("what beats AWQ on WikiText-2", {"baseline": "AWQ", "dataset": "WikiText-2"}),
    ("methods that outperform SmoothQuant on Llama 2 7B", {"baseline": "SmoothQuant", "model": "Llama 2 7B"}),
    ("what improves on OmniQuant on Mistral-7B at W4A16", {"baseline": "OmniQuant", "model": "Mistral-7B", "bits": 4}),
    ("GPTQ vs AWQ", {"method": "GPTQ", "baseline": "AWQ"}),
    ("does QuIP# beat GPTQ at 2 bits", {"method": "QuIP#", "baseline": "GPTQ", "bits": 2}),
    ("what does SpQR beat", {"method": "SpQR"}),
    ("INT8 methods faster than LLM.int8() on A100", {"baseline": "LLM.int8()", "bits": 8, "hardware": "A100"}),
])
def test_beats_settings(q, expected):
    f = filters(q)
    assert f.pop("intent") == "beats"
    assert f == expected


@pytest.mark.parametrize("q,kind", [
    ("what speedups are reported for speculative decoding", "speedup"),
    ("how much faster is speculative decoding", "speedup"),
    ("throughput claims for speculative sampling", "throughput"),
    ("latency results of speculative decoding", "latency"),
    ("memory savings reported for speculative decoding", "memory"),
])
def test_claim_kinds(q, kind):
    f = filters(q)
    assert f["kind"] == kind and f["category"] == "speculative-decoding"
    assert f["intent"] == "claims"


@pytest.mark.parametrize("q,cat", [
    ("which datasets do KV cache papers use", "kv-cache"),
    ("datasets used by key-value cache papers", "kv-cache"),
    ("what benchmarks do pruning papers evaluate on", "pruning"),
    ("datasets in mixture of experts papers", "mixture-of-experts"),
    ("which datasets do MoE papers use", "mixture-of-experts"),
])
def test_datasets_intent(q, cat):
    assert filters(q) == {"intent": "datasets", "category": cat}


@pytest.mark.parametrize("q,since,until", [
    ("papers proposing pruning methods since 2024", date(2024, 1, 1), None),
    ("pruning papers after 2023", date(2024, 1, 1), None),
    ("pruning papers from March 2024", date(2024, 3, 1), None),
    ("pruning papers since 2024-06", date(2024, 6, 1), None),
    ("pruning papers before 2025", None, date(2024, 12, 31)),
    ("pruning papers in 2024", date(2024, 1, 1), date(2024, 12, 31)),
    ("pruning papers between 2023 and 2024", date(2023, 1, 1), date(2024, 12, 31)),
    ("pruning papers this year", date(2026, 1, 1), None),
    ("pruning papers last year", date(2025, 1, 1), date(2025, 12, 31)),
])
def test_dates(q, since, until):
    f = filters(q)
    assert f["intent"] == "papers" and f["category"] == "pruning"
    assert f.get("since") == since and f.get("until") == until
    assert "bits" not in f  # a year is never a bit-width


def test_vocabulary_resolves_aliases_and_settings():
    vocab = Vocabulary.build(
        methods=[("GPTQ", ["Generative Pre-trained Transformer Quantization"]), ("Medusa", [])],
        models=[("LLaMA-2-7B", ["Llama 2 7B"])],
        datasets=[("WikiText-2", ["wikitext2"])],
    )
    assert filters("which methods beat gptq on llama 2 7b", vocab)["baseline"] == "GPTQ"
    assert filters("which methods beat gptq on llama 2 7b", vocab)["model"] == "LLaMA-2-7B"
    assert filters("what beats GPTQ on wikitext2", vocab)["dataset"] == "WikiText-2"
    # a lowercase known method name is found anywhere in the question
    assert filters("speedups of medusa", vocab)["method"] == "Medusa"


@pytest.mark.parametrize("q", [
    "", "   ", "?", "hello there", "what is the meaning of life", "asdf qwerty",
    "which methods beat state-of-the-art", "tell me something", "12345",
    "'; DROP TABLE papers; --", "MATCH (n) DETACH DELETE n",
])
def test_unparseable_questions_give_a_hint_not_a_guess(q):
    u = parse(q, today=TODAY)
    assert not u.understood
    assert u.filters.is_empty()
    assert "Try for example" in u.message


def test_precision_over_recall_lowercase_words_are_not_names():
    f = filters("what speedups are reported for decoding things")
    assert "method" not in f and f["kind"] == "speedup"


def test_url_round_trip():
    u = parse("which quantization methods beat GPTQ at 2 bits since 2024", today=TODAY)
    params = u.filters.to_params()
    assert params == {"intent": "beats", "baseline": "GPTQ", "category": "quantization",
                      "bits": "2", "since": "2024-01-01"}
    back, problems = Filters.from_params(params)
    assert back == u.filters and problems == []


def test_bad_url_values_are_dropped_and_reported():
    back, problems = Filters.from_params({"bits": "many", "category": "cooking", "baseline": "GPTQ",
                                          "since": "yesterday", "intent": "nonsense"})
    assert back == Filters(baseline="GPTQ")
    assert len(problems) == 4 and any("bits" in p for p in problems)
