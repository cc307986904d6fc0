"""`ingest file` / `ingest auto` into the real embedded store: counts, idempotence,
replace-on-change, bad input, exit codes, the lock, and the demo corpus."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.app import cmd_ingest
from claimgraph.app.cli import build_parser
from claimgraph.app.ingest import runner as R
from claimgraph.app.settings import Settings

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
CLI = [sys.executable, "-m", "claimgraph.app.cli"]

PAPERS = [
    {"id": "2501.00001v1", "title": "NanoQuant: 2-Bit Weights Without Retraining",
     "abstract": "We propose NanoQuant, a post-training quantization method. At 2-bit, NanoQuant "
                 "outperforms GPTQ by 4.1 points on WikiText-2 and runs 2.7x faster than FP16 on an A100."},
    {"id": "2501.00002", "title": "ThinPrune: Structured Pruning for Vision Transformers",
     "abstract": "ThinPrune removes 40% of the attention heads of ViT-B and keeps 99.1% of its ImageNet accuracy, "
                 "with a 1.8x speedup."},
    {"id": "2501.00003", "title": "KVLite: Compressing the KV Cache",
     "abstract": "KVLite quantizes the KV cache to 3 bits and reduces its memory by 5.2x on LLaMA-2-7B."},
    {"id": "2501.00004", "title": "DraftNet: Speculative Decoding with Small Drafts",
     "abstract": "DraftNet achieves a 2.4x speedup over autoregressive decoding on Vicuna-7B."},
    {"id": "2501.00005", "title": "AdaLoRA-Mini: Fewer Trainable Parameters",
     "abstract": "AdaLoRA-Mini trains 0.1% of the parameters and matches LoRA on GLUE."},
    {"id": "2501.00006", "title": "A Survey of Efficient Inference",
     "abstract": "We survey quantization, pruning and distillation for large language models."},
]


def write_jsonl(path: Path, records, bad_line: str | None = None) -> Path:
    lines = [json.dumps(r) for r in records]
    if bad_line is not None:
        lines.insert(2, bad_line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def args(*extra: str):
    a = build_parser().parse_args(["ingest", "file", "x", "--progress", "log", *extra])
    a.settings = Settings()
    return a


def ingest(store, paths, *extra: str) -> R.Outcome:
    return cmd_ingest.ingest_files(store, args(*extra), [str(p) for p in paths])


def graph_counts(store) -> dict[str, int]:
    return {k: v for k, v in store.stats().items() if k != "IngestRun"}


def test_bad_line_reported_good_records_land_and_reruns_change_nothing(store, tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", PAPERS + [PAPERS[1]], bad_line='{"id": "2501.9", "title": ')
    out = ingest(store, [path])
    assert out.exit_code == R.EXIT_PARTIAL and out.run.status == "partial"
    c = out.run.counts
    assert (c["new"], c["updated"], c["unchanged"], c["failed"], c["duplicates"]) == (6, 0, 0, 1, 1)
    assert out.examples[0].line == 3 and out.examples[0].source == str(path)
    assert c["claims"] == store.stats()["Claim"] > 0
    first = graph_counts(store)
    assert first["Paper"] == 6
    for _ in range(2):
        again = ingest(store, [path])
        assert again.run.counts["unchanged"] == 6 and again.run.counts["new"] == 0
        assert again.run.counts["claims"] == 0
        assert graph_counts(store) == first


def test_changed_abstract_replaces_claims(store, tmp_path):
    ingest(store, [write_jsonl(tmp_path / "a.jsonl", PAPERS)])
    changed = [dict(PAPERS[0], abstract="NanoQuant reduces memory by 6.5x at 2-bit on LLaMA-2-13B.")] + PAPERS[1:]
    out = ingest(store, [write_jsonl(tmp_path / "b.jsonl", changed)])
    assert (out.run.counts["updated"], out.run.counts["unchanged"]) == (1, 5)
    ev = [r["e"] for r in store.read_cypher(
        "MATCH (:Paper {id: '2501.00001'})-[:MAKES]->(c:Claim) RETURN c.evidence AS e")]
    assert ev and all(e in changed[0]["abstract"] for e in ev)


def test_reextract_runs_extraction_for_unchanged_text(store, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", PAPERS)
    ingest(store, [path])
    out = ingest(store, [path], "--reextract")
    assert out.run.counts["unchanged"] == 0 and out.run.counts["updated"] == 6


def test_seed_pages_into_the_store(store):
    paths = sorted(SEEDS.glob("*.txt"))
    out = ingest(store, paths)
    assert out.exit_code == R.EXIT_OK
    # 38 + 50 + 65 + 61 papers; 5 titles appear on both digest pages (002 and 004):
    # Sparse Iso-FLOP..., GQSA..., Let's Make Block Coordinate Descent..., Fast, Expressive
    # SE(n)..., Weight-Entanglement Meets...
    assert out.run.counts["duplicates"] == 5
    assert store.stats()["Paper"] == 38 + 50 + 65 + 61 - 5
    ids = [r["id"] for r in store.read_cypher("MATCH (p:Paper) RETURN p.id AS id")]
    summaries = sum(bool(store.query("paper", {"id": pid})[0]["is_summary"]) for pid in ids)
    assert summaries == 38 + 50


def test_category_filter_counts_what_it_drops(store, tmp_path):
    recs = [dict(p, categories=["cs.LG"] if i % 2 else ["cs.CV"]) for i, p in enumerate(PAPERS)]
    out = ingest(store, [write_jsonl(tmp_path / "c.jsonl", recs)], "--categories", "cs.LG")
    assert out.run.counts["new"] == 3 and out.run.counts["filtered"] == 3 and out.exit_code == R.EXIT_OK


def test_demo_corpus_is_labelled_and_has_something_to_show(store):
    out = cmd_ingest.ingest_files(store, args(), [str(cmd_ingest.demo_corpus())], label="demo")
    assert out.exit_code == R.EXIT_OK and out.run.counts["new"] == 30
    ids = [r["id"] for r in store.read_cypher("MATCH (p:Paper) RETURN p.id AS id")]
    assert len(ids) == 30 and all(pid.startswith("demo-") for pid in ids)
    assert all("synthetic" in store.query("paper", {"id": pid})[0]["source"] for pid in ids)
    stats = store.stats()
    assert stats["Claim"] >= 30 and stats.get("OUTPERFORMS", 0) >= 5


def test_dead_owners_lock_is_taken_over(store, tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    holder = f"{socket.gethostname()}:{dead.pid}:gone"
    assert store.try_lock(R.LOCK_NAME, holder, 600)
    out = ingest(store, [write_jsonl(tmp_path / "a.jsonl", PAPERS)])
    assert out.exit_code == R.EXIT_OK and out.run.counts["new"] == 6


def test_wait_gives_up_with_a_clear_message(store, tmp_path):
    holder = f"{socket.gethostname()}:{os.getpid()}:busy"
    store.try_lock(R.LOCK_NAME, holder, 600)
    with pytest.raises(R.LockBusy) as exc:
        ingest(store, [write_jsonl(tmp_path / "a.jsonl", PAPERS)], "--wait", "0.3")
    assert holder in str(exc.value) and "--wait" in str(exc.value)
    assert store.stats().get("Paper", 0) == 0


def test_ledger_holds_the_watermark_behind_unwritten_papers():
    from datetime import datetime, timezone

    d = [datetime(2025, 1, i, tzinfo=timezone.utc) for i in range(1, 5)]
    led = R._Ledger()
    led.add("a", d[0], False)
    led.add("b", d[1], True)   # unchanged
    led.add("c", d[3], False)
    led.add(None, None, True)  # a bad record
    assert led.advance(None) is None  # "a" not written yet
    led.done("c")
    assert led.advance(None) is None
    led.done("a")
    assert led.advance(None) == d[3]


# ---- the real console command, as cron runs it -------------------------------------------

def cli(db: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + ["--db", str(db), *argv], capture_output=True, text=True, timeout=300)


def test_cli_exit_codes_and_summary(tmp_path):
    db = tmp_path / "g.db"
    good = write_jsonl(tmp_path / "good.jsonl", PAPERS[:3])
    mixed = write_jsonl(tmp_path / "mixed.jsonl", PAPERS[3:], bad_line="{nope")
    junk = tmp_path / "junk.txt"
    junk.write_text("hello\nworld\n", encoding="utf-8")

    r = cli(db, "ingest", "file", str(good))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("ingest ok: new 3, updated 0, unchanged 0, failed 0")

    r = cli(db, "ingest", "file", str(mixed), str(junk))
    assert r.returncode == 1
    assert f"{mixed}:3" in r.stderr and f"{junk}: unrecognised format" in r.stderr
    assert "ingest partial: new 3" in r.stdout and "failed 2" in r.stdout

    r = cli(db, "ingest", "file", str(junk), str(tmp_path / "missing.jsonl"))
    assert r.returncode == 2 and "cannot open" in r.stderr

    r = cli(db, "ingest", "runs")
    assert r.returncode == 0 and len(r.stdout.strip().splitlines()) == 3

    r = cli(db, "query", "stats", "--format", "json")
    assert json.loads(r.stdout)["Paper"] == 6


def test_cli_lock_busy_exits_75(tmp_path):
    from claimgraph.graph.embedded import EmbeddedStore

    db = tmp_path / "g.db"
    s = EmbeddedStore.open(db)
    try:
        holder = f"{socket.gethostname()}:{os.getpid()}:cron"
        assert s.try_lock(R.LOCK_NAME, holder, 600)
        r = cli(db, "ingest", "file", str(write_jsonl(tmp_path / "a.jsonl", PAPERS)))
        assert r.returncode == 75
        assert "another ingest is running on this store" in r.stderr and holder in r.stderr
        assert s.stats().get("Paper", 0) == 0
        s.unlock(R.LOCK_NAME, holder)
    finally:
        s.close()


def test_cli_auto_offline_ingests_the_demo_and_says_so(tmp_path):
    r = cli(tmp_path / "g.db", "ingest", "auto", "--offline")
    assert r.returncode == 0, r.stderr
    assert "DEMO corpus" in r.stderr and "not real papers" in r.stderr
    assert "ingest ok: new 30" in r.stdout
    assert "claimgraph --db" in r.stderr and " app" in r.stderr  # how to open the explorer


def test_a_paper_that_crashes_the_extractor_is_one_problem_not_a_failed_run(store):
    """Fault injection: the real extractor, made to raise on one paper (as a bug would)."""
    from claimgraph.app.ingest.files import paper_from_record
    from claimgraph.extract.pipeline import Extractor

    class Poisoned(Extractor):
        def extract_many(self, papers, processes=1, **kw):
            papers = list(papers)
            if any(p.id == "2501.00003" for p in papers):
                raise RecursionError("maximum recursion depth exceeded")
            return super().extract_many(papers, processes=processes, **kw)

        def extract(self, paper):
            if paper.id == "2501.00003":
                raise RecursionError("maximum recursion depth exceeded")
            return super().extract(paper)

    papers = [paper_from_record(r, "t.jsonl") for r in PAPERS]
    out = R.Runner(store, Poisoned(), batch_size=2).run(iter(papers), query="file:t", source="file")
    assert out.exit_code == R.EXIT_PARTIAL and out.run.status == "partial"
    assert out.run.counts["new"] == 5 and out.run.counts["failed"] == 1
    assert out.examples[0].paper_id == "2501.00003" and "RecursionError" in out.examples[0].message
    ids = {r["id"] for r in store.read_cypher("MATCH (p:Paper) RETURN p.id AS id")}
    assert ids == {p.id for p in papers} - {"2501.00003"}
