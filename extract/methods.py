"""Methods: every mention in doc.spans["method"], one Method per canonical name.

Role is "proposed" for names in doc.spans["proposed"]; the category comes from the
lexicon, else from the words around the name's definition (mentions.py); aliases are the
acronym expansions and the other spellings the text used ("OPTQ" for GPTQ).
"""
from spacy.tokens import Doc

from claimgraph.schema import Method

from .entities import grouped
from .mentions import USER_KEY
from .resolve import default_resolver


def find(doc: Doc) -> list[Method]:
    resolver = default_resolver()
    proposed = {s.label_ for s in doc.spans.get("proposed", [])}
    info = doc.user_data.get(USER_KEY, {})
    inferred = info.get("categories", {})
    out = []
    for name, aliases in grouped(doc, "method"):
        entry = resolver.entry("methods", name)
        category = entry.category if entry is not None and entry.name == name else inferred.get(name)
        out.append(Method(name=name, aliases=aliases, role="proposed" if name in proposed else "other",
                          category=category))
    # Proposed first: the paper's own contribution leads its extraction.
    out.sort(key=lambda m: m.role != "proposed")
    return out
