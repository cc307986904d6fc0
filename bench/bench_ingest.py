"""End-to-end file ingest (read + extract + write) through the real console command.

    python -m bench.bench_ingest [--quick] [--processes 2] [--repeat 1,10] [--synthetic 10000]

Input: the 12k-abstract corpus, i.e. both files of ../shared/corpus/abstracts/ (9,207 +
2,902 = 12,109 papers), and the same corpus repeated K times with the ids made distinct
(`<id>-r<k>`), so every copy is really extracted and written; `--synthetic N` adds
bench/generate.py's arXiv-snapshot corpus of N papers (streamed to a file first).
Each size runs `claimgraph --db <fresh> ingest file INPUT --processes P` as a subprocess
on a fresh embedded database, sampling memory every 0.2 s with psutil:
- ingest RSS: the claimgraph process plus its extraction workers (what must stay flat);
- server RSS: the embedded FalkorDB server it starts (holds the graph, so it grows with
  the graph by design; reported, not bounded here).
Issue 4 bounds: >= 300 papers/s with --processes 2 on the 12k corpus; ingest RSS under
1.5 GB, and flat as the input grows (peak at xK within 1.3x of the peak at x1).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from bench.common import ROOT, SHARED, main, row

NAME = "ingest"
ABSTRACTS = [SHARED / "corpus/abstracts/arxiv_ml_efficiency_2025_2026.jsonl",
             SHARED / "corpus/abstracts/arxiv_llm_bible_all.jsonl"]
FLOOR_PAPERS_S = 300.0
CEILING_RSS_MB = 1536.0
FLAT_RATIO = 1.3


def add_args(parser) -> None:
    parser.add_argument("--processes", type=int, default=2, help="extraction processes (issue 4: 2)")
    parser.add_argument("--repeat", default="1,10", help="sizes as multiples of the 12k corpus (default 1,10)")
    parser.add_argument("--synthetic", default="", help="comma-separated synthetic corpus sizes, e.g. 10000,100000")
    parser.add_argument("--workdir", default=None, help="where inputs and databases go (default: a temp dir)")


def write_repeated(out: Path, k: int, limit: int | None = None) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as dst:
        for rep in range(k):
            for path in ABSTRACTS:
                with path.open(encoding="utf-8") as src:
                    for i, line in enumerate(src):
                        if limit is not None and i >= limit:
                            break
                        rec = json.loads(line)
                        if rep:
                            rec["id"] = f"{rec['id']}-r{rep}"
                        dst.write(json.dumps(rec, ensure_ascii=False) + "\n")
                        n += 1
    return n


def write_synthetic(out: Path, n: int, seed: int) -> int:
    from bench.generate import write_jsonl

    with out.open("w", encoding="utf-8") as fh:
        return write_jsonl(fh, n, seed=seed)


def _servers(db: Path) -> list[psutil.Process]:
    """The embedded FalkorDB server daemonises away from the ingest process; it is found by
    its working directory, which falkordblite sets to the database's directory."""
    found = []
    for p in psutil.process_iter(["name"]):
        try:
            if "redis-server" in (p.info["name"] or "") and Path(p.cwd()) == db.parent:
                found.append(p)
        except psutil.Error:
            pass
    return found


def measure(input_path: Path, db: Path, processes: int) -> dict:
    cmd = [sys.executable, "-m", "claimgraph.app.cli", "--db", str(db), "ingest", "file", str(input_path),
           "--processes", str(processes), "--progress", "log"]
    t0 = time.perf_counter()
    # stderr (progress lines every 10 s, skipped records) goes to a file: a pipe nobody reads
    # during an hour-long run could fill up and stall the ingest.
    errfile = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    proc = psutil.Popen(cmd, stdout=subprocess.PIPE, stderr=errfile, text=True, cwd=ROOT)
    peak_ingest = peak_server = peak_total = 0
    servers: list[psutil.Process] = []
    while proc.poll() is None:
        if not servers:
            servers = _servers(db)
        ingest = server = 0
        try:
            procs = [proc] + proc.children(recursive=True)
        except psutil.Error:
            procs = [proc]
        procs += [s for s in servers if s not in procs]
        for p in procs:
            try:
                rss = p.memory_info().rss
                if "redis-server" in (p.name() or ""):
                    server += rss
                else:
                    ingest += rss
            except psutil.Error:
                pass
        peak_ingest, peak_server = max(peak_ingest, ingest), max(peak_server, server)
        # the job's peak is the largest simultaneous total: the two sides peak at
        # different moments (workers mid-run, the server at the end)
        peak_total = max(peak_total, ingest + server)
        time.sleep(0.2)
    out, _ = proc.communicate()
    wall = time.perf_counter() - t0
    errfile.seek(0)
    err = errfile.read()
    errfile.close()
    if proc.returncode != 0:
        raise RuntimeError(f"ingest exited {proc.returncode}: {err[-2000:]}")
    t = re.search(r"store writes ([\d.]+) s, store lookups ([\d.]+) s", err)
    m = re.search(r"new (\d+), updated (\d+), unchanged (\d+), failed (\d+), claims (\d+)", out)
    counts = dict(zip(("new", "updated", "unchanged", "failed", "claims"), map(int, m.groups()))) if m else {}
    db_bytes = sum(f.stat().st_size for f in db.parent.rglob("*") if f.is_file() and f.name.startswith(db.name))
    return {"wall": wall, "rss_ingest_mb": peak_ingest / 2**20, "rss_server_mb": peak_server / 2**20,
            "rss_total_mb": peak_total / 2**20,
            "db_mb": db_bytes / 2**20, "counts": counts, "summary": out.strip(),
            "store_s": sum(map(float, t.groups())) if t else None}


def extraction_only(input_path: Path, processes: int) -> float:
    """Papers/s of reading + extraction alone (no store), same input and processes: the
    reference that says how much the ingest machinery itself costs."""
    from claimgraph.app.ingest.files import read_papers
    from claimgraph.app.ingest.parallel import extract_stream
    from claimgraph.schema import Paper

    t0 = time.perf_counter()
    n = sum(1 for _ in extract_stream((p for p in read_papers(input_path) if isinstance(p, Paper)), processes))
    return n / (time.perf_counter() - t0)


def run(args) -> list[dict]:
    reps = [int(x) for x in str(args.repeat).split(",") if x.strip()]
    synth = [int(x) for x in str(args.synthetic).split(",") if x.strip()]
    limit = 500 if args.quick else None  # --quick: 500 papers of each file, 1,000 per copy
    if args.quick:
        reps = [r for r in reps if r <= 3] or [1]
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        work = Path(tmp)
        base_rss = None
        for k in reps:
            inp = work / f"corpus-x{k}.jsonl"
            n = write_repeated(inp, k, limit)
            try:
                r = measure(inp, work / f"x{k}" / "g.db", args.processes)
            except Exception as exc:  # the convention: a FAILED row, the other sizes still run
                rows.append(row(NAME, f"file ingest x{k} ({n:,} papers)", None, "papers/s",
                                note=f"FAILED: {str(exc)[-300:]}"))
                inp.unlink()
                continue
            rate = r["counts"].get("new", 0) / r["wall"]
            ref = extraction_only(inp, args.processes) if k == reps[0] else None
            params = {"papers": n, "repeat": k, "processes": args.processes}
            note = (f"{n:,} papers in {r['wall']:.0f} s; {r['counts'].get('claims', 0):,} claims; "
                    f"db {r['db_mb']:.0f} MB; server RSS {r['rss_server_mb']:.0f} MB; "
                    f"store lookups+writes {r['store_s'] or 0:.1f} s of it, the rest reading + extraction")
            rows.append(row(NAME, f"file ingest x{k} ({n:,} papers), {args.processes} proc", rate, "papers/s",
                            reference=ref, reference_label="read+extract only" if ref else None,
                            params=params, note=note))
            if k == 1:  # the floor is on the absolute rate
                rows.append(row(NAME, f"file ingest x1 vs floor, {args.processes} proc", rate, "papers/s",
                                floor=FLOOR_PAPERS_S, params=params))
            rows.append(row(NAME, f"peak ingest RSS x{k}", r["rss_ingest_mb"], "MB", ceiling=CEILING_RSS_MB,
                            params=params))
            if base_rss is None:
                base_rss = r["rss_ingest_mb"]
            else:
                rows.append(row(NAME, f"RSS growth x{k} vs x{reps[0]}", r["rss_ingest_mb"], "MB",
                                reference=base_rss, reference_label=f"x{reps[0]}", ceiling=FLAT_RATIO,
                                params=params))
            inp.unlink()
        for n in synth:
            inp = work / f"synth-{n}.jsonl"
            write_synthetic(inp, n, args.seed)
            try:
                r = measure(inp, work / f"s{n}" / "g.db", args.processes)
            except Exception as exc:
                rows.append(row(NAME, f"synthetic ingest {n:,}", None, "papers/s", note=f"FAILED: {str(exc)[-300:]}"))
                inp.unlink()
                continue
            rate = r["counts"].get("new", 0) / r["wall"]
            params = {"papers": n, "synthetic": True, "processes": args.processes}
            rows.append(row(NAME, f"synthetic ingest {n:,}, {args.processes} proc", rate, "papers/s", params=params,
                            note=f"{r['wall']:.0f} s; db {r['db_mb']:.0f} MB; server RSS {r['rss_server_mb']:.0f} MB"))
            rows.append(row(NAME, f"peak ingest RSS synthetic {n:,}", r["rss_ingest_mb"], "MB",
                            ceiling=CEILING_RSS_MB, params=params))
            inp.unlink()
    return rows


if __name__ == "__main__":
    sys.exit(main(run, add_args, name="python -m bench.bench_ingest"))
