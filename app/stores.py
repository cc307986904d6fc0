"""The one place that maps Settings to a graph backend."""

from __future__ import annotations

from claimgraph.app.settings import Settings
from claimgraph.graph.store import GraphStore


def open_store(settings: Settings) -> GraphStore:
    """Open the store the settings name: the embedded database file, or Neo4j."""
    if settings.store == "neo4j":
        from claimgraph.graph.neo4j_store import Neo4jStore

        return Neo4jStore(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password,
            database=settings.neo4j_database,
        )
    from claimgraph.graph.embedded import EmbeddedStore

    return EmbeddedStore.open(settings.db_file, settings.graph_name)
