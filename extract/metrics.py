"""Metrics: every mention in doc.spans["metric"] (lexicon names and patterns), one per canonical name."""
from spacy.tokens import Doc

from claimgraph.schema import Metric

from .entities import grouped


def find(doc: Doc) -> list[Metric]:
    return [Metric(name=name, aliases=aliases) for name, aliases in grouped(doc, "metric")]
