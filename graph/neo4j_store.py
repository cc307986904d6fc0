"""Neo4jStore: the same statements through the official `neo4j` driver.

One driver per store (and one store per process: the CLI opens one, the explorer caches
one), `execute_query` with the database name on every call, READ routing for reads
(Neo4j then refuses writes in user Cypher as well as our guard does), and the driver's
managed-transaction retries for transient errors (deadlocks, leader switches,
connection drops). The password is a SecretStr and is revealed only to the driver;
nothing here logs the URI's credentials or the auth tuple.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date, datetime, time as dtime
from typing import Any

from pydantic import SecretStr

from . import cypher as Q
from .base import CypherStore
from .store import StoreError

log = logging.getLogger(__name__)

# Transient failures are retried by the driver for up to this long (seconds).
MAX_RETRY_SECONDS = 30.0
USER_QUERY_TIMEOUT_S = 30.0


def to_plain(value: Any) -> Any:
    """neo4j driver values -> JSON-friendly Python (nodes and edges become dicts)."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        out = {"_id": value.element_id, "_labels": sorted(value.labels)}
        out.update({k: to_plain(v) for k, v in value.items()})
        return out
    if isinstance(value, Relationship):
        out = {"_id": value.element_id, "_type": value.type,
               "_start": value.start_node.element_id if value.start_node is not None else None,
               "_end": value.end_node.element_id if value.end_node is not None else None}
        out.update({k: to_plain(v) for k, v in value.items()})
        return out
    if isinstance(value, Path):
        return {"nodes": [to_plain(n) for n in value.nodes],
                "relationships": [to_plain(r) for r in value.relationships]}
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if hasattr(value, "iso_format"):  # neo4j.time.Date/DateTime/Time/Duration
        return value.iso_format()
    if isinstance(value, (date, datetime, dtime)):
        return value.isoformat()
    return value


class Neo4jStore(CypherStore):
    backend = "neo4j"

    def __init__(self, uri: str, user: str, password: SecretStr | str | None,
                 database: str = "neo4j", *, create_schema: bool = True,
                 connection_timeout: float = 10.0, driver: Any = None,
                 dialect: str = "neo4j") -> None:
        """Connect with a driver of our own, or borrow `driver` (then close() leaves it open).
        `dialect` picks the engine-specific statements (full-text search): "neo4j", or
        "falkordb" when the Bolt server is FalkorDB's (the test suite's)."""
        self.dialect = dialect
        import neo4j

        self._neo4j = neo4j
        self.uri = uri
        self.database = database
        self._owns_driver = driver is None
        try:
            self._driver = driver or make_driver(uri, user, password, connection_timeout)
        except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
            # The driver's message repeats the URI, credentials included: not shown.
            raise StoreError(f"invalid Neo4j URI {_safe_uri(uri)} ({type(exc).__name__}); "
                             "give the user and password in NEO4J_USER / NEO4J_PASSWORD, "
                             "not in the URI") from None
        try:
            self._driver.verify_connectivity()
        except Exception as exc:
            if self._owns_driver:
                self._driver.close()
            raise StoreError(f"cannot reach Neo4j at {_safe_uri(uri)} (database {database!r}): "
                             f"{type(exc).__name__}: {_first_line(exc)}") from None
        if create_schema:
            self.ensure_schema()

    def ensure_schema(self) -> None:
        for statement in Q.SCHEMA_NEO4J:
            self._write(statement, {})

    # -- primitives -------------------------------------------------------------------
    def _execute(self, cypher: str, params: Mapping[str, Any], read: bool,
                 timeout: float | None = None) -> list[dict[str, Any]]:
        neo4j = self._neo4j
        query: Any = neo4j.Query(cypher, timeout=timeout) if timeout else cypher
        try:
            result = self._driver.execute_query(
                query, dict(params), database_=self.database,
                routing_=neo4j.RoutingControl.READ if read else neo4j.RoutingControl.WRITE,
            )
        except neo4j.exceptions.Neo4jError as exc:
            raise StoreError(f"{exc.code or 'Neo4j error'}: {exc.message or _first_line(exc)}") from exc
        except neo4j.exceptions.DriverError as exc:
            raise StoreError(f"Neo4j at {_safe_uri(self.uri)}: {type(exc).__name__}: "
                             f"{_first_line(exc)}") from exc
        return [{key: to_plain(record[key]) for key in result.keys} for record in result.records]

    def _read(self, cypher: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        return self._execute(cypher, params, read=True)

    def _write(self, cypher: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        return self._execute(cypher, params, read=False)

    def _read_user(self, cypher: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        return self._execute(cypher, params, read=True, timeout=USER_QUERY_TIMEOUT_S)

    # -- lifecycle --------------------------------------------------------------------
    def describe(self) -> dict[str, str]:
        return {"backend": "neo4j", "location": _safe_uri(self.uri), "graph": self.database}

    def close(self) -> None:
        if self._owns_driver:
            self._driver.close()


def make_driver(uri: str, user: str, password: SecretStr | str | None,
                connection_timeout: float = 10.0) -> Any:
    import neo4j

    secret = password.get_secret_value() if isinstance(password, SecretStr) else (password or "")
    # No password means a server without auth (a local test server); never log it.
    auth = (user, secret) if secret else None
    return neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=connection_timeout,
                                      max_transaction_retry_time=MAX_RETRY_SECONDS)


def _safe_uri(uri: str) -> str:
    """The URI without any user:password@ part."""
    scheme, sep, rest = uri.partition("://")
    if sep and "@" in rest:
        rest = rest.split("@", 1)[1]
    return f"{scheme}{sep}{rest}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
