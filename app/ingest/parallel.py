"""Extraction for ingest, across worker processes when asked, fed lazily from the caller's thread.

The pool itself is claimgraph.extract.parallel (shared with `claimgraph extract
--processes`): chunks of Papers out, Extractions back in input order, a bounded window
of chunks in flight, so memory stays flat however long the input is and the input
iterator (which looks papers up in the store) only ever runs in the caller's thread.
Ingest always spawns its workers, never forks: the parent holds a store connection and
threads that a forked child must not inherit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from claimgraph.extract.parallel import extract_parallel, safe_extract
from claimgraph.schema import Extraction, Paper, Problem

__all__ = ["extract_stream", "safe_extract"]


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
    yield from extract_parallel(it, processes, safe=True, chunk_size=chunk_size,
                                window_per_worker=window_per_worker, method="spawn")
