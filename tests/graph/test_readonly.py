"""The read-only guard: every write/admin attempt is refused before an engine sees it,
with a message naming the clause; ordinary reads (even ones that mention write words
in strings, comments or property names) pass."""

from __future__ import annotations

import pytest

from claimgraph.graph.readonly import check_read_only
from claimgraph.graph.store import ReadOnlyViolation

# Shared with the CLI test: 30+ ways of trying to change the graph or the server.
WRITE_ATTEMPTS = [
    "CREATE (n:Paper {id: 'x'})",
    "create (n:Paper)",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) delete n",
    "MATCH (n:Paper) SET n.title = 'pwned'",
    "MATCH (n:Paper) SET n += {title: 'x'}",
    "MATCH (n:Paper) SET n:Hacked",
    "MERGE (m:Method {id: 'gptq'})",
    "MATCH (n:Method) REMOVE n.name",
    "MATCH (n:Method) REMOVE n:Method",
    "MATCH (n:Claim) WITH n LIMIT 1 DELETE n",
    "MATCH (a:Method), (b:Method) CREATE (a)-[:OUTPERFORMS]->(b)",
    "UNWIND range(1, 10) AS i CREATE (:Junk {i: i})",
    "MATCH (n) FOREACH (x IN [1] | SET n.x = x)",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "CREATE INDEX FOR (n:Paper) ON (n.title)",
    "DROP INDEX ON :Paper(id)",
    "CREATE CONSTRAINT c IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE",
    "CALL db.idx.fulltext.createNodeIndex('Paper', 'title')",
    "CALL db.idx.fulltext.drop('Paper')",
    "CALL dbms.security.createUser('x', 'y', false)",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})",
    "CALL gds.graph.drop('g')",
    "CALL algo.pageRank.write()",
    "CALL db.clearQueryCaches()",
    "RETURN apoc.create.node(['X'], {}) AS n",
    "SHOW DATABASES",
    "USE system SHOW USERS",
    "START DATABASE neo4j",
    "STOP DATABASE neo4j",
    "ALTER USER neo4j SET PASSWORD 'x'",
    "GRANT ROLE admin TO someone",
    "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
    "MATCH (n) RETURN n /* harmless */ ; CREATE (x)",
    "EXPLAIN CREATE (n)",
    "PROFILE MATCH (n) SET n.x = 1",
    "MATCH (n) CALL { WITH n DELETE n } RETURN 1",
    "CALL { CREATE (x:X) } RETURN 1",
    "MATCH (n)\n// comment\nDETACH\nDELETE n",
    "CALL graph.delete('claimgraph')",
]


def test_there_are_at_least_30_attempts():
    assert len(WRITE_ATTEMPTS) >= 30


@pytest.mark.parametrize("statement", WRITE_ATTEMPTS)
def test_write_attempts_are_refused(statement):
    with pytest.raises(ReadOnlyViolation, match="refused") as info:
        check_read_only(statement)
    assert "line" in str(info.value)  # says where


@pytest.mark.parametrize("statement", [
    "MATCH (n:Paper) RETURN n.title LIMIT 5",
    "MATCH (n:Paper) WHERE n.title CONTAINS 'DELETE' RETURN n",
    'MATCH (n:Paper) WHERE n.abstract CONTAINS "we CREATE a new MERGE operator" RETURN n',
    "MATCH (n) // never DELETE anything\nRETURN count(n)",
    "MATCH (n) /* SET n.x = 1 */ RETURN n",
    "MATCH (n:Paper) RETURN n.set AS set_, n.create AS c",
    "MATCH (start:Paper)-[r]->(stop) RETURN start, stop",
    "MATCH (m:Method {id: $id}) RETURN m",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.relationshipTypes()",
    "MATCH (n:`CREATE`) RETURN n",
    "MATCH (n) RETURN n;",
    "WITH 1 AS x RETURN x",
    "MATCH p = (a:Method)-[:OUTPERFORMS*1..2]->(b) RETURN p LIMIT 3",
    "MATCH (n) CALL { WITH n RETURN n.id AS i } RETURN i",
])
def test_reads_pass(statement):
    check_read_only(statement)


@pytest.mark.parametrize("statement", ["", "   ", "\n"])
def test_empty_is_refused(statement):
    with pytest.raises(ReadOnlyViolation, match="empty"):
        check_read_only(statement)


def test_engine_read_only_mode_is_the_backstop(store):
    """Past the guard, the embedded engine runs user Cypher through GRAPH.RO_QUERY."""
    from claimgraph.graph.store import StoreError

    with pytest.raises(StoreError, match="read-only"):
        store._read_user("CREATE (n:X)", {})
    assert store.stats()["Paper"] == 0
