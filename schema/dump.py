"""The lines of a graph dump (`claimgraph export --format dump`, `claimgraph import`).

A dump is JSON Lines, written and read one line at a time (a million-paper graph is
several GB): a header, every node, every relationship, then an end line whose counts
tell a complete file from a truncated one.

    {"claimgraph_dump": 1, "version": "0.1.0", "exported": "...", "source": {...}}
    {"node": "Paper", "id": "2401.00001", "props": {"id": "2401.00001", "title": ...}}
    {"rel": "MAKES", "from": ["Paper", "2401.00001"], "to": ["Claim", "..."], "props": {}}
    {"end": true, "nodes": 123, "relationships": 456}

Labels and relationship types are checked against the graph model by graph/transfer.py
(this package imports nothing else of ours).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Literal

from pydantic import (
    BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr, field_validator,
    model_validator,
)

DUMP_FORMAT = 1

# What a property can hold in both engines: a scalar or a list of scalars (no maps,
# no nulls: an absent property and a null one are the same thing).
Scalar = StrictStr | StrictBool | StrictInt | StrictFloat
PropValue = Scalar | list[Scalar]


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class _Line(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _plain_names(props: dict[str, PropValue]) -> dict[str, PropValue]:
    # Property names travel unquoted in FalkorDB's parameter header and in our Cypher.
    for key in props:
        if not _NAME.fullmatch(key):
            raise ValueError(f"property name {key!r} is not a plain identifier")
    return props


class DumpHeader(_Line):
    claimgraph_dump: Literal[1]
    version: str  # claimgraph's version that wrote it
    exported: datetime
    source: dict[str, str] = Field(default_factory=dict)  # the source store's describe()


class DumpNode(_Line):
    node: StrictStr
    id: StrictStr = Field(min_length=1)
    props: dict[str, PropValue] = Field(default_factory=dict)

    _names = field_validator("props")(_plain_names)

    @model_validator(mode="after")
    def _id_in_props(self) -> "DumpNode":
        # Import replaces every property with `props`, so the merge key must be in it.
        given = self.props.get("id", self.id)
        if given != self.id:
            raise ValueError(f"props.id {given!r} differs from id {self.id!r}")
        self.props["id"] = self.id
        return self


class DumpRel(_Line):
    rel: StrictStr
    from_: tuple[StrictStr, StrictStr] = Field(alias="from")  # [label, id]
    to: tuple[StrictStr, StrictStr]
    props: dict[str, PropValue] = Field(default_factory=dict)

    _names = field_validator("props")(_plain_names)


class DumpEnd(_Line):
    end: Literal[True]
    nodes: int = Field(ge=0)
    relationships: int = Field(ge=0)


class TransferReport(_Line):
    """What an export or import did: counts per label and relationship type, and the
    problems met (each names the file and line)."""

    nodes: dict[str, int] = Field(default_factory=dict)
    relationships: dict[str, int] = Field(default_factory=dict)
    # Lines rejected, or relationships whose end nodes were in neither the dump nor the
    # store; the first few are kept in `examples`.
    problems: int = 0
    examples: list[str] = Field(default_factory=list)
    # No end line, or counts that disagree with it: what came before was imported.
    truncated: bool = False
    message: str = ""
    # The store failed: the import stopped there (written batches stay).
    error: str = ""
    seconds: float = 0.0

    @property
    def node_total(self) -> int:
        return sum(self.nodes.values())

    @property
    def relationship_total(self) -> int:
        return sum(self.relationships.values())
