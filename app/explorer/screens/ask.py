"""Ask: a question in plain English -> editable filters -> answer table with evidence.

The URL holds the question and the filters (`?q=...&baseline=GPTQ&bits=2`), so an answer
is a link: opening it re-parses nothing the user had corrected, because explicit filter
parameters win over what the question says.
"""

from __future__ import annotations

import hashlib
from datetime import date

import streamlit as st

from claimgraph.app.explorer import components as c
from claimgraph.app.explorer import data, views
from claimgraph.app.questions import EXAMPLES, INTENTS, Filters, parse
from claimgraph.schema import CATEGORIES, CLAIM_KINDS

st.title("Ask the graph")
store = c.get_store()

with c.guard("answering the question"):
    if c.empty_graph_notice(c.run("Reading the graph…", lambda: data.paper_count(store))):
        st.stop()

    url_q = c.param("q")
    question = st.text_input("Question", value=url_q, placeholder=EXAMPLES[0],
                             help="Plain English; no LLM is involved. The filters below show how it was read.")
    st.caption("Examples: " + " · ".join(c.md_link("ask", ex, q=ex) for ex in EXAMPLES))

    understanding = parse(question)
    url_filters, url_problems = Filters.from_params(dict(st.query_params))
    # A link that carries filters reproduces them exactly; a new question starts from its parse.
    from_url = question == url_q and not url_filters.is_empty()
    base = url_filters if from_url else understanding.filters
    for problem in url_problems:
        st.warning(problem)

    if question.strip():
        if understanding.understood:
            st.success("Understood as: " + "; ".join(understanding.notes))
        else:
            st.warning(understanding.message)

    # Widgets are keyed by the question, so a new question resets them to its parse.
    tag = hashlib.sha1(question.encode()).hexdigest()[:8]
    with st.expander("Filters (edit to refine, or start here without a question)", expanded=True):
        col = st.columns(4)
        intent = col[0].selectbox("Looking for", INTENTS, index=INTENTS.index(base.intent), key=f"intent{tag}")
        baseline = col[1].text_input("Baseline (beaten method)", base.baseline or "", key=f"baseline{tag}")
        method = col[2].text_input("Method", base.method or "", key=f"method{tag}")
        cats = ["", *CATEGORIES]
        category = col[3].selectbox("Category", cats, index=cats.index(base.category or ""), key=f"category{tag}")
        col = st.columns(4)
        kinds = ["", *CLAIM_KINDS]
        kind = col[0].selectbox("Claim kind", kinds, index=kinds.index(base.kind or ""), key=f"kind{tag}")
        bits_text = col[1].text_input("Bits", f"{base.bits:g}" if base.bits else "", key=f"bits{tag}")
        model = col[2].text_input("Model", base.model or "", key=f"model{tag}")
        dataset = col[3].text_input("Dataset", base.dataset or "", key=f"dataset{tag}")
        col = st.columns(4)
        hardware = col[0].text_input("Hardware", base.hardware or "", key=f"hardware{tag}")
        since = col[1].date_input("Since", base.since, min_value=date(1990, 1, 1), key=f"since{tag}")
        until = col[2].date_input("Until", base.until, min_value=date(1990, 1, 1), key=f"until{tag}")
        limit = col[3].number_input("Max rows", 10, 5000, 200, step=50, key=f"limit{tag}")

    raw = {"intent": intent, "baseline": baseline, "method": method, "category": category, "kind": kind,
           "bits": bits_text, "model": model, "dataset": dataset, "hardware": hardware,
           "since": since.isoformat() if since else "", "until": until.isoformat() if until else ""}
    filters, problems = Filters.from_params(raw)
    for problem in problems:
        st.warning(problem.replace("ignored", "Ignoring") + " (bits must be a number such as 2 or 3.5).")

    c.set_params(q=question.strip(), **filters.to_params())

    if filters.is_empty():
        if not question.strip():
            st.info("Ask a question above, click an example, or set a filter.")
        st.stop()

    filters, renamed, unknown = c.run("Looking up names…", lambda: data.resolve_filters(store, filters))
    if renamed:
        st.caption("Names resolved through aliases: " + "; ".join(renamed) + ".")
    for warning in unknown:
        st.warning(warning)
    unused = data.ignored_filters(filters)
    if unused:
        st.caption(f"Not used when looking for {filters.intent}: {', '.join(unused)}.")

    rows = c.run("Searching the graph…", lambda: data.answer(store, filters, int(limit)))
    views.answer(rows, filters)
    if not rows:  # say which single filter, dropped, would give answers, as links
        relaxed = c.run("Looking for nearby answers…", lambda: data.relaxations(store, filters))
        if relaxed:
            st.markdown("Answers without one of the filters: " + " · ".join(
                c.md_link("ask", f"without {field} ({n}{'+' if n >= data.RELAX_LIMIT else ''})", q=question.strip(),
                          **{k: v for k, v in filters.to_params().items() if k != field})
                for field, n in relaxed))
