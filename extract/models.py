"""Models: every mention in doc.spans["model"] (lexicon names and patterns), one per canonical name."""
from spacy.tokens import Doc

from claimgraph.schema import Model

from .entities import grouped


def find(doc: Doc) -> list[Model]:
    return [Model(name=name, aliases=aliases) for name, aliases in grouped(doc, "model")]
