"""The embedded store's own promises, with real processes and a real database file:
AOF persistence, two processes on one database, a killed server or writer loses nothing
acknowledged and leaves no half paper, closing stops the server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

import graph_seed
from claimgraph.graph.embedded import EmbeddedStore

TESTS = Path(__file__).resolve().parents[1]


def _child(code: str, *args: str, wait: bool = True, timeout: float = 120):
    """Run `code` in a fresh Python process with tests/ importable."""
    script = "import sys, json\nsys.path.insert(0, %r)\n" % str(TESTS) + textwrap.dedent(code)
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    if not wait:
        return proc
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err
    return out


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "data" / "claims.db"


def test_append_only_file_is_on(db_path):
    store = EmbeddedStore.open(db_path)
    try:
        client = store._db.client
        assert client.config_get("appendonly")["appendonly"] == "yes"
        assert client.config_get("appendfsync")["appendfsync"] == "always"
        store.upsert(graph_seed.records()[:1])
        aof_dir = db_path.parent / "claims.db.aof.d"
        assert aof_dir.is_dir()
        assert any(p.name.endswith(".incr.aof") and p.stat().st_size > 0 for p in aof_dir.iterdir())
    finally:
        store.close()


def test_two_processes_share_one_database(db_path):
    records = graph_seed.records()
    parent = EmbeddedStore.open(db_path)
    try:
        parent.upsert(records[:2])
        server_pid = parent._db.client.pid
        out = _child("""
            import graph_seed
            from claimgraph.graph.embedded import EmbeddedStore
            store = EmbeddedStore.open(sys.argv[1])
            seen = store.stats()["Paper"]
            store.upsert(graph_seed.records()[2:])
            print(json.dumps({"seen": seen, "pid": store._db.client.pid, "after": store.stats()["Paper"]}))
            store.close()
        """, str(db_path))
        child = json.loads(out)
        assert child["pid"] == server_pid  # attached to the running server, not a second one
        assert child["seen"] == 2 and child["after"] == 5
        # the child's writes are visible here, and its closing left the server running
        assert parent.stats()["Paper"] == 5
        assert psutil.pid_exists(server_pid)
        assert {r["method"] for r in parent.query("beats", {"baseline": "GPTQ", "bits": 2})} == {
            "QuIP-Lite", "FlatQuant-X"}
    finally:
        parent.close()
    # the last one out stopped the server; the data is on disk for the next opener
    assert not psutil.pid_exists(server_pid) or psutil.Process(server_pid).status() == psutil.STATUS_ZOMBIE
    again = EmbeddedStore.open(db_path)
    try:
        assert again.stats()["Paper"] == 5
    finally:
        again.close()


def test_reader_and_writer_at_the_same_time(db_path):
    """An ingest-like writer process and this reader interleave on one live database."""
    reader = EmbeddedStore.open(db_path)
    try:
        writer = _child("""
            from datetime import date
            from claimgraph.graph.embedded import EmbeddedStore
            from graph_seed import synthetic
            store = EmbeddedStore.open(sys.argv[1])
            for batch in range(10):
                store.upsert(synthetic(batch * 30 + 30, start=batch * 30))
            print(store.stats()["Paper"])
            store.close()
        """, str(db_path), wait=False)
        seen = []
        while writer.poll() is None:
            seen.append(reader.stats()["Paper"])
            time.sleep(0.02)
        out, err = writer.communicate()
        assert writer.returncode == 0, err
        assert int(out) == 300
        assert seen == sorted(seen)  # counts only grow, batch by batch
        assert all(n % 30 == 0 for n in seen)  # never half a batch
        assert reader.stats()["Paper"] == 300
    finally:
        reader.close()


def test_killed_writer_leaves_no_half_paper(db_path):
    """SIGKILL a writer mid-run: every paper present has all of its facts."""
    from graph_seed import synthetic

    store = EmbeddedStore.open(db_path)
    try:
        writer = _child("""
            from claimgraph.graph.embedded import EmbeddedStore
            from graph_seed import synthetic
            store = EmbeddedStore.open(sys.argv[1])
            print("ready", flush=True)
            for batch in range(1000):
                store.upsert(synthetic(batch * 50 + 50, start=batch * 50))
        """, str(db_path), wait=False)
        assert writer.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 60
        while store.stats()["Paper"] < 150 and time.monotonic() < deadline:
            time.sleep(0.01)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        papers = store.stats()["Paper"]
        assert papers >= 150
        # each synthetic paper makes exactly 2 claims and 1 OUTPERFORMS edge
        bad = store.read_cypher(
            "MATCH (p:Paper) OPTIONAL MATCH (p)-[:MAKES]->(c:Claim) WITH p, count(c) AS k "
            "WHERE k <> 2 RETURN count(p) AS bad")
        assert bad == [{"bad": 0}]
        assert store.stats()["Claim"] == 2 * papers and store.stats()["OUTPERFORMS"] == papers
        # a rerun completes it without duplicates
        store.upsert(synthetic(papers + 50))
        assert store.stats()["Paper"] == papers + 50
        assert store.stats()["Claim"] == 2 * (papers + 50)
    finally:
        store.close()


def test_killed_server_loses_no_acknowledged_write(db_path):
    store = EmbeddedStore.open(db_path)
    store.upsert(graph_seed.records())
    counts = store.stats()
    pid = store._db.client.pid
    os.kill(pid, signal.SIGKILL)  # no shutdown, no RDB save: only the AOF has the writes
    deadline = time.monotonic() + 10
    while psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    store.close()  # must cope with a dead server
    again = EmbeddedStore.open(db_path)
    try:
        assert again._db.client.pid != pid
        assert again.stats() == counts
    finally:
        again.close()


def test_close_is_quick_and_stops_the_server(db_path):
    store = EmbeddedStore.open(db_path)
    pid = store._db.client.pid
    started = time.monotonic()
    store.close()
    assert time.monotonic() - started < 2.0  # falkordblite's own clean-up takes 3-5 s
    deadline = time.monotonic() + 15
    while psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline, "server still running after close"
        time.sleep(0.05)
    assert not (db_path.parent / "claims.db.settings").exists()


def test_close_compacts_a_long_log(db_path):
    """After a big ingest, closing folds the AOF's write log into a snapshot base, so the
    next start loads the snapshot instead of replaying every write."""
    from graph_seed import synthetic

    store = EmbeddedStore.open(db_path)
    for start in range(0, 4000, 500):
        store.upsert(synthetic(start + 500, start=start))
    counts = store.stats()
    aof_dir = db_path.parent / "claims.db.aof.d"
    incr = sum(p.stat().st_size for p in aof_dir.glob("*.incr.aof"))
    assert incr > 4 << 20  # the writes are in the log
    store.close()
    incr = sum(p.stat().st_size for p in aof_dir.glob("*.incr.aof"))
    base = sum(p.stat().st_size for p in aof_dir.glob("*.base.rdb"))
    assert incr < 64 << 10 and base > 100 << 10
    again = EmbeddedStore.open(db_path)
    try:
        assert again.stats() == counts
    finally:
        again.close()
