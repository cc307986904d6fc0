"""open_store maps Settings to a backend; Neo4j credentials never show up in errors or
descriptions."""

from __future__ import annotations

import logging
import socket

import pytest
from pydantic import SecretStr

from claimgraph.app.settings import Settings
from claimgraph.app.stores import open_store
from claimgraph.graph.embedded import EmbeddedStore
from claimgraph.graph.neo4j_store import Neo4jStore, _safe_uri
from claimgraph.graph.store import StoreError


def test_embedded_from_settings(tmp_path):
    settings = Settings.load(env={"CLAIMGRAPH_DB": str(tmp_path / "x" / "g.db"), "CLAIMGRAPH_GRAPH": "g1"})
    store = open_store(settings)
    try:
        assert isinstance(store, EmbeddedStore)
        assert store.describe()["location"] == str((tmp_path / "x" / "g.db").resolve())
        assert store.describe()["graph"] == "g1"
        assert store.stats()["Paper"] == 0
    finally:
        store.close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


@pytest.mark.parametrize("userinfo", ["", "admin:urisecret@"])
def test_neo4j_unreachable_names_the_server_not_the_password(caplog, userinfo):
    port = _closed_port()
    settings = Settings.load(env={
        "CLAIMGRAPH_STORE": "neo4j", "NEO4J_URI": f"bolt://{userinfo}127.0.0.1:{port}",
        "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": "hunter2-secret"})
    assert "hunter2" not in repr(settings)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(StoreError) as info:
        open_store(settings)
    message = str(info.value)
    assert f"127.0.0.1:{port}" in message
    for secret in ("hunter2", "urisecret"):
        assert secret not in message
        assert secret not in caplog.text


def test_safe_uri():
    assert _safe_uri("neo4j+s://u:p@host:7687/db") == "neo4j+s://host:7687/db"
    assert _safe_uri("bolt://localhost:7687") == "bolt://localhost:7687"


def test_neo4j_store_over_bolt_describes_without_secrets(bolt_server):
    uri, _, driver = bolt_server
    store = Neo4jStore(uri, "neo4j", SecretStr("pw-not-shown"), database="falkordb",
                       create_schema=False, driver=driver)
    assert store.describe() == {"backend": "neo4j", "location": uri, "graph": "falkordb"}
    assert "pw-not-shown" not in repr(store.__dict__)
    store.close()  # a borrowed driver stays open for the rest of the session
    assert store._read("RETURN 1 AS x", {}) == [{"x": 1}]
