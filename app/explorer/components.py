"""What every explorer page shares: settings from the command line, the cached store,
error guards that turn failures into advice, spinners, links between pages."""

from __future__ import annotations

import argparse
import contextlib
import html
import os
import sys
import urllib.parse
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import streamlit as st

from claimgraph.app.settings import Settings

from .highlight import STYLE

T = TypeVar("T")
_SETTINGS_KEY = "claimgraph_settings"

# Page files and their URL paths; links between pages are built from these.
PAGES: dict[str, tuple[str, str, str]] = {
    # key: (file under pages/, url path, title)
    "ask": ("screens/ask.py", "ask", "Ask"),
    "method": ("screens/method.py", "method", "Method"),
    "paper": ("screens/paper.py", "paper", "Paper"),
    "graph": ("screens/graph.py", "graph", "Graph"),
    "claims": ("screens/claims.py", "claims", "Claims"),
    "cypher": ("screens/cypher.py", "cypher", "Cypher"),
    "status": ("screens/status.py", "status", "Status"),
}


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The flags `claimgraph app` passes after `--` (see app/cmd_app.py)."""
    p = argparse.ArgumentParser(prog="claimgraph-explorer", add_help=False)
    p.add_argument("--store", choices=["embedded", "neo4j"], default=None)
    p.add_argument("--db", default=None)
    p.add_argument("--data-dir", default=None)
    p.add_argument("--graph", default=None)
    p.add_argument("--neo4j-uri", default=None)
    p.add_argument("--neo4j-user", default=None)
    p.add_argument("--neo4j-database", default=None)
    args, _unknown = p.parse_known_args(list(argv))
    return args


def settings_from_argv(argv: Sequence[str], env: Mapping[str, str] | None = None) -> Settings:
    """Called by the entry file on each run (never at import). The Neo4j password is the
    one value not on the command line, where `ps` would show it: it comes from the
    environment `claimgraph app` hands the Streamlit process."""
    a = parse_args(argv)
    return Settings.load(env=os.environ if env is None else env, store=a.store, db_path=a.db,
                         data_dir=a.data_dir, graph_name=a.graph, neo4j_uri=a.neo4j_uri,
                         neo4j_user=a.neo4j_user, neo4j_database=a.neo4j_database)


def remember_settings(settings: Settings) -> None:
    st.session_state[_SETTINGS_KEY] = settings


def current_settings() -> Settings:
    """The settings the entry file parsed; a page run on its own (AppTest.switch_page,
    `streamlit run pages/x.py -- ...`) parses the same flags itself."""
    settings = st.session_state.get(_SETTINGS_KEY)
    if settings is None:
        settings = settings_from_argv(sys.argv[1:])
        remember_settings(settings)
        style()
    return settings


def _close(store) -> None:
    # Called when Streamlit drops the cached connection (cache cleared, process ends):
    # the embedded server stops when its last user closes.
    try:
        store.close()
    except Exception:  # noqa: BLE001 - closing is best effort; the server may be gone already
        pass


@st.cache_resource(show_spinner="Opening the graph store…", on_release=_close)
def _open_store(settings_json: str):  # one connection per process and settings
    from claimgraph.app.stores import open_store

    return open_store(Settings.model_validate_json(settings_json))


def get_store():
    settings = current_settings()
    # The password is not in the JSON dump (SecretStr), so it is passed separately via settings.
    key = settings.model_dump_json()
    try:
        if settings.neo4j_password.get_secret_value():
            return _open_store_with_secret(key, settings)
        return _open_store(key)
    except Exception as exc:  # noqa: BLE001 - shown to the user as advice, not a traceback
        where = settings.db_file if settings.store == "embedded" else settings.neo4j_uri
        st.error(f"Could not open the {settings.store} graph store at `{where}`: {exc}")
        st.info("Check `--db`/`--store` (or CLAIMGRAPH_DB / CLAIMGRAPH_STORE), then reload.")
        st.stop()


@st.cache_resource(show_spinner="Connecting to Neo4j…", on_release=_close)
def _open_store_with_secret(_key: str, _settings: Settings):
    # `_`-prefixed arguments are not hashed by Streamlit: the key stands for the settings.
    from claimgraph.app.stores import open_store

    return open_store(_settings)


@contextlib.contextmanager
def guard(what: str) -> Iterator[None]:
    """Run a page body; any failure becomes a message with a suggestion, not a traceback."""
    # st.stop()/st.switch_page raise BaseException subclasses, which pass through.
    try:
        yield
    except Exception as exc:  # noqa: BLE001
        st.error(f"Something went wrong while {what}: {type(exc).__name__}: {exc}")
        st.info("Try other filters or a simpler query; the Status page shows whether the store is reachable.")


def run(label: str, fn: Callable[[], T]) -> T:
    """A store call under a spinner, so long queries show that work is going on."""
    with st.spinner(label):
        return fn()


def page_url(page: str, **params: Any) -> str:
    path = PAGES[page][1]
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"./{path}" + (f"?{query}" if query else "")


def link(page: str, text: str, **params: Any) -> str:
    """An HTML link to another page of the app (same tab)."""
    return (f'<a href="{html.escape(page_url(page, **params), quote=True)}" target="_self">'
            f"{html.escape(str(text))}</a>")


def md_link(page: str, text: str, **params: Any) -> str:
    """A Markdown link to another page, with the text's Markdown characters escaped."""
    safe = "".join("\\" + c if c in "\\`*_{}[]()#+-.!|<>~:$" else c for c in str(text))
    return f"[{safe}]({page_url(page, **params)})"


def open_page(page: str, **params: Any) -> None:
    st.switch_page(PAGES[page][0], query_params={k: str(v) for k, v in params.items() if v is not None})


def style() -> None:
    st.html(STYLE)


def param(name: str, default: str = "") -> str:
    value = st.query_params.get(name, default)
    return value if isinstance(value, str) else default


def set_params(**params: Any) -> None:
    """Make the URL hold exactly these parameters (so a link reproduces the view)."""
    clean = {k: str(v) for k, v in params.items() if v not in (None, "", [], False)}
    if dict(st.query_params) != clean:
        st.query_params.clear()
        st.query_params.update(clean)


def empty_graph_notice(papers: int | Mapping[str, int]) -> bool:
    """True (and a message shown) when the graph has no papers yet. Takes the paper count
    (or a stats mapping)."""
    count = papers.get("Paper", 0) if isinstance(papers, Mapping) else papers
    if int(count or 0) > 0:
        return False
    st.info("The graph is empty: no papers have been ingested yet. Load some with "
            "`claimgraph ingest` (e.g. `claimgraph ingest --file ../shared/corpus/abstracts/…jsonl`), "
            "then reload this page.")
    return True
