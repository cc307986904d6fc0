"""`claimgraph import DUMP` and `claimgraph export --format dump`: move a graph between
stores (embedded <-> Neo4j) through a JSON Lines dump (graph/transfer.py).

    claimgraph --db old.db export --format dump --out graph.dump.gz
    NEO4J_URI=neo4j+s://... NEO4J_PASSWORD=... claimgraph --store neo4j import graph.dump.gz
    claimgraph --db old.db export --format dump | claimgraph --store neo4j import -

Both hold the store's ingest lock while they run, so a scheduled ingest cannot change
the graph under an export (the dump is one consistent picture) or interleave its
writes with an import's.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

EXIT_CODES = """exit codes:
  0   ok: every line of the dump was imported
  1   partial: bad lines were skipped, or the dump is truncated (each reported on stderr);
      every good line landed
  2   nothing imported: no such file, or not a claimgraph dump
  4   the store failed; the batches written before stay (importing again completes them,
      without duplicates)
  75  an ingest holds the target store's lock (try again later, or pass --wait SECONDS)
"""

# Progress lines at most this often; the lock is refreshed at the same time.
PROGRESS_SECONDS = 10.0


def register(sub) -> None:
    p = sub.add_parser("import", help="merge a graph dump (claimgraph export --format dump) into the store",
                       description=__doc__, epilog=EXIT_CODES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dump", metavar="DUMP", help="the dump file (.gz read as gzip); - for standard input")
    p.add_argument("--batch-size", type=int, default=1000, help="rows per write statement (default 1000)")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="if an ingest holds the store, wait this long before giving up (default: exit 75)")
    p.add_argument("--format", dest="out_format", choices=["table", "json"], default="table",
                   help="the closing report on stdout")
    p.set_defaults(func=run_import)


class _Ticker:
    """Progress on stderr every PROGRESS_SECONDS (cron and journal friendly), and the
    ingest lock kept alive at the same pace."""

    def __init__(self, verb: str, lock) -> None:
        self.verb, self.lock = verb, lock
        self.counts: dict[str, int] = {}
        self.t0 = self.last = time.monotonic()

    def __call__(self, phase: str, name: str, count: int) -> None:
        self.counts[name] = count
        now = time.monotonic()
        if now - self.last < PROGRESS_SECONDS:
            return
        self.last = now
        self.lock.refresh()
        rows = sum(self.counts.values())
        print(f"{self.verb}: {rows} rows so far ({rows / max(1e-9, now - self.t0):.0f}/s), now {name}",
              file=sys.stderr, flush=True)


def _lock(store, wait: float):
    from claimgraph.app.ingest.runner import StoreLock

    lock = StoreLock(store, wait_seconds=wait)
    lock.acquire()
    return lock


def run_import(args) -> int:
    from claimgraph.app.ingest.runner import LockBusy
    from claimgraph.app.stores import open_store
    from claimgraph.graph import transfer as T
    from claimgraph.graph.store import StoreError

    name = "<stdin>" if args.dump == "-" else args.dump
    try:
        stream = T.open_dump(args.dump)
    except OSError as exc:
        print(f"error: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    store = lock = None
    try:
        try:
            store = open_store(args.settings)
        except StoreError as exc:
            print(f"error: cannot open the {args.settings.store} store: {exc}", file=sys.stderr)
            return 4
        lock = _lock(store, args.wait)
        ticker = _Ticker("import", lock)
        report = T.import_dump(store, stream, name, batch_size=args.batch_size, progress=ticker)
    except T.DumpError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except LockBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 75
    except StoreError as exc:  # ensure_schema, or the lock's own writes
        print(f"error: {exc}", file=sys.stderr)
        return 4
    finally:
        stream.close()
        if lock is not None:
            lock.release()
        if store is not None:
            store.close()
    _show_problems(report)
    _print_report(report, args.out_format, f"imported into {args.settings.store} from {name}")
    if report.error:
        print(f"error: the store failed, import stopped: {report.error}", file=sys.stderr)
        return 4
    if report.truncated:
        print(f"error: {report.message}", file=sys.stderr)
    return 1 if (report.problems or report.truncated) else 0


def export_dump(args) -> int:
    """`claimgraph export --format dump [--out PATH]` (wired from cmd_query's export)."""
    from claimgraph.app.ingest.runner import LockBusy
    from claimgraph.app.stores import open_store
    from claimgraph.graph import transfer as T
    from claimgraph.graph.store import StoreError

    out_path = Path(args.out) if args.out else None
    # Written beside the target and renamed at the end: a failed export leaves no file
    # under the name a script would import.
    partial = out_path.with_name(out_path.name + ".partial") if out_path else None
    store = lock = stream = None
    ok = False
    try:
        store = open_store(args.settings)
        lock = _lock(store, getattr(args, "wait", 0.0))
        stream = T.create_dump(partial, compress=out_path.name.endswith(".gz")) if partial else sys.stdout.buffer
        report = T.write_dump(store, stream, progress=_Ticker("export", lock))
        stream.flush()
        if partial:
            stream.close()
            os.replace(partial, out_path)
        ok = True
    except LockBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 75
    except OSError as exc:  # disk full, or the reader of stdout went away (`| head`)
        if isinstance(exc, BrokenPipeError):
            # stdout is gone: keep Python's exit-time flush from failing again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print(f"error: cannot write the dump to {out_path or 'stdout'}: {exc.strerror or exc}",
              file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"error: {exc}" + ("; no dump was written" if out_path else
                                 "; the dump on stdout has no end line, so an import of it "
                                 "reports it truncated"), file=sys.stderr)
        return 1
    finally:
        if not ok and partial is not None:
            if stream is not None:
                stream.close()
            partial.unlink(missing_ok=True)
        if lock is not None:
            lock.release()
        if store is not None:
            store.close()
    _show_problems(report)
    _print_report(report, "table", f"exported to {out_path or 'stdout'}", stream=sys.stderr)
    return 1 if report.problems else 0


def _show_problems(report) -> None:
    for text in report.examples:
        print(f"problem: {text}", file=sys.stderr)
    extra = report.problems - len(report.examples)
    if extra > 0:
        print(f"... and {extra} more problems", file=sys.stderr)


def _print_report(report, fmt: str, what: str, stream=None) -> None:
    stream = stream or sys.stdout
    if fmt == "json":
        print(report.model_dump_json(indent=2), file=stream)
        return
    print(f"{what}: {report.node_total} nodes, {report.relationship_total} relationships "
          f"in {report.seconds:.1f} s", file=stream)
    for title, counts in (("nodes", report.nodes), ("relationships", report.relationships)):
        shown = ", ".join(f"{k} {v}" for k, v in counts.items() if v)
        print(f"  {title}: {shown or 'none'}", file=stream)
    if report.problems:
        print(f"  problems: {report.problems} (see stderr)", file=stream)
