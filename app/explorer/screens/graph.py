"""Graph: the neighbourhood of any node, filtered by depth, relationship and node types.
Clicking a node opens its page (methods and papers) or re-centres the view on it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from claimgraph.app.explorer import components as c
from claimgraph.app.explorer import data, views
from claimgraph.app.explorer.graphview import GNode

st.title("Graph")
store = c.get_store()

with c.guard("drawing the neighbourhood"):
    if c.empty_graph_notice(c.run("Reading the graph…", lambda: data.paper_count(store))):
        st.stop()
    url_label, url_id = c.param("label", "Method"), c.param("id")
    labels = list(data.NODE_LABELS)
    cols = st.columns([1, 2, 1, 1])
    label = cols[0].selectbox("Node type", labels, index=labels.index(url_label) if url_label in labels else 0,
                              key=f"g_label_{url_label}")
    typed = cols[1].text_input("Node id or name", url_id, placeholder="e.g. GPTQ, 2306.00978, wikitext2",
                               key=f"g_id_{url_label}_{url_id}")
    depth = cols[2].slider("Depth", 1, 3, int(c.param("depth", "1") or 1) if c.param("depth", "1").isdigit() else 1)
    limit = cols[3].number_input("Max nodes", 10, 500, 80, step=10)
    rels = st.multiselect("Relationship types (none = all)", data.REL_TYPES,
                          default=[r for r in c.param("rels").split(",") if r in data.REL_TYPES])
    shown = st.multiselect("Node types to show (none = all)", labels,
                           default=[lbl for lbl in c.param("show").split(",") if lbl in labels])
    if not typed.strip():
        st.info("Choose a node type and type an id or name, or open a node from another page.")
        st.stop()

    wanted = typed.strip()
    if label == "Method":  # an alias leads to the method's own node
        found = data.lookup_method(store, wanted)
        wanted = found["id"] if found else wanted
    nodes, edges = c.run("Walking the graph…", lambda: data.neighbourhood(
        store, label, wanted, depth=depth, rels=rels, labels=shown, limit=int(limit)))
    center = next((n for n in nodes if n.focus), None)
    if center is None:
        hint = data.method_suggestions(store, typed) if label == "Method" else \
            " Check the id: papers use arXiv ids (2306.00978), other nodes their names."
        st.warning(f"No {label} node with id or name “{typed}” has relationships"
                   + (" of the chosen types." if rels else ".") + hint)
        st.stop()
    c.set_params(label=label, id=center.id, depth=depth if depth != 1 else None,
                 rels=",".join(rels), show=",".join(shown))
    st.caption(f"{len(nodes)} nodes, {len(edges)} relationships around {label} “{center.name}”. "
               "Click a node to open it; scroll to zoom, drag to pan.")
    if len(nodes) >= int(limit):
        st.caption(f"Stopped at {int(limit)} nodes: narrow the relationship or node types to see the rest.")
    views.node_picture(nodes, edges, key=f"nb_{label}_{center.id}_{depth}", height=560)
    with st.expander("Nodes as a table"):
        st.dataframe(pd.DataFrame([n.model_dump(exclude={"key"}) for n in nodes]), hide_index=True, width="stretch")
    others = [n for n in nodes if not n.focus]
    if others:
        choice = st.selectbox("Open a node", [None, *range(len(others))],
                              format_func=lambda i: "…" if i is None else f"{others[i].label}: {others[i].name}")
        if choice is not None:
            n: GNode = others[choice]
            views.open_node(n.label, n.id, n.name)
