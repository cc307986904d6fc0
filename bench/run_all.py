"""Run every benchmark, print one table, write bench/RESULTS.json and bench/RESULTS.md.

    .venv/bin/python -m bench.run_all              # full sizes (long: run on a quiet machine)
    .venv/bin/python -m bench.run_all --quick      # small sizes, for development
    .venv/bin/python -m bench.run_all --only extract,store --out /tmp/r.json

Discovers bench/bench_*.py; each module has `run(args) -> list[dict]` (rows made with
bench.common.row) and optionally `add_args(parser)`. A module is run with its own
defaults plus the common flags given here (--quick, --seed). A module that raises is
reported as a FAILED row and the others still run. Exit code 2 when a benchmark
crashed, 1 when a figure misses its bound, else 0.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import time
import traceback
from pathlib import Path

import bench
from bench.common import ROOT, add_common_args, load, machine, markdown, now, row, table

DEFAULT_OUT = ROOT / "bench" / "RESULTS.json"


def discover() -> list[str]:
    """Names after the bench_ prefix, sorted (extract, ingest, store, app ...)."""
    return sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules(bench.__path__)
                  if m.name.startswith("bench_"))


def module_args(mod, common: argparse.Namespace) -> argparse.Namespace:
    """The module's defaults, overlaid with the common flags given to run_all."""
    ap = argparse.ArgumentParser()
    add_common_args(ap)
    if hasattr(mod, "add_args"):
        mod.add_args(ap)
    args = ap.parse_args([])
    args.quick, args.seed = common.quick, common.seed
    return args


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run_all", description=__doc__.split("\n\n")[0])
    add_common_args(ap)
    ap.add_argument("--only", help="comma-separated benchmark names (default: all of " + ", ".join(discover()) + ")")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help=f"results JSON (default {DEFAULT_OUT.relative_to(ROOT)})")
    ap.add_argument("--include", action="append", default=[], metavar="JSON",
                    help="also report the rows of an earlier standalone run (`python -m bench.bench_NAME --json "
                         "FILE`), e.g. the hour-long 1M scale run; each row keeps its own time and load")
    args = ap.parse_args(argv)
    included = []
    for path in args.include:
        try:
            included += json.loads(Path(path).read_text(encoding="utf-8"))["rows"]
        except (OSError, ValueError, KeyError) as exc:
            ap.error(f"--include {path}: not a bench --json file ({exc})")
    names = discover()
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = sorted(set(wanted) - set(names))
        if unknown:
            ap.error(f"unknown benchmark(s) {', '.join(unknown)}; known: {', '.join(names)}")
        names = [n for n in names if n in wanted]

    started, rows, timings, crashed = now(), [], {}, []
    info = machine()
    for name in names:
        print(f"== bench {name} ({now()}, load {load()})", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            mod = importlib.import_module(f"bench.bench_{name}")
            rows += mod.run(module_args(mod, args))
        except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
            traceback.print_exc()
            crashed.append(name)
            rows.append(row(name, "benchmark", None, "-", note=f"FAILED: {type(exc).__name__}: {exc}"[:300]))
        timings[name] = round(time.perf_counter() - t0, 1)

    rows += [{**r, "note": (r.get("note") or "") + f" [earlier run, {r.get('at')}]"} for r in included]
    print(table(rows))
    result = {"started": started, "finished": now(), "quick": args.quick, "seed": args.seed,
              "machine": info, "seconds": timings, "rows": rows}
    out = Path(args.out)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    out.with_suffix(".md").write_text(markdown(result), encoding="utf-8")
    print(f"\nwrote {out} and {out.with_suffix('.md')}", file=sys.stderr)
    if crashed:
        return 2
    return 1 if any(r.get("ok") is False for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
