"""Quantitative claims with their evidence spans (stub; being built)."""
from spacy.tokens import Doc
from claimgraph.schema import Claim, Method


def find(doc: Doc, methods: list[Method]) -> list[Claim]:
    return []
