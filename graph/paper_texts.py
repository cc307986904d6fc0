"""PaperTexts: the embedded store's abstracts and their word index, in SQLite beside the graph.

Why not in the graph: FalkorDB holds the whole graph in RAM, and at 1M papers the
abstracts (1.2 KB each) and the full-text index over them were two thirds of it
(docs/scaling.md has the measurements). No graph query walks an abstract; they are read
one paper at a time (the Paper page) or searched by words, which SQLite's FTS5 does from
disk. The graph keeps every other paper property, titles included.

Consistency with the graph, which stays the source of truth for what exists:
- text is written before the paper's graph batch and deleted after the paper leaves the
  graph, so a crash in between leaves at most a text row with no paper;
- readers go from the graph (or from word matches filtered through the graph), so such
  a row is never shown, and the next ingest of that paper overwrites it;
- an unchanged paper whose text is missing (say the file was deleted) gets it back on its
  next ingest (`missing`).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

# Words as the index's tokenizer (unicode61) cuts them: letters and digits only, so every
# query word is one token and nothing typed can act as FTS5 syntax.
_WORD = re.compile(r"[^\W_]+")

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS paper (
        rid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        abstract TEXT NOT NULL DEFAULT '',
        published TEXT
    )""",
    # External content: the words index the `paper` rows without a second copy of the text.
    # detail='none' keeps only which rows hold a word (no positions): word and prefix
    # queries are all we run, at a third of the index size. Porter stems English words,
    # so "caches" finds "cache".
    """CREATE VIRTUAL TABLE IF NOT EXISTS paper_words USING fts5(
        title, abstract, content='paper', content_rowid='rid',
        detail='none', tokenize='porter unicode61')""",
    """CREATE TRIGGER IF NOT EXISTS paper_ai AFTER INSERT ON paper BEGIN
        INSERT INTO paper_words(rowid, title, abstract) VALUES (new.rid, new.title, new.abstract);
    END""",
    """CREATE TRIGGER IF NOT EXISTS paper_ad AFTER DELETE ON paper BEGIN
        INSERT INTO paper_words(paper_words, rowid, title, abstract)
        VALUES ('delete', old.rid, old.title, old.abstract);
    END""",
    """CREATE TRIGGER IF NOT EXISTS paper_au AFTER UPDATE ON paper BEGIN
        INSERT INTO paper_words(paper_words, rowid, title, abstract)
        VALUES ('delete', old.rid, old.title, old.abstract);
        INSERT INTO paper_words(rowid, title, abstract) VALUES (new.rid, new.title, new.abstract);
    END""",
)

_PUT = """
INSERT INTO paper (id, title, abstract, published) VALUES (?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET title = excluded.title, abstract = excluded.abstract,
                               published = excluded.published
WHERE title IS NOT excluded.title OR abstract IS NOT excluded.abstract
   OR published IS NOT excluded.published
"""
# SQLite's default limit on bound variables is 32766; stay well under it.
_IN_CHUNK = 900


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

    # -- writing ------------------------------------------------------------------------
    def put(self, rows: Iterable[tuple[str, str, str, str | None]]) -> None:
        """Store (id, title, abstract, published) rows in one transaction; a row equal to
        the stored one is left alone (no index churn on re-ingest)."""
        rows = list(rows)
        if not rows:
            return
        with self._lock, self._conn:
            self._conn.execute("BEGIN")
            self._conn.executemany(_PUT, rows)

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
    def abstracts(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(dict.fromkeys(ids))
        out: dict[str, str] = {}
        with self._lock:
            for start in range(0, len(ids), _IN_CHUNK):
                chunk = ids[start:start + _IN_CHUNK]
                out.update(self._conn.execute(
                    f"SELECT id, abstract FROM paper WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def missing(self, ids: Iterable[str]) -> set[str]:
        wanted = set(ids)
        return wanted - set(self.abstracts(wanted))

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
        with self._lock:
            ids = [row[0] for row in self._conn.execute(
                "SELECT p.id FROM paper_words JOIN paper AS p ON p.rid = paper_words.rowid "
                "WHERE paper_words MATCH ? ORDER BY p.published DESC, p.id", (expression,))]
        for start in range(0, len(ids), chunk):
            yield ids[start:start + chunk]

    def close(self) -> None:
        with self._lock:
            self._conn.close()
