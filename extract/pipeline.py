"""Build the spaCy pipeline once and turn papers into Extractions.

Pipeline: `spacy.blank("en")` + `claimgraph_sentences` + `claimgraph_mentions`.

Contract for the extractors that run on the finished Doc (claims.py, compare.py):
- The doc text is `Paper.text` = `title + "\\n" + abstract`; every offset indexes it.
- Sentences: the title is its own sentence; the abstract splits at '.', '!' or '?'
  followed by a capitalised word, never after "e.g.", "i.e.", "et al.", "vs.", inside
  decimals, or at arXiv's hard line breaks.
- `doc.spans["method"]`, `["dataset"]`, `["model"]`, `["metric"]`, `["hardware"]` hold every
  mention as a Span whose `label_` is the canonical display name, the same string the
  Extraction carries ("GPTQ" for "OPTQ", "LLaMA-2-7B" for "Llama 2 7B"); spans never
  overlap within or across groups. `doc.spans["proposed"]` repeats the method mentions
  this paper proposes.
- `doc.user_data["claimgraph"]` = {"aliases": {group: {name: [alias...]}},
  "categories": {method name: category}} (plain, msgpack-serialisable).
- `doctext.doc_text(doc)` returns the text without rebuilding it (`Doc.text` joins all
  tokens on every call); the Extractor stores it in `doc.user_data[doctext.TEXT_KEY]`.
`extract_doc` is pure: the same text gives the same Extraction.

Several processes: `Extractor.extract_many(processes=N)` hands batches of papers to N
worker processes (parallel.py, shared with ingest), each with its own pipeline; the
workers return Extractions (Docs never cross a process boundary), at most a few batches
are in flight, and results keep the input order. spaCy's own `nlp.pipe(n_process=N)`
ships every Doc back through to_bytes/from_bytes, which costs more than extracting an
abstract: measured here, two processes that way ran four times slower than one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.attrs import LOWER, NORM
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.schema import Extraction, Paper

from . import categories, claims, compare, datasets, methods, metrics, models
from . import mentions as _mentions  # noqa: F401  (registers claimgraph_mentions)
from . import sentences as _sentences  # noqa: F401  (registers claimgraph_sentences)
from .doctext import TEXT_KEY

_LEX_ATTRS = frozenset({LOWER, NORM})
_PLAIN_CASE = re.compile(r"[A-Za-z0-9']+")


def build_pipeline() -> Language:
    nlp = spacy.blank("en")
    # Every word the vocab has not seen runs ~20 Python lexical-attribute functions
    # (shape, like_num, like_url, is_stop...) once; nothing here reads them. Only the
    # lower case (the LOWER PhraseMatcher) and the norm are kept: new words, which a large
    # corpus keeps bringing, cost about half as much. Tokenisation itself is unchanged.
    nlp.vocab.lex_attr_getters = {k: v for k, v in nlp.vocab.lex_attr_getters.items() if k in _LEX_ATTRS}
    # A sentence-final period after a size or version ("OPT-66B.", "ImageNet-1K.") stays
    # glued to the token in spaCy's English rules; split it so names match at sentence ends.
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=[0-9][A-Za-z])\.$"]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    # spaCy applies special cases that contain punctuation ("e.g.", "Dr.", ":)") in a final
    # matcher pass over every token, which costs twice the rest of tokenisation. Nothing
    # here reads those tokens: sentences and claims work on characters and know their
    # abbreviations. Plain-word cases ("don't", "can't") are cheap lookups and stay.
    nlp.tokenizer.rules = {k: v for k, v in nlp.tokenizer.rules.items() if _PLAIN_CASE.fullmatch(k)}
    nlp.add_pipe("claimgraph_sentences")
    nlp.add_pipe("claimgraph_mentions")
    return nlp


def extract_doc(doc: Doc, paper_id: str) -> Extraction:
    found_methods = methods.find(doc)
    return Extraction(
        id=paper_id,
        methods=found_methods,
        datasets=datasets.find(doc),
        models=models.find(doc),
        metrics=metrics.find(doc),
        categories=categories.find(doc, found_methods),
        claims=claims.find(doc, found_methods),
        outperforms=compare.find(doc, found_methods),
    )


# spaCy's vocab keeps every string it has seen: over a long ingest (new names, numbers,
# URLs in every abstract) it grew a process by 40 MB per 25,000 papers, and the 1M-paper
# ingest's processes to 1.1 GB. Once it holds this many strings the pipeline is rebuilt
# (0.2 s; the fresh one holds ~6k); no extraction depends on what the vocab saw before.
# At 400k a worker still peaked at 250 MB; 100k holds it near 150 MB for one rebuild per
# ~25k papers.
VOCAB_LIMIT = 100_000


class Extractor:
    """Holds one pipeline; `extract_many` streams papers through it in batches."""

    def __init__(self, nlp: Language | None = None, vocab_limit: int | None = VOCAB_LIMIT):
        self.nlp = nlp or build_pipeline()
        # a pipeline handed in is the caller's to keep; only our own is renewed
        self.vocab_limit = vocab_limit if nlp is None else None
        self.renewals = 0

    def doc(self, text: str) -> Doc:
        """Run the pipeline on one text, handing it the original string: `Doc.text`
        rebuilds it from the tokens at a cost a tenth of tokenising."""
        if self.vocab_limit is not None and len(self.nlp.vocab.strings) > self.vocab_limit:
            self.nlp = build_pipeline()
            self.renewals += 1
        doc = self.nlp.make_doc(text)
        doc.user_data[TEXT_KEY] = text
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        return doc

    def extract(self, paper: Paper) -> Extraction:
        return extract_doc(self.doc(paper.text), paper.id)

    def extract_many(self, papers: Iterable[Paper], processes: int = 1,
                     batch_size: int = 64) -> Iterator[Extraction]:
        if processes <= 1:
            for p in papers:
                yield extract_doc(self.doc(p.text), p.id)
            return
        # Docs never cross the process boundary; see parallel.py (shared with ingest).
        from .parallel import extract_parallel

        yield from extract_parallel(papers, processes, extractor=self, chunk_size=batch_size)

