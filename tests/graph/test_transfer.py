"""Dump and import (graph/transfer.py, `claimgraph export --format dump` / `import`):
round trips between real stores (embedded FalkorDB, Neo4jStore over FalkorDB's Bolt
port, Neo4j when NEO4J_URI is set), merge semantics, and bad dumps."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

import graph_seed
from claimgraph.graph import transfer as T
from claimgraph.schema import IngestRun, PaperRecord

CLAIMGRAPH = [sys.executable, "-m", "claimgraph.app.cli"]
_graphs = itertools.count()


@pytest.fixture
def other_store(falkordb_server):
    """A second embedded store, on its own empty graph (the `store` fixture may be the
    first one: any_store's embedded case is `store` itself)."""
    from claimgraph.graph.embedded import EmbeddedStore

    s = EmbeddedStore(falkordb_server, f"transfer_{os.getpid()}_{next(_graphs)}")
    yield s
    s.drop()
    s.close()


def _is_bolt(store) -> bool:
    # Neo4jStore on FalkorDB's Bolt port: its schema is made over Redis by the fixture
    # (Neo4j's constraint statements are not FalkorDB syntax).
    return store.backend == "neo4j" and store.dialect == "falkordb"


def _seed(store) -> None:
    store.upsert(graph_seed.records())
    store.save_run(IngestRun(id="run-1", query="q", status="ok",
                             started=datetime(2026, 1, 1, tzinfo=timezone.utc),
                             finished=datetime(2026, 1, 1, 0, 5, tzinfo=timezone.utc),
                             watermark=datetime(2025, 12, 31, tzinfo=timezone.utc),
                             counts={"new": 5, "claims": 4}))


def _dump(store, page_size: int = 2) -> bytes:
    buf = io.BytesIO()
    report = T.write_dump(store, buf, page_size=page_size)
    assert report.problems == 0, report.examples
    return buf.getvalue()


def _import(store, data: bytes, name: str = "graph.dump", batch_size: int = 3):
    return T.import_dump(store, io.BytesIO(data), name, batch_size=batch_size,
                         ensure_schema=not _is_bolt(store))


def _body(data: bytes) -> list[dict]:
    """The node and relationship lines, in a canonical order (stores page differently)."""
    lines = [json.loads(line) for line in data.decode("utf-8").splitlines()[1:-1]]
    return sorted(lines, key=lambda d: json.dumps(d, sort_keys=True))


def _canon(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))


def _answers(store) -> dict:
    return {
        "beats": _canon(store.query("beats", {"baseline": "GPTQ"})),
        "beats_2bit": _canon(store.query("beats", {"baseline": "OPTQ", "bits": 2})),
        "method": store.query("method", {"method": "GPTQ"}),
        "method_alias": store.query("method", {"method": "OPTQ"}),
        "claims": _canon(store.query("claims", {"limit": 1000})),
        "claims_speedup": store.query("claims", {"kind": "speedup", "sort": "value"}),
        "runs": store.runs(),
        "watermark": store.last_watermark("q"),
    }


def _alias_count(store) -> int:
    return store.read_cypher("MATCH (a:MethodAlias) RETURN count(a) AS n")[0]["n"]


# ---- round trips ----------------------------------------------------------------------
def test_round_trip_from_every_backend(any_store, other_store):
    """Export from each backend (embedded, Bolt, Neo4j), import into a fresh store: the
    same counts, the same answers, the same lines; importing again changes nothing."""
    _seed(any_store)
    data = _dump(any_store)
    header = json.loads(data.splitlines()[0])
    assert header["claimgraph_dump"] == 1 and header["source"] == any_store.describe()
    end = json.loads(data.splitlines()[-1])
    body = _body(data)
    assert end == {"end": True, "nodes": sum("node" in d for d in body),
                   "relationships": sum("rel" in d for d in body)}
    assert not any(d.get("node") == "Lock" for d in body)  # bookkeeping of live processes

    report = _import(other_store, data)
    assert (report.problems, report.truncated, report.error) == (0, False, ""), report.examples
    source_stats = any_store.stats()
    assert other_store.stats() == source_stats
    assert report.relationships == {k: v for k, v in source_stats.items() if k in report.relationships}
    assert report.nodes["IngestRun"] == 1 and report.nodes["MethodAlias"] == _alias_count(any_store) == 1
    assert _alias_count(other_store) == 1
    assert _answers(other_store) == _answers(any_store)
    # every property came across with its type (floats stay floats, lists stay lists)
    assert _body(_dump(other_store)) == body
    paper = next(d for d in body if d.get("node") == "Paper" and d["id"] == "2401.00001")["props"]
    assert paper["version"] == 1 and paper["is_summary"] is False and paper["categories"] == ["cs.LG"]
    edge = next(d for d in body if d.get("rel") == "OUTPERFORMS" and d["props"]["bits"] == 2.0
                and d["from"] == ["Method", "quiplite"])
    assert isinstance(edge["props"]["bits"], float) and isinstance(edge["props"]["start"], int)

    again = _import(other_store, data, batch_size=1000)
    assert again.node_total == report.node_total and again.problems == 0
    assert other_store.stats() == source_stats
    assert _body(_dump(other_store)) == body


def test_import_into_every_backend(any_store, other_store):
    """The other direction: an embedded graph into each backend, through its driver."""
    _seed(other_store)
    data = _dump(other_store, page_size=3)
    report = _import(any_store, data, batch_size=2)
    assert report.problems == 0, report.examples
    assert any_store.stats() == other_store.stats()
    assert _answers(any_store) == _answers(other_store)
    again = _import(any_store, data)
    assert again.problems == 0 and any_store.stats() == other_store.stats()
    assert _body(_dump(any_store)) == _body(data)


def test_key_paging_gives_the_same_dump(store, monkeypatch):
    """Neo4j pages by the indexed `id` (ORDER BY + LIMIT), FalkorDB by internal id: run
    the Neo4j statements on FalkorDB too, with pages that split every label."""
    _seed(store)
    by_internal_id = _dump(store, page_size=1)
    monkeypatch.setattr(store, "dialect", "neo4j")
    by_key = _dump(store, page_size=1)
    assert _body(by_key) == _body(by_internal_id)
    assert len(_body(by_key)) > 50


def test_quotes_and_unicode_travel(quoting_store, other_store):
    rec = graph_seed.records()[0]
    title = 'It\'s "GPTQ" \\ back`tick` {x: 1} ünïcödé 😀\nsecond line'
    paper = rec.paper.model_copy(update={"title": title})
    other_store.upsert([PaperRecord(paper=paper, extraction=rec.extraction)])
    report = T.import_dump(quoting_store, io.BytesIO(_dump(other_store)), "q.dump")
    assert report.problems == 0, report.examples
    assert quoting_store.query("paper", {"id": rec.paper.id})[0]["title"] == title
    assert quoting_store.stats() == other_store.stats()


# ---- merge semantics -------------------------------------------------------------------
def test_import_into_a_non_empty_store_merges(store, other_store):
    _seed(store)
    data = _dump(store)
    recs = graph_seed.records()
    changed = recs[0].paper.model_copy(update={"title": "An older title"})
    other_store.upsert([PaperRecord(paper=changed, extraction=recs[0].extraction)])
    other_store.upsert(graph_seed.synthetic(2))  # papers the dump does not have
    before = other_store.stats()
    report = _import(other_store, data)
    assert report.problems == 0, report.examples
    # the paper in both keeps the dump's properties; the target's own papers stay
    assert other_store.query("paper", {"id": recs[0].paper.id})[0]["title"] == recs[0].paper.title
    for rec in graph_seed.synthetic(2):
        assert other_store.query("paper", {"id": rec.paper.id})
    after = other_store.stats()
    assert after["Paper"] == store.stats()["Paper"] + 2
    assert after["OUTPERFORMS"] == store.stats()["OUTPERFORMS"] + before["OUTPERFORMS"] - 2


def test_repeated_lines_last_wins_without_duplicates(store, other_store):
    _seed(store)
    lines = _dump(store).splitlines()
    node = next(i for i, l in enumerate(lines) if b'"node":"Method","id":"gptq"' in l)
    edge = next(i for i, l in enumerate(lines) if b'"rel":"WROTE"' in l)
    renamed = json.loads(lines[node])
    renamed["props"]["name"] = "GPTQ (renamed)"
    body = lines[1:-1] + [lines[edge], json.dumps(renamed).encode()]
    end = {"end": True, "nodes": 0, "relationships": len(body)}  # counts: any split, same total
    data = b"\n".join([lines[0], *body, json.dumps(end).encode()]) + b"\n"
    report = _import(other_store, data, batch_size=1000)
    assert report.problems == 0 and not report.truncated, (report.examples, report.message)
    assert other_store.stats() == store.stats()
    assert other_store.query("method", {"method": "gptq"})[0]["name"] == "GPTQ (renamed)"


# ---- bad dumps ---------------------------------------------------------------------------
def test_truncated_dump_imports_what_is_complete_and_says_so(store, other_store):
    _seed(store)
    lines = _dump(store).splitlines()
    cut = lines[:-4]  # the end line and the last three relationships are lost
    cut[-1] = cut[-1][: len(cut[-1]) // 2]  # and the last line is half written
    report = _import(other_store, b"\n".join(cut))
    assert report.truncated and "truncated" in report.message
    assert f"graph.dump: no end line after line {len(cut)}" in report.message
    assert report.problems == 1 and report.examples[0].startswith(f"graph.dump:{len(cut)}: not JSON")
    got, want = other_store.stats(), store.stats()
    assert {k: got[k] for k in ("Paper", "Claim", "Method", "Author")} == \
           {k: want[k] for k in ("Paper", "Claim", "Method", "Author")}
    assert sum(got.values()) == sum(want.values()) - 4
    # the complete dump finishes the job, without duplicating what landed
    report = _import(other_store, b"\n".join(lines))
    assert not report.truncated and report.problems == 0
    assert other_store.stats() == want


def test_end_line_counts_must_match(store, other_store):
    _seed(store)
    lines = _dump(store).splitlines()
    del lines[5]  # a node line lost in the middle
    report = _import(other_store, b"\n".join(lines))
    assert report.truncated and "lines were lost or added" in report.message


def test_bad_lines_are_named_and_skipped(store, other_store):
    _seed(store)
    lines = _dump(store).splitlines()
    method_line = next(l for l in lines if b'"node":"Method","id":"awq"' in l)
    bad = [
        b'{"node": "Paper", "id": 5, "props": {}}',
        b"this is not json",
        b'{"node": "Lock", "id": "ingest", "props": {}}',
        b'{"node": "Paper", "id": "x1", "props": {"meta": {"nested": 1}}}',
        b'{"node": "Paper", "id": "x2", "props": {"id": "x3"}}',
        b'{"rel": "WROTE", "from": ["Paper", "2401.00001"], "to": ["Author", "adalovelace"], "props": {}}',
        b'{"rel": "OUTPERFORMS", "from": ["Method", "awq"], "to": ["Method", "gptq"], "props": {}}',
        b'{"rel": "MAKES", "from": ["Paper", "2401.00001"], "to": ["Claim", "no-such-claim"], "props": {}}',
        b'[1, 2]',
        b'{"colour": "red"}',
    ]
    # the method line goes missing, so the edges that end at AWQ cannot be made
    body = [l for l in lines[1:-1] if l != method_line]
    start = len(body) + 2  # line number of the first bad line (the header is line 1)
    data = b"\n".join([lines[0], *body, *bad,
                       json.dumps({"end": True, "nodes": 0, "relationships": len(body) + len(bad)}).encode()])
    report = _import(other_store, data)
    assert not report.truncated, report.message
    text = "\n".join(report.examples)
    expect = [
        (0, "id: Input should be a valid string"),
        (1, "not JSON"),
        (2, "unknown node label 'Lock'"),
        (3, "props.meta: must be a string, number, boolean or a list of them, not dict"),
        (4, "props.id 'x3' differs from id 'x2'"),
        (5, "WROTE from Paper to Author is not a relationship of the graph model"),
        (6, "OUTPERFORMS needs a text 'paper' property"),
        (8, "a JSON list, not a node or relationship object"),
        (9, "neither a node, a relationship"),
    ]
    for offset, words in expect:
        assert any(e.startswith(f"graph.dump:{start + offset}: ") and words in e
                   for e in report.examples), (offset, words, text)
    assert any(e.startswith(f"graph.dump:{start + 7}: MAKES from Paper '2401.00001' to Claim "
                            "'no-such-claim': an end node is in neither") for e in report.examples)
    # edges at the missing AWQ node are reported with their own line numbers
    awq_edges = [i + 2 for i, l in enumerate(body) if b'"awq"]' in l and b'"rel"' in l]
    assert awq_edges and all(any(e.startswith(f"graph.dump:{n}: ") for e in report.examples)
                             for n in awq_edges)
    assert report.problems == len(expect) + 1 + len(awq_edges)
    # the rest landed
    want = store.stats()
    got = other_store.stats()
    assert got["Paper"] == want["Paper"] and got["Claim"] == want["Claim"]
    assert got["Method"] == want["Method"] - 1


def test_a_claim_without_its_paper_is_reported(store, other_store):
    """Claims are merged under their papers (FalkorDB keeps no claim id index): one whose
    paper is missing is named as a problem, and the rest land."""
    _seed(store)
    lines = _dump(store).splitlines()
    paper_line = next(l for l in lines if b'"node":"Paper","id":"2401.00001"' in l)
    body = [l for l in lines[1:-1] if l != paper_line]
    data = b"\n".join([lines[0], *body])  # no end line: truncated, imported anyway
    report = _import(other_store, data, batch_size=1000)
    lost = store.read_cypher("MATCH (:Paper {id: '2401.00001'})-[:MAKES]->(c:Claim) RETURN count(c) AS n")[0]["n"]
    assert lost >= 1
    assert any(f"{lost} of " in e and "Claim nodes" in e and "a claim's paper is in neither" in e
               for e in report.examples), report.examples
    assert other_store.stats()["Claim"] == store.stats()["Claim"] - lost
    assert other_store.stats()["Paper"] == store.stats()["Paper"] - 1


def test_not_a_dump_writes_nothing(store):
    for data, words in [(b"", "empty file"), (b'{"node": "Paper", "id": "a", "props": {}}\n', "no claimgraph_dump header"),
                        (b'{"claimgraph_dump": 2, "version": "9"}\n', "dump format 2"),
                        (b"PK\x03\x04 zip", "first line is not JSON")]:
        with pytest.raises(T.DumpError, match=words):
            T.import_dump(store, io.BytesIO(data), "x.dump")
    assert sum(store.stats().values()) == 0


def test_empty_graph_round_trips(store, other_store):
    data = _dump(store)
    assert len(data.splitlines()) == 2 and json.loads(data.splitlines()[-1]) == \
        {"end": True, "nodes": 0, "relationships": 0}
    report = _import(other_store, data)
    assert (report.node_total, report.problems, report.truncated) == (0, 0, False)
    assert sum(other_store.stats().values()) == 0


def test_gzip_and_paths(store, other_store, tmp_path):
    _seed(store)
    path = tmp_path / "g.dump.gz"
    with T.create_dump(path) as out:
        T.write_dump(store, out)
    assert gzip.open(path).readline().startswith(b'{"claimgraph_dump":1')
    with T.open_dump(path) as stream:
        report = T.import_dump(other_store, stream, str(path))
    assert report.problems == 0 and other_store.stats() == store.stats()


# ---- the command line ---------------------------------------------------------------------
def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(CLAIMGRAPH + list(args), input=stdin, capture_output=True, timeout=180)


def test_cli_export_then_import(tmp_path):
    from claimgraph.graph.embedded import EmbeddedStore

    a, b, c = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    source = EmbeddedStore.open(a)
    _seed(source)
    source.close()
    dump = tmp_path / "graph.dump"
    proc = _cli("--db", str(a), "export", "--format", "dump", "--out", str(dump))
    assert proc.returncode == 0, proc.stderr
    assert b"exported to" in proc.stderr and dump.exists() and not Path(str(dump) + ".partial").exists()
    proc = _cli("--db", str(b), "import", str(dump), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["nodes"]["Paper"] == 5 and report["relationships"]["OUTPERFORMS"] == 6
    stats = [json.loads(_cli("--db", str(db), "query", "stats", "--format", "json").stdout) for db in (a, b)]
    assert stats[0] == stats[1] and stats[0]["Paper"] == 5
    # a .gz name is compressed, though the file is first written under a .partial name
    gz = tmp_path / "graph.dump.gz"
    assert _cli("--db", str(a), "export", "--format", "dump", "--out", str(gz)).returncode == 0
    assert gzip.open(gz).read().splitlines()[1:] == dump.read_bytes().splitlines()[1:]

    # a truncated dump: exit 1, the reason on stderr, what was complete imported
    cut = tmp_path / "cut.dump"
    cut.write_bytes(b"\n".join(dump.read_bytes().splitlines()[:-1]) + b"\n")
    proc = _cli("--db", str(c), "import", str(cut))
    assert proc.returncode == 1 and b"the dump is truncated" in proc.stderr, proc.stderr
    assert b"imported into embedded" in proc.stdout
    # not a dump: exit 2, nothing written; no such file: exit 2
    proc = _cli("--db", str(c), "import", str(tmp_path / "nope.dump"))
    assert proc.returncode == 2 and b"cannot read" in proc.stderr
    (tmp_path / "x.txt").write_text("hello\n")
    proc = _cli("--db", str(c), "import", str(tmp_path / "x.txt"))
    assert proc.returncode == 2 and b"not a claimgraph dump" in proc.stderr


def test_cli_pipe_through_stdin(tmp_path):
    from claimgraph.graph.embedded import EmbeddedStore

    a = tmp_path / "a.db"
    source = EmbeddedStore.open(a)
    _seed(source)
    want = source.stats()
    source.close()
    out = _cli("--db", str(a), "export", "--format", "dump")
    assert out.returncode == 0 and out.stdout.startswith(b'{"claimgraph_dump":1'), out.stderr
    proc = _cli("--db", str(tmp_path / "b.db"), "import", "-", stdin=out.stdout)
    assert proc.returncode == 0, proc.stderr
    target = EmbeddedStore.open(tmp_path / "b.db")
    try:
        assert target.stats() == want
    finally:
        target.close()
