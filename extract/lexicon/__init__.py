"""The curated lexicon: known methods, datasets, models, metrics and hardware.

Data lives beside this file as JSONL, one entry a line:

    {"name": "GPTQ", "aliases": ["OPTQ"], "category": "quantization"}
    {"name": "LLaMA", "aliases": ["Llama"], "family": true, "join": "-"}
    {"name": "Adam", "category": "optimizer", "case_sensitive": true}

- `name` is the canonical display name (what an Extraction carries); `aliases` are other
  surface forms that mean the same thing (OPTQ is GPTQ).
- `case_sensitive` names are matched on exact spelling only, because their lower-case
  form is an ordinary word ("Adam", "MATH", "OPT", "Atom").
- `needs_context` names ("memory", "speed", "precision") count only where a result is
  stated nearby (a number with a unit, "in terms of"): they are common words otherwise.
- `match_name: false` keeps a bare canonical name from being matched: "edge" the
  hardware class is found as "edge devices", never in "edge cases".
- Model `family` entries also drive the size/version pattern (LLaMA-2-7B, Qwen2.5-7B);
  `join` is how the family name is glued to its version in canonical names.
Edit the JSONL files to grow the lexicon; `load()` validates every line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from claimgraph.schema import CATEGORIES

KINDS: tuple[str, ...] = ("methods", "datasets", "models", "metrics", "hardware")
_KEYS = {"name", "aliases", "category", "case_sensitive", "family", "join", "needs_context", "match_name"}


@dataclass(frozen=True)
class Entry:
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    category: str | None = None
    case_sensitive: bool = False
    family: bool = False
    join: str = "-"
    needs_context: bool = False
    match_name: bool = True

    @property
    def forms(self) -> tuple[str, ...]:
        """Every surface form that names this entry, canonical name first."""
        return (self.name, *self.aliases)

    @property
    def match_forms(self) -> tuple[str, ...]:
        """The forms looked for in text: without the name when `match_name` is false."""
        return self.forms if self.match_name else self.aliases


class LexiconError(ValueError):
    """A lexicon file line that does not parse or breaks the entry rules."""


def parse_lines(kind: str, lines, source: str = "<lexicon>") -> list[Entry]:
    """Parse JSONL lines into entries; a bad line raises with file and line number."""
    if kind not in KINDS:
        raise LexiconError(f"unknown lexicon kind {kind!r}")
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{no}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise LexiconError(f"{where}: not JSON ({e.msg})") from None
        if not isinstance(row, dict) or not isinstance(row.get("name"), str) or not row["name"].strip():
            raise LexiconError(f"{where}: an entry needs a non-empty 'name'")
        extra = set(row) - _KEYS
        if extra:
            raise LexiconError(f"{where}: unknown keys {sorted(extra)}")
        aliases = row.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise LexiconError(f"{where}: 'aliases' must be a list of non-empty strings")
        category = row.get("category")
        if category is not None and category not in CATEGORIES:
            raise LexiconError(f"{where}: category {category!r} is not in the closed list")
        name = row["name"].strip()
        if name in seen:
            raise LexiconError(f"{where}: {name!r} already defined on line {seen[name]}")
        seen[name] = no
        entries.append(Entry(
            kind=kind, name=name, aliases=tuple(a.strip() for a in aliases), category=category,
            case_sensitive=bool(row.get("case_sensitive", False)), family=bool(row.get("family", False)),
            join=str(row.get("join", "-")), needs_context=bool(row.get("needs_context", False)),
            match_name=bool(row.get("match_name", True)),
        ))
    return entries


@cache
def load(kind: str) -> tuple[Entry, ...]:
    """The packaged entries of one kind (cached: the files are read once per process)."""
    if kind not in KINDS:
        raise LexiconError(f"unknown lexicon kind {kind!r}")
    path = resources.files(__name__).joinpath(f"{kind}.jsonl")
    with path.open(encoding="utf-8") as f:
        return tuple(parse_lines(kind, f, source=f"{kind}.jsonl"))


def hardware() -> tuple[Entry, ...]:
    """Hardware names (A100, H100, CPU, mobile, ...) for the claims extractor's settings."""
    return load("hardware")


def load_all() -> dict[str, tuple[Entry, ...]]:
    return {kind: load(kind) for kind in KINDS}
