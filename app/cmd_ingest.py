"""`claimgraph ingest arxiv|file|auto|runs`: papers into the configured graph store.

    claimgraph ingest arxiv [--query Q] [--since DATE] [--max N] [--categories cs.LG,cs.CL]
    claimgraph ingest file PATH... [--format F] [--categories ...]
    claimgraph ingest auto [PATH...]      the end-to-end default: arXiv if reachable, else the
                                          given corpus or the bundled (synthetic) demo corpus
    claimgraph ingest runs                recent runs with their counts and watermarks
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import subprocess
import sys
from datetime import date, datetime, time as dtime, timezone
from importlib import resources
from pathlib import Path

from claimgraph.app.ingest import runner as R

EXIT_CODES = """exit codes (for schedulers):
  0   ok: everything read was written or was already there unchanged
  1   partial: some records were unusable and skipped (each reported on stderr); the rest landed
  2   nothing usable (bad paths, unknown formats) or bad usage
  3   the arXiv API failed after retries (query and page named); what was fetched landed and
      the watermark stops before the gap, so the next run fetches it again
  4   the store or the extractor failed; committed batches are kept
  75  another ingest holds this store's lock (try again later, or pass --wait SECONDS)
  143 stopped by SIGTERM between batches (run record closed as interrupted; run again to resume)
"""


def register(sub) -> None:
    p = sub.add_parser("ingest", help="ingest papers from arXiv or corpus files into the graph store",
                       description=__doc__, epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(func=run, ingest_source=None)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--processes", type=int, default=1, help="extraction worker processes (default 1)")
    common.add_argument("--batch-size", type=int, default=256, help="papers per store write (default 256)")
    common.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                        help="if another ingest holds the store, wait this long before giving up (default: exit 75)")
    common.add_argument("--lock-ttl", type=float, default=600.0, help=argparse.SUPPRESS)
    common.add_argument("--progress", choices=["auto", "bar", "log"], default="auto",
                        help="a bar on a terminal, log lines otherwise (default auto)")
    common.add_argument("--reextract", action="store_true",
                        help="extract papers again even if their text is unchanged (after an extractor upgrade)")
    common.add_argument("--categories", default=None, metavar="CATS",
                        help="comma-separated arXiv categories to keep, e.g. cs.LG,cs.CL")
    src = p.add_subparsers(dest="ingest_source", metavar="SOURCE")

    a = src.add_parser("arxiv", parents=[common], help="harvest new papers from the arXiv API (incremental)",
                       epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    _arxiv_flags(a)
    a.add_argument("--full", action="store_true", help="ignore the stored watermark (re-read from --since)")

    f = src.add_parser("file", parents=[common], help="ingest corpus files (format detected per file)",
                       epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    f.add_argument("paths", nargs="+", metavar="PATH")
    f.add_argument("--format", dest="fmt", default=None,
                   help="force the format: jsonl, json, arxiv-snapshot, atom, digest, digest-md, notes-md")

    u = src.add_parser("auto", parents=[common], help="arXiv if reachable, else PATHs or the demo corpus; then the explorer",
                       epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    u.add_argument("paths", nargs="*", metavar="PATH", help="corpus to ingest when arXiv is unreachable")
    _arxiv_flags(u, default_max=300)
    u.add_argument("--offline", action="store_true", help="do not try arXiv")
    u.add_argument("--serve", action="store_true", help="start the explorer afterwards")
    u.add_argument("--format", dest="fmt", default=None, help=argparse.SUPPRESS)

    r = src.add_parser("runs", help="recent ingest runs (counts, status, watermark)")
    r.add_argument("--query", default=None, help="only runs of this query key")
    r.add_argument("--limit", type=int, default=20)
    r.add_argument("--format", dest="out_format", choices=["table", "json"], default="table")


def _arxiv_flags(a, default_max: int | None = None) -> None:
    a.add_argument("--query", default=None, help="arXiv search syntax (default: settings' ML-efficiency query)")
    a.add_argument("--since", type=date.fromisoformat, default=None, metavar="DATE",
                   help="only papers updated on/after DATE (YYYY-MM-DD); default: the query's watermark, "
                        "or 14 days back on a first run")
    a.add_argument("--max", type=int, default=default_max, metavar="N", help="at most N papers this run")
    a.add_argument("--page-size", type=int, default=500, help="results per API request (max 2000)")
    a.add_argument("--delay", type=float, default=3.0, help="seconds between API requests (arXiv asks for 3)")
    a.add_argument("--retries", type=int, default=4, help="retries per page, with exponential backoff")
    a.add_argument("--backoff", type=float, default=5.0, help="first backoff wait in seconds (doubles each retry)")
    a.add_argument("--timeout", type=float, default=60.0, help="seconds before a request counts as failed")


def _cats(args) -> list[str]:
    return [c.strip() for c in (args.categories or "").split(",") if c.strip()]


def _progress(args, label: str):
    from claimgraph.app.ingest.reporting import Progress

    tty = {"bar": True, "log": False}.get(args.progress)
    return Progress(label, tty=tty)


def _print_problem(problem) -> None:
    print(f"skipped {problem}", file=sys.stderr)


def _finish(out: R.Outcome) -> int:
    from claimgraph.app.ingest.reporting import summary

    extra = out.problems - len(out.examples)
    if extra > 0:
        print(f"... and {extra} more skipped records", file=sys.stderr)
    if out.error:
        print(f"error: {out.error}", file=sys.stderr)
    t = out.timings
    print(f"time: {out.elapsed:.1f} s, of which store writes {t['write']:.1f} s, store lookups {t['lookup']:.1f} s, "
          f"reading + extraction the rest", file=sys.stderr)
    print(summary(out.run, out.elapsed))
    return out.exit_code


def _runner(store, args) -> R.Runner:
    shown = []

    def sink(problem):
        if len(shown) < 50:
            shown.append(problem)
            _print_problem(problem)

    return R.Runner(store, processes=args.processes, batch_size=args.batch_size,
                    lock=R.StoreLock(store, wait_seconds=args.wait, ttl_seconds=args.lock_ttl),
                    progress=_progress(args, f"ingest {args.ingest_source}"),
                    problem_sink=sink, reextract=args.reextract,
                    stop_requested=lambda: _STOP[0] if _STOP else None)


def ingest_files(store, args, paths: list[str], label: str | None = None) -> R.Outcome:
    from claimgraph.app.ingest.files import read_papers

    cats = _cats(args)
    stats: dict[str, int] = {}
    resolved = [str(Path(p).resolve()) for p in paths]

    def items():
        for path in paths:
            yield from read_papers(path, fmt=getattr(args, "fmt", None), categories=cats, stats=stats)

    return _runner(store, args).run(items(), query=label or "file:" + ",".join(resolved), source="file",
                                    extra_counts=lambda: dict(stats))


def arxiv_config(args):
    from claimgraph.app.ingest.arxiv_source import ArxivConfig

    return ArxivConfig(delay_seconds=args.delay, page_size=min(2000, max(1, args.page_size)),
                       retries=max(0, args.retries), backoff_seconds=args.backoff, timeout_seconds=args.timeout)


def ingest_arxiv(store, settings, args, client=None, sleep=None) -> R.Outcome:
    """The periodic harvest. `client`/`sleep` let tests drive a real arxiv.Client whose
    session replays recorded responses; production passes neither."""
    from claimgraph.app.ingest.arxiv_source import ArxivSource, build_query

    query = args.query or settings.arxiv_query
    cats = _cats(args)
    key = "arxiv:" + build_query(query, cats)  # the watermark's identity: query + categories, no dates
    since = None
    if args.since is not None:
        since = datetime.combine(args.since, dtime.min, tzinfo=timezone.utc)
    elif not getattr(args, "full", False):
        since = store.last_watermark(key)
    kwargs = {"sleep": sleep} if sleep is not None else {}
    source = ArxivSource(query, since=since, max_results=args.max, categories=cats,
                         config=arxiv_config(args), client=client, **kwargs)
    print(f"arXiv: {source.search_query} (sorted by last update, oldest first"
          + (f", at most {args.max}" if args.max else "") + ")", file=sys.stderr)
    out = _runner(store, args).run(source.papers(), query=key, source="arxiv",
                                   watermark_of=lambda p: source.updated_at.pop(p.id, None),
                                   start_watermark=since,
                                   extra_counts=lambda: {"pages": source.stats["pages"],
                                                         "retries": source.stats["retries"],
                                                         # entries the API sent twice across pages
                                                         "repeated": source.stats["duplicates"]})
    return out


def arxiv_reachable(timeout: float = 10.0) -> tuple[bool, str]:
    """One small request, to decide between harvesting and the offline fallback."""
    import requests

    try:
        resp = requests.get("https://export.arxiv.org/api/query",
                            params={"search_query": "cat:cs.LG", "max_results": "1"}, timeout=timeout)
    except requests.RequestException as exc:
        return False, f"{type(exc).__name__}: {str(exc)[:160]}"
    if resp.status_code != 200:
        return False, f"HTTP {resp.status_code}"
    return True, "ok"


def demo_corpus() -> Path:
    return Path(str(resources.files("claimgraph.app") / "demo" / "demo_papers.jsonl"))


def run_auto(store, settings, args) -> int:
    code = None
    if not args.offline:
        ok, why = arxiv_reachable()
        if ok:
            print(f"arXiv is reachable: harvesting up to {args.max} new papers for the default query", file=sys.stderr)
            code = _finish(ingest_arxiv(store, settings, args))
        else:
            print(f"arXiv is not reachable from here ({why}); using local papers instead.", file=sys.stderr)
    if code is None:
        if args.paths:
            print(f"ingesting {', '.join(args.paths)}", file=sys.stderr)
            code = _finish(ingest_files(store, args, args.paths))
        else:
            print("ingesting the bundled DEMO corpus: 30 synthetic abstracts written by the claimgraph "
                  "authors for demonstration; they are not real papers (ids demo-0001..0030).", file=sys.stderr)
            code = _finish(ingest_files(store, args, [str(demo_corpus())], label="demo"))
    _explorer(settings, args)
    return code


def _explorer(settings, args) -> None:
    db = ["--db", str(settings.db_file)] if settings.store == "embedded" else ["--store", settings.store]
    cmd = [sys.executable, "-m", "claimgraph.app.cli", *db, "app"]
    if args.serve:
        print("starting the explorer: " + " ".join(["claimgraph", *db, "app"]), file=sys.stderr)
        subprocess.run(cmd, check=False)
    else:
        print("open the explorer with: " + " ".join(["claimgraph", *db, "app"]), file=sys.stderr)


def show_runs(store, args) -> int:
    runs = store.runs(limit=args.limit, query=args.query)
    if args.out_format == "json":
        print(json.dumps([r.model_dump(mode="json") for r in runs], indent=2))
        return 0
    for r in runs:
        c = r.counts
        wm = r.watermark.isoformat(timespec="minutes") if r.watermark else "-"
        print(f"{r.started:%Y-%m-%d %H:%M} {r.status:8} new {c.get('new', 0):>6} upd {c.get('updated', 0):>5} "
              f"same {c.get('unchanged', 0):>6} fail {c.get('failed', 0):>4} claims {c.get('claims', 0):>6} "
              f"wm {wm}  {r.query[:60]}")
    if not runs:
        print("no ingest runs recorded yet")
    return 0


_STOP: list[str] = []


def _terminate(signum, frame):
    # Only note it: the runner stops at the next paper boundary, never inside a store write.
    _STOP.append(signal.Signals(signum).name)


def run(args) -> int:
    if not args.ingest_source:
        print("usage: claimgraph ingest {arxiv,file,auto,runs} ... (see claimgraph ingest --help)", file=sys.stderr)
        return R.EXIT_NOTHING
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # systemd and timeouts stop a job with SIGTERM: the run stops between papers, closes its
    # record as interrupted and releases the lock (SIGKILL is covered by resume instead).
    _STOP.clear()
    signal.signal(signal.SIGTERM, _terminate)
    settings = args.settings
    from claimgraph.app.stores import open_store

    try:
        store = open_store(settings)
    except Exception as exc:  # noqa: BLE001 - any backend failure is reported the same way
        print(f"error: cannot open the {settings.store} store: {exc}", file=sys.stderr)
        return R.EXIT_STORE
    try:
        if args.ingest_source == "runs":
            return show_runs(store, args)
        if args.ingest_source == "auto":
            return run_auto(store, settings, args)
        if args.ingest_source == "arxiv":
            return _finish(ingest_arxiv(store, settings, args))
        return _finish(ingest_files(store, args, args.paths))
    except R.LockBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return R.EXIT_LOCKED
    finally:
        store.close()
