"""The extraction benchmark's plumbing (not its speed: figures are printed, never asserted)."""

import argparse

from bench import bench_extract
from claimgraph.extract.pipeline import Extractor


def test_run_reports_every_figure_beside_its_reference():
    args = argparse.Namespace(quick=True, seed=0, limit=30, batch_size=16, profile=False)
    rows = {r["metric"]: r for r in bench_extract.run(args)}
    tok = rows["bare spaCy tokenizer"]
    assert tok["value"] > 0 and tok["params"]["abstracts"] == 30
    one = rows["full extraction, 1 process"]
    assert one["reference"] == tok["value"] and one["floor"] == 0.5
    assert one["value"] is not None and one["ok"] is (one["ratio"] >= 0.5)
    two = rows["full extraction, 2 processes"]
    assert two["reference"] == one["value"] and two["floor"] == 1.6
    assert two["value"] is not None or two["note"].startswith("FAILED")
