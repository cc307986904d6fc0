"""Every query in docs/cypher.md runs, read-only, on a seeded embedded store and answers."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from claimgraph.schema import IngestRun

DOC = Path(__file__).resolve().parents[2] / "docs" / "cypher.md"
BLOCKS = re.findall(r"^## (.+?)\n.*?```cypher\n(.*?)```", DOC.read_text(), flags=re.S | re.M)


def _params(block: str) -> dict:
    m = re.search(r"^// params: (.*)$", block, flags=re.M)
    return json.loads(m.group(1)) if m else {}


def test_the_cookbook_has_at_least_12_queries():
    assert len(BLOCKS) >= 12


@pytest.mark.parametrize("title,block", BLOCKS, ids=[t.split(".")[0] for t, _ in BLOCKS])
def test_cookbook_query_answers(seeded_store, title, block):
    seeded_store.save_run(IngestRun(id="run-1", query="q", started=datetime(2026, 1, 1, tzinfo=timezone.utc),
                                    status="ok", counts={"new": 5}))
    before = seeded_store.stats()
    rows = seeded_store.read_cypher(block, _params(block))
    assert rows, f"{title}: no rows"
    assert seeded_store.stats() == before


def test_gptq_question_answer(seeded_store):
    title, block = BLOCKS[0]
    assert "GPTQ at 2 bits" in title
    rows = seeded_store.read_cypher(block, _params(block))
    assert [r["method"] for r in rows] == ["FlatQuant-X", "QuIP-Lite"]
    assert rows[1]["value"] == 6.1 and "outperforming GPTQ" in rows[1]["evidence"]


def test_contradiction_query_finds_the_seeded_one(seeded_store):
    block = next(b for t, b in BLOCKS if t.startswith("12."))
    rows = seeded_store.read_cypher(block, _params(block))
    assert [(r["a"], r["b"], r["bits"]) for r in rows] == [("AWQ", "QuIP-Lite", 3.0)]
