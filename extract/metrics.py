"""Metrics mentioned in the text (stub; being built)."""
from spacy.tokens import Doc
from claimgraph.schema import Metric


def find(doc: Doc) -> list[Metric]:
    return []
