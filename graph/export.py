"""The graph through networkx: GraphML / JSON / CSV export, and analytics on the
outperforms graph (most-beaten baselines, PageRank, "A beats B beats C" chains,
contradictions).

Node keys in exported graphs are "Label:id" (ids are unique per label, not across
labels). Lists become "; "-joined text in GraphML and CSV, which have no list type.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from pathlib import Path
from typing import IO, Any

import networkx as nx

from . import cypher as Q


# Ingest runs and the alias lookup table are how the store works, not facts of the graph.
_BOOKKEEPING = frozenset({"IngestRun", "MethodAlias"})


def _key(label: str, node_id: Any) -> str:
    return f"{label}:{node_id}"


def full_graph(store) -> nx.MultiDiGraph:
    """Every node (bookkeeping excluded) and every relationship of the model, read with
    the store's paged dump reads (the same ones `export --format dump` streams)."""
    g = nx.MultiDiGraph()
    for label in Q.DUMP_LABELS:
        if label in _BOOKKEEPING:
            continue
        for node in sorted(store.dump_nodes(label), key=lambda n: n.id):
            g.add_node(_key(label, node.id), label=label, **_props(node.props))
    for rel, source_label, target_label in Q.REL_ENDPOINTS:
        for edge in store.dump_relationships(rel, source_label, target_label):
            g.add_edge(_key(*edge.from_), _key(*edge.to), key=None, type=rel, **_props(edge.props))
    return g


def outperforms_graph(store) -> nx.MultiDiGraph:
    """Methods and their OUTPERFORMS edges (winner -> loser), one edge per paper claim."""
    g = nx.MultiDiGraph()
    for row in store.query("outperforms_edges", {"limit": 10_000_000}):
        for side in ("source", "target"):
            g.add_node(row[side], label="Method", name=row[f"{side}_name"],
                       **({"category": row[f"{side}_category"]} if row[f"{side}_category"] else {}))
        g.add_edge(row["source"], row["target"], type="OUTPERFORMS",
                   **{k: row[k] for k in ("paper", "bits", "dataset", "model", "kind", "value",
                                          "unit", "evidence") if row.get(k) is not None})
    return g


def _props(props: dict[str, Any] | None) -> dict[str, Any]:
    out = {}
    for k, v in (props or {}).items():
        if v is None or k in ("label", "type"):
            continue
        out[k] = v
    return out


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    return value


# ---- writers --------------------------------------------------------------------------
def write_graphml(g: nx.MultiDiGraph, target: Path | IO[bytes]) -> None:
    flat = nx.MultiDiGraph()
    for n, data in g.nodes(data=True):
        flat.add_node(n, **{k: _flat(v) for k, v in data.items()})
    for a, b, data in g.edges(data=True):
        flat.add_edge(a, b, **{k: _flat(v) for k, v in data.items()})
    nx.write_graphml(flat, target)


def write_json(g: nx.MultiDiGraph, target: Path | IO[str]) -> None:
    data = nx.node_link_data(g, edges="edges")
    if isinstance(target, (str, Path)):
        Path(target).write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    else:
        json.dump(data, target, ensure_ascii=False, default=str)
        target.write("\n")


def _csv_tables(g: nx.MultiDiGraph) -> tuple[list[str], list[list[Any]], list[str], list[list[Any]]]:
    node_cols = ["key", "label", "id"] + sorted({k for _, d in g.nodes(data=True) for k in d} - {"label", "id"})
    nodes = []
    for n, d in g.nodes(data=True):
        nid = d.get("id", n.split(":", 1)[1] if ":" in n else n)
        nodes.append([n, d.get("label", ""), nid] + [_flat(d.get(c, "")) for c in node_cols[3:]])
    edge_cols = ["source", "target", "type"] + sorted({k for *_, d in g.edges(data=True) for k in d} - {"type"})
    edges = [[a, b, d.get("type", "")] + [_flat(d.get(c, "")) for c in edge_cols[3:]]
             for a, b, d in g.edges(data=True)]
    return node_cols, nodes, edge_cols, edges


def write_csv_dir(g: nx.MultiDiGraph, directory: Path) -> None:
    """nodes.csv and edges.csv in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    node_cols, nodes, edge_cols, edges = _csv_tables(g)
    for name, cols, rows in (("nodes.csv", node_cols, nodes), ("edges.csv", edge_cols, edges)):
        with open(directory / name, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            w.writerows(rows)


def write_csv(g: nx.MultiDiGraph, out: IO[str]) -> None:
    """Edges as CSV on one stream (the node table needs a second file: use --out DIR)."""
    _, _, edge_cols, edges = _csv_tables(g)
    w = csv.writer(out)
    w.writerow(edge_cols)
    w.writerows(edges)


# ---- analytics on the outperforms graph -------------------------------------------------
def _setting(data: dict[str, Any]) -> tuple[Any, Any, Any]:
    return (data.get("bits"), (data.get("dataset") or "").lower() or None,
            (data.get("model") or "").lower() or None)


def most_beaten(g: nx.MultiDiGraph, top: int = 10) -> list[dict[str, Any]]:
    """Baselines beaten by the most distinct methods (then by most papers)."""
    rows = []
    for n in g.nodes:
        winners = {a for a, _ in g.in_edges(n)}
        if winners:
            papers = {d.get("paper") for _, _, d in g.in_edges(n, data=True)}
            rows.append({"baseline": g.nodes[n].get("name", n), "id": n,
                         "beaten_by": len(winners), "papers": len(papers)})
    rows.sort(key=lambda r: (-r["beaten_by"], -r["papers"], r["id"]))
    return rows[:top]


def method_pagerank(g: nx.MultiDiGraph, top: int = 10) -> list[dict[str, Any]]:
    """PageRank on loser -> winner edges (weight = number of papers): a method ranks high
    when it beats methods that themselves beat many others."""
    votes = nx.DiGraph()
    votes.add_nodes_from(g.nodes)
    for a, b, d in g.edges(data=True):
        w = votes.get_edge_data(b, a, {"weight": 0})["weight"]
        votes.add_edge(b, a, weight=w + 1)
    if votes.number_of_nodes() == 0:
        return []
    ranks = _pagerank(votes)
    rows = [{"method": g.nodes[n].get("name", n), "id": n, "pagerank": round(r, 6)}
            for n, r in ranks.items()]
    rows.sort(key=lambda r: (-r["pagerank"], r["id"]))
    return rows[:top]


def _pagerank(g: nx.DiGraph, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 200
              ) -> dict[Any, float]:
    """Weighted PageRank by power iteration (networkx's own needs scipy, which we do not
    ship for one call); dangling nodes spread their rank evenly, as in networkx."""
    nodes = list(g.nodes)
    n = len(nodes)
    rank = dict.fromkeys(nodes, 1.0 / n)
    out_weight = {u: sum(d["weight"] for _, _, d in g.out_edges(u, data=True)) for u in nodes}
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if out_weight[u] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u in nodes:
            if out_weight[u]:
                share = alpha * rank[u] / out_weight[u]
                for _, v, d in g.out_edges(u, data=True):
                    new[v] += share * d["weight"]
        if sum(abs(new[u] - rank[u]) for u in nodes) < tol * n:
            return new
        rank = new
    return rank


def chains(g: nx.MultiDiGraph, top: int = 10, length: int = 3) -> list[dict[str, Any]]:
    """"A beats B beats C" chains of `length` distinct methods, each step with its papers;
    chains supported by the most papers first."""
    simple = nx.DiGraph()
    for a, b, d in g.edges(data=True):
        if a == b:
            continue
        papers = simple.get_edge_data(a, b, {"papers": set()})["papers"] | {d.get("paper")}
        simple.add_edge(a, b, papers=papers)
    found = []

    def walk(path: list[str]) -> None:
        if len(path) == length:
            steps = [sorted(simple[x][y]["papers"] - {None}) for x, y in zip(path, path[1:])]
            found.append({"chain": " > ".join(g.nodes[n].get("name", n) for n in path),
                          "ids": list(path), "papers": steps,
                          "support": sum(len(s) for s in steps)})
            return
        for nxt in simple.successors(path[-1]):
            if nxt not in path:
                walk(path + [nxt])

    for start in sorted(simple.nodes):
        walk([start])
        if len(found) > 100_000:  # enough to rank; dense graphs have combinatorially many
            break
    found.sort(key=lambda r: (-r["support"], r["chain"]))
    return found[:top]


def contradictions(g: nx.MultiDiGraph, top: int = 1_000) -> list[dict[str, Any]]:
    """Pairs where papers claim A beats B and B beats A in the same setting
    (same bits, dataset and model; unknown parts of a setting must match as unknown)."""
    claims: dict[tuple[str, str, tuple], set[str]] = defaultdict(set)
    evidence: dict[tuple[str, str, tuple], list[str]] = defaultdict(list)
    for a, b, d in g.edges(data=True):
        key = (a, b, _setting(d))
        claims[key].add(d.get("paper"))
        if d.get("evidence"):
            evidence[key].append(d["evidence"])
    rows = []
    for (a, b, setting), papers in claims.items():
        if a < b and (b, a, setting) in claims:
            back = claims[(b, a, setting)]
            rows.append({
                "a": g.nodes[a].get("name", a), "b": g.nodes[b].get("name", b),
                "bits": setting[0], "dataset": setting[1], "model": setting[2],
                "a_beats_b": sorted(p for p in papers if p), "b_beats_a": sorted(p for p in back if p),
                "evidence_a": evidence[(a, b, setting)][:1], "evidence_b": evidence[(b, a, setting)][:1],
            })
    rows.sort(key=lambda r: (r["a"], r["b"], str(r["bits"])))
    return rows[:top]


def analytics(g: nx.MultiDiGraph, top: int = 10) -> dict[str, list[dict[str, Any]]]:
    return {
        "most_beaten": most_beaten(g, top),
        "pagerank": method_pagerank(g, top),
        "chains": chains(g, top),
        "contradictions": contradictions(g, top),
    }


def graphml_text(g: nx.MultiDiGraph) -> str:
    buf = io.BytesIO()
    write_graphml(g, buf)
    return buf.getvalue().decode("utf-8")
