"""The benchmark convention: rows, bounds, the table and run_all's discovery."""

import json
import types

from bench import common, run_all


def test_row_judges_the_ratio_against_its_floor_and_the_value_without_reference():
    slow = common.row("x", "throughput", 40.0, "abstracts/s", reference=100.0, floor=0.5)
    fast = common.row("x", "throughput", 60.0, "abstracts/s", reference=100.0, floor=0.5)
    assert slow["ratio"] == 0.4 and slow["ok"] is False
    assert fast["ok"] is True
    assert common.row("x", "p95", 120.0, "ms", ceiling=100.0)["ok"] is False
    assert common.row("x", "p95", 80.0, "ms", ceiling=100.0)["ok"] is True
    failed = common.row("x", "throughput", None, "abstracts/s", reference=100.0, floor=0.5, note="FAILED: boom")
    assert failed["ok"] is None and failed["ratio"] is None
    json.dumps([slow, fast, failed])  # rows are plain JSON


def test_table_shows_reference_ratio_bound_and_footnotes():
    rows = [common.row("extract", "full extraction", 60.0, "abstracts/s", reference=100.0,
                       reference_label="bare tokenizer", floor=0.5, note="12,000 words/s")]
    out = common.table(rows)
    assert "bare tokenizer" in out and "≥ 0.5" in out and "[1] 12,000 words/s" in out


def test_run_all_discovers_bench_modules_and_gives_them_defaults_plus_common_flags():
    assert "extract" in run_all.discover()
    mod = types.SimpleNamespace(add_args=lambda ap: ap.add_argument("--limit", type=int, default=7))
    args = run_all.module_args(mod, types.SimpleNamespace(quick=True, seed=5))
    assert (args.limit, args.quick, args.seed) == (7, True, 5)


def test_run_all_reports_a_broken_benchmark_as_a_row_and_writes_results(tmp_path, monkeypatch):
    broken = types.ModuleType("bench.bench_broken")

    def run(args):
        raise RuntimeError("no store here")

    broken.run = run
    monkeypatch.setitem(__import__("sys").modules, "bench.bench_broken", broken)
    monkeypatch.setattr(run_all, "discover", lambda: ["broken"])
    out = tmp_path / "r.json"
    assert run_all.main(["--out", str(out)]) == 2  # reported as a row, and the exit code says so
    data = json.loads(out.read_text())
    assert data["rows"][0]["bench"] == "broken" and "no store here" in data["rows"][0]["note"]
    assert data["machine"]["cores"]
    md = (tmp_path / "r.md").read_text()
    assert "| broken | benchmark |" in md and "cores" in md


def test_run_all_includes_rows_of_an_earlier_standalone_run(tmp_path, monkeypatch):
    ok = types.ModuleType("bench.bench_ok")
    ok.run = lambda args: [common.row("ok", "fast", 1.0, "s")]
    monkeypatch.setitem(__import__("sys").modules, "bench.bench_ok", ok)
    monkeypatch.setattr(run_all, "discover", lambda: ["ok"])
    earlier = tmp_path / "scale.json"
    earlier.write_text(json.dumps({"rows": [common.row("scale", "ingest 1M", 30.0, "min", ceiling=60)]}))
    out = tmp_path / "r.json"
    assert run_all.main(["--out", str(out), "--include", str(earlier)]) == 0
    rows = json.loads(out.read_text())["rows"]
    assert [r["bench"] for r in rows] == ["ok", "scale"] and "earlier run" in rows[1]["note"]
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    import pytest

    with pytest.raises(SystemExit):
        run_all.main(["--out", str(out), "--include", str(bad)])
