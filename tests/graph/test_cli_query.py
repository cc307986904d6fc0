"""`claimgraph query / cypher / export` on a real embedded database file."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import graph_seed
from claimgraph.app.cli import main
from test_readonly import WRITE_ATTEMPTS

CLAIMGRAPH = [sys.executable, "-m", "claimgraph.app.cli"]


@pytest.fixture(scope="module")
def db_file(tmp_path_factory) -> Path:
    from claimgraph.graph.embedded import EmbeddedStore

    path = tmp_path_factory.mktemp("cli") / "graph.db"
    store = EmbeddedStore.open(path)
    store.upsert(graph_seed.records())
    store.close()
    return path


def run(db_file: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db_file), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_beats_json_shape_in_a_real_process(db_file):
    env = dict(os.environ, CLAIMGRAPH_DB=str(db_file))
    proc = subprocess.run(
        CLAIMGRAPH + ["--db", str(db_file), "query", "beats", "--param", "baseline=GPTQ",
                      "--param", "bits=2", "--param", "category=quantization", "--format", "json"],
        capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert isinstance(rows, list) and len(rows) == 2
    for row in rows:
        assert {"method", "baseline", "paper", "bits", "kind", "value", "unit", "evidence"} <= set(row)
    assert {r["method"] for r in rows} == {"QuIP-Lite", "FlatQuant-X"}


def test_stats_json_is_an_object_of_counts(db_file):
    proc = subprocess.run(CLAIMGRAPH + ["--db", str(db_file), "query", "stats", "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    stats = json.loads(proc.stdout)
    assert isinstance(stats, dict)
    assert stats["Paper"] == 5 and stats["Claim"] == 4 and stats["OUTPERFORMS"] == 6
    assert all(isinstance(v, int) for v in stats.values())


def test_db_from_environment(db_file, capsys, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_DB", str(db_file))
    assert main(["query", "paper", "--param", "id=2401.00002", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "FlatQuant-X"


def test_table_and_csv(db_file, capsys):
    code, out, _ = run(db_file, capsys, "query", "claims", "--param", "kind=speedup")
    assert code == 0 and "SpecFast" in out and "(2 rows)" in out
    code, out, _ = run(db_file, capsys, "query", "claims", "--param", "kind=speedup",
                       "--param", "sort=value", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["value"] for r in rows] == ["2.5", "2.3"]


def test_bad_input_exits_2_with_a_message(db_file, capsys):
    code, _, err = run(db_file, capsys, "query", "nope")
    assert code == 2 and "unknown query" in err
    code, _, err = run(db_file, capsys, "query", "beats")
    assert code == 2 and "needs --param baseline" in err
    code, _, err = run(db_file, capsys, "query", "beats", "--param", "baseline=GPTQ", "--param", "bits=two")
    assert code == 2 and "bits" in err
    code, _, err = run(db_file, capsys, "query", "beats", "--param", "nonsense")
    assert code == 2 and "k=v" in err


def test_thirty_write_attempts_refused_and_graph_unchanged(db_file, capsys):
    _, before, _ = run(db_file, capsys, "query", "stats", "--format", "json")
    refused = 0
    for statement in WRITE_ATTEMPTS:
        code, out, err = run(db_file, capsys, "cypher", statement)
        assert code == 3, (statement, out, err)
        assert "refused" in err and "read-only" in err, err
        refused += 1
    assert refused >= 30
    _, after, _ = run(db_file, capsys, "query", "stats", "--format", "json")
    assert json.loads(after) == json.loads(before)
    # titles are untouched too
    _, out, _ = run(db_file, capsys, "cypher", "MATCH (p:Paper) RETURN p.title AS t ORDER BY t", "--format", "json")
    assert [r["t"] for r in json.loads(out)] == sorted(r.paper.title for r in graph_seed.records())


def test_injection_through_cli_params(db_file, capsys):
    _, before, _ = run(db_file, capsys, "query", "stats", "--format", "json")
    for bad in ["GPTQ'}) DETACH DELETE n //", '" OR 1=1']:
        code, out, _ = run(db_file, capsys, "query", "beats", "--param", f"baseline={bad}", "--format", "json")
        assert code == 0 and json.loads(out) == []
        code, out, _ = run(db_file, capsys, "cypher", "MATCH (m:Method) WHERE m.name = $n RETURN m",
                           "--param", f"n={bad}", "--format", "json")
        assert code == 0 and json.loads(out) == []
    _, after, _ = run(db_file, capsys, "query", "stats", "--format", "json")
    assert after == before


def test_cypher_typed_params(db_file, capsys):
    code, out, _ = run(db_file, capsys, "cypher",
                       "MATCH (m:Method)-[o:OUTPERFORMS]->(:Method {id: $b}) WHERE o.bits = $bits "
                       "RETURN m.name AS m ORDER BY m", "--param", "b=gptq", "--param", "bits:=2",
                       "--format", "json")
    assert code == 0 and [r["m"] for r in json.loads(out)] == ["FlatQuant-X", "QuIP-Lite"]


def test_export_formats(db_file, capsys, tmp_path):
    code, _, err = run(db_file, capsys, "export", "--format", "graphml", "--out", str(tmp_path / "g.graphml"))
    assert code == 0 and "nodes" in err
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.nodes["Method:gptq"]["name"] == "GPTQ"
    assert sum(1 for *_, d in g.edges(data=True) if d["type"] == "OUTPERFORMS") == 6
    code, _, _ = run(db_file, capsys, "export", "--format", "json", "--out", str(tmp_path / "g.json"))
    data = json.loads((tmp_path / "g.json").read_text())
    assert sum(1 for n in data["nodes"] if n["label"] == "Paper") == 5
    code, _, _ = run(db_file, capsys, "export", "--format", "csv", "--scope", "outperforms",
                     "--out", str(tmp_path / "csv"))
    edges = list(csv.DictReader(open(tmp_path / "csv" / "edges.csv")))
    assert len(edges) == 6 and {e["type"] for e in edges} == {"OUTPERFORMS"}
    assert len(list(csv.DictReader(open(tmp_path / "csv" / "nodes.csv")))) == 6


def test_export_analytics(db_file, capsys):
    code, out, _ = run(db_file, capsys, "export", "--analytics", "--format", "json")
    report = json.loads(out)
    assert code == 0 and set(report) == {"most_beaten", "pagerank", "chains", "contradictions"}
    assert [(c["a"], c["b"], c["bits"]) for c in report["contradictions"]] == [("AWQ", "QuIP-Lite", 3.0)]
