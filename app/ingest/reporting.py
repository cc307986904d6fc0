"""What an ingest run tells its user: a live bar on a terminal, plain log lines otherwise
(cron mail, systemd journal), and one closing summary either way."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm

from claimgraph.schema import IngestRun

COUNT_KEYS = ("new", "updated", "unchanged", "failed", "claims")


class Progress:
    """Counts papers fetched / extracted / written. On a terminal a tqdm bar (its total is
    the papers fetched so far, so it never lies about an unknown end); elsewhere one line
    every `every_seconds`, which is what a log file or journal wants."""

    def __init__(self, label: str, stream: TextIO | None = None, tty: bool | None = None,
                 every_seconds: float = 10.0):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.label = label
        self.every = every_seconds
        self.fetched = self.extracted = self.written = self.unchanged = self.failed = 0
        self._t0 = self._last = time.monotonic()
        self._bar = None
        if self.tty:
            self._bar = tqdm(total=0, desc=label, unit="paper", file=self.stream, dynamic_ncols=True, leave=True)

    def update(self, *, fetched: int = 0, extracted: int = 0, written: int = 0,
               unchanged: int = 0, failed: int = 0) -> None:
        self.fetched += fetched
        self.extracted += extracted
        self.written += written
        self.unchanged += unchanged
        self.failed += failed
        if self._bar is not None:
            self._bar.total = self.fetched
            self._bar.n = self.written + self.unchanged + self.failed
            self._bar.set_postfix(fetched=self.fetched, extracted=self.extracted, written=self.written, refresh=False)
            self._bar.refresh()
            return
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            self.line()

    def line(self) -> None:
        if self._bar is not None:
            return
        dt = max(1e-9, time.monotonic() - self._t0)
        done = self.written + self.unchanged
        print(f"{self.label}: fetched {self.fetched}, extracted {self.extracted}, written {self.written}, "
              f"unchanged {self.unchanged}, failed {self.failed} ({done / dt:.0f} papers/s)",
              file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._t0


def summary(run: IngestRun, elapsed: float | None = None) -> str:
    c = run.counts
    parts = ", ".join(f"{k} {c.get(k, 0)}" for k in COUNT_KEYS)
    extra = []
    if c.get("duplicates"):
        extra.append(f"{c['duplicates']} duplicates skipped")
    if c.get("repeated"):
        extra.append(f"{c['repeated']} entries repeated by the API")
    if c.get("filtered"):
        extra.append(f"{c['filtered']} outside --categories")
    rate = ""
    if elapsed:
        rate = f" in {elapsed:.1f} s ({(c.get('new', 0) + c.get('updated', 0) + c.get('unchanged', 0)) / max(elapsed, 1e-9):.0f} papers/s)"
    wm = f"; watermark {run.watermark.isoformat()}" if run.watermark else ""
    tail = f" ({'; '.join(extra)})" if extra else ""
    msg = f"\n  {run.message}" if run.message else ""
    return f"ingest {run.status}: {parts}{tail}{rate}{wm}{msg}"
