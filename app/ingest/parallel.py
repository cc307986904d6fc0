"""Extraction across worker processes, fed lazily from the caller's thread.

Each worker builds one Extractor and turns chunks of Papers into Extractions (pydantic
values pickle cheaply; spaCy Docs never cross a process boundary). Chunks are submitted
from the caller's thread as it pulls results, with a bounded window in flight, so:
- the input iterator (which looks papers up in the store) only ever runs in the
  caller's thread, never in a pool feeder thread racing the store writes;
- memory stays flat however long the input is (multiprocessing.Pool.imap would read
  the whole input ahead);
- results come back in input order.
Workers are spawned, not forked: the parent holds a store connection and threads that a
forked child must not inherit.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from claimgraph.schema import Extraction, Paper, Problem

_EXTRACTOR = None


def _init_worker(parent: int) -> None:
    global _EXTRACTOR
    _watch_parent(parent)  # first: importing spaCy takes seconds, the parent may die meanwhile
    from claimgraph.extract.pipeline import Extractor

    _EXTRACTOR = Extractor()


def _watch_parent(parent: int, every: float = 1.0) -> None:
    """Exit when the ingest process is gone. A SIGKILLed parent (cron timeout, OOM killer)
    runs no clean-up, and pool workers blocked on their task queue would otherwise live on
    as orphans holding an Extractor each."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def safe_extract(extractor, papers: list[Paper]) -> list[Extraction | Problem]:
    """Extract a chunk; if the extractor raises, redo it paper by paper so one poison
    abstract becomes one Problem instead of a run that fails every time it meets it."""
    try:
        return list(extractor.extract_many(papers, processes=1))
    except Exception:
        out: list[Extraction | Problem] = []
        for p in papers:
            try:
                out.append(extractor.extract(p))
            except Exception as exc:
                out.append(Problem(source=p.source or "extraction", paper_id=p.id,
                                   message=f"extraction failed: {type(exc).__name__}: {exc}"))
        return out


def _extract_chunk(papers: list[Paper]) -> list[Extraction | Problem]:
    return safe_extract(_EXTRACTOR, papers)


def extract_stream(papers: Iterable[Paper], processes: int = 1, extractor=None,
                   chunk_size: int = 32, window_per_worker: int = 3) -> Iterator[Extraction | Problem]:
    """Extractions in input order; a paper the extractor fails on comes back as a Problem."""
    it = iter(papers)
    if processes <= 1:
        if extractor is None:
            from claimgraph.extract.pipeline import Extractor

            extractor = Extractor()
        while chunk := list(islice(it, chunk_size)):
            yield from safe_extract(extractor, chunk)
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=processes, mp_context=ctx, initializer=_init_worker,
                             initargs=(os.getpid(),)) as pool:
        window: deque = deque()
        limit = processes * window_per_worker
        while True:
            chunk = list(islice(it, chunk_size))
            if chunk:
                window.append(pool.submit(_extract_chunk, chunk))
            while window and (len(window) >= limit or not chunk):
                yield from window.popleft().result()
            if not chunk:
                break
