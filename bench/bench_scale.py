"""Scale: synthetic arXiv-snapshot corpora of 10k, 100k and 1M papers, ingested end to end
on the embedded store, then the named queries users run, timed on each graph.

    python -m bench.bench_scale [--quick] [--sizes 10000,100000,1000000] [--processes 2]
                                [--workdir DIR] [--keep] [--queries 100]

For each size N:
1. Input: bench/generate.py's corpus of N papers (seed --seed), written once as
   `<workdir>/synth-<seed>-<N>.jsonl` and reused by later runs (the generator is
   deterministic and the first N papers of a larger corpus are the smaller one, so a
   bigger file is cut down rather than regenerated).
2. `claimgraph --db <fresh> ingest file INPUT --processes P` as a subprocess (the real
   console command: read, extract, write), sampled every 0.2 s (bench_ingest.measure):
   papers/s, wall minutes, peak RSS of everything the ingest runs (its process, its
   extraction workers and the embedded FalkorDB server that holds the graph), database
   size on disk. Issue 6 bounds at 1M: under 60 minutes, peak RSS under 4 GB.
3. Latency (median, p95 over --queries calls each, after a warm-up) of five named queries
   on the finished graph, opened the way `claimgraph app` opens it:
   - `beats` (which methods beat a baseline): the 20 most-beaten baselines (the heaviest
     answers), one absent name and one injection attempt, with and without filters (bits,
     category, kind); bound at 1M: p95 under 100 ms;
   - `method` (a method's profile): the same heavy baselines and a random sample of other
     methods;
   - `claims` (claims filter): by kind, method, category + bits, dataset, sorted by value
     or date;
   - `neighbourhood` (edges around a method, depth 1 and 2, and around a paper);
   - `papers` with words (the explorer's paper search: the word index beside the graph,
     then the graph's filters), common and rare words, with and without a category.
The reference for the ingest rate is extraction alone on the same machine (bench_extract),
so the table shows what the store adds; the store's own batching figure is bench_store's.
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, main, row

NAME = "scale"
DEFAULT_SIZES = "10000,100000,1000000"
CEILING_MINUTES_1M = 60.0
CEILING_RSS_MB_1M = 4096.0
CEILING_BEATS_P95_MS = 100.0


def add_args(parser) -> None:
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"corpus sizes (default {DEFAULT_SIZES}; --quick: 2000)")
    parser.add_argument("--processes", type=int, default=2, help="extraction processes (default 2)")
    parser.add_argument("--workdir", default=str(ROOT / "data/bench/scale"),
                        help="where inputs (kept for reruns) and databases go (default data/bench/scale)")
    parser.add_argument("--keep", action="store_true", help="keep the databases (default: delete after timing)")
    parser.add_argument("--queries", type=int, default=100, help="calls per query latency figure")


def corpus(workdir: Path, n: int, seed: int) -> Path:
    """The generated corpus of n papers, from the cache when it is there."""
    from bench.generate import write_jsonl

    path = workdir / f"synth-{seed}-{n}.jsonl"
    if path.exists() and _lines(path) == n:
        return path
    bigger = sorted((p for p in workdir.glob(f"synth-{seed}-*.jsonl") if _size_of(p) > n), key=_size_of)
    tmp = path.with_suffix(".part")
    if bigger and _lines(bigger[0]) == _size_of(bigger[0]):
        with bigger[0].open(encoding="utf-8") as src, tmp.open("w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i == n:
                    break
                dst.write(line)
    else:
        with tmp.open("w", encoding="utf-8") as fh:
            write_jsonl(fh, n, seed=seed)
    tmp.replace(path)
    return path


def _size_of(path: Path) -> int:
    try:
        return int(path.stem.rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return -1


def _lines(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 24), b""))


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) >= 20 else max(xs)


def _timed_calls(store, name: str, param_sets: list[dict], n: int, rng: random.Random) -> tuple[list[float], int]:
    for params in param_sets[:5]:  # warm-up: plan cache, schema fetch
        store.query(name, params)
    times, rows = [], 0
    for _ in range(n):
        params = rng.choice(param_sets)
        t = time.perf_counter()
        rows += len(store.query(name, params))
        times.append((time.perf_counter() - t) * 1000)
    return times, rows


def query_mix(store, seed: int) -> dict[str, list[dict]]:
    """Parameter sets per query, drawn from the graph itself (heavy and light cases)."""
    rng = random.Random(seed)
    heavy = [r["baseline"] for r in store.query("most_beaten", {"limit": 20})]
    others = [r["name"] for r in store.query("methods", {"limit": 500})]
    sample = rng.sample(others, min(20, len(others)))
    papers = [r["paper"] for r in store.query("papers", {"limit": 50})]
    datasets = [r["dataset"] for r in store.query("datasets_used", {"limit": 5})] or ["WikiText-2"]
    absent = ["NoSuchMethod", "GPTQ'}) DETACH DELETE n //"]
    filters = [{}, {"bits": 2}, {"bits": 4}, {"category": "quantization"},
               {"bits": 2, "category": "quantization"}, {"kind": "perplexity"}]
    beats = [{"baseline": b, **f} for b in heavy + absent for f in filters]
    claims = ([{"kind": k} for k in ("speedup", "memory", "accuracy", "perplexity")]
              + [{"method": m} for m in (heavy + sample)[:20]]
              + [{"category": "quantization", "bits": b} for b in (2, 3, 4)]
              + [{"dataset": d, "sort": "value"} for d in datasets]
              + [{"kind": "speedup", "sort": "value", "min_value": 2}])
    neighbourhood = ([{"label": "Method", "id": m, "depth": d} for m in (heavy[:10] + sample[:10]) for d in (1, 2)]
                     + [{"label": "Paper", "id": p, "depth": 1} for p in papers[:20]])
    # word search (the explorer's paper search): common and rare words, with and without
    # a filter the graph applies after the word index
    words = ["quantization", "kv cache", "speculative decoding", "low-rank adaptation", "prun",
             "sparse attention memory", "distillation latency"] + [m.lower() for m in sample[:5]]
    search = [{"q": w} for w in words] + [{"q": w, "category": "quantization"} for w in words[:4]]
    return {"beats": beats, "method": [{"method": m} for m in heavy + sample + absent[:1]],
            "claims": claims, "neighbourhood": neighbourhood, "papers": search}


def query_rows(db: Path, size: int, n_queries: int, seed: int) -> list[dict]:
    from claimgraph.graph.embedded import EmbeddedStore

    rows = []
    t0 = time.perf_counter()
    store = EmbeddedStore.open(db)
    opened = time.perf_counter() - t0
    try:
        stats = store.query("node_counts", {})
        counts = {r["name"]: r["total"] for r in stats}
        rows.append(row(NAME, f"open the {size:,}-paper database", opened, "s",
                        params={"papers": size, "nodes": counts},
                        note="server start + AOF load, what `claimgraph app` waits for"))
        rng = random.Random(seed)
        for name, sets in query_mix(store, seed).items():
            times, found = _timed_calls(store, name, sets, n_queries, rng)
            ctx = {"papers": size, "queries": len(times), "rows_returned": found, "param_sets": len(sets)}
            rows.append(row(NAME, f"{name} median @{_short(size)}", statistics.median(times), "ms", params=ctx))
            bound = CEILING_BEATS_P95_MS if name == "beats" and size >= 1_000_000 else None
            rows.append(row(NAME, f"{name} p95 @{_short(size)}", p95(times), "ms", ceiling=bound, params=ctx,
                            note=f"max {max(times):.1f} ms"))
    finally:
        store.close()
    return rows


def _short(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k" if n >= 1000 else str(n)


def run(args) -> list[dict]:
    from bench.bench_ingest import measure

    sizes = [2000] if args.quick else [int(x) for x in str(args.sizes).split(",") if x.strip()]
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    for n in sorted(sizes):
        label = _short(n)
        t = time.perf_counter()
        inp = corpus(workdir, n, args.seed)
        gen_s = time.perf_counter() - t
        dbdir = Path(tempfile.mkdtemp(prefix=f"db-{label}-", dir=workdir))
        db = dbdir / "g.db"
        try:
            try:
                r = measure(inp, db, args.processes)
            except Exception as exc:  # the convention: a FAILED row, the other sizes still run
                rows.append(row(NAME, f"ingest {label}", None, "papers/s", note=f"FAILED: {str(exc)[-300:]}"))
                continue
            params = {"papers": n, "processes": args.processes, "counts": r["counts"],
                      "input_mb": round(inp.stat().st_size / 2**20), "input_seconds": round(gen_s, 1)}
            big = n >= 1_000_000
            rows.append(row(NAME, f"ingest {label}, end to end", r["counts"].get("new", 0) / r["wall"], "papers/s",
                            params=params, note=f"{r['counts'].get('claims', 0):,} claims; store {r['store_s'] or 0:.0f} s"
                                                f" of {r['wall']:.0f} s"))
            rows.append(row(NAME, f"ingest {label}, wall time", r["wall"] / 60, "min",
                            ceiling=CEILING_MINUTES_1M if big else None, params=params))
            rows.append(row(NAME, f"ingest {label}, peak RSS (ingest + workers + server)", r["rss_total_mb"], "MB",
                            ceiling=CEILING_RSS_MB_1M if big else None, params=params,
                            note=f"largest simultaneous total, sampled every 0.2 s; each side's own peak: "
                                 f"ingest + workers {r['rss_ingest_mb']:.0f} MB, server {r['rss_server_mb']:.0f} MB"))
            rows.append(row(NAME, f"database on disk @{label}", r["db_mb"], "MB", params=params))
            try:
                rows += query_rows(db, n, args.queries, args.seed)
            except Exception as exc:  # noqa: BLE001
                rows.append(row(NAME, f"queries @{label}", None, "ms", note=f"FAILED: {type(exc).__name__}: {exc}"[:300]))
        finally:
            if not args.keep:
                shutil.rmtree(dbdir, ignore_errors=True)
        print(f"scale: {label} done", file=sys.stderr, flush=True)
    return rows


if __name__ == "__main__":
    sys.exit(main(run, add_args, name="python -m bench.bench_scale"))
