"""Claims: every quantitative claim, filtered and sorted, with charts where they help."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from claimgraph.app.explorer import components as c
from claimgraph.app.explorer import data, views
from claimgraph.app.questions import Filters
from claimgraph.schema import CATEGORIES, CLAIM_KINDS

st.title("Claims")
store = c.get_store()

with c.guard("listing claims"):
    if c.empty_graph_notice(c.run("Reading the graph…", lambda: data.paper_count(store))):
        st.stop()
    url, problems = Filters.from_params(dict(st.query_params))
    for problem in problems:
        st.warning(problem)
    cols = st.columns(4)
    cats, kinds = ["", *CATEGORIES], ["", *CLAIM_KINDS]
    category = cols[0].selectbox("Category", cats, index=cats.index(url.category or ""))
    kind = cols[1].selectbox("Kind", kinds, index=kinds.index(url.kind or ""))
    method = cols[2].text_input("Method", url.method or "")
    baseline = cols[3].text_input("Baseline", url.baseline or "")
    cols = st.columns(4)
    bits = cols[0].text_input("Bits", f"{url.bits:g}" if url.bits else "")
    model = cols[1].text_input("Model", url.model or "")
    dataset = cols[2].text_input("Dataset", url.dataset or "")
    since = cols[3].text_input("Since (YYYY[-MM[-DD]])", c.param("since"))
    cols = st.columns(3)
    sort = cols[0].selectbox("Sort by", data.CLAIM_SORTS, index=data.CLAIM_SORTS.index(c.param("sort")) if c.param("sort") in data.CLAIM_SORTS else 0)
    descending = cols[1].toggle("Descending", value=c.param("asc") != "1")
    limit = cols[2].number_input("Max rows", 10, 5000, 200, step=50)

    filters, bad = Filters.from_params({"category": category, "kind": kind, "method": method, "baseline": baseline,
                                        "bits": bits, "model": model, "dataset": dataset,
                                        "since": data.full_date(since)})
    for problem in bad:
        st.warning(problem.replace("ignored", "Ignoring"))
    # A view switch rather than tabs: tabs run every tab's code, and the charts aggregate
    # over all claims, which a user who only wants the table should not wait for.
    view = st.segmented_control("View", ["Table", "Charts"], default=c.param("view") or "Table") or "Table"
    c.set_params(**{k: v for k, v in filters.to_params().items() if k != "intent"},
                 sort=sort if sort != data.CLAIM_SORTS[0] else None, asc=None if descending else "1",
                 view=None if view == "Table" else view)

    if view == "Table":
        rows = c.run("Querying claims…", lambda: data.claims(store, filters, sort, descending, int(limit)))
        if not rows:
            st.info(views.no_results_hint(filters))
        else:
            st.caption(f"{len(rows)} claims (click a column header to re-sort the table).")
            frame = pd.DataFrame(rows)
            frame["arxiv"] = frame["paper"].map(views.arxiv_url)
            st.dataframe(frame, hide_index=True, width="stretch",
                         column_config={"arxiv": st.column_config.LinkColumn("arXiv", display_text="abs")})
            views.csv_button(rows, "claimgraph-claims")
            with st.expander("Evidence, highlighted", expanded=False):
                st.html(views.claim_rows_html(rows[:100]))
    else:
        charts = c.run("Aggregating…", lambda: data.claim_charts(store, filters))
        speed = pd.DataFrame(charts["speedups"])
        st.subheader("Reported speedups per category")
        if speed.empty:
            st.info("No speedup claims (unit x) with a known category.")
        else:
            base = alt.Chart(speed).encode(y=alt.Y("category:N", sort="-x", title=None))
            st.altair_chart(
                base.mark_bar(opacity=0.35).encode(x=alt.X("max:Q", title="speedup (x): median bar, max tick")) +
                base.mark_bar().encode(x="median:Q", tooltip=["category", "claims", "median", "mean", "max"]),
                width="stretch")
        month = pd.DataFrame(charts["per_month"])
        st.subheader("Claims per month")
        if month.empty:
            st.info("No dated claims match these filters.")
        else:
            month["month"] = pd.to_datetime(month["month"].astype(str) + "-01", errors="coerce")
            st.altair_chart(alt.Chart(month.dropna()).mark_bar().encode(
                x=alt.X("yearmonth(month):T", title="month"), y=alt.Y("claims:Q"),
                tooltip=["month:T", "claims:Q"]), width="stretch")
        bp = pd.DataFrame(charts["bits_ppl"])
        st.subheader("Bits vs. perplexity (all claims stating both)")
        if bp.empty:
            st.info("No perplexity claims with a stated bit-width match these filters.")
        else:
            st.altair_chart(alt.Chart(bp).mark_circle(size=70).encode(
                x=alt.X("bits:Q"), y=alt.Y("value:Q", title="perplexity"),
                color=alt.Color("method:N", legend=None),
                tooltip=["method", "bits", "value", "model", "dataset", "paper"]).interactive(), width="stretch")
