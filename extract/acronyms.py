"""Acronym definitions: "Automatic Prune Binarization (APB)" and "APB (Automatic Prune ...)".

The long form is found with the Schwartz & Hearst (2003) rule: the short form's letters
appear, in order, in the words before the parenthesis, and its first letter starts a word.
Digits in the short form are skipped ("S2FT", "D2L"): they usually stand for a repeat.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Acronym(NamedTuple):
    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


# "(APB)" / "(LR^2VQ)" / "(QuIP#)": one token, some upper-case letter, short.
_PAREN_SHORT = re.compile(r"\(\s*(?:\\?rm\s+)?([A-Za-z0-9][A-Za-z0-9\-+#^{}.&/]{0,15}?)(?:\s*[),;]|\s+or\s)")
# "LRA-EE (Layer-wise Representation-Aware Early Exit)": a name then a parenthesised phrase.
_OR_SHORT = re.compile(r"\s+or\s+([A-Za-z0-9][A-Za-z0-9\-+#^]{0,15})\s*\)")
_NAME_BEFORE = re.compile(r"(?<![\w-])([A-Za-z0-9][A-Za-z0-9\-+#^.]{0,15}[A-Za-z0-9+#])\s+$")
_PAREN_LONG = re.compile(r"\(([A-Za-z][^()]{3,90}?)\)")
_WORD = re.compile(r"\S+")
_LOWER_START = frozenset("a an the of for and or in on with by via to from our we this that its".split())


def _looks_short(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    if not letters or len(s) > 16:
        return False
    uppers = sum(c.isupper() for c in letters)
    return uppers >= 2 or (uppers >= 1 and any(c.isdigit() for c in s))


def _letters(short: str, repeat: bool) -> list[str]:
    """Short-form letters to find; with `repeat`, "S2FT" reads as "SSFT"."""
    out: list[str] = []
    for c in short:
        if c.isalpha():
            out.append(c.lower())
        elif repeat and c.isdigit() and out and c in "234":
            out.extend(out[-1] * (int(c) - 1))
    return out


def best_long_form(short: str, long: str) -> int | None:
    """Offset in `long` where the expansion of `short` starts, or None (Schwartz-Hearst)."""
    for repeat in ((True, False) if any(c.isdigit() for c in short) else (False,)):
        chars = _letters(short, repeat)
        found = _initials_start(chars, long)
        if found is None:
            found = _long_start(chars, long)
        if found is not None:
            return found
    if any(c.isdigit() for c in short):
        return _number_word_start(short, long)
    return None


# "transform once (T1)", "text to image (T2I)": a digit can stand for a number word.
_NUMBER_WORDS = {"1": {"one", "once", "single", "first"}, "2": {"two", "twice", "to", "second", "dual", "double"},
                 "3": {"three", "thrice", "third", "triple"}, "4": {"four", "for", "fourth", "quad"}}


def _number_word_start(short: str, long: str) -> int | None:
    """Offset where word initials and number words spell `short` ("T1" in "transform once")."""
    tokens = re.findall(r"[A-Za-z]|\d", short)
    if len(tokens) < 2 or any(t.isdigit() and t not in _NUMBER_WORDS for t in tokens):
        return None
    i = len(tokens) - 1
    for p in reversed(list(_PIECE.finditer(long))):
        word, tok = p.group().lower(), tokens[i]
        if (tok.isdigit() and word in _NUMBER_WORDS[tok]) or (tok.isalpha() and word[0] == tok.lower()):
            i -= 1
        elif word in _SKIP:
            continue
        else:
            return None
        if i < 0:
            return p.start()
    return None


_SKIP = frozenset("of and for the to via with in on a an by from".split())
_PIECE = re.compile(r"[^\s\-/]+")


def _initials_start(chars: list[str], long: str) -> int | None:
    """Offset where words' initials (and CamelCase capitals) spell `chars`, else None.

    Tried before Schwartz-Hearst because the greedy letter search lets one word eat two
    letters ("Structured Sparse" for "SS")."""
    pieces = list(_PIECE.finditer(long))
    i = len(chars) - 1
    for p in reversed(pieces):
        word = p.group()
        caps = [c.lower() for c in word[1:] if c.isupper()]
        take = [word[0].lower(), *caps]
        if i + 1 >= len(take) and chars[i + 1 - len(take):i + 1] == take:
            i -= len(take)
        elif chars[i] == word[0].lower():
            i -= 1
        elif word.lower() in _SKIP:
            continue
        else:
            return None
        if i < 0:
            return p.start()
    return None


def _long_start(chars: list[str], long: str) -> int | None:
    if len(chars) < 2:
        return None
    s_i = len(chars) - 1
    l_i = len(long) - 1
    while s_i >= 0:
        c = chars[s_i]
        while l_i >= 0 and (long[l_i].lower() != c or (s_i == 0 and l_i > 0 and long[l_i - 1].isalnum())):
            l_i -= 1
        if l_i < 0:
            return None
        l_i -= 1
        s_i -= 1
    return max(long.rfind(" ", 0, l_i + 1), long.rfind("-", 0, 0)) + 1


_GENERIC_HEADS = frozenset(
    "framework method approach algorithm model module system technique strategy scheme mechanism "
    "pipeline architecture paradigm procedure".split())


def _drop_generic_head(short: str, long: str) -> str:
    """'Block Approximate Sparse Attention framework (BA-Att)': the 'framework' is not in the name."""
    words = long.split()
    if len(words) > 2 and words[-1].lower() in _GENERIC_HEADS and short[-1].lower() != words[-1][0].lower():
        return " ".join(words[:-1])
    return long


def _trim_long(long: str) -> str:
    return long.strip(" ,;:-\"'")


def find(text: str) -> list[Acronym]:
    """Every acronym definition in `text`, in order; offsets index `text`."""
    found: list[Acronym] = []
    parens = []
    i = text.find("(")
    while i >= 0:  # only parentheses can define an acronym: look nowhere else
        parens.append(i)
        i = text.find("(", i + 1)
    for i in parens:
        m = _PAREN_SHORT.match(text, i)
        if not m:
            continue
        short = m.group(1).rstrip(".")
        if not _looks_short(short):
            continue
        window_start = max(0, m.start() - 160)
        before = text[window_start:m.start()]
        # The long form stays inside its clause: cut at the last sentence/clause mark.
        cut = 0
        for stop in re.finditer(r"[.;:!?()\[\]]\s|[()\[\]]|,\s", before):
            cut = stop.end()
        before = before[cut:]
        words = list(_WORD.finditer(before))
        max_words = min(len(short) + 5, 2 * len(short))
        if not words:
            continue
        first = words[max(0, len(words) - max_words)].start()
        window = before[first:].rstrip()
        start = best_long_form(short, window)
        if start is None:
            continue
        long = _drop_generic_head(short, _trim_long(window[start:]))
        if len(long.split()) < 2 and "-" not in long:
            continue
        if long.split()[0].lower() in _LOWER_START or long.lower() == short.lower():
            continue
        ls = window_start + cut + first + start
        ls = text.index(long, ls) if long in text[ls:ls + len(long) + 5] else ls
        s_at = m.start(1)
        alt = _OR_SHORT.match(text, m.end(1))
        if alt and _looks_short(alt.group(1)) and text.count(alt.group(1)) > text.count(short):
            # "(RSRS or RS2)": the form the abstract goes on using is the name.
            short, s_at = alt.group(1), alt.start(1)
        found.append(Acronym(short, long, s_at, s_at + len(short), ls, ls + len(long)))
    seen = {(a.short_start, a.short_end) for a in found}
    for i in parens:
        b = _NAME_BEFORE.search(text, max(0, i - 24), i)
        p = _PAREN_LONG.match(text, i) if b else None
        if not p:
            continue
        short, long = b.group(1), _trim_long(p.group(1))
        if (b.start(1), b.end(1)) in seen or not _looks_short(short) or len(long.split()) < 2:
            continue
        start = best_long_form(short, long)
        if start != 0:
            continue
        found.append(Acronym(short, long, b.start(1), b.end(1), p.start(1), p.start(1) + len(long)))
    found.sort(key=lambda a: a.short_start)
    return found
