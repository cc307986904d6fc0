"""Method: one method's profile, found by any of its names."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from claimgraph.app.explorer import components as c
from claimgraph.app.explorer import data, views

st.title("Method")
store = c.get_store()

with c.guard("loading the method"):
    if c.empty_graph_notice(c.run("Reading the graph…", lambda: data.stats(store))):
        st.stop()
    vocab = c.run("Loading names…", lambda: data.vocabulary(store))
    # Every name and alias in one type-to-filter box ("OPTQ → GPTQ"); huge graphs list names only.
    choices = data.method_choices(vocab, with_aliases=len(vocab.method_aliases) < 20_000)
    wanted = c.param("name")
    resolved = data.resolve_method(vocab, wanted) if wanted else None
    options = list(choices)
    index = options.index(resolved) if resolved in options else None
    pick = st.selectbox("Search a method (any name or alias; type to filter)", options, index=index,
                        placeholder="e.g. GPTQ", key=f"method_pick_{wanted}")
    if wanted and resolved is None:
        st.warning(f"No method called “{wanted}” is in the graph."
                   + data.suggest(wanted, vocab.methods.values()))
    name = choices.get(pick) if pick else None
    if not name:
        st.info("Pick a method above. Every alias a paper used leads to the same node.")
        st.stop()
    c.set_params(name=name)

    profile = c.run("Loading the profile…", lambda: data.method_profile(store, name))
    if profile is None:
        st.warning(f"“{name}” is known as a name but has no node any more; the graph may have changed. Reload.")
        st.stop()
    m = profile["method"]
    st.header(m["name"])
    cols = st.columns(4)
    cols[0].metric("Papers", m.get("papers") or 0)
    cols[1].metric("Claims", m.get("claims") or 0)
    cols[2].metric("Beats", m.get("beats") or 0)
    cols[3].metric("Beaten by", m.get("beaten_by") or 0)
    st.markdown(f"**Category:** {m.get('category') or 'not known'}  \n"
                f"**Aliases:** {', '.join(a for a in (m.get('aliases') or []) if a != m['name']) or 'none'}")
    proposers = [p for p in profile["papers"] if p.get("role") == "PROPOSES"]
    if proposers:
        st.markdown("**Proposed in:** " + "; ".join(
            c.md_link("paper", p.get("title") or p["paper"], id=p["paper"]) + f" ({p.get('published') or 'undated'})"
            for p in proposers[:5]))
    else:
        st.markdown("**Proposed in:** no paper in the graph proposes it (it is only used or compared against).")

    tab_graph, tab_claims, tab_papers, tab_time = st.tabs(["Beats / beaten by", "Claims", "Papers", "Timeline"])
    with tab_graph:
        if not profile["beats"] and not profile["beaten_by"]:
            st.info("No paper in the graph says this method beats, or is beaten by, a named method.")
        else:
            nodes, edges = data.outperforms_picture(m, profile["beats"], profile["beaten_by"])
            st.caption("Arrows point from winner to loser; click a method to open it.")
            views.node_picture(nodes, edges, key=f"beats_{m['id']}")
            rows = ([{**r, "relation": "beats"} for r in profile["beats"]]
                    + [{**r, "relation": "beaten by"} for r in profile["beaten_by"]])
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    with tab_claims:
        if profile["claims"]:
            st.html(views.claim_rows_html(profile["claims"]))
            views.csv_button(profile["claims"], f"claims-{m['id']}", key="claims_csv")
        else:
            st.info("No quantitative claims about this method yet.")
    with tab_papers:
        st.dataframe(pd.DataFrame(profile["papers"]), hide_index=True, width="stretch")
    with tab_time:
        timeline = pd.DataFrame(profile["timeline"])
        if not timeline.empty:
            timeline["month"] = pd.to_datetime(timeline["month"].astype(str) + "-01", errors="coerce")
            chart = alt.Chart(timeline.dropna(subset=["month"])).mark_bar().encode(
                x=alt.X("yearmonth(month):T", title="month"), y=alt.Y("papers:Q", title="papers"),
                tooltip=[alt.Tooltip("yearmonth(month):T", title="month"), "papers:Q"])
            st.caption("Papers per month that propose or use it.")
            st.altair_chart(chart, width="stretch")
        else:
            st.info("None of its papers has a date.")
