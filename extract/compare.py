"""Outperforms relations between named methods (stub; being built)."""
from spacy.tokens import Doc
from claimgraph.schema import Method, Outperforms


def find(doc: Doc, methods: list[Method]) -> list[Outperforms]:
    return []
