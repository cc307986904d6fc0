"""The mention finder: one pipeline component that puts every entity mention in doc.spans.

Sources, cheapest first:
1. Lexicon names: two PhraseMatchers (LOWER for ordinary names, ORTH for names whose
   lower-case spelling is an English word: "Adam", "MATH", "OPT").
2. Model families followed by version/size/variant ("Llama 2 7B", "Qwen2.5-7B-Instruct"):
   one compiled regex finds family names, `resolve.model_tail` reads what follows.
3. Names the lexicon has never seen, from their context (proposals.py): the title prefix,
   "we propose X", "X, a novel ...", "called/dubbed X", acronym definitions, comparisons.
Overlaps go to the longest span ("Vision Transformer" beats "Transformer").

Output (the contract other extractors read):
- doc.spans["method" | "dataset" | "model" | "metric" | "hardware"]: every mention, label_ =
  canonical name; doc.spans["proposed"]: mentions of methods this paper proposes.
- doc.user_data["claimgraph"] = {"aliases": {group: {name: [alias, ...]}},
  "categories": {method name: category}}; plain str/list/dict so it survives msgpack.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from claimgraph.schema import fold

from . import acronyms, proposals
from .doctext import doc_text
from .lexicon import Entry, load
from .names import NAME, looks_like_name
from .resolve import Resolver, default_resolver, model_name, model_tail

GROUPS = {"methods": "method", "datasets": "dataset", "models": "model", "metrics": "metric", "hardware": "hardware"}
SPAN_KEYS = ("method", "dataset", "model", "metric", "hardware", "proposed")
USER_KEY = "claimgraph"


# A stated result near a mention: "reduces memory by 40%", "2.1x speedup", "in terms of latency".
_RESULT_NEAR = re.compile(
    r"\d(?:[\d.,]*\d)?\s*(?:%|x\b|×|times\b|-?fold\b|GB\b|MB\b|KB\b|ms\b|s\b|W\b|J\b|GFLOPs|TFLOPs|tokens/s)"
    r"|\bin terms of\b|\brespectively\b")


# Singular only: "the KGC benchmarks" names a task family, "the OtterQA benchmark" one set.
_DATASET_BEFORE_NOUN = re.compile(r"(?<![\w\-])(" + NAME + r")\s+(?:dataset|benchmark|corpus|test set)\b(?!s)")
_DATASET_TRIGGERS = {
    "dataset_noun": ["dataset", "benchmark", "corpus", "test set"],
    "dataset_year": "iwslt wmt semeval conll trec bea miccai brats clef".split(),
}
_DATASET_YEAR = re.compile(r"(?<![\w\-])((?:IWSLT|WMT|SemEval|CoNLL|TREC|BEA|MICCAI|BraTS|CLEF)[- ]?(?:20)?\d{2})(?![\w\-])")


def _with_line_breaks(forms: list[str]) -> list[str]:
    """The forms, plus each multi-word form with one of its spaces as a line break:
    arXiv hard-wraps abstracts ("Tiny\nImageNet"), and the break is a token of its own."""
    out = list(forms)
    for f in forms:
        words = f.split(" ")
        for i in range(1, len(words)):
            out.append(" ".join(words[:i]) + "\n" + " ".join(words[i:]))
    return out


def _glued(doc: Doc, start: int, end: int) -> bool:
    """True when the match is a hyphen-joined piece of a longer name: "LRA" in "LRA-EE",
    "RAG" in "P-RAG" ("LoRA-based" keeps LoRA: a lower-case suffix is not a name)."""
    if start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_:
        return True
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        nxt = doc[end + 1].text
        return nxt[:1].isupper() or nxt[:1].isdigit()
    return False


def _trie_regex(words: list[str]) -> str:
    """One alternation shared by common prefixes: ("llama", "llava") -> "lla(?:ma|va)".

    Python's re tries alternatives one by one at every position; a trie makes a miss
    cost one character test instead of one per family name."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = []
        end = "" in node
        for ch, child in sorted(node.items()):
            if ch:
                alts.append((r"\s+" if ch == " " else re.escape(ch)) + emit(child))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return emit(trie)


def _family_regex(families: list[Entry]) -> re.Pattern:
    forms = sorted({" ".join(f.lower().split()) for e in families for f in e.forms})
    # The family must not run into more letters ("BERTScore", "LLaMAs"), except a
    # version's 'v' ("YOLOv8"); the tail reader takes it from there.
    # Matched against the lower-cased text without re.I (twice as fast); the case of the
    # surface is checked afterwards for case-sensitive families ("OPT", not "opt").
    return re.compile(r"(?<![\w\-])(" + _trie_regex(forms) + r")(?![a-uw-z])")


class MentionFinder:
    def __init__(self, nlp: Language, resolver: Resolver | None = None):
        self.resolver = resolver or default_resolver()
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.families: dict[str, Entry] = {}
        self.needs_context: set[str] = set()
        for kind, group in GROUPS.items():
            for e in load(kind):
                if kind == "models" and e.family:
                    for form in e.forms:
                        self.families[fold(form)] = e
                    continue
                key = f"{group}\t{e.name}"
                if e.needs_context:
                    self.needs_context.add(key)
                forms = list(e.match_forms)
                if not forms:
                    continue
                matcher = self.orth if e.case_sensitive else self.lower
                matcher.add(key, [nlp.make_doc(f) for f in _with_line_breaks(forms)])
        # Trigger words for the context patterns (proposals.py, dataset nouns): matched in
        # the same PhraseMatcher pass, so no pattern has to scan the whole text for them.
        for kind, phrases in {**proposals.trigger_phrases(), **_DATASET_TRIGGERS}.items():
            self.lower.add(f"trigger\t{kind}", [nlp.make_doc(p) for p in phrases])
        self.family_rx = _family_regex(list({e.name: e for e in self.families.values()}.values()))
        self.vocab = nlp.vocab
        self._labels: dict[int, tuple[str, str, int]] = {}

    # -- sources -------------------------------------------------------------------------
    def lexicon_spans(self, doc: Doc, triggers: dict[str, list[int]] | None = None) -> list[Span]:
        """Lexicon mentions; trigger-word offsets go into `triggers` (kind -> char offsets)."""
        strings = self.vocab.strings
        out = []
        text = None
        for matcher in (self.lower, self.orth):
            for key, start, end in matcher(doc):
                label = strings[key]
                if label.startswith("trigger\t"):
                    if triggers is not None:
                        triggers.setdefault(label[8:], []).append(doc[start].idx)
                    continue
                if _glued(doc, start, end):
                    continue
                span = Span(doc, start, end, label=key)
                if label in self.needs_context:
                    text = text if text is not None else doc_text(doc)
                    if not _RESULT_NEAR.search(text, max(0, span.start_char - 70), min(len(text), span.end_char + 70)):
                        continue
                out.append(span)
        return out

    def model_spans(self, doc: Doc, text: str) -> list[Span]:
        out = []
        low = text.lower()
        if len(low) != len(text):  # a few characters lower-case into two: keep offsets exact
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        for m in self.family_rx.finditer(low):
            surface = text[m.start(1):m.end(1)]
            family = self.families.get(fold(surface))
            if family is None or not any(c.isupper() for c in surface):
                continue
            if family.case_sensitive and " ".join(surface.split()) not in family.forms:
                continue
            parts, end = model_tail(text, m.end(1))
            name = model_name(family, parts)
            known = self.resolver.entry("models", name)
            if known is not None:
                name = known.name
            span = doc.char_span(m.start(1), end, alignment_mode="expand")
            if span is not None:
                out.append(Span(doc, span.start, span.end, label=f"model\t{name}"))
        return out

    def dataset_spans(self, doc: Doc, text: str, triggers: dict[str, list[int]]) -> list[Span]:
        """Datasets the lexicon lacks, from their own words: "the CropWatch dataset",
        "IWSLT 2025". Looked for only near those words (trigger offsets)."""
        out = []
        for rx, kind in ((_DATASET_BEFORE_NOUN, "dataset_noun"), (_DATASET_YEAR, "dataset_year")):
            for i in sorted(set(triggers.get(kind, ()))):
                lo = max(0, i - 48) if rx is _DATASET_BEFORE_NOUN else max(0, i - 1)
                m = rx.search(text, lo, min(len(text), i + 24))
                if m is None or (rx is _DATASET_BEFORE_NOUN and m.end() < i):
                    continue
                name = m.group(1)
                if rx is _DATASET_BEFORE_NOUN and (not looks_like_name(name) or self.resolver.kind_of(name)):
                    continue
                span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
                if span is not None:
                    label = self.resolver.canonical("datasets", name) if rx is _DATASET_BEFORE_NOUN else " ".join(name.split())
                    out.append(Span(doc, span.start, span.end, label=f"dataset\t{label}"))
        return out

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc).replace("\n", " ")  # same length: offsets stay valid
        triggers: dict[str, list[int]] = {}
        spans = self.lexicon_spans(doc, triggers) + self.model_spans(doc, text) + self.dataset_spans(doc, text, triggers)
        known = filter_spans(spans)
        acros = acronyms.find(text)
        found = proposals.find(doc, text, known, acros, self.resolver, triggers)
        everything = filter_spans(found.spans + known)
        groups: dict[str, list[Span]] = {k: [] for k in SPAN_KEYS}
        labels = self._labels
        proposed = found.proposed
        for span in everything:
            split = labels.get(span.label)
            if split is None:  # once per label: "group\tname" -> (group, name, hash of name)
                if len(labels) > 100_000:  # names found in context are unbounded over a corpus
                    labels.clear()
                group, name = span.label_.split("\t", 1)
                split = labels[span.label] = (group, name, self.vocab.strings.add(name))
            group, name, label = split
            s = Span(doc, span.start, span.end, label=label)
            groups[group].append(s)
            if group == "method" and name in proposed:
                groups["proposed"].append(s)
        for key, items in groups.items():
            doc.spans[key] = items
        doc.user_data[USER_KEY] = {"aliases": found.aliases, "categories": found.categories}
        return doc


@Language.factory("claimgraph_mentions")
def make_mentions(nlp: Language, name: str) -> MentionFinder:
    return MentionFinder(nlp)
