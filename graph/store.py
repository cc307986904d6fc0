"""The one store interface, in domain terms. Backends: embedded.py (FalkorDB), neo4j_store.py.

Both backends share every statement (graph/cypher.py) and the Python around it
(graph/base.py); they differ only in how a statement reaches the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from claimgraph.schema import IngestRun, PaperRecord
from claimgraph.schema.dump import DumpNode, DumpRel


class StoreError(RuntimeError):
    """The store could not do what was asked (engine error, bad named-query input)."""


class ReadOnlyViolation(StoreError, ValueError):
    """User Cypher tried to write or administer; refused before it reached the engine."""


class UnknownQuery(StoreError, KeyError):
    """A named query or one of its parameters does not exist."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


@runtime_checkable
class GraphStore(Protocol):
    backend: str  # "embedded" or "neo4j"

    # ---- papers -------------------------------------------------------------------
    def upsert(self, records: Iterable[PaperRecord]) -> dict[str, int]:
        """Write papers with their extractions, replacing what each paper asserted before.

        Idempotent; one batched write per call (a MULTI/EXEC block on FalkorDB, one
        transaction on Neo4j), so a crash never leaves half a paper. An unchanged record
        (same paper metadata, text and extraction) is skipped without a write.
        Returns {"new", "updated", "unchanged", "claims", "outperforms"} counts.
        """

    def delete_paper(self, paper_id: str) -> bool:
        """Remove the paper and what only it asserted (claims, its edges); shared nodes stay."""

    def paper_versions(self, ids: Iterable[str]) -> dict[str, str]:
        """{paper id: text_hash} for the ids already stored, so ingest can skip unchanged text."""

    # ---- reading ------------------------------------------------------------------
    def query(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a named query from graph/cypher.py; params are checked against its spec."""

    def read_cypher(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run user-typed Cypher read-only (guard + the engine's read-only mode)."""

    def stats(self) -> dict[str, int]:
        """Count per node label and relationship type."""

    # ---- moving a graph between stores (graph/transfer.py) ------------------------------
    def dump_nodes(self, label: str, page_size: int = 2000) -> Iterator[DumpNode]:
        """Every node of a label in cypher.DUMP_LABELS, read a page at a time."""

    def dump_relationships(self, rel: str, source_label: str, target_label: str,
                           page_size: int = 2000) -> Iterator[DumpRel]:
        """Every relationship of one cypher.REL_ENDPOINTS kind, paging over its sources."""

    def import_nodes(self, label: str, nodes: list[DumpNode]) -> int:
        """Merge nodes by id, each left with exactly the given properties; one statement."""

    def import_relationships(self, rel: str, source_label: str, target_label: str,
                             rels: list[DumpRel]) -> list[int]:
        """Merge relationships (by their ends, plus `paper` for OUTPERFORMS), each left
        with exactly the given properties; one statement. Returns the positions of those
        not written because an end node does not exist."""

    def ensure_schema(self) -> None:
        """Create the indexes (FalkorDB) or constraints (Neo4j) the statements rely on."""

    # ---- ingest bookkeeping ---------------------------------------------------------
    def save_run(self, run: IngestRun) -> None:
        """Create or replace the IngestRun with this id."""

    def runs(self, limit: int = 20, query: str | None = None) -> list[IngestRun]:
        """Most recent runs first, optionally only those of one query."""

    def last_watermark(self, query: str) -> datetime | None:
        """The newest watermark any run of this query recorded (None if never run)."""

    def try_lock(self, name: str, owner: str, ttl_seconds: float = 3600,
                 steal_from: str | None = None) -> bool:
        """Take the advisory lock `name` for `owner` unless someone else holds a live one.

        Re-taking a lock one already holds extends it; an expired lock can be taken over,
        and so can one held by `steal_from` (a holder the caller knows is dead).
        Atomic: a single statement on both engines.
        """

    def lock_info(self, name: str) -> dict[str, Any] | None:
        """{"owner", "expires"} of a live lock, or None when nobody holds it."""

    def unlock(self, name: str, owner: str) -> bool:
        """Release the lock if `owner` holds it; True if it was released."""

    # ---- lifecycle --------------------------------------------------------------------
    def describe(self) -> dict[str, str]:
        """Backend and location for status pages; never includes credentials."""

    def close(self) -> None: ...
