"""PaperTexts: the embedded store's abstracts, their word index and the other paper
fields no query filters on, in SQLite beside the graph.

Why not in the graph: FalkorDB holds the whole graph in RAM, and at 1M papers the
abstracts (1.2 KB each) and the full-text index over them were two thirds of it
(docs/scaling.md has the measurements). No graph query walks an abstract; they are read
one paper at a time (the Paper page) or searched by words, which SQLite's FTS5 does from
disk. The same goes for a paper's author list (names in its order), url, version,
update date, source and summary flag (cypher.PAPER_DOC_FIELDS): shown, never matched on. The graph keeps the rest, titles
and publication dates included.

Consistency with the graph, which stays the source of truth for what exists:
- text is written before the paper's graph batch and deleted after the paper leaves the
  graph, so a crash in between leaves at most a text row with no paper;
- readers go from the graph (or from word matches filtered through the graph), so such
  a row is never shown, and the next ingest of that paper overwrites it;
- an unchanged paper whose text is missing (say the file was deleted) gets it back on its
  next ingest (`missing`).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .cypher import PAPER_DOC_FIELDS

# Columns besides id: what the word index reads, the date its matches are ordered by, and
# the paper fields kept here rather than in the graph.
_COLUMNS = ("title", "published") + PAPER_DOC_FIELDS
_TYPES = {"version": "INTEGER", "is_summary": "INTEGER"}

# Words as the index's tokenizer (unicode61) cuts them: letters and digits only, so every
# query word is one token and nothing typed can act as FTS5 syntax.
_WORD = re.compile(r"[^\W_]+")

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS paper (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
    + ", ".join(f"{c} {_TYPES.get(c, 'TEXT')}" for c in _COLUMNS) + ")",
    # External content: the words index the `paper` rows without a second copy of the text.
    # detail='none' keeps only which rows hold a word (no positions): word and prefix
    # queries are all we run, at a third of the index size. Porter stems English words,
    # so "caches" finds "cache".
    """CREATE VIRTUAL TABLE IF NOT EXISTS paper_words USING fts5(
        title, abstract, content='paper', content_rowid='rid',
        detail='none', tokenize='porter unicode61')""",
    """CREATE TRIGGER IF NOT EXISTS paper_ai AFTER INSERT ON paper BEGIN
        INSERT INTO paper_words(rowid, title, abstract)
        VALUES (new.rid, coalesce(new.title, ''), coalesce(new.abstract, ''));
    END""",
    """CREATE TRIGGER IF NOT EXISTS paper_ad AFTER DELETE ON paper BEGIN
        INSERT INTO paper_words(paper_words, rowid, title, abstract)
        VALUES ('delete', old.rid, coalesce(old.title, ''), coalesce(old.abstract, ''));
    END""",
    # only a changed title or abstract touches the word index
    """CREATE TRIGGER IF NOT EXISTS paper_au AFTER UPDATE OF title, abstract ON paper BEGIN
        INSERT INTO paper_words(paper_words, rowid, title, abstract)
        VALUES ('delete', old.rid, coalesce(old.title, ''), coalesce(old.abstract, ''));
        INSERT INTO paper_words(rowid, title, abstract)
        VALUES (new.rid, coalesce(new.title, ''), coalesce(new.abstract, ''));
    END""",
)

_PUT = (
    f"INSERT INTO paper (id, {', '.join(_COLUMNS)}) VALUES (:id, {', '.join(':' + c for c in _COLUMNS)})\n"
    f"ON CONFLICT (id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _COLUMNS)}\n"
    f"WHERE {' OR '.join(f'{c} IS NOT excluded.{c}' for c in _COLUMNS)}"
)
# SQLite's default limit on bound variables is 32766; stay well under it.
_IN_CHUNK = 900


def _to_sql(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def _from_sql(field: str, value: Any) -> Any:
    if field == "is_summary":
        return bool(value)
    if field == "authors":
        return json.loads(value)
    return value


def match_expression(text: str) -> str:
    """FTS5 MATCH text for `text`: every word required (each quoted, so it is a word and
    never an operator); the last one, if it has 3+ characters, also matches as a prefix, as
    one expects while typing. Empty when `text` has no words."""
    words = _WORD.findall(text.lower())
    if not words:
        return ""
    terms = [f'"{w}"' for w in words]
    if len(words[-1]) >= 3:
        terms[-1] += "*"
    return " ".join(terms)


class PaperTexts:
    """Abstracts by paper id, with a word index over title and abstract."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        # One connection per store object, shared by the explorer's session threads under
        # a lock; other processes (ingest beside the explorer) open their own, and WAL lets
        # them read while one writes.
        self._conn = sqlite3.connect(self.path, timeout=30.0, check_same_thread=False,
                                     isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            # FULL: a committed text survives power loss, as the graph's fsynced AOF does
            self._conn.execute("PRAGMA synchronous=FULL")
            with self._conn:
                for statement in _SCHEMA:
                    self._conn.execute(statement)
                # a file from before a field moved here gains its column
                have = {row[1] for row in self._conn.execute("PRAGMA table_info(paper)")}
                for column in _COLUMNS:
                    if column not in have:
                        self._conn.execute(f"ALTER TABLE paper ADD COLUMN {column} {_TYPES.get(column, 'TEXT')}")

    # -- writing ------------------------------------------------------------------------
    def put(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Store papers ({"id", "title", "published", and any of PAPER_DOC_FIELDS; a field
        left out is stored as null}) in one transaction; a row equal to the stored one is
        left alone (no index churn on re-ingest)."""
        params = [{"id": row["id"], **{c: _to_sql(row.get(c)) for c in _COLUMNS}} for row in rows]
        if not params:
            return
        with self._lock, self._conn:
            self._conn.execute("BEGIN")
            self._conn.executemany(_PUT, params)

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        with self._lock, self._conn:
            self._conn.execute("BEGIN")
            for start in range(0, len(ids), _IN_CHUNK):
                chunk = ids[start:start + _IN_CHUNK]
                self._conn.execute(f"DELETE FROM paper WHERE id IN ({','.join('?' * len(chunk))})", chunk)

    def clear(self) -> None:
        with self._lock, self._conn:
            self._conn.execute("BEGIN")
            self._conn.execute("DELETE FROM paper")

    # -- reading ------------------------------------------------------------------------
    def fields(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """{paper id: {field: value}} of PAPER_DOC_FIELDS, nulls left out (as a graph
        property that was never set), for the ids stored."""
        ids = list(dict.fromkeys(ids))
        out: dict[str, dict[str, Any]] = {}
        with self._lock:
            for start in range(0, len(ids), _IN_CHUNK):
                chunk = ids[start:start + _IN_CHUNK]
                cursor = self._conn.execute(
                    f"SELECT id, {', '.join(PAPER_DOC_FIELDS)} FROM paper "
                    f"WHERE id IN ({','.join('?' * len(chunk))})", chunk)
                for pid, *values in cursor:
                    out[pid] = {f: _from_sql(f, v) for f, v in zip(PAPER_DOC_FIELDS, values) if v is not None}
        return out

    def missing(self, ids: Iterable[str]) -> set[str]:
        wanted = set(ids)
        return wanted - set(self.fields(wanted))

    def count(self) -> int:
        with self._lock:
            return self._conn.execute("SELECT count(*) FROM paper").fetchone()[0]

    def search(self, text: str, chunk: int = 2000) -> Iterator[list[str]]:
        """Ids of the papers whose title and abstract hold every word of `text`, newest
        first (published, then id: the order of the `papers` query), `chunk` at a time so
        a caller that filters them further can stop once it has enough."""
        expression = match_expression(text)
        if not expression:
            return
        start = 0
        while True:
            # a page per call (not one cursor held open across the caller's graph queries);
            # the usual caller needs only the first
            with self._lock:
                ids = [row[0] for row in self._conn.execute(
                    "SELECT p.id FROM paper_words JOIN paper AS p ON p.rid = paper_words.rowid "
                    "WHERE paper_words MATCH ? ORDER BY p.published DESC, p.id LIMIT ? OFFSET ?",
                    (expression, chunk, start))]
            if ids:
                yield ids
            if len(ids) < chunk:
                return
            start += chunk

    def close(self) -> None:
        with self._lock:
            self._conn.close()
