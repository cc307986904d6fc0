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
    stats = c.run("Counting…", lambda: data.stats(store))
    nodes = {k: v for k, v in stats.items() if k in data.NODE_LABELS}
    rels = {k: v for k, v in stats.items() if k not in data.NODE_LABELS}
    st.subheader("Nodes")
    cols = st.columns(max(1, min(len(nodes), 5)))
    for i, (label, count) in enumerate(sorted(nodes.items())):
        cols[i % len(cols)].metric(label, f"{int(count):,}")
    if rels:
        st.subheader("Relationships")
        st.dataframe(pd.DataFrame(sorted(rels.items()), columns=["type", "count"]), hide_index=True)
    c.empty_graph_notice(stats)

    st.subheader("Recent ingest runs")
    runs = c.run("Reading runs…", lambda: data.runs(store))
    if not runs:
        st.info("No ingest runs recorded yet. `claimgraph ingest` records each run here.")
    else:
        st.dataframe(pd.DataFrame(runs), hide_index=True, width="stretch")
