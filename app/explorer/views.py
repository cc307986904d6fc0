"""Renderers shared by pages: answer tables with highlighted evidence, CSV downloads,
clickable node pictures."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from claimgraph.app.questions import Filters

from . import components as c
from . import graphview
from .highlight import highlight_evidence

MAX_HTML_ROWS = 200  # the HTML table is for reading; the CSV has every row


def fmt_value(row: Mapping[str, Any]) -> str:
    value = row.get("value")
    if value is None:
        return ""
    try:
        number = f"{float(value):g}"
    except (TypeError, ValueError):
        number = str(value)
    unit = row.get("unit") or ""
    text = number + ("" if unit in ("", "other") else (unit if unit in ("x", "%") else f" {unit}"))
    extra = ", ".join(str(x) for x in (row.get("kind"), row.get("direction")) if x)
    return f"{text} ({extra})" if extra else text


def fmt_setting(row: Mapping[str, Any]) -> str:
    parts = []
    if row.get("bits") not in (None, ""):
        parts.append(f"{float(row['bits']):g}-bit")
    parts += [str(row[k]) for k in ("model", "dataset", "hardware") if row.get(k)]
    return ", ".join(parts)


def arxiv_url(paper_id: str | None) -> str:
    return f"https://arxiv.org/abs/{paper_id}" if paper_id else ""


def claim_rows_html(rows: Sequence[Mapping[str, Any]], show_baseline: bool = True,
                    show_paper: bool = True) -> str:
    head = ["method", "claim", "baseline", "setting", "paper", "evidence"]
    if not show_baseline:
        head.remove("baseline")
    if not show_paper:
        head.remove("paper")
    out = ['<table class="cg-answer"><thead><tr>',
           *(f"<th>{h}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows[:MAX_HTML_ROWS]:
        names = [row.get(k) for k in ("method", "baseline", "model", "dataset", "hardware")]
        ev = highlight_evidence(str(row.get("evidence") or ""), names, [row.get("value")])
        method = c.link("method", row["method"], name=row["method"]) if row.get("method") else "<i>unnamed</i>"
        cells = [method, html.escape(fmt_value(row))]
        if show_baseline:
            cells.append(c.link("method", row["baseline"], name=row["baseline"]) if row.get("baseline") else "")
        cells.append(html.escape(fmt_setting(row)))
        pid = row.get("paper")
        paper = ""
        if pid:
            paper = (c.link("paper", row.get("title") or pid, id=pid)
                     + f' <a href="{html.escape(arxiv_url(pid), quote=True)}" target="_blank">arXiv:{html.escape(str(pid))}</a>'
                     + (f"<br><small>{html.escape(str(row.get('published') or ''))}</small>"))
        cells += [paper, ev] if show_paper else [ev]
        out.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def csv_button(rows: Sequence[Mapping[str, Any]], name: str, key: str | None = None) -> None:
    frame = pd.DataFrame(list(rows))
    st.download_button("Download CSV", frame.to_csv(index=False).encode("utf-8"),
                       file_name=f"{name}.csv", mime="text/csv", key=key)


def answer(rows: Sequence[Mapping[str, Any]], filters: Filters) -> None:
    """The Ask page's answer for any intent."""
    if not rows:
        st.info(no_results_hint(filters))
        return
    intent = filters.intent
    if intent in ("beats", "claims"):
        methods = sorted({r["method"] for r in rows if r.get("method")})
        noun = "comparisons" if intent == "beats" else "claims"
        st.subheader(f"{len(rows)} {noun}" + (f" from {len(methods)} methods" if methods else ""))
        if methods:
            st.markdown("**Methods:** " + ", ".join(c.md_link("method", m, name=m) for m in methods[:60]))
        st.html(claim_rows_html(rows, show_baseline=True))
        if len(rows) > MAX_HTML_ROWS:
            st.caption(f"Showing the first {MAX_HTML_ROWS} rows; the CSV has all {len(rows)}.")
    elif intent in ("datasets", "models", "methods"):
        label = {"datasets": "dataset", "models": "model", "methods": "method"}[intent]
        st.subheader(f"{len(rows)} {intent}")
        frame = pd.DataFrame(list(rows))
        st.dataframe(frame, hide_index=True, width="stretch")
        if intent == "methods":
            st.markdown(", ".join(c.md_link("method", r["name"], name=r["name"]) for r in rows[:60]))
        else:
            st.caption(f"Each {label} with the number of matching papers that use it.")
    else:  # papers
        st.subheader(f"{len(rows)} papers")
        for row in rows[:MAX_HTML_ROWS]:
            methods = ", ".join(c.md_link("method", m, name=m) for m in (row.get("methods") or [])[:8])
            st.markdown(f"- {c.md_link('paper', row.get('title') or row['paper'], id=row['paper'])} "
                        f"({row.get('published') or 'undated'}, [arXiv:{row['paper']}]({arxiv_url(row['paper'])}))"
                        + (f" — proposes {methods}" if methods else ""))
    csv_button(rows, f"claimgraph-{intent}")


def no_results_hint(filters: Filters) -> str:
    set_fields = [k for k, v in filters.model_dump().items() if v is not None and k != "intent"]
    tip = "Remove a filter (" + ", ".join(set_fields) + ")" if set_fields else "Add a filter"
    return (f"No {filters.intent} match these filters. {tip}, or check the spelling on the Method page, "
            "whose search knows every alias.")


def node_picture(nodes: Sequence[graphview.GNode], edges: Sequence[graphview.GEdge], key: str,
                 height: int = 480, pos: dict[str, tuple[float, float]] | None = None) -> None:
    """Draw the picture; a click on a node opens that node's page."""
    spec = graphview.spec(nodes, edges, height=height, pos=pos)
    if spec is None:
        st.info("Nothing to draw.")
        return
    state = st.vega_lite_chart(spec=spec, on_select="rerun", selection_mode=graphview.SELECTION, key=key,
                               width="stretch")
    picked = graphview.clicked(state)
    if picked:
        open_node(str(picked.get("label")), str(picked.get("id")))


def open_node(label: str, node_id: str, name: str | None = None) -> None:
    if label == "Method":
        c.open_page("method", name=name or node_id)
    elif label == "Paper":
        c.open_page("paper", id=node_id)
    else:
        c.open_page("graph", label=label, id=node_id)
