"""Datasets mentioned in the text (stub; being built)."""
from spacy.tokens import Doc
from claimgraph.schema import Dataset


def find(doc: Doc) -> list[Dataset]:
    return []
