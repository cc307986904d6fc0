"""Readers for the digest pages people collect (shared/corpus/seeds/): three shapes.

- `digest`: a daily-digest page dump (title line, blank line, abstract paragraph,
  repeated) after a few lines of page chrome. No arXiv ids, so the id is derived from
  the folded title: the same paper listed on two pages is one paper.
- `digest-md`: an arXiv-digest markdown page: `## June 16, 2023` headings, then
  `[Title](https://arxiv.org/pdf/ID.pdf) <details>...` with `* ` bullet summaries.
  The summary is not the abstract, so those papers are marked `is_summary=True`.
- `notes-md`: reading-notes markdown: `[**Title**](https://arxiv.org/abs/ID) comment`
  paragraphs, with continuation paragraphs and images in between. The commentary is
  the text (also `is_summary=True`); only links that start a paragraph are papers,
  a link inside commentary is a citation, not an entry.

Each reader streams lines and yields Paper | Problem like every other reader.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from pydantic import ValidationError

from claimgraph.schema import Paper, Problem, fold, paper_key

# An arXiv link: new-style (2306.08960v1) or old-style (hep-th/9901001) id, abs or pdf.
_ARXIV_URL = r"https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/((?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?)(?:\.pdf)?/?"
_ENTRY_MD = re.compile(r"^\s*(?:[*\-]\s+)?\[(?P<title>.+?)\]\((?P<url>" + _ARXIV_URL + r")\)(?P<rest>.*)$")
_DATE_HEADING = re.compile(r"^#{1,6}\s+(?P<date>[A-Z][a-z]+ \d{1,2}, \d{4})\s*$")
_HEADING = re.compile(r"^#{1,6}\s")
_IMAGE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$")
_BULLET = re.compile(r"^\s*[*\-]\s+")
_TAGS = re.compile(r"</?(?:details|summary|p|br)\s*/?>", re.I)

# digest pages: a title is one short line; an abstract is a long paragraph.
MAX_TITLE_CHARS = 300
MIN_ABSTRACT_CHARS = 200


def title_id(title: str) -> str:
    """A stable id for a paper known only by its title (digest pages carry no arXiv id)."""
    return "title:" + hashlib.sha256(fold(title).encode("utf-8")).hexdigest()[:16]


def clean_md_title(raw: str) -> str:
    t = re.sub(r"(?<!\\)\*\*", "", raw).replace("$`", "").replace("`$", "")
    t = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", t)  # markdown escapes
    return re.sub(r"\s+", " ", t).strip().rstrip(".").strip()


def clean_md_text(raw: str) -> str:
    t = _TAGS.sub(" ", raw).replace("**", "")
    t = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", t)
    return re.sub(r"\s+", " ", t).strip()


def _lines(path_str: str, lines: Iterable[bytes]) -> Iterator[tuple[int, str | Problem]]:
    for lineno, raw in enumerate(lines, start=1):
        try:
            yield lineno, raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as exc:
            yield lineno, Problem(source=path_str, line=lineno, message=f"not UTF-8 (byte {exc.start})")


def _paper(src: str, line: int, paper_id: str | None, **fields) -> Paper | Problem:
    try:
        return Paper(source=src, **fields)
    except ValidationError as exc:
        return Problem(source=src, line=line, paper_id=paper_id, message=exc.errors()[0]["msg"])


def read_digest(src: str, lines: Iterable[bytes]) -> Iterator[Paper | Problem]:
    """Title line + blank + abstract paragraph. Page chrome (short lines followed by
    short lines) is not a paper; a title with no abstract after it is reported."""
    blocks: list[tuple[int, str]] = []  # (first line, text) of each paragraph
    cur: list[str] = []
    start = 0
    for lineno, text in _lines(src, lines):
        if isinstance(text, Problem):
            yield text
            continue
        if text.strip():
            if not cur:
                start = lineno
            cur.append(text.strip())
            continue
        if cur:
            blocks.append((start, " ".join(cur)))
            cur = []
        # Keep memory flat: once two blocks are known, the first can be decided.
        yield from _digest_pairs(src, blocks)
    if cur:
        blocks.append((start, " ".join(cur)))
    yield from _digest_pairs(src, blocks, final=True)


def _digest_pairs(src: str, blocks: list[tuple[int, str]], final: bool = False) -> Iterator[Paper | Problem]:
    while len(blocks) >= 2 or (final and blocks):
        (line, first), nxt = blocks[0], (blocks[1] if len(blocks) > 1 else None)
        is_title = len(first) <= MAX_TITLE_CHARS
        if is_title and nxt is not None and len(nxt[1]) >= MIN_ABSTRACT_CHARS:
            yield _paper(src, line, None, id=title_id(first), title=first, abstract=nxt[1])
            del blocks[:2]
            continue
        if not is_title and len(first) >= MIN_ABSTRACT_CHARS:
            yield Problem(source=src, line=line, message="abstract paragraph without a title line before it")
        del blocks[:1]


def read_digest_md(src: str, lines: Iterable[bytes]) -> Iterator[Paper | Problem]:
    """`## Month D, YYYY` sections of `[Title](arxiv pdf link) <details>` + bullet summaries."""
    day: date | None = None
    entry: dict | None = None

    def flush() -> Iterator[Paper | Problem]:
        if entry is None:
            return
        text = " ".join(entry["bullets"]).strip()
        if not text:
            yield Problem(source=src, line=entry["line"], paper_id=entry["id"], message="entry has no summary")
            return
        yield _paper(src, entry["line"], entry["id"], id=entry["id"], version=entry["version"],
                     title=entry["title"], abstract=text, published=day, url=entry["url"], is_summary=True)

    for lineno, text in _lines(src, lines):
        if isinstance(text, Problem):
            yield text
            continue
        m = _DATE_HEADING.match(text)
        if m:
            yield from flush()
            entry = None
            try:
                day = datetime.strptime(m.group("date"), "%B %d, %Y").date()
            except ValueError:
                day = None
            continue
        m = _ENTRY_MD.match(text)
        if m:
            yield from flush()
            pid, version = paper_key(m.group(3))
            entry = {"line": lineno, "id": pid, "version": version, "title": clean_md_title(m.group("title")),
                     "url": f"https://arxiv.org/abs/{pid}", "bullets": []}
            rest = clean_md_text(re.sub(r"<summary>.*?</summary>", " ", m.group("rest"), flags=re.I))
            if rest:
                entry["bullets"].append(rest)
            continue
        if entry is not None and text.strip() and not _IMAGE.match(text):
            if _HEADING.match(text):
                yield from flush()
                entry = None
                continue
            cleaned = clean_md_text(_BULLET.sub("", text))
            if cleaned:
                entry["bullets"].append(cleaned)
    yield from flush()


def read_notes_md(src: str, lines: Iterable[bytes]) -> Iterator[Paper | Problem]:
    """Paragraphs starting with an arXiv link are papers; following paragraphs are more
    commentary on the same paper, until the next link paragraph or heading."""
    entry: dict | None = None
    in_front_matter = False

    def flush() -> Iterator[Paper | Problem]:
        if entry is None:
            return
        # Commentary may be empty (a link followed only by figures); the title still says
        # which paper it is, so the paper is kept with the title as its only text.
        yield _paper(src, entry["line"], entry["id"], id=entry["id"], version=entry["version"],
                     title=entry["title"], abstract=" ".join(entry["text"]).strip(),
                     url=f"https://arxiv.org/abs/{entry['id']}", is_summary=True)

    for lineno, text in _lines(src, lines):
        if isinstance(text, Problem):
            yield text
            continue
        if lineno == 1 and text.strip() == "---":
            in_front_matter = True
            continue
        if in_front_matter:
            in_front_matter = text.strip() != "---"
            continue
        m = _ENTRY_MD.match(text)
        if m:
            yield from flush()
            pid, version = paper_key(m.group(3))
            rest = re.sub(r"^\s*(?:\*\*)?\.?(?:\*\*)?", "", m.group("rest"))
            entry = {"line": lineno, "id": pid, "version": version,
                     "title": clean_md_title(m.group("title")), "text": []}
            if clean_md_text(rest):
                entry["text"].append(clean_md_text(rest))
            continue
        if _HEADING.match(text):
            yield from flush()
            entry = None
            continue
        if entry is not None and text.strip() and not _IMAGE.match(text):
            entry["text"].append(clean_md_text(_BULLET.sub("", text)))
    yield from flush()
