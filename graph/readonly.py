"""The guard in front of user-typed Cypher: write and admin clauses are refused before
the text reaches an engine. The engines' own read-only modes (FalkorDB GRAPH.RO_QUERY,
Neo4j READ access) stay on behind it; this guard exists so a refusal is immediate,
names the offending clause, and does not depend on how one engine words its error.

The check reads tokens, not raw text: string literals, `backtick` identifiers and
comments are skipped, and words after `.` `:` `$` (properties, labels, relationship
types, parameters) are names, not clauses. So `MATCH (n) WHERE n.title CONTAINS 'DELETE'`
passes, while `MATCH (n) DETACH DELETE n` does not.
"""

from __future__ import annotations

import re

from .store import ReadOnlyViolation

# Clauses that change data or schema, or administer the server, wherever they stand.
WRITE_CLAUSES = {
    "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "FOREACH", "LOAD",
    "INSERT", "ALTER", "GRANT", "DENY", "REVOKE",
}
# Admin commands that open a statement; as later words they are ordinary variable
# names (`MATCH (start:Paper)`), so only the first word is checked against them.
ADMIN_COMMANDS = {"SHOW", "USE", "START", "STOP", "TERMINATE", "ENABLE", "RENAME"}
# Procedures a read-only console may CALL (compared case-insensitively).
READ_PROCEDURES = {
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.indexes", "db.constraints",
    "db.schema.visualization", "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
}
# Namespaces that administer or write whatever the function or procedure is.
ADMIN_NAMESPACES = ("dbms", "apoc", "gds", "graph", "db.create", "db.idx", "algo.write", "udf")

_TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<line_comment>//[^\n]*)
    | (?P<block_comment>/\*.*?(?:\*/|\Z))
    | (?P<string>'(?:\\.|[^'\\])*(?:'|\Z)|"(?:\\.|[^"\\])*(?:"|\Z))
    | (?P<quoted>`(?:``|[^`])*(?:`|\Z))
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
    | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def _tokens(text: str):
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind in ("ws", "line_comment", "block_comment"):
            continue
        yield kind, m.group(), m.start()


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {col}"


def check_read_only(cypher: str) -> None:
    """Raise ReadOnlyViolation if `cypher` could write or administer; return otherwise."""
    if not cypher or not cypher.strip():
        raise ReadOnlyViolation("empty query: type a MATCH ... RETURN ... statement")
    toks = list(_tokens(cypher))
    for i, (kind, text, at) in enumerate(toks):
        if kind == "punct" and text == ";":
            rest = [t for t in toks[i + 1:]]
            if rest:
                raise ReadOnlyViolation(
                    f"refused: one statement at a time (a ';' at {_where(cypher, at)} starts "
                    "another; the Cypher console is read-only)")
            continue
        if kind != "word":
            continue
        prev = toks[i - 1][1] if i else ""
        if prev in (".", ":", "$"):
            continue  # a property, label, relationship type or parameter name
        upper = text.upper()
        if upper in WRITE_CLAUSES or (upper in ADMIN_COMMANDS and _opens_statement(toks, i)):
            raise ReadOnlyViolation(
                f"refused: {upper} at {_where(cypher, at)} would change the graph or the server; "
                "the Cypher console is read-only (the graph changes only through `claimgraph ingest`)")
        if upper == "CALL":
            _check_call(cypher, toks, i)
        # Namespaced functions such as apoc.create.node(...) or dbms.security.x()
        name = _dotted(toks, i)
        lowered = name.lower()
        if "." in name and any(lowered == ns or lowered.startswith(ns + ".") for ns in ADMIN_NAMESPACES):
            raise ReadOnlyViolation(
                f"refused: {name} at {_where(cypher, at)} is an admin or write procedure/function; "
                "the Cypher console is read-only")


def _opens_statement(toks, i: int) -> bool:
    j = i - 1
    while j >= 0 and toks[j][0] == "word" and toks[j][1].upper() in ("EXPLAIN", "PROFILE", "CYPHER"):
        j -= 1
    return j < 0 or toks[j][1] in ("{", ";")


def _dotted(toks, i: int) -> str:
    """The dotted name starting at token i: db.labels, apoc.create.node..."""
    parts = [toks[i][1]]
    j = i + 1
    while j + 1 < len(toks) and toks[j][1] == "." and toks[j + 1][0] == "word":
        parts.append(toks[j + 1][1])
        j += 2
    return ".".join(parts)


def _check_call(cypher: str, toks, i: int) -> None:
    at = toks[i][2]
    if i + 1 >= len(toks):
        raise ReadOnlyViolation(f"refused: CALL at {_where(cypher, at)} with nothing to call "
                                "(the Cypher console is read-only)")
    nxt_kind, nxt, _ = toks[i + 1]
    if nxt == "{" or nxt == "(":
        return  # a subquery: its clauses are checked token by token like the rest
    if nxt_kind != "word":
        raise ReadOnlyViolation(f"refused: CALL at {_where(cypher, at)} of something unnamed "
                                "(the Cypher console is read-only)")
    name = _dotted(toks, i + 1)
    if name.lower() not in READ_PROCEDURES:
        raise ReadOnlyViolation(
            f"refused: CALL {name} at {_where(cypher, at)}; the Cypher console is read-only "
            f"and may call only {', '.join(sorted(READ_PROCEDURES))}")
