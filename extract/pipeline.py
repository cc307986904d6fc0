"""Build the spaCy pipeline once and turn papers into Extractions.

The pipeline is `spacy.blank("en")` + a sentence splitter + rule components. Entity
components leave their mentions in `doc.spans[...]` groups (label_ = canonical name),
so later components (claims, comparisons) read mentions rather than re-finding them.
`extract_doc` is pure: the same text gives the same Extraction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.schema import Extraction, Paper

from . import categories, claims, compare, datasets, methods, metrics, models


def build_pipeline() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
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


class Extractor:
    """Holds one pipeline; `extract_many` streams papers through it in batches."""

    def __init__(self, nlp: Language | None = None):
        self.nlp = nlp or build_pipeline()

    def extract(self, paper: Paper) -> Extraction:
        return extract_doc(self.nlp(paper.text), paper.id)

    def extract_many(self, papers: Iterable[Paper], processes: int = 1,
                     batch_size: int = 64) -> Iterator[Extraction]:
        pairs = ((p.text, p.id) for p in papers)
        for doc, pid in self.nlp.pipe(pairs, as_tuples=True, n_process=processes, batch_size=batch_size):
            yield extract_doc(doc, pid)
