"""Progress on stderr: a bar on a terminal, nothing in pipes (log lines are the caller's)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def progress(items: Iterable[T], desc: str, unit: str = "it", total: int | None = None) -> Iterator[T]:
    yield from tqdm(items, desc=desc, unit=unit, total=total, file=sys.stderr,
                    disable=not sys.stderr.isatty(), dynamic_ncols=True)
