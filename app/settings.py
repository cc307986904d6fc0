"""One settings object, built at the entry points from flags and the environment.

Nothing in claimgraph reads the environment at import time; `Settings.load` is called
by the CLI (and the Streamlit entry file) and the result is passed down.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import BaseModel, ConfigDict, Field, SecretStr

# Covers the efficiency literature in the categories our users follow; arXiv search
# syntax, ANDed with the category filter so cross-listed noise stays out.
DEFAULT_ARXIV_QUERY = (
    "(cat:cs.LG OR cat:cs.CL OR cat:cs.CV OR cat:cs.AI OR cat:stat.ML) AND "
    '(abs:quantization OR abs:pruning OR abs:sparsity OR abs:distillation OR abs:"KV cache" '
    'OR abs:"speculative decoding" OR abs:LoRA OR abs:"parameter-efficient" '
    'OR abs:"efficient attention" OR abs:"mixture of experts" OR abs:"model compression")'
)


def default_data_dir() -> Path:
    return Path(user_data_dir("claimgraph", appauthor=False))


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    store: Literal["embedded", "neo4j"] = "embedded"
    data_dir: Path = Field(default_factory=default_data_dir)
    db_path: Path | None = None  # the embedded database file; defaults under data_dir
    graph_name: str = "claimgraph"
    neo4j_uri: str = "bolt://localhost:7687"
    neo4j_user: str = "neo4j"
    # SecretStr keeps the password out of reprs, logs and tracebacks.
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"
    arxiv_query: str = DEFAULT_ARXIV_QUERY

    @property
    def db_file(self) -> Path:
        return self.db_path or (self.data_dir / "claimgraph.db")

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, **overrides: object) -> "Settings":
        """Environment first, then explicit overrides (CLI flags) that are not None."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        mapping = {
            "CLAIMGRAPH_STORE": "store",
            "CLAIMGRAPH_DATA_DIR": "data_dir",
            "CLAIMGRAPH_DB": "db_path",
            "CLAIMGRAPH_GRAPH": "graph_name",
            "NEO4J_URI": "neo4j_uri",
            "NEO4J_USER": "neo4j_user",
            "NEO4J_PASSWORD": "neo4j_password",
            "NEO4J_DATABASE": "neo4j_database",
            "CLAIMGRAPH_ARXIV_QUERY": "arxiv_query",
        }
        for var, field in mapping.items():
            if env.get(var):
                values[field] = env[var]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
