"""Read paper corpora from files, yielding Papers and Problems (never raising on bad records).

Formats are detected per file; `read_papers(path, fmt=...)` forces one. Every reader
streams, so a multi-GB file never sits in memory, and reports each bad record with its
file and line while the good ones keep flowing.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from claimgraph.schema import Paper, Problem, paper_key

from . import seeds

# Detected per file (see `detect_format`); `--format` forces one.
FORMATS = ("jsonl", "json", "arxiv-snapshot", "atom", "digest", "digest-md", "notes-md")

# An abstract longer than this is almost surely a whole paper pasted in; it is still
# read, but truncated so one record cannot stall extraction for everyone else.
MAX_ABSTRACT_CHARS = 20_000

# Enough of a file to recognise its format without reading it all.
SNIFF_BYTES = 64 * 1024

_MD_ARXIV_LINK = re.compile(r"^\s*(?:[*\-]\s+)?\[.+?\]\(https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/", re.M)


def _open(path: Path) -> IO[bytes]:
    # The bulk snapshot is often kept compressed; read .gz without unpacking it to disk.
    return gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")


def detect_format(path: str | Path) -> str:
    """Recognise a file's format from its first bytes (the name only breaks ties).
    Returns one of FORMATS, or "unknown"."""
    path = Path(path)
    try:
        with _open(path) as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return "jsonl"  # let the reader report the open error with the path
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not body:
        return "jsonl"  # the reader reports the empty file
    if body.startswith(b"<"):
        return "atom"
    if body.startswith(b"["):
        return "json"
    if body.startswith(b"{"):
        first = body.split(b"\n", 1)[0]
        try:
            rec = json.loads(first)
        except ValueError:
            # a pretty-printed document (or a JSONL file whose first line is broken)
            return "json" if ".json" in path.suffixes and b"\n{" not in body[:4096] else "jsonl"
        if isinstance(rec, dict) and (
            "authors_parsed" in rec or "versions" in rec or "update_date" in rec
            or isinstance(rec.get("categories"), str)
        ):
            return "arxiv-snapshot"
        return "jsonl"
    text = head.decode("utf-8", "replace")
    if _MD_ARXIV_LINK.search(text):
        return "digest-md" if "<details><summary>" in text else "notes-md"
    lines = [ln.strip() for ln in text.splitlines()]
    for prev, blank, para in zip(lines, lines[1:], lines[2:]):
        if prev and not blank and 0 < len(prev) <= seeds.MAX_TITLE_CHARS and len(para) >= seeds.MIN_ABSTRACT_CHARS:
            return "digest"
    return "unknown"


def read_papers(path: str | Path, fmt: str | None = None, categories: Iterable[str] = (),
                stats: dict[str, int] | None = None) -> Iterator[Paper | Problem]:
    """Papers from one file, and a Problem (with file and line) for each unusable record.

    `categories` keeps only papers listed in at least one of them; `stats["filtered"]`
    counts the others (they are not problems).
    """
    path = Path(path)
    src = str(path)
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        yield Problem(source=src, message=f"unrecognised format; known: {', '.join(FORMATS)} (use --format)")
        return
    wanted = set(categories)
    try:
        fh = _open(path)
    except OSError as exc:
        yield Problem(source=src, message=f"cannot open: {exc.strerror or exc}")
        return
    n = problems = 0
    with fh:
        try:
            for item in _READERS[fmt](src, fh):
                if isinstance(item, Paper):
                    n += 1
                    if wanted and not wanted.intersection(item.categories):
                        if stats is not None:
                            stats["filtered"] = stats.get("filtered", 0) + 1
                        continue
                else:
                    problems += 1
                yield item
        except (OSError, EOFError, zlib.error) as exc:  # truncated .gz, I/O error mid-file
            yield Problem(source=src, message=f"read failed after {n} papers: {exc}")
            return
    # An empty Atom feed is a valid answer (no results); an empty page dump is not.
    if not n and not problems and fmt not in ("jsonl", "atom"):
        yield Problem(source=src, message=f"no papers found (read as {fmt})")


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


def _read_jsonl(src: str, fh: IO[bytes], convert=None) -> Iterator[Paper | Problem]:
    convert = convert or paper_from_record
    seen = 0
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
        yield _convert(convert, rec, src, lineno)
    if not seen:
        yield Problem(source=src, message="file is empty: no records")


def _convert(convert, rec, src: str, lineno: int) -> Paper | Problem:
    if not isinstance(rec, dict):
        return Problem(source=src, line=lineno, message="expected a JSON object")
    try:
        return convert(rec, src)
    except (ValueError, TypeError, KeyError, ValidationError) as exc:
        msg = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
        return Problem(source=src, line=lineno, paper_id=str(rec.get("id") or "") or None, message=msg)


def _read_json(src: str, fh: IO[bytes]) -> Iterator[Paper | Problem]:
    """A JSON array of paper records, or an object holding one under "papers". A JSON
    document has to be parsed whole; large corpora belong in JSONL."""
    try:
        doc = json.loads(fh.read().decode("utf-8"))
    except UnicodeDecodeError as exc:
        yield Problem(source=src, message=f"not UTF-8 (byte {exc.start})")
        return
    except json.JSONDecodeError as exc:
        yield Problem(source=src, line=exc.lineno, message=f"malformed JSON: {exc.msg} at column {exc.colno}")
        return
    if isinstance(doc, dict):
        doc = doc.get("papers", [doc] if "abstract" in doc else None)
    if not isinstance(doc, list):
        yield Problem(source=src, line=1, message='expected a list of papers (or {"papers": [...]})')
        return
    for i, rec in enumerate(doc, start=1):
        item = _convert(paper_from_record, rec, src, i)
        if isinstance(item, Problem):
            item = item.model_copy(update={"line": None, "message": f"record #{i}: {item.message}"})
        yield item


def _snapshot_authors(rec: dict) -> list[str]:
    parsed = rec.get("authors_parsed")
    if isinstance(parsed, list) and parsed:
        # [last, first, suffix]: "Balázs C." style names read better as "C. Balázs".
        return [" ".join(p for p in (a[1], a[0], a[2] if len(a) > 2 else "") if p).strip()
                for a in parsed if isinstance(a, list) and a]
    raw = rec.get("authors") or ""
    return [a.strip() for a in re.split(r",|\band\b", raw) if a.strip()]


def paper_from_snapshot(rec: dict, source: str) -> Paper:
    """The arXiv metadata snapshot (Kaggle/OAI): categories is a space-separated string,
    versions carry RFC 2822 dates, update_date is the last change."""
    raw_id = str(rec.get("id") or "").strip()
    if not raw_id:
        raise ValueError("record has no id")
    pid, version = paper_key(raw_id)
    abstract = rec.get("abstract")
    if not isinstance(abstract, str) or not abstract.strip():
        raise ValueError("record has no abstract")
    versions = rec.get("versions") or []
    published = None
    if versions:
        last = str(versions[-1].get("version", "")).lstrip("v")
        version = int(last) if last.isdigit() else version
        created = versions[0].get("created")
        if created:
            published = parsedate_to_datetime(created).date()
    cats = rec.get("categories") or ""
    return Paper(
        id=pid,
        version=version,
        title=re.sub(r"\s+", " ", str(rec.get("title") or "")).strip(),
        abstract=abstract.strip()[:MAX_ABSTRACT_CHARS],
        authors=_snapshot_authors(rec),
        published=published,
        updated=rec.get("update_date") or None,
        categories=cats.split() if isinstance(cats, str) else list(cats),
        source=source,
        url=f"https://arxiv.org/abs/{pid}",
    )


def _read_snapshot(src: str, fh: IO[bytes]) -> Iterator[Paper | Problem]:
    yield from _read_jsonl(src, fh, convert=paper_from_snapshot)


def _read_atom(src: str, fh: IO[bytes]) -> Iterator[Paper | Problem]:
    # One API response is at most 2000 entries (a few MB): parsed whole, like the client does.
    from claimgraph.app.ingest.arxiv_source import read_atom

    yield from read_atom(src, fh.read())


_READERS = {
    "jsonl": _read_jsonl,
    "json": _read_json,
    "arxiv-snapshot": _read_snapshot,
    "atom": _read_atom,
    "digest": seeds.read_digest,
    "digest-md": seeds.read_digest_md,
    "notes-md": seeds.read_notes_md,
}
