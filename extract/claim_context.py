"""Who a sentence's numbers and comparisons are about: subject method and named baselines.

Shared by claims.py and compare.py. Mentions come from the entity components' span
groups (`doc.spans["method"|"proposed"|"model"]`, label_ = canonical name) and, so that
attribution still works when a span group is missing, from a plain search of the
extracted methods' names and aliases in the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from claimgraph.schema import Method

# doc.text is rebuilt from the tokens on every access; the pipeline stores it once
from .doctext import doc_text  # noqa: F401  (re-exported for claims.py and compare.py)


def lowered(text: str) -> str:
    """text.lower() with every offset kept (a character whose lower case is longer, such
    as "İ", stays as it is), so lower-case regexes run without IGNORECASE, which the
    regex engine is several times slower with, and their offsets index `text`."""
    global _low_cache
    if _low_cache[0] is text:
        return _low_cache[1]
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    _low_cache = (text, low)
    return low


_low_cache: tuple[str | None, str] = (None, "")


def lower_re(rx: re.Pattern) -> re.Pattern:
    """The lower-case twin of an IGNORECASE pattern, for use on `lowered` text."""
    assert not re.search(r"\\[SWDBAZ]", rx.pattern), rx.pattern
    return re.compile(rx.pattern.lower())


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    name: str      # canonical display name (the Method's `name`)
    kind: str      # "proposed" | "other" | "model"


def _find_names(text: str, names: list[str]) -> list[tuple[int, int, str]]:
    """Whole-word occurrences of each name: str.find in C, no per-document regex."""
    out = []
    n = len(text)
    for name in names:
        if len(name) < 2:
            continue
        i = text.find(name)
        while i >= 0:
            j = i + len(name)
            before = text[i - 1] if i else " "
            after = text[j] if j < n else " "
            # no letter/digit/hyphen glued on either side ("GPTQ-based", "MoEBERT")
            if not (before.isalnum() or before in "_-") and not (after.isalnum() or after == "_"
                                                                 or (after == "-" and j + 1 < n and text[j + 1].isalnum())):
                out.append((i, j, name))
            i = text.find(name, j)
    return out


# Span texts that never name a compared method: number formats (FP8, INT4, W4A16),
# bare sizes (7B) and adjectival compounds (GPTQ-based, LLM-derived, HIS-only).
_NOT_A_NAME = re.compile(
    r"^(?:(?:FP|INT|UINT|BF|MXFP|NVFP|fp|int|bf)\d{1,2}|W\d{1,2}A\d{1,2}|\d+(?:\.\d+)?\s?[BMKT]"
    r"|.+-(?:based|only|derived|aware|free|like|style|specific|level|wise|scale|guided|driven|friendly|trained|tuned"
    r"|pruned|quantized|compressed|enhanced|augmented|adapted|distilled|style|type))$")


_last: tuple[Doc, tuple, list[Mention]] | None = None


def collect_mentions(doc: Doc, methods: list[Method]) -> list[Mention]:
    """All method/model mentions in doc.text, longest first on overlap, in text order.
    The last document's answer is kept: claims and compare ask for the same Doc in turn."""
    global _last
    key = tuple((m.name, m.role, tuple(m.aliases)) for m in methods)
    if _last is not None and _last[0] is doc and _last[1] == key:
        return _last[2]
    result = _collect(doc, methods)
    _last = (doc, key, result)
    return result


def _collect(doc: Doc, methods: list[Method]) -> list[Mention]:
    by_alias: dict[str, Method] = {}
    for m in methods:
        for alias in [m.name, *m.aliases]:
            by_alias.setdefault(alias, m)
    # Mentions are the entity components' spans whose label names one of the extracted
    # methods (the Method list is what the paper record keeps, so claims must point into
    # it), model spans (models may be baselines too: "trails GPT-2 124M"), and every
    # other place the methods' names and aliases occur.
    by_name = {m.name: m for m in methods}
    text = doc_text(doc)
    found: list[Mention] = []
    for group in ("method", "model"):
        if group not in doc.spans:
            continue
        for span in doc.spans[group]:
            s, e = span.start_char, span.end_char
            while e > s and text[e - 1] in ".,;:":
                e -= 1
            if (text[e:e + 1] == "-" and text[e + 1:e + 2].isalpha()) or (text[s - 1:s] == "-" and text[s - 2:s - 1].isalpha()):
                continue  # "GPTQ-based", "HIS-only": an adjective, not the method itself
            if _NOT_A_NAME.match(text[s:e]):
                continue
            if group == "model":
                found.append(Mention(s, e, span.label_ or text[s:e], "model"))
                continue
            meth = by_name.get(span.label_)
            if meth is not None:
                found.append(Mention(s, e, meth.name, "proposed" if meth.role == "proposed" else "other"))
    for s, e, alias in _find_names(text, [a for a in by_alias if not _NOT_A_NAME.match(a)]):
        meth = by_alias[alias]
        found.append(Mention(s, e, meth.name, "proposed" if meth.role == "proposed" else "other"))
    # Longest wins on overlap; a proposed reading wins over an "other" one of equal span.
    found.sort(key=lambda x: (x.start, -(x.end - x.start), x.kind != "proposed"))
    out: list[Mention] = []
    for x in found:
        if out and x.start < out[-1].end:
            continue
        out.append(x)
    return out


def in_range(mentions: list[Mention], lo: int, hi: int) -> list[Mention]:
    """The mentions starting in [lo, hi), found by bisection (mentions are in text order),
    so per-number lookups stay cheap in a long document."""
    i = bisect.bisect_left(mentions, lo, key=_start)
    j = bisect.bisect_left(mentions, hi, lo=i, key=_start)
    return mentions[i:j]


def _start(x: Mention) -> int:
    return x.start


def main_proposed(methods: list[Method], mentions: list[Mention]) -> str | None:
    """The paper's headline method: the proposed one mentioned first (title first)."""
    proposed = [m.name for m in methods if m.role == "proposed"]
    if not proposed:
        return None
    for x in mentions:
        if x.kind == "proposed" and x.name in proposed:
            return x.name
    return proposed[0]


# Words that introduce the thing a result is compared against.
BASELINE_CUE = re.compile(
    r"(?:\bvs\.|\b(?:over|than|compared\s+(?:with|to|against)|comparison\s+(?:with|to)|vs|versus|relative\s+to|against"
    r"|outperform(?:s|ing|ed)?|surpass(?:es|ing|ed)?|beat(?:s|ing)?|exceed(?:s|ing|ed)?|trail(?:s|ing)?"
    r"|improv(?:es|ing|ed)\s+(?:up)?on|ties|matches|matching)\b)",
    re.IGNORECASE,
)
# What may stand between a cue and the name it introduces: "over the state-of-the-art
# sparse inference engine MNN". No digits, no clause punctuation, a few words at most.
_GAP_BAD = re.compile(r"[,;:.()\[\]]|(?<![A-Za-z])\d")
_GAP_STOP = re.compile(r"(?<![\w-])(?:by|while|whereas|and|but|with|which|that|on|in|at|for|of|to)(?![\w-])", re.IGNORECASE)


_EXAMPLE_TAIL = re.compile(r",?\s*(?:\(?\s*e\.g\.,?|such\s+as|including|like|namely)\s*$", re.IGNORECASE)
_USED_IN = re.compile(r"\b(?:used|employed|adopted|found)\s+in\s*$")
_CLAUSE_PUNCT = re.compile(r"[.;:()]")
_WIN_VERB = re.compile(r"outperform|surpass|beat|exceed|trail|improv", re.IGNORECASE)
_BY_AHEAD = re.compile(r"[^,;]{0,40}?\bby\b")
_BRACKET_AHEAD = re.compile(r"\s*[(:]")


def name_after(text: str, pos: int, mentions: list[Mention], limit: int) -> Mention | None:
    """The first mention starting in text[pos:limit] reachable through a short, plain gap."""
    for x in in_range(mentions, pos, min(limit, pos + 80)):
        gap = text[pos:x.start]
        if gap.endswith("("):
            gap = gap[:-1]  # "leading quantization (KIVI)": the name in brackets after its family
        example = _EXAMPLE_TAIL.search(gap)
        if example:
            gap = gap[:example.start()]  # "popular gates, e.g., Hash routing": the named example
        if len(gap) > 60 or _GAP_BAD.search(gap):
            return None
        words = gap.split()
        if len(words) > 7:
            return None
        # "over 90% of ..." or "than in X" read differently; "used in X" after a noun is fine.
        stop = _GAP_STOP.search(gap)
        if stop and not _USED_IN.search(gap):
            return None
        return x
    return None


# Between two compared methods in a list: "GPTQ, AWQ and SmoothQuant", "GPTQ as well as AWQ".
# An unknown item may sit between two known ones ("LoRA (5.5%), Full FT (7.2%), and
# PiSSA"), and names may come in brackets after their family ("token eviction (H2O)").
_ITEM = r"(?:\s*\([^()]{0,40}\))?"
_LIST_JOIN = re.compile(
    r"^\)?" + _ITEM + r"\s*(?:,\s*(?:[^,;.()]{1,30}?" + _ITEM + r"\s*,\s*)?(?:and\s+|or\s+)?|and\s+|or\s+|as\s+well\s+as\s+|/\s*)"
    r"(?:the\s+)?(?:[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s+\(\s*)?$")


def mention_list(text: str, first: Mention, mentions: list[Mention], hi: int) -> list[Mention]:
    """`first` and the mentions listed after it: "GPTQ, AWQ and SmoothQuant"."""
    out = [first]
    for x in in_range(mentions, first.end, hi):
        if x.kind == "proposed" or not _LIST_JOIN.match(text[out[-1].end:x.start]):
            break  # the paper's own method is never in its list of baselines
        out.append(x)
    return out


def baseline_near(text: str, lo: int, hi: int, q_start: int, q_end: int,
                  mentions: list[Mention], subject: str | None) -> tuple[Mention, int] | None:
    """The named baseline a quantity at [q_start, q_end) is measured against.

    Looks in the clause [lo, hi): first for a cue after the number ("2x over GPTQ",
    "faster than AWQ", "compared with SmoothQuant"), then for a cue before it whose
    object comes before the number ("outperforms GPTQ by 3%"). Returns the mention and
    the cue's start (for evidence spans).
    """
    for cue in BASELINE_CUE.finditer(text, q_end, hi):
        if cue.start() - q_end > 50 or _CLAUSE_PUNCT.search(text, q_end, cue.start()):
            break  # a comparison far from the number, or past a clause break, is another claim's
        x = name_after(text, cue.end(), mentions, hi)
        if x is not None and x.name != subject:
            return x, cue.start()
        # Only the first cue after the number speaks for it.
        break
    best = None
    for cue in BASELINE_CUE.finditer(text, lo, q_start):
        x = name_after(text, cue.end(), mentions, q_start)
        if x is not None and x.name != subject:
            between = text[x.end:q_start]
            # "outperforms GPTQ by 3%", "surpassing LoRA (42.3%)", "over AWQ: 2x"; but
            # not "faster than GPTQ and cuts memory by 40%", where "than" ends its claim
            verb = _WIN_VERB.match(cue.group())
            if len(between) < 60 and ((verb and _BY_AHEAD.match(between)) or _BRACKET_AHEAD.match(between)):
                best = (x, cue.start())
    return best
