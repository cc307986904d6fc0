"""networkx export and analytics on the seeded graph (answers worked out by hand from
tests/graph_seed.py)."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from claimgraph.graph import export as X


@pytest.fixture
def beats_graph(seeded_store):
    return X.outperforms_graph(seeded_store)


def test_outperforms_graph(beats_graph):
    assert beats_graph.number_of_edges() == 6
    assert set(beats_graph.nodes) == {"quiplite", "gptq", "awq", "flatquantx", "specfast",
                                      "autoregressivedecoding"}
    assert beats_graph.nodes["gptq"]["name"] == "GPTQ"
    edge = next(d for a, b, d in beats_graph.edges(data=True) if (a, b) == ("quiplite", "gptq"))
    assert edge["paper"] == "2401.00001" and edge["bits"] == 2 and edge["value"] == 6.1


def test_most_beaten(beats_graph):
    top = X.most_beaten(beats_graph, top=2)
    assert [(r["id"], r["beaten_by"]) for r in top] == [("gptq", 2), ("quiplite", 2)]


def test_contradictions_need_the_same_setting(beats_graph):
    rows = X.contradictions(beats_graph)
    # AWQ > QuIP-Lite (2403.00005) and QuIP-Lite > AWQ (2401.00001), both at 3 bits
    assert [(r["a"], r["b"], r["bits"], r["a_beats_b"], r["b_beats_a"]) for r in rows] == [
        ("AWQ", "QuIP-Lite", 3.0, ["2403.00005"], ["2401.00001"])]
    # GPTQ > QuIP-Lite at 4 bits vs QuIP-Lite > GPTQ at 2 bits is no contradiction


def test_chains(beats_graph):
    chains = X.chains(beats_graph, top=100)
    found = {c["chain"] for c in chains}
    assert "FlatQuant-X > GPTQ > QuIP-Lite" in found
    assert "AWQ > QuIP-Lite > GPTQ" in found
    assert all(len(c["ids"]) == 3 and len(set(c["ids"])) == 3 for c in chains)
    step = next(c for c in chains if c["chain"] == "FlatQuant-X > GPTQ > QuIP-Lite")
    assert step["papers"] == [["2401.00002"], ["2403.00004"]]


def test_pagerank(beats_graph):
    ranks = X.method_pagerank(beats_graph, top=100)
    assert abs(sum(r["pagerank"] for r in ranks) - 1.0) < 1e-4
    by_id = {r["id"]: r["pagerank"] for r in ranks}
    # SpecFast beats a method nobody else beats and nothing beats it; QuIP-Lite beats
    # two methods that beat others, so it ranks above the baseline it beats
    assert by_id["quiplite"] > by_id["gptq"]
    assert by_id["specfast"] > by_id["autoregressivedecoding"]
    # agrees with networkx's pure-Python reference implementation on the same vote graph
    # (its public nx.pagerank needs scipy, which claimgraph does not ship)
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    votes = nx.DiGraph()
    votes.add_nodes_from(beats_graph.nodes)
    for a, b in beats_graph.edges():
        w = votes.get_edge_data(b, a, {"weight": 0})["weight"]
        votes.add_edge(b, a, weight=w + 1)
    expected = _pagerank_python(votes, weight="weight", tol=1e-12, max_iter=500)
    for node, rank in expected.items():
        assert by_id[node] == pytest.approx(rank, abs=1e-5)


def test_full_graph_round_trips_through_graphml_and_json(seeded_store, tmp_path):
    g = X.full_graph(seeded_store)
    stats = seeded_store.stats()
    labels = [d["label"] for _, d in g.nodes(data=True)]
    assert labels.count("Paper") == stats["Paper"] and labels.count("Claim") == stats["Claim"]
    assert g.number_of_edges() == sum(stats[t] for t in X.Q.REL_TYPES)
    X.write_graphml(g, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    assert back.nodes["Method:gptq"]["aliases"] == "OPTQ"  # lists become joined text
    buf = io.StringIO()
    X.write_json(g, buf)
    data = json.loads(buf.getvalue())
    assert len(data["nodes"]) == g.number_of_nodes() and len(data["edges"]) == g.number_of_edges()
    paper = next(n for n in data["nodes"] if n["id"] == "Paper:2401.00001")
    assert paper["title"].startswith("QuIP-Lite") and paper["topics"] == ["quantization"]


def test_csv_dir(seeded_store, tmp_path):
    import csv

    g = X.full_graph(seeded_store)
    X.write_csv_dir(g, tmp_path / "out")
    nodes = list(csv.DictReader(open(tmp_path / "out" / "nodes.csv")))
    edges = list(csv.DictReader(open(tmp_path / "out" / "edges.csv")))
    assert len(nodes) == g.number_of_nodes() and len(edges) == g.number_of_edges()
    assert {"key", "label", "id"} <= set(nodes[0])
    assert {e["type"] for e in edges} >= {"OUTPERFORMS", "MAKES", "WROTE"}
