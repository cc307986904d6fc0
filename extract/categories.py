"""Technique categories of the paper's contribution (stub; being built)."""
from spacy.tokens import Doc
from claimgraph.schema import Method


def find(doc: Doc, methods: list[Method]) -> list[str]:
    return []
