"""SeenIds: the paper ids one ingest run has read, in 8 bytes each.

A Python set of a million arXiv ids held ~100 MB in the ingest process by the end of the
1M-paper benchmark, the one part of its memory that grew with the input. Here each id is
a 64-bit hash: recent ones in a small set, older ones merged into a sorted numpy array.
Two different ids share a hash with probability about n^2 / 2^65 (3e-8 for a million
ids in one run); that would count the second paper as a duplicate of the first.
"""

from __future__ import annotations

import hashlib

import numpy as np


def _key(paper_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(paper_id.encode("utf-8"), digest_size=8).digest(), "little")


class SeenIds:
    def __init__(self, merge_every: int = 65_536) -> None:
        self._recent: set[int] = set()
        self._sorted = np.empty(0, dtype=np.uint64)
        self._merge_every = merge_every

    def __contains__(self, paper_id: str) -> bool:
        key = _key(paper_id)
        if key in self._recent:
            return True
        i = int(np.searchsorted(self._sorted, np.uint64(key)))
        return i < len(self._sorted) and int(self._sorted[i]) == key

    def add(self, paper_id: str) -> None:
        self._recent.add(_key(paper_id))
        if len(self._recent) >= self._merge_every:
            merged = np.concatenate([self._sorted, np.fromiter(self._recent, dtype=np.uint64)])
            merged.sort()
            self._sorted = merged
            self._recent.clear()

    def __len__(self) -> int:
        return len(self._recent) + len(self._sorted)
