"""Name resolution: surface form -> canonical name.

- Folding (schema.fold) makes case, hyphens and spacing irrelevant: "Llama 2 7B",
  "LLaMA2-7B" and "llama-2-7b" are one model.
- Known aliases map to their lexicon entry: "OPTQ" is GPTQ, "ImageNet-1K" is ImageNet.
- Model names built from a family + version + size + variant are rewritten into one
  canonical spelling (family as the lexicon spells it, parts joined by hyphens).
- Acronyms link to their expansions: "Automatic Prune Binarization (APB)" gives the
  name APB with the alias "Automatic Prune Binarization" (see acronyms.py).
- `merge_aliases` unifies names across papers that share an alias.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from claimgraph.schema import fold

from .lexicon import Entry, load

_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-"})


class Resolver:
    """Alias tables over the packaged lexicon, one per kind, keyed by folded form."""

    def __init__(self, entries: dict[str, Iterable[Entry]] | None = None):
        if entries is None:
            entries = {k: load(k) for k in ("methods", "datasets", "models", "metrics", "hardware")}
        self.by_fold: dict[str, dict[str, Entry]] = {}
        for kind, rows in entries.items():
            table: dict[str, Entry] = {}
            for e in rows:
                for form in e.forms:
                    table.setdefault(fold(form), e)
            self.by_fold[kind] = table

    def entry(self, kind: str, surface: str) -> Entry | None:
        return self.by_fold.get(kind, {}).get(fold(surface))

    def canonical(self, kind: str, surface: str) -> str:
        """The lexicon name for a known surface form, else the surface itself, tidied."""
        e = self.entry(kind, surface)
        return e.name if e else tidy(surface)

    def kind_of(self, surface: str) -> str | None:
        """Which lexicon (if any) knows this surface form; methods win ties."""
        f = fold(surface)
        for kind in ("methods", "models", "datasets", "metrics", "hardware"):
            if f in self.by_fold.get(kind, {}):
                return kind
        return None


@cache
def default_resolver() -> Resolver:
    return Resolver()


def tidy(surface: str) -> str:
    """Whitespace collapsed, typographic dashes made ASCII, stray punctuation trimmed."""
    s = " ".join(surface.translate(_DASHES).split())
    return s.strip(" ,;:")


# --- model names: family + version + size + variant -----------------------------------

_SIZE = r"\d+(?:\.\d+)?[BMKbmk]|\d+x\d+[Bb]"
_VERSION = r"[vV]?\d+(?:\.\d+)*[a-z]?"
_WORDS = (
    "Instruct|Chat|Base|Large|Medium|Small|Tiny|Nano|Mini|XL|XXL|Huge|Coder|Math|VL|Vision|"
    "OneVision|onevision|NeXT|Video|Distill|Turbo|Pro|Flash|Lite|Plus|Max|OFT|Sigma|Omni|Audio|Preview|Qwen|Llama|LLaMA|"
    "instruct|chat|base|large|medium|small|tiny|mini|huge|xl|xxl|it|hf|dev|schnell|alpha|turbo|preview"
)
# A segment after the family name, tried in order at the current position.
_SEGMENTS = [
    ("size", re.compile(rf"(?:[-_]|\s)?({_SIZE})(?![A-Za-z0-9])")),
    ("size", re.compile(r"\s?\((\d+(?:\.\d+)?[BM])\)")),  # "LLaMA-3.1 (8B)"
    ("active", re.compile(r"-(A\d+(?:\.\d+)?B)(?![A-Za-z0-9])")),  # MoE active size: Qwen3-30B-A3B
    ("date", re.compile(r"-(\d{4})(?![A-Za-z0-9])")),  # release tag: -2507
    ("letter_digit", re.compile(r"[-\s]([A-Z]{1,2}\d+(?:\.\d+)?)(?![A-Za-z0-9])")),
    ("version", re.compile(rf"(?:[-_.]|\s(?=[vV]?\d))?({_VERSION})(?![A-Za-z0-9])")),
    ("patch", re.compile(r"[-\s]?([BLHSTG]/\d+)(?![A-Za-z0-9])")),
    ("word", re.compile(rf"(?:[-_]|\s(?=Small|Medium|Large|Base|Tiny|Huge|XL))({_WORDS})(?![A-Za-z0-9])")),
    ("letter", re.compile(r"-([TSBLHG])(?![A-Za-z0-9/])")),
]


def model_tail(text: str, pos: int) -> tuple[list[tuple[str, str, str]], int]:
    """Consume version/size/variant segments after a family name at `pos`.

    Returns the (kind, text, joiner) segments and the end offset. A space may only join a size,
    or the first version ("Llama 2 7B"), so "GPT-2 on 8 GPUs" stops after "GPT-2".
    """
    parts: list[tuple[str, str]] = []
    while pos < len(text):
        for kind, rx in _SEGMENTS:
            m = rx.match(text, pos)
            if not m:
                continue
            if kind == "version" and any(p[0] == "version" for p in parts) and text[pos].isspace():
                continue
            if kind == "version" and parts and parts[-1][0] == "size":
                continue
            if kind == "date" and not (parts and parts[-1][0] in ("size", "active")):
                continue
            parts.append((kind, m.group(1), text[pos:m.start(1)]))
            pos = m.end()
            break
        else:
            break
    return parts, pos


def model_name(family: Entry, parts: list[tuple[str, str, str]]) -> str:
    """Canonical spelling: 'LLaMA' + version '2' + size '7b' -> 'LLaMA-2-7B'."""
    out = family.name
    for i, (kind, seg, surface_joiner) in enumerate(parts):
        if kind == "size":
            seg = seg[:-1] + seg[-1].upper()
        if surface_joiner == ".":
            joiner = "."  # FLUX.1 keeps its dot: it is part of the name
        elif kind == "version" and i == 0:
            joiner = "" if seg[0] in "vV" else family.join
        else:
            joiner = "-"
        out += joiner + seg
    return out


def merge_aliases(named: Iterable) -> dict[str, str]:
    """Across papers: folded name or alias -> the canonical name first seen for it.

    Two papers that call one method "APB" and "Automatic Prune Binarization" share the
    alias, so both land on one name (and one graph node)."""
    table: dict[str, str] = {}
    for item in named:
        forms = [item.name, *item.aliases]
        canonical = next((table[fold(f)] for f in forms if fold(f) in table), item.name)
        for f in forms:
            table.setdefault(fold(f), canonical)
    return table
