"""Shared helpers for bench_*.py modules: result rows, the table, machine facts.

The convention every benchmark module follows (see bench/README.md):

    def add_args(parser): ...              # optional: the module's own flags, all with defaults
    def run(args) -> list[dict]: ...       # measure, return rows made with row()

`args` always carries the common flags `quick` (small sizes for development runs) and
`seed`; bench.run_all discovers bench_*.py, parses each module's defaults plus the
common flags, calls run(args) and collects the rows into bench/RESULTS.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus/abstracts/arxiv_ml_efficiency_2025_2026.jsonl"


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def row(bench: str, metric: str, value: float | None, unit: str, *, reference: float | None = None,
        reference_label: str | None = None, ratio: float | None = None, floor: float | None = None,
        ceiling: float | None = None, params: dict | None = None, note: str = "") -> dict:
    """One measured figure, beside its reference when it has one.

    `ratio` is value/reference unless given; `floor`/`ceiling` are the acceptance bound the
    issue sets on the ratio when there is a reference, on the value otherwise; `ok` says
    whether it holds (None when there is no bound).
    """
    if ratio is None and reference not in (None, 0) and value is not None:
        ratio = value / reference
    judged = ratio if ratio is not None else value
    ok = None
    if judged is not None and (floor is not None or ceiling is not None):
        ok = (floor is None or judged >= floor) and (ceiling is None or judged <= ceiling)
    return {"bench": bench, "metric": metric, "value": value, "unit": unit, "reference": reference,
            "reference_label": reference_label, "ratio": ratio, "floor": floor, "ceiling": ceiling,
            "ok": ok, "params": params or {}, "note": note, "at": now(), "load": load()}


def load() -> float:
    """1-minute load average: the machine is shared, so every figure says how busy it was."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return -1.0


def peak_rss_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def machine() -> dict:
    mem_gb = None
    try:
        with open("/proc/meminfo") as fh:
            mem_gb = round(int(fh.readline().split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), cpu)
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": mem_gb, "python": platform.python_version(),
            "platform": platform.platform(), "load_at_start": load()}


def fmt(v, digits: int = 3) -> str:
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "NO"
    if isinstance(v, float):
        return f"{v:,.{digits}g}" if abs(v) < 1000 else f"{v:,.0f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def table(rows: list[dict]) -> str:
    """One plain-text table: figure, its reference, the ratio and whether the bound holds."""
    head = ["bench", "metric", "value", "unit", "reference", "ratio", "bound", "ok"]
    body = []
    for r in rows:
        bound = ("≥ " + fmt(r["floor"]) if r.get("floor") is not None else "") + \
                ("≤ " + fmt(r["ceiling"]) if r.get("ceiling") is not None else "")
        ref = fmt(r.get("reference")) + (f" ({r['reference_label']})" if r.get("reference_label") else "") \
            if r.get("reference") is not None else "-"
        body.append([r["bench"], r["metric"], fmt(r["value"]), r["unit"], ref, fmt(r.get("ratio")),
                     bound or "-", fmt(r.get("ok"))])
    notes = []
    for b, r in zip(body, rows):
        if r.get("note"):
            notes.append(f"[{len(notes) + 1}] {r['note']}")
            b[1] += f" [{len(notes)}]"
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths))  # noqa: E731
    return "\n".join([line(head), line(["-" * w for w in widths]), *(line(b) for b in body), "", *notes])


def add_common_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quick", action="store_true",
                        help="small sizes for development runs (the machine is shared)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus")


def main(run, add_args=None, argv: list[str] | None = None, name: str | None = None) -> int:
    """Standalone entry for one module: parse its flags, run, print the table (and --json)."""
    ap = argparse.ArgumentParser(prog=name)
    add_common_args(ap)
    ap.add_argument("--json", help="also write the rows to this file")
    if add_args:
        add_args(ap)
    args = ap.parse_args(argv)
    started = time.perf_counter()
    rows = run(args)
    print(table(rows))
    print(f"\n({time.perf_counter() - started:.0f} s, {now()}, load {load()}, {machine()['cores']} cores)",
          file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine(), "rows": rows}, indent=2) + "\n")
    return 0 if all(r.get("ok") is not False for r in rows) else 1


def markdown(result: dict) -> str:
    """RESULTS.md: the machine, when, and one table of every row (what run_all writes)."""
    m = result["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python -m bench.run_all{' --quick' if result.get('quick') else ''}` "
        f"from {result['started']} to {result['finished']} (UTC).",
        "",
        f"Machine: {m.get('cpu')}, {m.get('cores')} cores, {m.get('memory_gb')} GB RAM, "
        f"Python {m.get('python')}, {m.get('platform')}; 1-minute load average at start {m.get('load_at_start')} "
        "(each row carries the load when it was measured).",
        "",
        "| bench | metric | value | unit | reference | ratio | bound | ok | load | note |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in result["rows"]:
        bound = ("≥ " + fmt(r["floor"]) if r.get("floor") is not None else "") + \
                ("≤ " + fmt(r["ceiling"]) if r.get("ceiling") is not None else "")
        ref = (fmt(r["reference"]) + (f" ({r['reference_label']})" if r.get("reference_label") else "")
               if r.get("reference") is not None else "-")
        cells = [r["bench"], r["metric"], fmt(r["value"]), r["unit"], ref, fmt(r.get("ratio")), bound or "-",
                 fmt(r.get("ok")), fmt(r.get("load")), (r.get("note") or "").replace("|", "/")]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    if result.get("notes"):
        lines += ["", *[f"- {n}" for n in result["notes"]]]
    return "\n".join(lines) + "\n"
