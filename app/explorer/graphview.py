"""Node-link pictures as Vega-Lite charts.

Why Vega-Lite: Streamlit bundles Vega-Lite in its own frontend, so the chart renders with no
CDN and no extra package (pyvis loads vis-network from a CDN by default; streamlit-agraph
adds a component build to ship; st.graphviz_chart cannot report clicks). `st.vega_lite_chart`
with `on_select="rerun"` hands the clicked node back to Python, which opens that node's
page. Layout is networkx's spring layout with a fixed seed, so the same graph looks the
same on every rerun.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import networkx as nx
import pandas as pd
from pydantic import BaseModel, ConfigDict

# One colour per node label, kept stable across pages.
LABEL_COLOURS = {
    "Method": "#1f77b4", "Paper": "#7f7f7f", "Claim": "#e0a800", "Dataset": "#2ca02c",
    "Model": "#9467bd", "Metric": "#ff7f0e", "Category": "#17becf", "Author": "#8c564b",
    "IngestRun": "#bcbd22",
}
SELECTION = "node"


class GNode(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str  # "Label:id", unique in the picture
    id: str
    label: str  # node label (Method, Paper, ...)
    name: str  # what is written next to the dot
    focus: bool = False


class GEdge(BaseModel):
    model_config = ConfigDict(extra="forbid")
    source: str  # GNode.key
    target: str
    rel: str
    detail: str = ""  # tooltip: paper, bits, evidence


def layout(nodes: Sequence[GNode], edges: Sequence[GEdge], seed: int = 7) -> dict[str, tuple[float, float]]:
    g = nx.DiGraph()
    g.add_nodes_from(n.key for n in nodes)
    g.add_edges_from((e.source, e.target) for e in edges if e.source in g and e.target in g)
    if len(g) == 0:
        return {}
    if len(g) == 1:
        return {next(iter(g)): (0.0, 0.0)}
    # A wider preferred distance than the default spreads hubs' leaves around them.
    k = 2.5 / math.sqrt(len(g))
    pos = nx.spring_layout(g.to_undirected(), seed=seed, k=k, iterations=100 if len(g) < 300 else 30)
    return {key: (float(x), float(y)) for key, (x, y) in pos.items()}


def frames(nodes: Sequence[GNode], edges: Sequence[GEdge],
           pos: dict[str, tuple[float, float]] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    pos = pos or layout(nodes, edges)
    node_rows = [{**n.model_dump(), "x": pos[n.key][0], "y": pos[n.key][1],
                  "short": n.name if len(n.name) <= 28 else n.name[:26] + "…"}
                 for n in nodes if n.key in pos]
    edge_rows = []
    for e in edges:
        if e.source not in pos or e.target not in pos:
            continue
        (x, y), (x2, y2) = pos[e.source], pos[e.target]
        # The arrow head sits 65% of the way along, turned to point at the target.
        edge_rows.append({"source": e.source, "target": e.target, "rel": e.rel, "detail": e.detail,
                          "x": x, "y": y, "x2": x2, "y2": y2,
                          "ax": x + 0.65 * (x2 - x), "ay": y + 0.65 * (y2 - y),
                          "angle": math.degrees(math.atan2(x2 - x, y2 - y)) % 360})
    return pd.DataFrame(node_rows), pd.DataFrame(edge_rows)


def spec(nodes: Sequence[GNode], edges: Sequence[GEdge], height: int = 480,
         pos: dict[str, tuple[float, float]] | None = None) -> dict | None:
    """The picture as a Vega-Lite spec (None when there is nothing to draw).

    Written as a plain dict rather than built with Altair: Altair's object construction
    and validation cost ~0.3 s per picture, a third of a page's budget on a big graph.
    """
    nf, ef = frames(nodes, edges, pos)
    if nf.empty:
        return None
    axis = {"title": None, "labels": False, "ticks": False, "domain": False, "grid": False}

    def padded(col: str) -> dict:
        # Fixed, padded domains so dots and labels at the rim are not cut off.
        lo, hi = float(nf[col].min()), float(nf[col].max())
        pad = max((hi - lo) * 0.12, 0.2)
        return {"domain": [lo - pad, hi + pad], "nice": False, "zero": False}

    xs, ys = padded("x"), padded("y")

    def xy(xf: str, yf: str, with_axis: bool = False) -> dict:
        x = {"field": xf, "type": "quantitative", "scale": xs}
        y = {"field": yf, "type": "quantitative", "scale": ys}
        if with_axis:
            x["axis"], y["axis"] = axis, axis
        else:
            x["axis"], y["axis"] = None, None
        return {"x": x, "y": y}

    labels = sorted(set(nf["label"]))
    node_values = nf[["key", "id", "label", "name", "short", "focus", "x", "y"]].to_dict("records")
    rel_tip = [{"field": "rel", "type": "nominal"}, {"field": "detail", "type": "nominal"}]
    layers: list[dict] = []
    if not ef.empty:
        edge_values = ef.to_dict("records")
        layers.append({
            "data": {"values": edge_values},
            "mark": {"type": "rule", "opacity": 0.6, "strokeWidth": 1.5},
            "encoding": {**xy("x", "y", True), "x2": {"field": "x2"}, "y2": {"field": "y2"},
                         "color": {"field": "rel", "type": "nominal", "title": "relationship",
                                   "scale": {"scheme": "tableau10"}},
                         "tooltip": rel_tip},
        })
        layers.append({  # arrow heads, turned towards the target
            "data": {"values": edge_values},
            "mark": {"type": "point", "shape": "triangle", "filled": True, "size": 70, "opacity": 0.8},
            "encoding": {**xy("ax", "ay"), "angle": {"field": "angle", "type": "quantitative", "scale": None},
                         "color": {"field": "rel", "type": "nominal", "legend": None,
                                   "scale": {"scheme": "tableau10"}},
                         "tooltip": rel_tip},
        })
    layers.append({
        "data": {"values": node_values},
        "params": [
            {"name": SELECTION, "select": {"type": "point", "fields": ["key", "label", "id"], "on": "click"}},
            {"name": "zoom", "select": {"type": "interval"}, "bind": "scales"},  # scroll / drag
        ],
        "mark": {"type": "circle", "stroke": "#222"},
        "encoding": {
            **xy("x", "y", True),
            "color": {"field": "label", "type": "nominal", "title": "node",
                      "scale": {"domain": labels, "range": [LABEL_COLOURS.get(lbl, "#333") for lbl in labels]}},
            "size": {"condition": {"test": "datum.focus", "value": 700}, "value": 260},
            "strokeWidth": {"condition": {"param": SELECTION, "empty": False, "value": 3}, "value": 0.5},
            "tooltip": [{"field": "label", "type": "nominal"}, {"field": "name", "type": "nominal"},
                        {"field": "id", "type": "nominal"}],
        },
    })
    layers.append({
        "data": {"values": node_values},
        "mark": {"type": "text", "dy": -14, "fontSize": 11},
        "encoding": {**xy("x", "y"), "text": {"field": "short", "type": "nominal"}},
    })
    # Edges and nodes keep their own colour legends (relationship type, node label).
    # SVG rather than canvas: a few hundred marks draw fine, text stays crisp, and every
    # node is an element a browser test (or a screen reader, via its aria-label) can find.
    return {"height": height, "layer": layers, "resolve": {"scale": {"color": "independent"}},
            "usermeta": {"embedOptions": {"renderer": "svg"}}}


def star_layout(center: str, left: Sequence[str], right: Sequence[str]) -> dict[str, tuple[float, float]]:
    """The method picture without a force layout: the method in the middle, those that
    beat it on a half circle to the left, those it beats to the right."""
    pos = {center: (0.0, 0.0)}
    for keys, side in ((left, -1.0), (right, 1.0)):
        n = len(keys)
        for i, key in enumerate(keys):
            angle = math.pi * (i + 1) / (n + 1) - math.pi / 2  # -90..90 degrees
            pos.setdefault(key, (side * math.cos(angle), math.sin(angle)))
    return pos


def clicked(state: object) -> dict | None:
    """The node a click selected, from st.vega_lite_chart's returned state, if any."""
    try:
        points = state.selection[SELECTION]  # type: ignore[attr-defined]
    except (AttributeError, KeyError, TypeError):
        return None
    if isinstance(points, list) and points:
        return points[0]
    return None
