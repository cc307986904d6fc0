"""Embedded-store figures: batched upsert throughput and "beats baseline" latency.

    python -m bench.bench_store [--quick] [--big N] [--batch 500] [--queries 300]

1. The real corpus (../shared/corpus/abstracts/*.jsonl, 12,109 abstracts; --quick: 2,000)
   is extracted first with claimgraph.extract.pipeline.Extractor (not timed here: see
   bench_extract; the records are cached under data/bench/store/ for reruns), then
   upserted into a fresh embedded store (AOF on, fsync per write, as a user's database)
   in batches: papers/s including their extractions. Floor (issue 3): 500 papers/s.
   Re-upserting the same records (all unchanged) and the counts after 3 runs are printed
   too (they must be identical).
2. Latency of the named query `beats` on that graph: median and p95 over a mix of
   baselines (the 20 most-beaten ones and a few absent names) and filters (bits,
   category, none).
3. The same on a graph grown to --big papers (default 100,000; --quick: 20,000). Its
   records follow the real corpus' distributions by construction: each synthetic paper
   reuses the extraction of a real corpus paper drawn at random (so claims, outperforms,
   names per paper are distributed as in the real corpus), gets a new id and date, and
   has its proposed methods renamed to new names (proposed methods are the long tail;
   baselines such as GPTQ stay shared and accumulate edges, which makes `beats` on them
   heavier, the slow side). Floor (issue 3): p95 under 50 ms at 100k.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, SHARED, main, row

NAME = "store"
CORPORA = sorted((SHARED / "corpus/abstracts").glob("*.jsonl"))
CACHE = ROOT / "data/bench/store"


def add_args(parser) -> None:
    parser.add_argument("--big", type=int, default=None, help="papers in the grown graph (default 100000)")
    parser.add_argument("--batch", type=int, default=500, help="papers per upsert call")
    parser.add_argument("--queries", type=int, default=300, help="beats queries per latency figure")
    parser.add_argument("--db-dir", default=None, help="where the bench databases go (default: a temp dir)")


def load_records(limit: int | None):
    """The corpus' PaperRecords, extracting (and caching) them on first use."""
    from claimgraph.schema import PaperRecord

    CACHE.mkdir(parents=True, exist_ok=True)
    cache = CACHE / f"records_{limit or 'all'}.jsonl"
    if cache.exists():
        with open(cache, encoding="utf-8") as fh:
            return [PaperRecord.model_validate_json(line) for line in fh], None
    papers, seen = [], set()
    for path in CORPORA:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if r["id"] in seen:
                    continue
                seen.add(r["id"])
                papers.append(_paper(r))
                if limit and len(papers) >= limit:
                    break
        if limit and len(papers) >= limit:
            break
    from claimgraph.extract.pipeline import Extractor

    started = time.perf_counter()
    extractions = list(Extractor().extract_many(papers))
    secs = time.perf_counter() - started
    records = [PaperRecord(paper=p, extraction=e) for p, e in zip(papers, extractions)]
    with open(cache, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(rec.model_dump_json() + "\n")
    return records, secs


def _paper(r: dict):
    from claimgraph.schema import Paper

    authors = r.get("authors")
    if not isinstance(authors, list):
        authors = [a.strip() for a in (r.get("byline") or "").split(",") if a.strip()]
    published = str(r.get("published") or "")
    return Paper(id=r["id"], title=r.get("title") or "", abstract=r.get("abstract") or "",
                 authors=authors[:60], categories=list(r.get("categories") or []),
                 published=published if len(published) == 10 else None,
                 source=r.get("source") or "", url=r.get("url"))


def grow(records, n: int, seed: int):
    """n synthetic records resampled from the real ones (see the module docstring)."""
    from datetime import date, timedelta

    from claimgraph.schema import PaperRecord, fold

    rng = random.Random(seed)
    day0 = date(2030, 1, 1)
    for i in range(n):
        src = records[rng.randrange(len(records))]
        pid = f"{3001 + i // 20000 // 12 * 100 + i // 20000 % 12:04d}.{i % 20000 + 1:05d}"
        proposed = {fold(m.name): f"{m.name}-s{i}" for m in src.extraction.methods if m.role == "proposed"}

        def rename(name):
            return proposed.get(fold(name), name) if name else name

        ex = src.extraction
        ex = ex.model_copy(update={
            "id": pid,
            "methods": [m.model_copy(update={"name": rename(m.name), "aliases": []}) if fold(m.name) in proposed else m
                        for m in ex.methods],
            "claims": [c.model_copy(update={"method": rename(c.method), "baseline": rename(c.baseline)}) for c in ex.claims],
            "outperforms": [o.model_copy(update={"method": rename(o.method), "baseline": rename(o.baseline)})
                            for o in ex.outperforms],
        })
        paper = src.paper.model_copy(update={"id": pid, "version": 1, "published": day0 + timedelta(days=i // 650)})
        yield PaperRecord(paper=paper, extraction=ex)


def timed_upsert(store, records, batch: int) -> tuple[float, dict]:
    totals: dict[str, int] = {}
    started = time.perf_counter()
    for i in range(0, len(records), batch):
        for k, v in store.upsert(records[i:i + batch]).items():
            totals[k] = totals.get(k, 0) + v
    return time.perf_counter() - started, totals


def beats_latency(store, n_queries: int, seed: int) -> tuple[list[float], int]:
    rng = random.Random(seed)
    baselines = [r["baseline"] for r in store.query("most_beaten", {"limit": 20})]
    baselines += ["NoSuchMethod", "GPTQ'}) DETACH DELETE n //"]
    if not baselines:
        baselines = ["GPTQ"]
    filters = [{}, {"bits": 2}, {"bits": 4}, {"category": "quantization"}, {"bits": 2, "category": "quantization"},
               {"kind": "perplexity"}]
    for b in baselines[:5]:  # warm-up: first queries pay FalkorDB's plan cache and schema fetch
        store.query("beats", {"baseline": b})
    times, rows = [], 0
    for _ in range(n_queries):
        params = {"baseline": rng.choice(baselines), **rng.choice(filters)}
        t = time.perf_counter()
        rows += len(store.query("beats", params))
        times.append((time.perf_counter() - t) * 1000)
    return times, rows


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) >= 20 else max(xs)


def run(args) -> list[dict]:
    from claimgraph.graph.embedded import EmbeddedStore

    rows = []
    limit = 2000 if args.quick else None
    big = args.big or (20_000 if args.quick else 100_000)
    records, extract_secs = load_records(limit)
    ctx = {"papers": len(records), "batch": args.batch, "corpus": [p.name for p in CORPORA]}
    if extract_secs is not None:
        rows.append(row(NAME, "extraction before the upsert (not part of the store figure)",
                        len(records) / extract_secs, "papers/s", params=ctx))
    workdir = Path(args.db_dir) if args.db_dir else Path(tempfile.mkdtemp(prefix="bench_store_"))

    store = EmbeddedStore.open(workdir / "corpus.db")
    try:
        secs, totals = timed_upsert(store, records, args.batch)
        claims = sum(len(r.extraction.claims) for r in records)
        rows.append(row(NAME, "upsert corpus, new papers (batched, AOF fsync)", len(records) / secs, "papers/s",
                        floor=500, params={**ctx, "seconds": round(secs, 2), "claims": claims, **totals}))
        counts = [store.stats()]
        secs2, totals2 = timed_upsert(store, records, args.batch)
        counts.append(store.stats())
        rows.append(row(NAME, "re-upsert corpus, all unchanged", len(records) / secs2, "papers/s",
                        params={**ctx, "seconds": round(secs2, 2), **totals2}))
        timed_upsert(store, records, args.batch)
        counts.append(store.stats())
        rows.append(row(NAME, "node+relationship counts identical after 3 upserts", float(counts[0] == counts[1] == counts[2]),
                        "bool", floor=1, params={"counts": counts[0]}))
        times, found = beats_latency(store, args.queries, args.seed)
        q = {"queries": len(times), "rows_returned": found, "papers": counts[0]["Paper"],
             "outperforms": counts[0]["OUTPERFORMS"]}
        rows.append(row(NAME, "beats latency median, corpus graph", statistics.median(times), "ms", params=q))
        rows.append(row(NAME, "beats latency p95, corpus graph", p95(times), "ms", ceiling=50, params=q))
    finally:
        store.close()

    store = EmbeddedStore.open(workdir / "big.db")
    try:
        started = time.perf_counter()
        batch, written = [], 0
        upsert_secs = 0.0
        for rec in grow(records, big, args.seed):
            batch.append(rec)
            if len(batch) == args.batch:
                t = time.perf_counter()
                store.upsert(batch)
                upsert_secs += time.perf_counter() - t
                written += len(batch)
                batch = []
        if batch:
            t = time.perf_counter()
            store.upsert(batch)
            upsert_secs += time.perf_counter() - t
            written += len(batch)
        counts = store.stats()
        rows.append(row(NAME, f"upsert grown graph ({big:,} papers)", written / upsert_secs, "papers/s",
                        floor=500, params={"papers": written, "seconds": round(upsert_secs, 1),
                                           "wall_with_generation": round(time.perf_counter() - started, 1),
                                           "counts": counts}))
        times, found = beats_latency(store, args.queries, args.seed)
        q = {"queries": len(times), "rows_returned": found, "papers": counts["Paper"],
             "outperforms": counts["OUTPERFORMS"], "claims": counts["Claim"], "methods": counts["Method"]}
        rows.append(row(NAME, f"beats latency median, {big:,}-paper graph", statistics.median(times), "ms", params=q))
        rows.append(row(NAME, f"beats latency p95, {big:,}-paper graph", p95(times), "ms", ceiling=50, params=q))
    finally:
        store.close()
    rows += neo4j_path_rows(records[:1000 if args.quick else 3000], args.batch, workdir)
    return rows


def _unquoted(records):
    """The records with ASCII quotes (and backslashes) turned typographic: FalkorDB 4.18's
    Bolt endpoint splices string parameters into the query unescaped (tests/graph/conftest.py), so both
    sides of the comparison get this same input. One character for one: offsets hold."""
    from claimgraph.schema import PaperRecord

    def fix(v):
        if isinstance(v, str):
            return v.replace("'", "\u2019").replace('"', "\u201d").replace("\\", "\u29f5")
        if isinstance(v, list):
            return [fix(x) for x in v]
        if isinstance(v, dict):
            return {k: fix(x) for k, x in v.items()}
        return v

    return [PaperRecord.model_validate(fix(r.model_dump(mode="json"))) for r in records]


def neo4j_path_rows(records, batch: int, workdir: Path) -> list[dict]:
    """The same upsert batches through Neo4jStore (the official neo4j driver, Bolt,
    execute_query: the code path `--store neo4j` runs) against the embedded engine's own
    Bolt port, beside EmbeddedStore (Redis protocol) on the same engine; and the embedded
    store one paper per statement, which is what batching saves."""
    from bench import bolt
    from claimgraph.graph.neo4j_store import Neo4jStore, make_driver

    import falkordb

    records = _unquoted(records)
    n = len(records)
    ctx = {"papers": n, "batch": batch}
    rows = []
    ref_secs, ref_stats = _upsert_fresh(workdir / "path_ref.db", records, batch)
    one = records[:300]
    one_secs, _ = _upsert_fresh(workdir / "path_one.db", one, 1)
    ref = n / ref_secs
    rows.append(row(NAME, f"upsert {n:,} papers, batch {batch}, EmbeddedStore", ref, "papers/s", params=ctx,
                    note="the reference for the two rows below"))
    server = bolt.start(Path(tempfile.mkdtemp(prefix="bolt_", dir=workdir)))
    try:
        client = falkordb.FalkorDB(unix_socket_path=str(server.socket_path))
        bolt.create_schema(client)
        driver = make_driver(server.uri, "", "")
        store = Neo4jStore(server.uri, "", "", database="falkordb", create_schema=False, driver=driver,
                           dialect="falkordb")
        try:
            secs, _ = timed_upsert(store, records, batch)
            same = store.stats() == ref_stats
        finally:
            store.close()
            client.connection.close()
        rows.append(row(NAME, f"upsert {n:,} papers, batch {batch}, Neo4jStore over Bolt (same Cypher)", n / secs,
                        "papers/s", reference=ref, reference_label="EmbeddedStore", params={**ctx, "same_graph": same},
                        note="neo4j driver + Bolt on the embedded engine; "
                             + ("graph identical to the reference" if same else "GRAPH DIFFERS from the reference")))
    except Exception as exc:  # noqa: BLE001 - one figure failing must not hide the rest
        rows.append(row(NAME, "upsert, Neo4jStore over Bolt", None, "papers/s", note=f"FAILED: {exc}"[:300]))
    finally:
        server.stop()
    rows.append(row(NAME, f"upsert {len(one)} papers one per statement, EmbeddedStore", len(one) / one_secs,
                    "papers/s", reference=ref, reference_label=f"batch {batch}", params={"papers": len(one)},
                    note="a round trip and a transaction per paper: what batching saves"))
    return rows


def _upsert_fresh(db: Path, records, batch: int) -> tuple[float, dict]:
    """Seconds to upsert `records` into a new embedded database, and its counts after."""
    from claimgraph.graph.embedded import EmbeddedStore

    store = EmbeddedStore.open(db)
    try:
        secs, _ = timed_upsert(store, records, batch)
        return secs, store.stats()
    finally:
        store.close()


if __name__ == "__main__":
    raise SystemExit(main(run, add_args, name="python -m bench.bench_store"))
