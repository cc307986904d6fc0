"""Sentence boundaries for `title + "\\n" + abstract` documents.

spaCy's rule sentencizer splits on every '.' token, which breaks "et al." and "vs."
and never sees the title (it has no final period). Boundaries here come from one regex
over the text, then are written in one vectorised `from_array` call:
- the title is its own sentence (the first newline ends it);
- '.', '!' or '?' then whitespace then an upper-case letter, digit, quote or bracket ends
  a sentence, unless the word before the period is a known abbreviation;
- other line breaks (arXiv hard-wraps abstracts) never split, nor do decimals ("2.4").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .doctext import TEXT_KEY

# Words that end with a period without ending the sentence.
ABBREVIATIONS = frozenset("""
e.g i.e et al vs cf fig figs eq eqs sec secs tab approx resp etc. no nos ref refs
dr prof mr mrs ms st viz incl ca w.r.t w.r.t. a.k.a c.f e.t.c
""".split())

# Opens with the end mark itself (not a lookbehind) so the engine can skip to candidates.
_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)\.[\"')\]]*$")


def boundaries(text: str) -> list[int]:
    """Character offsets where sentences start (always including 0 when text is non-empty)."""
    starts = [0] if text else []
    nl = text.find("\n")
    if nl >= 0:
        rest = nl + 1
        while rest < len(text) and text[rest].isspace():
            rest += 1
        if rest < len(text):
            starts.append(rest)
    for m in _END.finditer(text):
        before = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start() + 1)
        if before and before.group(1).lower().rstrip(".") in ABBREVIATIONS:
            continue
        if m.end() < len(text):
            starts.append(m.end())
    return sorted(set(starts))


@Language.component("claimgraph_sentences")
def set_sentences(doc: Doc) -> Doc:
    n = len(doc)
    text = doc.user_data.get(TEXT_KEY)
    if text is None:  # the Extractor sets it from the paper; Doc.text is costly to rebuild
        text = doc.user_data[TEXT_KEY] = doc.text
    if not n:
        return doc
    # Mark only the starts: with no parser in the pipeline, spaCy reads every unmarked
    # token as inside the current sentence. Marking all tokens costs more than tokenising.
    doc[0].is_sent_start = True
    for start in boundaries(text)[1:]:
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    # spaCy counts boundaries as set only when a token after the first is marked; a
    # one-sentence doc would otherwise raise E030 on `doc.sents`.
    if n > 1 and doc[1].is_sent_start is None:
        doc[1].is_sent_start = False
    return doc
