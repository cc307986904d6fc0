"""Datasets: every mention in doc.spans["dataset"] (lexicon names and patterns), one per canonical name."""
from spacy.tokens import Doc

from claimgraph.schema import Dataset

from .entities import grouped


def find(doc: Doc) -> list[Dataset]:
    return [Dataset(name=name, aliases=aliases) for name, aliases in grouped(doc, "dataset")]
