"""Shared reading of one span group: canonical names in first-mention order, with aliases."""
from spacy.tokens import Doc

from claimgraph.schema import fold

from .mentions import USER_KEY


def grouped(doc: Doc, key: str) -> list[tuple[str, list[str]]]:
    """[(name, aliases)] for doc.spans[key]; aliases = acronym expansions + other spellings."""
    if key not in doc.spans:
        return []
    declared = doc.user_data.get(USER_KEY, {}).get("aliases", {}).get(key, {})
    order: dict[str, list[str]] = {}
    folded: dict[str, set[str]] = {}
    for span in sorted(doc.spans[key], key=lambda s: s.start):
        name = span.label_
        if name not in order:
            order[name] = []
            folded[name] = {fold(name)}
            for alias in declared.get(name, []):
                if fold(alias) not in folded[name]:
                    folded[name].add(fold(alias))
                    order[name].append(alias)
        surface = " ".join(span.text.split())
        f = fold(surface)
        if f and f not in folded[name]:
            folded[name].add(f)
            order[name].append(surface)
    return list(order.items())
