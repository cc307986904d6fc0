"""Paper: the abstract with its extracted entities and claims marked, linked to their nodes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from claimgraph.app.explorer import components as c
from claimgraph.app.explorer import data, views
from claimgraph.app.explorer.highlight import Span, find_spans, render_layers

st.title("Paper")
store = c.get_store()

with c.guard("loading the paper"):
    if c.empty_graph_notice(c.run("Reading the graph…", lambda: data.paper_count(store))):
        st.stop()
    wanted = c.param("id")
    typed = st.text_input("arXiv id, or words from the title", wanted, key=f"paper_q_{wanted}")
    if not typed.strip():
        st.info("Type an arXiv id (e.g. 2306.00978) or some title words.")
        st.stop()
    record = c.run("Loading the paper…", lambda: data.paper(store, typed.strip()))
    if record is None:
        hits = c.run("Searching titles…", lambda: data.search_papers(store, typed.strip()))
        if not hits:
            st.warning(f"No paper with id or title words “{typed}”. Try fewer words, or the arXiv id without its version.")
            st.stop()
        st.markdown(f"{len(hits)} papers match:")
        for h in hits[:50]:
            st.markdown(f"- {c.md_link('paper', h.get('title') or h['paper'], id=h['paper'])} ({h.get('published') or 'undated'})")
        st.stop()

    p = record["paper"]
    c.set_params(id=p["id"])
    st.header(p.get("title") or p["id"])
    meta = [f"[arXiv:{p['id']}]({views.arxiv_url(p['id'])})"]
    if p.get("published"):
        meta.append(f"published {p['published']}")
    if p.get("authors"):
        meta.append(", ".join(p["authors"][:8]) + (" et al." if len(p["authors"]) > 8 else ""))
    st.markdown(" · ".join(meta))

    # Claims carry offsets into title + "\n" + abstract; entities are found by their names.
    text = f"{p.get('title') or ''}\n{p.get('abstract') or ''}"
    page_for = {"Method": "method", "Dataset": "graph", "Model": "graph", "Metric": "graph"}
    inner: list[Span] = []
    for e in record["entities"]:
        names = [e["name"], *(e.get("aliases") or [])]
        href = (c.page_url("method", name=e["name"]) if e["label"] == "Method"
                else c.page_url(page_for.get(e["label"], "graph"), label=e["label"], id=e["id"]))
        inner += [Span(s.start, s.end, e["label"], href=href, title=f"{e['label']}: {e['name']}")
                  for s in find_spans(text, names)]
    outer = []
    for cl in record["claims"]:
        if cl.get("start") is not None and cl.get("end") is not None:
            outer.append(Span(int(cl["start"]), int(cl["end"]), "claim", title=views.fmt_value(cl)))
            inner += [s for s in find_spans(text, [], [cl.get("value")]) if cl["start"] <= s.start < cl["end"]]
    body = render_layers(text, outer, inner)
    title_html, _, abstract_html = body.partition("\n")
    st.html(f"<div style='line-height:1.7'><p><b>{title_html}</b></p><p>{abstract_html}</p></div>")
    st.caption("Marked: methods (blue), datasets (green), models (purple), metrics (orange), "
               "claimed numbers (yellow), claim sentences (underlined). Click a name to open its node.")

    if p.get("is_summary"):
        st.info("This text is a digest's summary, not the paper's own abstract.")
    left, right = st.columns(2)
    with left:
        st.subheader("Entities")
        if record["entities"]:
            frame = pd.DataFrame(record["entities"])[["label", "name", "relation"]]
            st.dataframe(frame, hide_index=True, width="stretch")
            methods = [e["name"] for e in record["entities"] if e["label"] == "Method"]
            if methods:
                st.markdown("Methods: " + ", ".join(c.md_link("method", m, name=m) for m in methods))
        else:
            st.info("No named entities were extracted from this paper.")
    with right:
        st.subheader("Claims")
        if record["claims"]:
            st.html(views.claim_rows_html(record["claims"], show_paper=False))
        else:
            st.info("No quantitative claims were extracted from this paper.")
    st.markdown(c.md_link("graph", "See this paper's neighbourhood in the graph", label="Paper", id=p["id"]))
