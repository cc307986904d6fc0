"""Node-link pictures as Altair (Vega-Lite) charts.

Why Altair: Streamlit bundles Vega-Lite in its own frontend, so the chart renders with no
CDN and no extra package (pyvis loads vis-network from a CDN by default; streamlit-agraph
adds a component build to ship; st.graphviz_chart cannot report clicks). `st.altair_chart`
with `on_select="rerun"` hands the clicked node back to Python, which opens that node's
page. Layout is networkx's spring layout with a fixed seed, so the same graph looks the
same on every rerun.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
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


def frames(nodes: Sequence[GNode], edges: Sequence[GEdge]) -> tuple[pd.DataFrame, pd.DataFrame]:
    pos = layout(nodes, edges)
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


def chart(nodes: Sequence[GNode], edges: Sequence[GEdge], height: int = 480) -> alt.LayerChart | None:
    """The picture, or None when there is nothing to draw."""
    nf, ef = frames(nodes, edges)
    if nf.empty:
        return None
    axis = alt.Axis(title=None, labels=False, ticks=False, domain=False, grid=False)
    # Fixed, padded domains so dots and labels at the rim are not cut off.
    def padded(col: str) -> alt.Scale:
        lo, hi = float(nf[col].min()), float(nf[col].max())
        pad = max((hi - lo) * 0.12, 0.2)
        return alt.Scale(domain=[lo - pad, hi + pad], nice=False, zero=False)
    xs, ys = padded("x"), padded("y")
    pick = alt.selection_point(name=SELECTION, fields=["key", "label", "id"], on="click")
    labels = sorted(set(nf["label"]))
    colour = alt.Color("label:N", title="node",
                       scale=alt.Scale(domain=labels, range=[LABEL_COLOURS.get(l, "#333") for l in labels]))
    layers: list[alt.Chart] = []
    if not ef.empty:
        base = alt.Chart(ef)
        rel_colour = alt.Color("rel:N", title="relationship", scale=alt.Scale(scheme="tableau10"))
        layers.append(base.mark_rule(opacity=0.6, strokeWidth=1.5).encode(
            x=alt.X("x:Q", axis=axis, scale=xs), y=alt.Y("y:Q", axis=axis, scale=ys), x2="x2:Q", y2="y2:Q",
            color=rel_colour, tooltip=[alt.Tooltip("rel:N"), alt.Tooltip("detail:N")]))
        layers.append(base.mark_point(shape="triangle", filled=True, size=70, opacity=0.8).encode(
            x=alt.X("ax:Q", scale=xs), y=alt.Y("ay:Q", scale=ys), angle=alt.Angle("angle:Q", scale=None),
            color=alt.Color("rel:N", legend=None, scale=alt.Scale(scheme="tableau10")),
            tooltip=[alt.Tooltip("rel:N"), alt.Tooltip("detail:N")]))
    nodes_layer = alt.Chart(nf).mark_circle(stroke="#222").encode(
        x=alt.X("x:Q", axis=axis, scale=xs), y=alt.Y("y:Q", axis=axis, scale=ys), color=colour,
        size=alt.condition("datum.focus", alt.value(700), alt.value(260)),
        strokeWidth=alt.condition(pick, alt.value(3), alt.value(0.5)),
        tooltip=[alt.Tooltip("label:N"), alt.Tooltip("name:N"), alt.Tooltip("id:N")],
    ).add_params(pick)
    text = alt.Chart(nf).mark_text(dy=-14, fontSize=11).encode(
        x=alt.X("x:Q", scale=xs), y=alt.Y("y:Q", scale=ys), text="short:N")
    layers += [nodes_layer, text]
    # Edges and nodes keep their own colour legends (relationship type, node label).
    return alt.layer(*layers).resolve_scale(color="independent").properties(height=height).interactive()


def clicked(state: object) -> dict | None:
    """The node a click selected, from st.altair_chart's returned state, if any."""
    try:
        points = state.selection[SELECTION]  # type: ignore[attr-defined]
    except (AttributeError, KeyError, TypeError):
        return None
    if isinstance(points, list) and points:
        return points[0]
    return None
