"""The pydantic models that cross module lines: papers in, extractions out.

Claim and relation offsets (`start`, `end`) index into the paper's *document text*,
`title + "\n" + abstract` (see `Paper.text`), so title evidence has offsets too.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from .ids import fold
from .vocab import Category, ClaimKind, Direction, Role, Unit


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Paper(_Strict):
    """One paper as a source gives it; `id` is the arXiv id without its version."""

    id: str = Field(min_length=1)
    version: int | None = None
    title: str = ""
    abstract: str = ""
    authors: list[str] = Field(default_factory=list)
    published: date | None = None
    updated: date | None = None
    categories: list[str] = Field(default_factory=list)
    source: str = ""
    url: str | None = None
    # Digest pages give a human summary rather than the abstract; such text is marked.
    is_summary: bool = False

    @property
    def text(self) -> str:
        """The document the extractors read and every offset points into."""
        return f"{self.title}\n{self.abstract}"

    @property
    def text_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


class _Named(_Strict):
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _id_is_derived(cls, data: Any) -> Any:
        # `id` is serialised for readers of the JSONL, but always derived from the name:
        # reading our own output back must work, and a mismatching id is an error.
        if isinstance(data, dict) and "id" in data:
            data = dict(data)
            given = data.pop("id")
            if given != fold(str(data.get("name", ""))):
                raise ValueError(f"id {given!r} does not match name {data.get('name')!r}")
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str:
        return fold(self.name)


class Method(_Named):
    role: Role = "other"
    category: Category | None = None


class Dataset(_Named):
    pass


class Model(_Named):
    pass


class Metric(_Named):
    pass


class Claim(_Strict):
    """A quantitative result stated by the paper, with the span that states it."""

    method: str | None = None
    baseline: str | None = None
    kind: ClaimKind
    value: float
    unit: Unit
    direction: Direction | None = None
    bits: float | None = None
    model: str | None = None
    dataset: str | None = None
    hardware: str | None = None
    metric: str | None = None
    evidence: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Outperforms(_Strict):
    """`method` beats the named `baseline`, as the evidence sentence says."""

    method: str
    baseline: str
    bits: float | None = None
    dataset: str | None = None
    model: str | None = None
    evidence: str = ""
    start: int | None = None
    end: int | None = None


class Extraction(_Strict):
    """Everything extracted from one paper; serialises to shared/contracts/EXTRACTION.md."""

    id: str
    methods: list[Method] = Field(default_factory=list)
    datasets: list[Dataset] = Field(default_factory=list)
    models: list[Model] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    categories: list[Category] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    outperforms: list[Outperforms] = Field(default_factory=list)


class PaperRecord(_Strict):
    """A paper together with its extraction: the unit the store upserts atomically."""

    paper: Paper
    extraction: Extraction


class Problem(_Strict):
    """A record that could not be used, said with where it is; the run goes on without it."""

    source: str
    line: int | None = None
    paper_id: str | None = None
    message: str

    def __str__(self) -> str:
        where = self.source + (f":{self.line}" if self.line is not None else "")
        who = f" [{self.paper_id}]" if self.paper_id else ""
        return f"{where}{who}: {self.message}"


class IngestRun(_Strict):
    """One ingest run, kept in the graph: its query's watermark lets the next run resume."""

    id: str
    query: str  # the arXiv query, or "file:<path>" for file ingests
    source: str = "arxiv"
    started: datetime
    finished: datetime | None = None
    status: Literal["running", "ok", "partial", "failed"] = "running"
    counts: dict[str, int] = Field(default_factory=dict)  # new, updated, unchanged, failed, claims
    watermark: datetime | None = None  # newest paper date fully written by this run
    message: str = ""
