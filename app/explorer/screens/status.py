"""Status: what is in the graph, where it lives, and the recent ingest runs."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from claimgraph.app.explorer import components as c
from claimgraph.app.explorer import data

st.title("Status")
store = c.get_store()

with c.guard("reading the store's status"):
    # The store describes itself (never with credentials).
    described = store.describe()
    st.markdown(" · ".join(f"**{k.capitalize()}:** `{v}`" for k, v in described.items()))
    nodes = c.run("Counting nodes…", lambda: data.node_counts(store))
    st.subheader("Nodes")
    cols = st.columns(5)
    for i, (label, count) in enumerate(sorted(nodes.items())):
        cols[i % len(cols)].metric(label, f"{int(count):,}")
    c.empty_graph_notice(nodes)
    st.subheader("Relationships")
    # Counting a relationship type scans it on the embedded engine (seconds at 100k papers).
    if st.toggle("Count relationships (takes a few seconds on a large graph)", value=c.param("rels") == "1"):
        c.set_params(rels="1")
        stats = c.run("Counting relationships…", lambda: data.stats(store))
        rels = {k: v for k, v in stats.items() if k not in data.NODE_LABELS}
        st.dataframe(pd.DataFrame(sorted(rels.items()), columns=["type", "count"]), hide_index=True)

    st.subheader("Recent ingest runs")
    runs = c.run("Reading runs…", lambda: data.runs(store))
    if not runs:
        st.info("No ingest runs recorded yet. `claimgraph ingest` records each run here.")
    else:
        st.dataframe(pd.DataFrame(runs), hide_index=True, width="stretch")
