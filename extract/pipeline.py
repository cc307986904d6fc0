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

Several processes: `Extractor.extract_many(processes=N)` runs spaCy's `nlp.pipe(n_process=N)`
on a pipeline that ends with `claimgraph_extraction`, so the whole extraction happens in
the workers and only a plain dict per paper comes back in `doc.user_data`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.schema import Extraction, Paper

from . import categories, claims, compare, datasets, methods, metrics, models
from .doctext import TEXT_KEY
from . import mentions as _mentions  # noqa: F401  (registers claimgraph_mentions)
from . import sentences as _sentences  # noqa: F401  (registers claimgraph_sentences)

RESULT_KEY = "claimgraph_extraction"


def build_pipeline(in_pipeline_extraction: bool = False) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("claimgraph_sentences")
    nlp.add_pipe("claimgraph_mentions")
    if in_pipeline_extraction:
        nlp.add_pipe("claimgraph_extraction")
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


@Language.component("claimgraph_extraction")
def _extraction_component(doc: Doc) -> Doc:
    """Run the whole extraction inside the pipeline (used by worker processes)."""
    doc.user_data[RESULT_KEY] = extract_doc(doc, "-").model_dump(mode="json", exclude={"id"})
    doc.user_data.pop(TEXT_KEY, None)  # the parent process has the text; don't ship it back
    return doc


def _from_result(doc: Doc, paper_id: str) -> Extraction:
    data = dict(doc.user_data[RESULT_KEY])
    data["id"] = paper_id
    # computed fields (ids) come back in the dump; the models recompute them.
    for key in ("methods", "datasets", "models", "metrics"):
        data[key] = [{k: v for k, v in item.items() if k != "id"} for item in data.get(key, [])]
    return Extraction.model_validate(data)


class Extractor:
    """Holds one pipeline; `extract_many` streams papers through it in batches."""

    def __init__(self, nlp: Language | None = None):
        self.nlp = nlp or build_pipeline()
        self._parallel_nlp: Language | None = None

    def doc(self, text: str) -> Doc:
        """Run the pipeline on one text, handing it the original string: `Doc.text`
        rebuilds it from the tokens at a cost a tenth of tokenising."""
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
        pairs = ((p.text, p.id) for p in papers)
        if self._parallel_nlp is None:
            self._parallel_nlp = build_pipeline(in_pipeline_extraction=True)
        for doc, pid in self._parallel_nlp.pipe(pairs, as_tuples=True, n_process=processes,
                                                batch_size=batch_size):
            yield _from_result(doc, pid)
