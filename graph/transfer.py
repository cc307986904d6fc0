"""Moving a graph between stores through a dump file (the line shapes: schema/dump.py).

`write_dump` pages through a store (GraphStore.dump_nodes / dump_relationships) and
writes one JSON line per node and relationship; `import_dump` reads a dump a line at a
time and merges it into a store in batches (GraphStore.import_nodes /
import_relationships). Neither holds more than a page or a batch in memory, so the size
of the graph does not matter.

Import is a merge: nodes by (label, id), relationships by their two ends (plus `paper`
for OUTPERFORMS), each left with exactly the dump's properties. Re-importing a dump
changes nothing; importing into a store that already has some of the graph keeps what
the dump does not mention and overwrites what it does.

Bad input never loses the rest: a line that is not a valid node or relationship is
reported (file and line number) and skipped; a dump without its end line is imported as
far as it goes and reported as truncated. Only a file that is not a dump at all (no
header) stops before anything is written.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from claimgraph import __version__
from claimgraph.schema.dump import (
    DUMP_FORMAT, DumpEnd, DumpHeader, DumpNode, DumpRel, TransferReport,
)

from . import cypher as Q
from .store import StoreError

DUMP_PAGE_SIZE = 2000  # rows per read from the source
IMPORT_BATCH_SIZE = 1000  # rows per write statement on the target
MAX_EXAMPLES = 20  # problems kept (and shown) in full; the rest are counted

# progress(phase, label or relationship type, rows so far in that section)
Progress = Callable[[str, str, int], None]

_ENDPOINTS = set(Q.REL_ENDPOINTS)


class DumpError(ValueError):
    """The file is not a dump this claimgraph can read; nothing was imported."""


# ---- writing ------------------------------------------------------------------------
def write_dump(store, out: IO[bytes], *, page_size: int = DUMP_PAGE_SIZE,
               progress: Progress | None = None) -> TransferReport:
    """Write the whole graph to `out` (binary). Store errors propagate (StoreError); the
    file then has no end line, so an import of it says it is truncated."""
    t0 = time.monotonic()
    report = TransferReport()
    tick = progress or (lambda phase, name, count: None)
    header = DumpHeader(claimgraph_dump=DUMP_FORMAT, version=__version__,
                        exported=datetime.now(timezone.utc), source=store.describe())
    out.write(header.model_dump_json().encode("utf-8") + b"\n")
    for label in Q.DUMP_LABELS:
        count = 0
        for node in store.dump_nodes(label, page_size):
            if not isinstance(node.id, str) or not node.id:
                _problem(report, f"a {label} node without a text id was left out "
                                 f"(properties {sorted(node.props)})")
                continue
            out.write(_json_line(node))
            count += 1
            if count % page_size == 0:
                tick("export", label, count)
        report.nodes[label] = count
        tick("export", label, count)
    for rel, src, dst in Q.REL_ENDPOINTS:
        count = 0
        for edge in store.dump_relationships(rel, src, dst, page_size):
            if not all(isinstance(end, str) and end for end in (edge.from_[1], edge.to[1])):
                _problem(report, f"a {rel} relationship from {src} {edge.from_[1]!r} to {dst} "
                                 f"{edge.to[1]!r} has an end without a text id; left out")
                continue
            out.write(_json_line(edge))
            count += 1
            if count % page_size == 0:
                tick("export", rel, report.relationships.get(rel, 0) + count)
        report.relationships[rel] = report.relationships.get(rel, 0) + count
        tick("export", rel, report.relationships[rel])
    end = DumpEnd(end=True, nodes=report.node_total, relationships=report.relationship_total)
    out.write(end.model_dump_json().encode("utf-8") + b"\n")
    _compare_with_stats(store, report)
    report.seconds = time.monotonic() - t0
    return report


def _json_line(item: DumpNode | DumpRel) -> bytes:
    try:
        return item.model_dump_json(by_alias=True).encode("utf-8") + b"\n"
    except Exception as exc:  # a value JSON cannot hold (the store returned something odd)
        raise StoreError(f"cannot write {item!r} as JSON: {exc}") from exc


def _compare_with_stats(store, report: TransferReport) -> None:
    """The store's own counts against what was written: a difference means writes
    happened during the export, or edges outside the model (ends of other labels)."""
    stats = store.stats()
    for name, dumped in list(report.nodes.items()) + list(report.relationships.items()):
        if name in stats and stats[name] != dumped:
            _problem(report, f"{name}: {dumped} written, but the store counts {stats[name]} "
                             "(was it written to during the export?)")


# ---- reading ------------------------------------------------------------------------
def open_dump(path: str | Path) -> IO[bytes]:
    """A dump file for reading, gunzipped if it is gzip; "-" is standard input."""
    if str(path) == "-":
        raw: IO[bytes] = sys.stdin.buffer
    else:
        raw = open(path, "rb")
    head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
    if head == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


def create_dump(path: str | Path, compress: bool | None = None) -> IO[bytes]:
    """A dump file for writing, gzip-compressed when `compress` says so (default: when the
    name ends in .gz; a temporary name must pass the final name's choice)."""
    if compress if compress is not None else str(path).endswith(".gz"):
        return gzip.open(path, "wb", compresslevel=6)  # type: ignore[return-value]
    return open(path, "wb")


def read_dump(lines: Iterable[bytes], name: str, report: TransferReport
              ) -> Iterator[tuple[int, DumpNode | DumpRel]]:
    """(line number, node or relationship) for every valid line after the header.

    Raises DumpError when the first line is not a dump header. Every other bad line is
    counted in `report` with its line number and skipped; a missing end line, or one
    whose counts disagree with the lines read, marks the report truncated."""
    it = iter(lines)
    first = next(it, b"")
    header = _header(first, name)
    del header  # only its validity matters today (format 1 is the only one)
    data_lines = 0
    end: DumpEnd | None = None
    lineno = 1
    for lineno, raw in enumerate(it, start=2):
        if not raw.strip():
            continue
        if end is not None:
            _problem(report, f"{name}:{lineno}: a line after the end line (two dumps joined?); skipped")
            continue
        item = _parse(raw, name, lineno, report)
        if isinstance(item, DumpEnd):
            end = item
            continue
        data_lines += 1
        if item is not None:
            yield lineno, item
    if end is None:
        report.truncated = True
        report.message = (f"{name}: no end line after line {lineno}: the dump is truncated "
                          "(or was still being written). Every complete line before it was "
                          "imported; import a complete dump to finish (importing merges, so "
                          "nothing is duplicated).")
    elif end.nodes + end.relationships != data_lines:
        report.truncated = True
        report.message = (f"{name}: the end line counts {end.nodes} nodes and "
                          f"{end.relationships} relationships, but {data_lines} lines came "
                          "before it: lines were lost or added. What was there was imported.")


def _header(first: bytes, name: str) -> DumpHeader:
    if not first.strip():
        raise DumpError(f"{name}: empty file, not a claimgraph dump")
    try:
        data = json.loads(first)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DumpError(f"{name}:1: not a claimgraph dump (the first line is not JSON: {exc})") from None
    if not isinstance(data, dict) or "claimgraph_dump" not in data:
        raise DumpError(f"{name}:1: not a claimgraph dump (no claimgraph_dump header line)")
    if data.get("claimgraph_dump") != DUMP_FORMAT:
        raise DumpError(f"{name}:1: dump format {data.get('claimgraph_dump')!r}; this claimgraph "
                        f"({__version__}) reads format {DUMP_FORMAT}")
    try:
        return DumpHeader.model_validate(data)
    except ValidationError as exc:
        raise DumpError(f"{name}:1: bad dump header: {_describe(exc)}") from None


def _parse(raw: bytes, name: str, lineno: int, report: TransferReport
           ) -> DumpNode | DumpRel | DumpEnd | None:
    where = f"{name}:{lineno}"
    try:
        data = json.loads(raw)
    except UnicodeDecodeError as exc:
        _problem(report, f"{where}: not UTF-8 text ({exc.reason}); skipped")
        return None
    except json.JSONDecodeError as exc:
        _problem(report, f"{where}: not JSON ({exc.msg} at column {exc.colno}); skipped")
        return None
    if not isinstance(data, dict):
        _problem(report, f"{where}: a JSON {type(data).__name__}, not a node or relationship object; skipped")
        return None
    try:
        if "node" in data:
            node = DumpNode.model_validate(data)
            if node.node not in Q.DUMP_LABELS:
                _problem(report, f"{where}: unknown node label {node.node!r} "
                                 f"(known: {', '.join(Q.DUMP_LABELS)}); skipped")
                return None
            return node
        if "rel" in data:
            edge = DumpRel.model_validate(data)
            if (edge.rel, edge.from_[0], edge.to[0]) not in _ENDPOINTS:
                _problem(report, f"{where}: {edge.rel} from {edge.from_[0]} to {edge.to[0]} is not "
                                 "a relationship of the graph model; skipped")
                return None
            for key in Q.REL_MERGE_KEYS[edge.rel]:
                if not isinstance(edge.props.get(key), str) or not edge.props[key]:
                    _problem(report, f"{where}: {edge.rel} needs a text {key!r} property "
                                     "(one edge per paper); skipped")
                    return None
            return edge
        if "end" in data:
            return DumpEnd.model_validate(data)
        if "claimgraph_dump" in data:
            _problem(report, f"{where}: a second dump header (two dumps joined?); skipped")
            return None
    except ValidationError as exc:
        _problem(report, f"{where}: {_describe(exc)}; skipped")
        return None
    _problem(report, f"{where}: neither a node, a relationship nor the end line; skipped")
    return None


def _describe(exc: ValidationError) -> str:
    """pydantic's errors in one line: one entry per field (a property that fits none of
    the value types yields one error per type; those become one)."""
    by_field: dict[tuple, list[dict[str, Any]]] = {}
    for err in exc.errors():
        loc = tuple(err["loc"])
        key = loc[:2] if loc[:1] == ("props",) else loc[:1]
        by_field.setdefault(key, []).append(err)
    parts = []
    for key, errs in by_field.items():
        field = ".".join(str(k) for k in key) or "line"
        if key[:1] == ("props",) and len(errs) > 1:
            got = type(errs[0].get("input")).__name__
            got = "null" if got == "NoneType" else got
            parts.append(f"{field}: must be a string, number, boolean or a list of them, not {got}")
        else:
            parts.append(f"{field}: {errs[0]['msg']}")
    return "; ".join(parts)


def _problem(report: TransferReport, text: str) -> None:
    report.problems += 1
    if len(report.examples) < MAX_EXAMPLES:
        report.examples.append(text)


# ---- importing ----------------------------------------------------------------------
def import_dump(store, lines: Iterable[bytes], name: str, *, batch_size: int = IMPORT_BATCH_SIZE,
                progress: Progress | None = None, ensure_schema: bool = True) -> TransferReport:
    """Merge a dump into `store`. Raises DumpError before writing anything when the file
    is not a dump; a store error stops the import with `report.error` set (batches
    already written stay: importing again completes them without duplicates)."""
    t0 = time.monotonic()
    report = TransferReport()
    items = read_dump(lines, name, report)
    first = next(items, None)  # reads the header: a non-dump fails here, before any write
    if ensure_schema:
        store.ensure_schema()
    batches = _Batches(store, name, report, max(1, batch_size), progress)
    try:
        if first is not None:
            batches.add(*first)
        for lineno, item in items:
            batches.add(lineno, item)
        batches.flush_all()
    except StoreError as exc:
        report.error = str(exc)
    report.seconds = time.monotonic() - t0
    return report


class _Batches:
    """Rows waiting to be written, one buffer per label and per relationship kind,
    keyed so that a repeated key replaces the earlier line (the last line wins, as it
    does across batches). Nodes are always written before any relationship batch, so
    an edge's ends exist by the time it is merged."""

    def __init__(self, store, name: str, report: TransferReport, size: int,
                 progress: Progress | None):
        self.store, self.name, self.report, self.size = store, name, report, size
        self.tick = progress or (lambda phase, label, count: None)
        self.nodes: dict[str, dict[str, DumpNode]] = {}
        self.rels: dict[tuple[str, str, str], dict[tuple, tuple[int, DumpRel]]] = {}

    def add(self, lineno: int, item: DumpNode | DumpRel) -> None:
        if isinstance(item, DumpNode):
            buf = self.nodes.setdefault(item.node, {})
            buf[item.id] = item
            if len(buf) >= self.size:
                self._write_nodes(item.node)
            return
        kind = (item.rel, item.from_[0], item.to[0])
        key = (item.from_[1], item.to[1]) + tuple(item.props[k] for k in Q.REL_MERGE_KEYS[item.rel])
        rbuf = self.rels.setdefault(kind, {})
        rbuf[key] = (lineno, item)
        if len(rbuf) >= self.size:
            self._write_rels(kind)

    def flush_all(self) -> None:
        for label in list(self.nodes):
            self._write_nodes(label)
        for kind in list(self.rels):
            self._write_rels(kind)

    def _write_nodes(self, label: str) -> None:
        if label == "Claim":  # claims are merged under their papers: those go first
            self._write_nodes("Paper")
        batch = list(self.nodes.pop(label, {}).values())
        if not batch:
            return
        written = self.store.import_nodes(label, batch)
        if written < len(batch):
            _problem(self.report, f"{self.name}: {len(batch) - written} of {len(batch)} {label} nodes "
                                  f"in one batch ({batch[0].id!r} to {batch[-1].id!r}) not written: "
                                  "a claim's paper is in neither the dump nor the store; skipped")
        self.report.nodes[label] = self.report.nodes.get(label, 0) + len(batch)
        self.tick("import", label, self.report.nodes[label])

    def _write_rels(self, kind: tuple[str, str, str]) -> None:
        for label in list(self.nodes):  # the ends first
            self._write_nodes(label)
        pending = list(self.rels.pop(kind, {}).values())
        if not pending:
            return
        rel, src, dst = kind
        missing = self.store.import_relationships(rel, src, dst, [edge for _, edge in pending])
        for i in missing:
            lineno, edge = pending[i]
            _problem(self.report, f"{self.name}:{lineno}: {rel} from {src} {edge.from_[1]!r} to "
                                  f"{dst} {edge.to[1]!r}: an end node is in neither the dump nor "
                                  "the store; skipped")
        done = self.report.relationships.get(rel, 0) + len(pending) - len(missing)
        self.report.relationships[rel] = done
        self.tick("import", rel, done)
