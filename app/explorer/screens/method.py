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
    if c.empty_graph_notice(c.run("Reading the graph…", lambda: data.paper_count(store))):
        st.stop()
    # Search by any name or alias. The store does the matching (prefix of the name or of
    # any alias, or words inside the name), so this scales to graphs with 100k names.
    wanted = c.param("name")
    typed = st.text_input("Search a method (any name or alias)", wanted, placeholder="e.g. GPTQ, OPTQ, LoRA",
                          key=f"method_q_{wanted}")
    if not typed.strip():
        st.info("Type a method's name or any of its aliases. Every alias a paper used leads to the same node.")
        st.stop()
    found = c.run("Looking up…", lambda: data.lookup_method(store, typed))
    matches = c.run("Searching names…", lambda: data.search_methods(store, typed, 20))
    others = [r for r in matches if not found or r["id"] != found["id"]]
    if found is None:
        st.warning(f"No method called “{typed}” is in the graph."
                   + (" Methods whose names start with or contain it:" if others else data.method_suggestions(store, typed)))
        for r in others:
            st.markdown(f"- {c.md_link('method', r['name'], name=r['name'])}"
                        + (f" (also {', '.join(r['aliases'][:4])})" if r.get("aliases") else "")
                        + f" · {r.get('papers') or 0} papers")
        st.stop()
    if others:
        st.caption("Also matching: " + ", ".join(c.md_link("method", r["name"], name=r["name"]) for r in others[:12]))
    name = found["name"]
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
            nodes, edges, pos = data.outperforms_picture(m, profile["beats"], profile["beaten_by"])
            st.caption("Methods that beat it on the left, methods it beats on the right; arrows point from "
                       "winner to loser; click a method to open it.")
            views.node_picture(nodes, edges, key=f"beats_{m['id']}", pos=pos)
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
        dated = pd.DataFrame([p for p in profile["papers"] if p.get("published")])
        if not dated.empty:
            dated["month"] = pd.to_datetime(dated["published"].astype(str).str[:7] + "-01", errors="coerce")
            chart = alt.Chart(dated.dropna(subset=["month"])).mark_bar().encode(
                x=alt.X("yearmonth(month):T", title="month"), y=alt.Y("count():Q", title="papers"),
                color=alt.Color("role:N", title="the paper"),
                tooltip=[alt.Tooltip("yearmonth(month):T", title="month"), "role:N", "count():Q"])
            shown = len(profile["papers"])
            st.caption("Papers per month that propose or use it"
                       + (f" (the newest {shown:,} of {m.get('papers'):,})." if shown < (m.get("papers") or 0) else "."))
            st.altair_chart(chart, width="stretch")
        else:
            st.info("None of its papers has a date.")
