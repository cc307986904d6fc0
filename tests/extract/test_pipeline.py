"""The pipeline contract: sentences, span groups, user_data, several processes."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimgraph.extract.pipeline import Extractor, build_pipeline, extract_doc
from claimgraph.schema import Paper

TITLE = "QuokkaQuant: Three-bit Weights"
ABSTRACT = ("We propose QuokkaQuant, which rounds weights e.g. to 3 bits, as in Smith et al. for GPTQ vs. AWQ. "
            "It keeps 99.5% of the accuracy\nof Llama 2 7B on WikiText-2. It beats OPTQ by 2.4x on an A100.")


@pytest.fixture(scope="module")
def ex():
    return Extractor()


@pytest.fixture(scope="module")
def doc(ex):
    return ex.doc(Paper(id="t", title=TITLE, abstract=ABSTRACT).text)


def test_sentences_title_abbreviations_decimals_and_line_breaks(doc):
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == TITLE
    assert sents[1].startswith("We propose") and sents[1].endswith("vs. AWQ.")
    assert sents[2] == "It keeps 99.5% of the accuracy\nof Llama 2 7B on WikiText-2."
    assert len(sents) == 4


def test_span_groups_carry_canonical_names_and_offsets(doc):
    text = Paper(id="t", title=TITLE, abstract=ABSTRACT).text
    methods = {(s.label_, s.text) for s in doc.spans["method"]}
    assert ("GPTQ", "OPTQ") in methods and ("GPTQ", "GPTQ") in methods and ("AWQ", "AWQ") in methods
    assert [(s.label_, s.text) for s in doc.spans["model"]] == [("LLaMA-2-7B", "Llama 2 7B")]
    assert {s.label_ for s in doc.spans["dataset"]} == {"WikiText-2"}
    assert {s.label_ for s in doc.spans["hardware"]} == {"A100"}
    assert {s.label_ for s in doc.spans["proposed"]} == {"QuokkaQuant"}
    for group in ("method", "dataset", "model", "metric", "proposed"):
        for s in doc.spans[group]:
            assert text[s.start_char:s.end_char] == s.text


def test_spans_never_overlap_across_groups(doc):
    taken = set()
    for group in ("method", "dataset", "model", "metric", "hardware"):
        for s in doc.spans[group]:
            toks = set(range(s.start, s.end))
            assert not toks & taken
            taken |= toks


def test_doc_round_trips_through_bytes(doc):
    again = Doc(Vocab()).from_bytes(doc.to_bytes())
    assert [s.label_ for s in again.spans["method"]] == [s.label_ for s in doc.spans["method"]]
    assert again.user_data["claimgraph"] == doc.user_data["claimgraph"]


def test_extract_doc_is_pure(ex):
    text = Paper(id="t", title=TITLE, abstract=ABSTRACT).text
    assert extract_doc(ex.doc(text), "t") == extract_doc(ex.doc(text), "t")
    # A Doc made by nlp() directly (no text handed over) gives the same result.
    assert extract_doc(build_pipeline()(text), "t") == extract_doc(ex.doc(text), "t")


def test_two_processes_give_the_same_extractions(ex):
    papers = [Paper(id=f"p{i}", title=f"Model{i}Net: fast {i}", abstract=ABSTRACT.replace("QuokkaQuant", f"Model{i}Net"))
              for i in range(12)]
    one = list(ex.extract_many(papers, processes=1))
    two = list(ex.extract_many(papers, processes=2, batch_size=4))
    assert [e.id for e in two] == [p.id for p in papers]
    assert one == two
    assert any(m.role == "proposed" and m.name == "Model3Net" for m in two[3].methods)


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_PIECES = st.sampled_from([
    "We propose ", "ZapNet", " (ZN)", ", a novel ", "Llama 2 7B", "GPTQ", " outperforms ", "(", ")", ":", "\n",
    "e.g. ", "2.4x", "$2\\times$", "\\textbf{", "}", " ", ".", "-", "LoRA-based", "ImageNet-1K", "ü", "Ω", "\u200b",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(max_size=40), parts=st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40))
def test_any_text_extracts_without_crashing(ex, title, parts):
    paper = Paper(id="fuzz", title=title, abstract="".join(parts))
    doc = ex.doc(paper.text)
    for group in ("method", "dataset", "model", "metric", "hardware", "proposed"):
        for s in doc.spans[group]:
            assert paper.text[s.start_char:s.end_char] == s.text and s.label_
    extraction = extract_doc(doc, paper.id)
    assert extraction.id == "fuzz"


def test_names_broken_by_a_hard_line_break_are_found(ex):
    doc = ex.doc(Paper(id="t", title="T", abstract="We test on Tiny\nImageNet and report top-1\naccuracy.").text)
    assert {s.label_ for s in doc.spans["dataset"]} == {"Tiny ImageNet"}
    assert {s.label_ for s in doc.spans["metric"]} == {"top-1 accuracy"}


def test_tokenizer_keeps_word_special_cases_and_splits_final_periods():
    nlp = build_pipeline()
    words = [t.text for t in nlp.make_doc("We don't prune OPT-66B. Sparsity, e.g. 2:4, helps :)")]
    assert words[:3] == ["We", "do", "n't"]  # plain-word special cases still apply
    assert "OPT-66B" in words and words[words.index("OPT-66B") + 1] == "."
    # punctuation special cases are dropped (their matcher pass cost twice the rest of
    # tokenisation); the text is still covered exactly
    assert "e.g." not in nlp.tokenizer.rules and ":)" not in nlp.tokenizer.rules
    assert "don't" in nlp.tokenizer.rules
    assert "".join(t.text_with_ws for t in nlp.make_doc("e.g. Dr. Smith :)")) == "e.g. Dr. Smith :)"


def test_pipeline_is_renewed_when_its_vocab_grows_and_output_does_not_change():
    papers = [Paper(id=f"p{i}", title=f"Zorblax{i}: Faster Widgets",
                    abstract=f"We propose Zorblax{i}, which is 2.{i}x faster than GPTQ on LLaMA-2-7B at 4 bits.")
              for i in range(6)]
    plain = [e.model_dump() for e in Extractor(vocab_limit=None).extract_many(papers)]
    small = Extractor(vocab_limit=len(build_pipeline().vocab.strings) + 5)
    first = small.nlp
    renewed = [e.model_dump() for e in small.extract_many(papers)]
    assert small.renewals >= 2 and small.nlp is not first
    assert renewed == plain
    handed = build_pipeline()
    assert Extractor(handed).vocab_limit is None  # a caller's pipeline is never swapped out
