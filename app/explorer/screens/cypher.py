"""Cypher: a read-only console with parameters and the cookbook's queries as examples."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from claimgraph.app.explorer import components as c
from claimgraph.app.explorer import data, views

st.title("Cypher console (read-only)")
store = c.get_store()

with c.guard("running the query"):
    cookbook = data.cookbook()
    titles = [""] + [e.title for e in cookbook]
    chosen = st.selectbox("Cookbook examples (docs/cypher.md)", titles,
                          index=titles.index(c.param("example")) if c.param("example") in titles else 0)
    example = next((e for e in cookbook if e.title == chosen), None)
    if not cookbook:
        st.caption("The cookbook (docs/cypher.md) was not found next to this installation.")
    default_q = example.cypher if example else c.param("cypher", "MATCH (m:Method) RETURN m.name AS method LIMIT 10")
    default_p = example.params_text if example else c.param("params")
    query = st.text_area("Query", default_q, height=160, key=f"cy_q_{chosen}")
    params_text = st.text_area("Parameters (JSON object, or one name=value per line)", default_p, height=80,
                               key=f"cy_p_{chosen}",
                               help="Values are passed as Cypher parameters ($name), never pasted into the query.")
    st.caption("Only reading clauses run here: CREATE, MERGE, SET, DELETE, REMOVE, LOAD CSV and admin "
               "procedures are refused before they reach the database, and the database itself runs "
               "the query in read-only mode.")
    if not st.button("Run", type="primary") and not c.param("run"):
        st.stop()
    params, problem = data.parse_params(params_text)
    if problem:
        st.error(problem)
        st.stop()
    c.set_params(cypher=query, params=params_text, example=chosen or None, run="1")
    outcome = c.run("Running…", lambda: data.run_cypher(store, query, params))
    if outcome.refused:
        st.error(f"Refused: {outcome.refused}")
        st.info("This console only reads. To change the graph, re-ingest papers with `claimgraph ingest`; "
                "the graph is rebuilt from the papers so edits by hand would be lost anyway.")
        st.stop()
    if outcome.error:
        st.error(f"The database rejected the query: {outcome.error}")
        st.info("Check the syntax against a cookbook example; parameters are written $name.")
        st.stop()
    if not outcome.rows:
        st.info("The query ran and returned no rows.")
        st.stop()
    st.caption(f"{len(outcome.rows)} rows")
    tab_table, tab_graph = st.tabs(["Table", "Graph"])
    with tab_table:
        st.dataframe(pd.DataFrame(data.flat_rows(outcome.rows)), hide_index=True, width="stretch")
        views.csv_button(data.flat_rows(outcome.rows), "cypher-result")
    with tab_graph:
        nodes, edges = data.rows_to_picture(outcome.rows)
        if not nodes:
            st.info("Nothing to draw: return nodes (e.g. `RETURN m, p`) or paths to see a graph.")
        else:
            views.node_picture(nodes, edges, key="cypher_picture")
