"""Methods: lexicon hits plus patterns for names never seen before (stub; being built)."""
from spacy.tokens import Doc
from claimgraph.schema import Method


def find(doc: Doc) -> list[Method]:
    return []
