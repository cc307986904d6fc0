"""The one store interface, in domain terms. Backends: embedded.py (FalkorDB), neo4j_store.py."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

from claimgraph.schema import PaperRecord


class ReadOnlyViolation(ValueError):
    """User Cypher tried to write or administer; refused before it reached the engine."""


@runtime_checkable
class GraphStore(Protocol):
    def upsert(self, records: Iterable[PaperRecord]) -> dict[str, int]:
        """Write papers with their extractions, replacing what each paper asserted before.

        Idempotent; one transaction per batch, so a crash never leaves half a paper.
        Returns counts such as {"new": n, "updated": n, "unchanged": n}.
        """

    def delete_paper(self, paper_id: str) -> bool: ...

    def query(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a named query from graph/cypher.py with its parameters."""

    def read_cypher(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run user-typed Cypher read-only (guard + the engine's read-only mode)."""

    def stats(self) -> dict[str, int]: ...

    def close(self) -> None: ...
