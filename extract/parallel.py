"""Extraction across worker processes: chunks of Papers out, Extractions back, in input order.

One implementation for `Extractor.extract_many(processes=N)` (the CLI) and ingest
(app/ingest/parallel.py):
- Docs never cross a process boundary: a Paper goes out, its Extraction (a small pydantic
  value) comes back. Shipping spaCy Docs back, as `nlp.pipe(n_process=N)` does, costs
  more than extracting the abstract.
- The caller's thread pulls the input and submits chunks with a bounded window in flight
  (`window_per_worker` chunks per worker): memory stays flat however long the input is
  (multiprocessing.Pool.imap reads the whole input ahead), and the input iterator only
  ever runs in the caller's thread (ingest's iterator reads the store).
- Start method: "fork" lets the workers inherit the parent's built pipeline (no start-up
  at all), but is unsafe when the parent runs other threads (a DB client's, a progress
  bar's): a forked child inherits their locks held. The default forks only from a
  single-threaded parent and spawns otherwise; spawned workers build their own pipeline
  once (about a second).
- Workers exit when the parent dies: a SIGKILLed parent runs no clean-up, and workers
  blocked on their queue would otherwise live on as orphans holding a pipeline each.
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
_SAFE = False


def start_method(requested: str | None = None) -> str:
    """`requested`, else "fork" from a single-threaded parent where fork exists, else "spawn"."""
    if requested:
        return requested
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


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


def _init_worker(parent: int, extractor, safe: bool) -> None:
    global _EXTRACTOR, _SAFE
    _watch_parent(parent)  # first: importing spaCy takes seconds, the parent may die meanwhile
    _SAFE = safe
    if extractor is None:  # spawned (or forked without one): build the pipeline once
        from .pipeline import Extractor

        extractor = Extractor()
    _EXTRACTOR = extractor


def _watch_parent(parent: int, every: float = 1.0) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _extract_chunk(papers: list[Paper]) -> list[Extraction | Problem]:
    if _SAFE:
        return safe_extract(_EXTRACTOR, papers)
    return list(_EXTRACTOR.extract_many(papers, processes=1))


def extract_parallel(papers: Iterable[Paper], processes: int, *, extractor=None, safe: bool = False,
                     chunk_size: int = 64, window_per_worker: int = 2,
                     method: str | None = None) -> Iterator[Extraction | Problem]:
    """Extractions of `papers` in input order from `processes` workers.

    safe=False: an extraction error is raised here (as `extract_many` on one process does);
    safe=True: a paper the extractor fails on comes back as a Problem (ingest).
    `extractor`: with fork, the workers inherit it instead of building their own."""
    it = iter(papers)
    method = start_method(method)
    inherit = extractor if method == "fork" else None  # fork passes initargs by memory, not pickle
    ctx = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=processes, mp_context=ctx, initializer=_init_worker,
                             initargs=(os.getpid(), inherit, safe)) as pool:
        window: deque = deque()
        limit = max(1, processes * window_per_worker)
        while True:
            chunk = list(islice(it, chunk_size))
            if chunk:
                window.append(pool.submit(_extract_chunk, chunk))
            while window and (len(window) >= limit or not chunk):
                yield from window.popleft().result()
            if not chunk:
                break
