"""Models mentioned in the text (stub; being built)."""
from spacy.tokens import Doc
from claimgraph.schema import Model


def find(doc: Doc) -> list[Model]:
    return []
