"""Read paper corpora from files, yielding Papers and Problems (never raising on bad records).

Formats are detected per file; `read_papers(path, fmt=...)` forces one. Every reader
streams, so a multi-GB file never sits in memory, and reports each bad record with its
file and line while the good ones keep flowing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from claimgraph.schema import Paper, Problem, paper_key

FORMATS = ("jsonl",)

# An abstract longer than this is almost surely a whole paper pasted in; it is still
# read, but truncated so one record cannot stall extraction for everyone else.
MAX_ABSTRACT_CHARS = 20_000


def detect_format(path: Path) -> str:
    return "jsonl"


def read_papers(path: str | Path, fmt: str | None = None) -> Iterator[Paper | Problem]:
    path = Path(path)
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        yield Problem(source=str(path), message=f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
        return
    yield from _read_jsonl(path)


def paper_from_record(rec: dict, source: str) -> Paper:
    """Build a Paper from our own JSON record shape ({id, title, abstract, ...})."""
    raw_id = str(rec.get("id") or rec.get("arxiv_id") or "").strip()
    if not raw_id:
        raise ValueError("record has no id")
    pid, version = paper_key(raw_id)
    abstract = rec.get("abstract") or rec.get("summary")
    if not isinstance(abstract, str) or not abstract.strip():
        raise ValueError("record has no abstract")
    authors = rec.get("authors") or []
    if isinstance(authors, str):
        authors = [a.strip() for a in authors.replace(" and ", ",").split(",") if a.strip()]
    published = rec.get("published")
    if isinstance(published, str) and len(published) == 4:  # year-only sources
        published = f"{published}-01-01"
    return Paper(
        id=pid,
        version=version or rec.get("version"),
        title=str(rec.get("title") or "").strip(),
        abstract=abstract[:MAX_ABSTRACT_CHARS],
        authors=[str(a) for a in authors],
        published=(published or None),
        updated=rec.get("updated") or None,
        categories=list(rec.get("categories") or []),
        source=str(rec.get("source") or source),
        url=rec.get("url"),
    )


def _read_jsonl(path: Path) -> Iterator[Paper | Problem]:
    src = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Problem(source=src, message=f"cannot open: {exc.strerror or exc}")
        return
    seen = 0
    with fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            seen += 1
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Problem(source=src, line=lineno, message=f"not UTF-8 (byte {exc.start})")
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Problem(source=src, line=lineno, message=f"malformed JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(rec, dict):
                yield Problem(source=src, line=lineno, message="expected a JSON object")
                continue
            try:
                yield paper_from_record(rec, src)
            except (ValueError, ValidationError) as exc:
                msg = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
                yield Problem(source=src, line=lineno, paper_id=str(rec.get("id") or "") or None, message=msg)
    if not seen:
        yield Problem(source=src, message="file is empty: no records")
