"""Claims and comparisons never crash and always keep exact evidence offsets, whatever the text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.extract import claims, compare
from claimgraph.extract.numbers import scan
from claimgraph.schema import Method
import spacy

# A bare tokenizer + rule sentencizer: this file tests claims/compare alone, with no
# entity spans, so only their own code meets the odd inputs.
NLP = spacy.blank("en")
NLP.add_pipe("sentencizer")
METHODS = [Method(name="FooQuant", role="proposed"), Method(name="GPTQ")]

# Pieces that exercise the parser's edges, mixed with arbitrary Unicode.
PIECES = st.sampled_from([
    "2.4x", "$2\\times$", "40\\%", "+1.5%p", "2-3x", "2x–3x", "an order of magnitude", "half the",
    " over GPTQ", " than FooQuant", "FooQuant", "(", ")", "$", "\\mathbf{", "}", " vs. ", "İ", "ß", "ﬁ",
    "1/0", "10^5", "x", "×", "%", ".", ",", " by ", "reduces memory", "W4A16", "A100", "\n",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_any_text(abstract):
    text = "FooQuant: a title\n" + abstract
    doc = NLP(text)
    for c in claims.find(doc, METHODS):
        assert text[c.start:c.end] == c.evidence
    for o in compare.find(doc, METHODS):
        assert o.start is None or text[o.start:o.end] == o.evidence
    qs, bare = scan(text)
    for q in qs:
        assert 0 <= q.start < q.end <= len(text)


def test_long_abstract_stays_linear():
    # a 300 kB abstract of repeated claims: per-number work must not grow with the text
    # (a quadratic scan took minutes here); the CLI test covers the 1 MB case end to end
    text = "FooQuant: t\n" + "We propose FooQuant. It is 2.4x faster than GPTQ and cuts memory by 40%. " * 4000
    doc = NLP(text)
    found = claims.find(doc, METHODS)
    assert len(found) == 2 * 4000
    assert {(c.kind, c.baseline) for c in found} == {("speedup", "GPTQ"), ("memory", None)}
