"""Progress: a bar on a terminal, plain lines elsewhere; the closing summary says it all."""

from __future__ import annotations

import io
from datetime import datetime, timezone

from claimgraph.app.ingest.reporting import Progress, summary
from claimgraph.schema import IngestRun


def test_log_lines_when_not_a_terminal():
    out = io.StringIO()
    p = Progress("ingest file", stream=out, every_seconds=0.0)
    p.update(fetched=3)
    p.update(extracted=2, written=2, unchanged=1)
    p.close()
    lines = out.getvalue().splitlines()
    assert lines and "\r" not in out.getvalue()
    assert lines[-1].startswith("ingest file: fetched 3, extracted 2, written 2, unchanged 1, failed 0")


def test_bar_on_a_terminal_counts_fetched_and_done():
    out = io.StringIO()
    p = Progress("ingest arxiv", stream=out, tty=True)
    p.update(fetched=10)
    p.update(extracted=4, written=4, unchanged=2)
    p.close()
    text = out.getvalue()
    assert "\r" in text and "6/10" in text and "fetched=10" in text and "written=4" in text


def test_summary_names_every_count_and_the_watermark():
    run = IngestRun(id="r", query="q", started=datetime(2026, 1, 1, tzinfo=timezone.utc), status="partial",
                    counts={"new": 5, "updated": 1, "unchanged": 7, "failed": 2, "claims": 9, "duplicates": 1},
                    watermark=datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc), message="2 records skipped")
    text = summary(run, 2.0)
    assert text.startswith("ingest partial: new 5, updated 1, unchanged 7, failed 2, claims 9")
    assert "1 duplicates skipped" in text and "2026-01-02T03:04:00+00:00" in text and "(6 papers/s)" in text
    assert "2 records skipped" in text
