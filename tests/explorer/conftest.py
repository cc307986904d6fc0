"""An embedded store seeded with tests/explorer/corpus.py, and AppTest instances of the
explorer pointed at it the way `claimgraph app` points the real one: flags after `--`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from claimgraph.app.settings import Settings

import explorer_corpus as corpus

ENTRY = Path(__file__).resolve().parents[2] / "app" / "explorer" / "main.py"


@pytest.fixture(scope="session")
def explorer_settings(tmp_path_factory) -> Settings:
    """One database file for the explorer tests; the seeded graph and an empty one in it."""
    from claimgraph.app.stores import open_store

    root = tmp_path_factory.mktemp("explorer")
    settings = Settings(store="embedded", data_dir=root, db_path=root / "explorer.db", graph_name="seeded")
    store = open_store(settings)
    store.upsert(corpus.records())
    yield settings
    # The app's cached connections (AppTest runs in this process) close first, then ours:
    # the last one out stops the embedded server.
    import streamlit as st

    st.cache_resource.clear()
    store.close()


@pytest.fixture(scope="session")
def empty_settings(explorer_settings: Settings) -> Settings:
    return explorer_settings.model_copy(update={"graph_name": "empty"})


def argv_for(settings: Settings) -> list[str]:
    return [str(ENTRY), "--store", "embedded", "--data-dir", str(settings.data_dir),
            "--db", str(settings.db_file), "--graph", settings.graph_name]


@pytest.fixture
def make_app(monkeypatch):
    """make_app(settings, page=None, **query) -> an AppTest, already run once."""
    from streamlit.testing.v1 import AppTest

    def make(settings: Settings, page: str | None = None, **query: str) -> AppTest:
        monkeypatch.setattr(sys, "argv", argv_for(settings))
        at = AppTest.from_file(str(ENTRY), default_timeout=60)
        for k, v in query.items():
            at.query_params[k] = v
        if page:
            at.switch_page(page)
        return at.run()

    return make
