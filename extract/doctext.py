"""The document's text, computed once per Doc.

`Doc.text` rebuilds the string from its tokens on every call (about as costly as a tenth
of tokenising the abstract), and every extractor needs it. The first pipeline component
stores it in `doc.user_data[TEXT_KEY]`; `doc_text(doc)` returns it (or computes it for a
Doc made without the pipeline).
"""
from spacy.tokens import Doc

TEXT_KEY = "claimgraph_text"


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text
