"""Fixtures for the ingest tests: a real `arxiv.Client` whose session replays the recorded
API responses (see arxiv_replay.py)."""

from __future__ import annotations

import arxiv
import pytest

from arxiv_replay import ArxivReplay


@pytest.fixture
def replay():
    return ArxivReplay()


@pytest.fixture
def arxiv_client(replay):
    """A real arxiv.Client whose HTTP session is served by `replay`; no delay in tests
    (the delay is a constructor value; production uses 3 s)."""
    client = arxiv.Client(page_size=10, delay_seconds=0.0, num_retries=0)
    client._session.mount("https://export.arxiv.org/", replay)
    return client
