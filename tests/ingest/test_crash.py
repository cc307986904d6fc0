"""Kill -9 in the middle of `claimgraph ingest file`; the next run completes the job.

The real console command ingests a slice of the 12k-abstract corpus into a database file;
once a few batches are committed the process is SIGKILLed. Then:
- every paper already in the graph carries exactly the extraction a clean run writes
  (no paper without its claims and mentions: the store writes a batch in one statement);
- the next run takes over the dead run's lock, marks that run interrupted, skips what is
  there and writes the rest;
- the final graph equals that of one clean, uninterrupted run, count for count and
  paper for paper.
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from claimgraph.graph.embedded import EmbeddedStore

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "abstracts" / "arxiv_ml_efficiency_2025_2026.jsonl"
CLI = [sys.executable, "-m", "claimgraph.app.cli"]
N = 3000          # enough batches to die in the middle of (extraction runs ~200 papers/s), small enough for a test
BATCH = 64

PER_PAPER = """
MATCH (p:Paper)
OPTIONAL MATCH (p)-[:MAKES]->(c:Claim)
WITH p, count(c) AS claims
OPTIONAL MATCH (p)-[r:PROPOSES|MENTIONS|EVALUATES_ON|USES_MODEL|REPORTS_METRIC]->()
RETURN p.id AS id, p.record_hash AS h, claims, count(r) AS links
"""


def ingest(db: Path, corpus: Path, **popen) -> subprocess.Popen:
    return subprocess.Popen(CLI + ["--db", str(db), "ingest", "file", str(corpus), "--batch-size", str(BATCH),
                                   "--progress", "log"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **popen)


def snapshot(store: EmbeddedStore) -> tuple[dict, dict]:
    stats = {k: v for k, v in store.stats().items() if k != "IngestRun"}
    per_paper = {r["id"]: (r["h"], r["claims"], r["links"]) for r in store.read_cypher(PER_PAPER)}
    return stats, per_paper


def clean_run(tmp_path: Path, corpus: Path) -> tuple[dict, dict]:
    db = tmp_path / "clean.db"
    p = ingest(db, corpus)
    _, err = p.communicate(timeout=600)
    assert p.returncode == 0, err
    store = EmbeddedStore.open(db)
    try:
        return snapshot(store)
    finally:
        store.close()


def differing(a: dict, b: dict) -> list:
    return [(pid, a.get(pid), b.get(pid)) for pid in sorted(set(a) | set(b)) if a.get(pid) != b.get(pid)][:5]


def test_sigkill_mid_ingest_then_resume_equals_a_clean_run(tmp_path):
    corpus = tmp_path / "slice.jsonl"
    with CORPUS.open("rb") as src, corpus.open("wb") as dst:
        dst.writelines(itertools.islice(src, N))

    db = tmp_path / "crash.db"
    victim = ingest(db, corpus)
    watcher = None
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:  # wait for the server, then for some batches
            if victim.poll() is not None:
                raise AssertionError(f"ingest ended before it could be killed: {victim.communicate()[1]}")
            if watcher is None and Path(str(db) + ".settings").exists():
                try:
                    watcher = EmbeddedStore.open(db)
                except Exception:
                    watcher = None
            if watcher is not None and watcher.stats().get("Paper", 0) >= 4 * BATCH:
                break
            time.sleep(0.05)
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(timeout=30)
        assert victim.returncode == -signal.SIGKILL
        killed_stats, killed_papers = snapshot(watcher)
        assert 4 * BATCH <= killed_stats["Paper"] < N, "killed mid-way"
        assert [r.status for r in watcher.runs()] == ["running"]

        again = ingest(db, corpus)
        out, err = again.communicate(timeout=600)
        assert again.returncode == 0, err
        assert f"unchanged {killed_stats['Paper']}," in out and f"new {N - killed_stats['Paper']}," in out
        final_stats, final_papers = snapshot(watcher)
        runs = watcher.runs()
        assert [r.status for r in runs] == ["ok", "failed"]
        assert "interrupted" in runs[1].message
        assert watcher.lock_info("ingest") is None
    finally:
        if victim.poll() is None:
            victim.kill()
        if watcher is not None:
            watcher.close()  # the last client stops the server the killed run left behind

    clean_stats, clean_papers = clean_run(tmp_path, corpus)
    assert clean_stats["Paper"] == N
    # No half papers: each paper present right after the kill had exactly the
    # extraction (hash, claims, links) that a clean run writes for it.
    assert all(killed_papers[pid] == clean_papers[pid] for pid in killed_papers), \
        differing({k: killed_papers[k] for k in killed_papers}, {k: clean_papers[k] for k in killed_papers})
    assert final_stats == clean_stats
    assert final_papers == clean_papers, differing(final_papers, clean_papers)


def test_sigterm_closes_the_run_as_interrupted_and_frees_the_lock(tmp_path):
    corpus = tmp_path / "slice.jsonl"
    with CORPUS.open("rb") as src, corpus.open("wb") as dst:
        dst.writelines(itertools.islice(src, 2000))
    db = tmp_path / "term.db"
    proc = ingest(db, corpus)
    watcher = None
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.communicate()[1]
            if watcher is None and Path(str(db) + ".settings").exists():
                try:
                    watcher = EmbeddedStore.open(db)
                except Exception:
                    watcher = None
            if watcher is not None and watcher.stats().get("Paper", 0) >= 2 * BATCH:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 128 + signal.SIGTERM
        run = watcher.runs()[0]
        assert run.status == "failed" and "interrupted" in run.message and run.finished is not None
        assert watcher.lock_info("ingest") is None  # released on the way out
        assert run.counts["new"] == watcher.stats()["Paper"]  # the record matches what landed
    finally:
        if proc.poll() is None:
            proc.kill()
        if watcher is not None:
            watcher.close()


def test_extraction_workers_do_not_outlive_a_killed_ingest(tmp_path):
    import psutil

    corpus = tmp_path / "slice.jsonl"
    with CORPUS.open("rb") as src, corpus.open("wb") as dst:
        dst.writelines(itertools.islice(src, 600))
    db = tmp_path / "orphans.db"
    proc = subprocess.Popen(CLI + ["--db", str(db), "ingest", "file", str(corpus), "--processes", "2",
                                   "--progress", "log"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(workers) < 2:
            assert proc.poll() is None
            workers = [c for c in psutil.Process(proc.pid).children()
                       if "spawn_main" in " ".join(c.cmdline())]
            time.sleep(0.2)
        assert len(workers) == 2
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        gone, alive = psutil.wait_procs(workers, timeout=15)
        assert alive == [], "workers must exit when the ingest process dies"
    finally:
        for w in workers:
            if w.is_running():
                w.kill()
        if proc.poll() is None:
            proc.kill()
        if Path(str(db) + ".settings").exists():
            EmbeddedStore.open(db).close()  # stop the server the killed run left behind
