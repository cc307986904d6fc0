"""The explorer's reads: every page goes through here, and this goes through the store's
named queries (graph/cypher.py) and its read-only Cypher. No Cypher is written here.

Results are short-lived cached (st.cache_data, keyed by the store instance) so moving
between widgets does not re-run queries; the TTL keeps an ingest running next door visible.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import streamlit as st

from claimgraph.app.questions import Filters
from claimgraph.schema import fold

from .graphview import GEdge, GNode, star_layout

NODE_LABELS = ("Method", "Paper", "Claim", "Dataset", "Model", "Metric", "Category", "Author", "IngestRun")
REL_TYPES = ["PROPOSES", "MENTIONS", "OUTPERFORMS", "MAKES", "ABOUT", "AGAINST", "ON_DATASET", "ON_MODEL",
             "MEASURES", "EVALUATES_ON", "USES_MODEL", "REPORTS_METRIC", "IN_CATEGORY", "WROTE"]
CLAIM_SORTS = ["published", "value"]  # what the claims query sorts by; the table sorts the rest
PROFILE_PAPERS = 1000  # newest papers listed (and put on the timeline) for one method
TTL = 30  # seconds: fresh enough while an ingest runs, cheap enough for page switches


def _key(store: Any) -> int:
    return id(store)


def _q(store: Any, name: str, **params: Any) -> list[dict[str, Any]]:
    return store.query(name, params)


# --- stats, names -------------------------------------------------------------------------

@st.cache_data(ttl=TTL, show_spinner=False)
def _stats(_store: Any, key: int) -> dict[str, int]:
    return dict(_store.stats())


def stats(store: Any) -> dict[str, int]:
    """Counts per label and relationship type (relationship counts scan: slow on big graphs)."""
    return _stats(store, _key(store))


@st.cache_data(ttl=TTL, show_spinner=False)
def _node_counts(_store: Any, key: int) -> dict[str, int]:
    return {r["name"]: int(r["total"]) for r in _q(_store, "node_counts")}


def node_counts(store: Any) -> dict[str, int]:
    return _node_counts(store, _key(store))


@st.cache_data(ttl=TTL, show_spinner=False)
def _paper_count(_store: Any, key: int) -> int:
    from claimgraph.graph.store import UnknownQuery

    try:
        rows = _q(_store, "paper_count")
    except UnknownQuery:  # a store from before the explorer's query: the full count works too
        return int(_store.stats().get("Paper", 0))
    return int(rows[0]["papers"]) if rows else 0


def paper_count(store: Any) -> int:
    """Cheap emptiness check for every page (the full stats count every edge type)."""
    return _paper_count(store, _key(store))


# Names are looked up one at a time (the store resolves aliases), never loaded whole: a
# 100k-paper graph has tens of thousands of names, and shipping them all costs seconds.

@st.cache_data(ttl=TTL, show_spinner=False)
def _lookup_method(_store: Any, key: int, name: str) -> dict[str, Any] | None:
    rows = _q(_store, "method", method=name)
    return rows[0] if rows and rows[0].get("id") else None


def lookup_method(store: Any, name: str) -> dict[str, Any] | None:
    """The method a name or alias denotes ('OPTQ' -> GPTQ's profile row), or None."""
    return _lookup_method(store, _key(store), name.strip()) if name and name.strip() else None


@st.cache_data(ttl=TTL, show_spinner=False)
def _search_methods(_store: Any, key: int, text: str, limit: int) -> list[dict[str, Any]]:
    return _q(_store, "methods", q=text, limit=limit)


def search_methods(store: Any, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Methods whose name or any alias starts with (or whose name contains) the text."""
    return _search_methods(store, _key(store), text.strip(), int(limit))


def suggest(name: str, candidates: Iterable[str]) -> str:
    """' Did you mean: A, B?' (or advice) for a name the graph does not know."""
    pool = sorted(set(candidates))
    by_fold = {fold(c): c for c in pool}
    close = difflib.get_close_matches(fold(name), list(by_fold), n=4, cutoff=0.6)
    hits = [by_fold[c] for c in close]
    hits += [c for c in pool if fold(name) and fold(name) in fold(c) and c not in hits][: 4 - len(hits)]
    return (" Did you mean: " + ", ".join(hits) + "?") if hits else " Check the spelling, or search on the Method page."


def method_suggestions(store: Any, name: str) -> str:
    """Suggestions from the graph: names sharing the typed text, else its first letters
    (a typo is usually at the end: 'GPTQQ' finds GPTQ)."""
    key = fold(name)
    hits = search_methods(store, name, 10) if key else []
    if not hits and len(key) >= 2:
        hits = search_methods(store, key[:3], 50)
    return suggest(name, [h["name"] for h in hits if h.get("name")])


def resolve_filters(store: Any, filters: Filters) -> tuple[Filters, list[str], list[str]]:
    """Method and baseline names to the graph's own (aliases resolved).
    Returns (filters, notes on what was renamed, warnings about unknown names)."""
    notes, warnings, update = [], [], {}
    for fld in ("method", "baseline"):
        value = getattr(filters, fld)
        if not value:
            continue
        found = lookup_method(store, value)
        if found is None:
            warnings.append(f"No method called “{value}” is in the graph." + method_suggestions(store, value))
        elif found["name"] != value:
            update[fld] = found["name"]
            notes.append(f"{fld} “{value}” is {found['name']}")
    return (filters.model_copy(update=update) if update else filters), notes, warnings


# --- Ask ----------------------------------------------------------------------------------

def _only(**params: Any) -> dict[str, Any]:
    """Named queries check their parameters: send only the ones that are set."""
    return {k: v for k, v in params.items() if v is not None}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _within(row: Mapping[str, Any], filters: Filters) -> bool:
    """Filters a named query has no parameter for, applied to its rows."""
    published = str(row.get("published") or "")
    if filters.since and (not published or published < filters.since.isoformat()):
        return False
    if filters.until and (not published or published[:10] > filters.until.isoformat()):
        return False
    if filters.hardware and fold(filters.hardware) not in fold(str(row.get("hardware") or row.get("evidence") or "")):
        return False
    return True


@st.cache_data(ttl=TTL, show_spinner=False)
def _answer(_store: Any, key: int, filters_json: str, limit: int) -> list[dict[str, Any]]:
    f = Filters.model_validate_json(filters_json)
    if f.intent == "beats" and f.baseline:
        rows = _q(_store, "beats", **_only(baseline=f.baseline, category=f.category, bits=f.bits,
                                           dataset=f.dataset, model=f.model, kind=f.kind, limit=limit))
        if f.method:
            rows = [r for r in rows if fold(r.get("method") or "") == fold(f.method)]
    elif f.intent == "beats" and f.method:  # "what does X beat"
        rows = _q(_store, "beaten", **_only(method=f.method, bits=f.bits, limit=limit))
    elif f.intent == "datasets":
        rows = _q(_store, "datasets_used", **_only(category=f.category, limit=limit))
    elif f.intent == "models":
        rows = _q(_store, "models_used", **_only(category=f.category, limit=limit))
    elif f.intent == "papers":
        rows = _q(_store, "papers_proposing", **_only(category=f.category, method=f.method,
                                                      since=_iso(f.since), until=_iso(f.until), limit=limit))
    elif f.intent == "methods":
        rows = _q(_store, "methods", **_only(category=f.category, limit=limit))
    else:
        rows = _q(_store, "claims", **_only(method=f.method, baseline=f.baseline, category=f.category,
                                            kind=f.kind, bits=f.bits, dataset=f.dataset, model=f.model,
                                            since=_iso(f.since), until=_iso(f.until), limit=limit))
    rows = [_clean(r) for r in rows]
    if f.intent in ("beats", "claims"):
        rows = [r for r in rows if _within(r, f)]
    return rows


def answer(store: Any, filters: Filters, limit: int = 200) -> list[dict[str, Any]]:
    return _answer(store, _key(store), filters.model_dump_json(), int(limit))


RELAX_LIMIT = 50


def relaxations(store: Any, filters: Filters) -> list[tuple[str, int]]:
    """For a question with no answer: each filter whose removal gives answers, with how
    many (up to RELAX_LIMIT). The baseline of a beats question stays: it is the question."""
    out = []
    for field, value in filters.model_dump().items():
        if value is None or field == "intent" or (field == "baseline" and filters.intent == "beats"):
            continue
        looser = filters.model_copy(update={field: None})
        if looser.is_empty():
            continue
        n = len(answer(store, looser, RELAX_LIMIT))
        if n:
            out.append((field, n))
    return out


def ignored_filters(filters: Filters) -> list[str]:
    """Filters the chosen question shape cannot use, so the page can say so."""
    usable = {
        "beats": {"baseline", "method", "category", "bits", "dataset", "model", "kind", "since", "until", "hardware"},
        "claims": {"method", "baseline", "category", "kind", "bits", "dataset", "model", "since", "until", "hardware"},
        "datasets": {"category"}, "models": {"category"},
        "papers": {"category", "method", "since", "until"}, "methods": {"category"},
    }[filters.intent]
    return [k for k, v in filters.model_dump().items() if v is not None and k != "intent" and k not in usable]


def full_date(text: str) -> str:
    """'2024' -> '2024-01-01', '2024-03' -> '2024-03-01'; anything else passes through
    (and is then reported by Filters.from_params as not a date)."""
    text = (text or "").strip()
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-01-01"
    if re.fullmatch(r"\d{4}-\d{1,2}", text):
        y, m = text.split("-")
        return f"{y}-{int(m):02d}-01"
    return text


def _clean(row: Mapping[str, Any]) -> dict[str, Any]:
    """Dates to ISO strings, so tables, CSV and URLs read the same everywhere."""
    out = {}
    for k, v in row.items():
        if isinstance(v, (date, datetime)):
            v = v.isoformat()[:10]
        out[k] = v
    return out


# --- Claims page ---------------------------------------------------------------------------

@st.cache_data(ttl=TTL, show_spinner=False)
def _claims(_store: Any, key: int, filters_json: str, sort: str, descending: bool,
            limit: int) -> list[dict[str, Any]]:
    f = Filters.model_validate_json(filters_json)
    rows = _q(_store, "claims", **_only(method=f.method, baseline=f.baseline, category=f.category, kind=f.kind,
                                        bits=f.bits, dataset=f.dataset, model=f.model, since=_iso(f.since),
                                        until=_iso(f.until), sort=sort if sort in CLAIM_SORTS else None,
                                        desc=bool(descending), limit=limit))
    return [_clean(r) for r in rows]


def claims(store: Any, filters: Filters, sort: str, descending: bool, limit: int) -> list[dict[str, Any]]:
    return _claims(store, _key(store), filters.model_dump_json(), sort, descending, int(limit))


@st.cache_data(ttl=TTL, show_spinner=False)
def _claim_charts(_store: Any, key: int, kind: str | None, category: str | None) -> dict[str, list[dict[str, Any]]]:
    speed = _q(_store, "values_by_category", kind="speedup", unit="x")
    if category:
        speed = [r for r in speed if r.get("category") == category]
    return {
        "speedups": speed,
        "per_month": _q(_store, "claims_per_month", **_only(kind=kind, category=category)),
        "bits_ppl": _q(_store, "bits_vs_value", kind="perplexity", limit=2000),
    }


def claim_charts(store: Any, filters: Filters) -> dict[str, list[dict[str, Any]]]:
    return _claim_charts(store, _key(store), filters.kind, filters.category)


# --- Method page ---------------------------------------------------------------------------

@st.cache_data(ttl=TTL, show_spinner=False)
def _method_profile(_store: Any, key: int, name: str) -> dict[str, Any] | None:
    found = _q(_store, "method", method=name)
    if not found or not found[0].get("id"):
        return None
    edges = _q(_store, "method_edges", method=name, limit=200)
    return {
        "method": found[0],
        # The timeline is drawn from these rows: the store's per-month query walks every
        # paper of a hub method (0.7 s for 12k papers at 100k), a limited list does not.
        "papers": [_clean(r) for r in _q(_store, "method_papers", method=name, limit=PROFILE_PAPERS)],
        "claims": [_clean(r) for r in _q(_store, "claims", method=name, limit=500)],
        "beats": [e for e in edges if e.get("relation") == "beats"],
        "beaten_by": [e for e in edges if e.get("relation") == "beaten_by"],
    }


def method_profile(store: Any, name: str) -> dict[str, Any] | None:
    return _method_profile(store, _key(store), name)


PICTURE_SIDE = 40  # methods drawn on each side of the beats picture (the table lists all)


def outperforms_picture(method: Mapping[str, Any], beats: Sequence[Mapping[str, Any]],
                        beaten_by: Sequence[Mapping[str, Any]]
                        ) -> tuple[list[GNode], list[GEdge], dict[str, tuple[float, float]]]:
    """Nodes, edges and a star layout: winners over this method left, those it beats right."""
    me = GNode(key=f"Method:{method['id']}", id=method["id"], label="Method", name=method["name"], focus=True)
    nodes = {me.key: me}
    edges: dict[tuple[str, str], list[str]] = {}
    sides: dict[bool, list[str]] = {True: [], False: []}
    for rows, outward in ((beats, True), (beaten_by, False)):
        for r in rows:
            other = GNode(key=f"Method:{r['other_id']}", id=r["other_id"], label="Method", name=r["other"])
            if other.key not in nodes:
                if len(sides[outward]) >= PICTURE_SIDE:
                    continue
                nodes[other.key] = other
                sides[outward].append(other.key)
            pair = (me.key, other.key) if outward else (other.key, me.key)
            edges.setdefault(pair, []).append(_edge_detail(r))
    pos = star_layout(me.key, sides[False], sides[True])
    return (list(nodes.values()),
            [GEdge(source=s, target=t, rel="OUTPERFORMS", detail=" | ".join(d[:3])) for (s, t), d in edges.items()],
            pos)


def _edge_detail(r: Mapping[str, Any]) -> str:
    setting = ", ".join(str(x) for x in (f"{float(r['bits']):g}-bit" if r.get("bits") else None, r.get("model"),
                                          r.get("dataset")) if x)
    return f"{r.get('paper') or ''}{' (' + setting + ')' if setting else ''}"


# --- Paper page ----------------------------------------------------------------------------

@st.cache_data(ttl=TTL, show_spinner=False)
def _paper(_store: Any, key: int, pid: str) -> dict[str, Any] | None:
    found = _q(_store, "paper", id=pid)
    if not found or not found[0].get("id"):
        return None
    return {
        "paper": _clean(found[0]),
        "entities": [e for e in _q(_store, "paper_entities", id=pid) if e.get("label") != "Category"],
        "topics": [e["id"] for e in _q(_store, "paper_entities", id=pid) if e.get("label") == "Category"],
        "claims": [_clean(r) for r in _q(_store, "paper_claims", id=pid)],
    }


def paper(store: Any, text: str) -> dict[str, Any] | None:
    pid = re.sub(r"^(?:arxiv:|https?://arxiv\.org/abs/)", "", text.strip(), flags=re.IGNORECASE)
    pid = re.sub(r"v\d+$", "", pid)
    return _paper(store, _key(store), pid)


def search_papers(store: Any, text: str, limit: int = 50) -> list[dict[str, Any]]:
    return [_clean(r) for r in _q(store, "papers", q=text, limit=limit)]


# --- Graph page ----------------------------------------------------------------------------

@st.cache_data(ttl=TTL, show_spinner=False)
def _neighbourhood(_store: Any, key: int, label: str, node_id: str, depth: int, rels: tuple[str, ...],
                   labels: tuple[str, ...], limit: int) -> tuple[list[GNode], list[GEdge]]:
    rows = _q(_store, "neighbourhood", **_only(label=label, id=node_id, depth=int(depth),
                                               types=list(rels) or None, limit=int(limit) * 4))
    nodes: dict[str, GNode] = {}
    edges: dict[tuple[str, str, str], GEdge] = {}
    center_id = None
    for r in rows:  # the centre is the end whose label matches and whose id/name was asked for
        for end in ("source", "target"):
            if r[f"{end}_label"] == label and r[end] in (node_id, fold(node_id)):
                center_id = r[end]
    for r in rows:
        ends = []
        for end in ("source", "target"):
            k = f"{r[end + '_label']}:{r[end]}"
            is_center = r[end + "_label"] == label and r[end] == center_id
            if labels and r[end + "_label"] not in labels and not is_center:
                break
            if k not in nodes:
                if len(nodes) >= limit and not is_center:
                    break
                nodes[k] = GNode(key=k, id=str(r[end]), label=r[end + "_label"],
                                 name=str(r.get(end + "_name") or r[end]), focus=is_center)
            ends.append(k)
        if len(ends) == 2:
            edges.setdefault((ends[0], ends[1], r["type"]), GEdge(source=ends[0], target=ends[1], rel=r["type"]))
    return list(nodes.values()), list(edges.values())


def neighbourhood(store: Any, label: str, node_id: str, depth: int = 1, rels: Sequence[str] = (),
                  labels: Sequence[str] = (), limit: int = 80) -> tuple[list[GNode], list[GEdge]]:
    rels = tuple(r for r in rels if r in REL_TYPES)
    labels = tuple(lbl for lbl in labels if lbl in NODE_LABELS)
    if label == "Paper":  # papers are keyed without their version
        node_id = re.sub(r"v\d+$", "", node_id.strip())
    return _neighbourhood(store, _key(store), label, node_id, max(1, min(3, int(depth))), rels, labels, int(limit))


# --- Status page ---------------------------------------------------------------------------

def runs(store: Any, limit: int = 20) -> list[dict[str, Any]]:
    out = []
    for run in store.runs(limit=limit):
        d = run.model_dump(mode="json") if hasattr(run, "model_dump") else dict(run)
        counts = d.pop("counts", {}) or {}
        d["counts"] = ", ".join(f"{k} {v}" for k, v in counts.items())
        out.append(d)
    return out


# --- Cypher page ---------------------------------------------------------------------------

@dataclass
class Example:
    title: str
    cypher: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def params_text(self) -> str:
        return json.dumps(self.params) if self.params else ""


def cookbook(path: Path | None = None) -> list[Example]:
    """The examples of docs/cypher.md: each `## title` heading with its ```cypher block,
    whose `// params: {...}` line (if any) gives the parameters as JSON."""
    path = path or Path(__file__).resolve().parents[2] / "docs" / "cypher.md"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    out: list[Example] = []
    for section in re.split(r"^#{2,3}\s+", text, flags=re.MULTILINE)[1:]:
        title, _, body = section.partition("\n")
        m = re.search(r"```cypher\n(.*?)```", body, re.DOTALL)
        if not m:
            continue
        params: dict[str, Any] = {}
        lines = []
        for line in m.group(1).strip().splitlines():
            pm = re.match(r"\s*//\s*params:\s*(\{.*\})\s*$", line)
            if pm:
                try:
                    value = json.loads(pm.group(1))
                    params = value if isinstance(value, dict) else {}
                except json.JSONDecodeError:
                    params = {}
                continue
            lines.append(line)
        out.append(Example(title=title.strip(), cypher="\n".join(lines).strip(), params=params))
    return out


def parse_params(text: str) -> tuple[dict[str, Any], str | None]:
    """JSON object, or name=value lines (numbers become numbers). Returns (params, problem)."""
    text = (text or "").strip()
    if not text:
        return {}, None
    if text.startswith("{"):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            return {}, f"Parameters are not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        if not isinstance(value, dict):
            return {}, "Parameters must be a JSON object, e.g. {\"baseline\": \"GPTQ\"}."
        return value, None
    out: dict[str, Any] = {}
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        name, eq, raw = line.partition("=")
        name = name.strip().lstrip("$")
        if not eq or not re.fullmatch(r"[A-Za-z_]\w*", name):
            return {}, f"Parameter line {i} should look like name=value: {line.strip()!r}."
        raw = raw.strip()
        try:
            out[name] = json.loads(raw)
        except json.JSONDecodeError:
            out[name] = raw
    return out, None


@dataclass
class CypherOutcome:
    rows: list[dict[str, Any]] = field(default_factory=list)
    refused: str | None = None
    error: str | None = None


def run_cypher(store: Any, cypher: str, params: Mapping[str, Any]) -> CypherOutcome:
    from claimgraph.graph.store import ReadOnlyViolation

    if not cypher.strip():
        return CypherOutcome(error="the query is empty")
    try:
        return CypherOutcome(rows=list(store.read_cypher(cypher, dict(params))))
    except ReadOnlyViolation as exc:
        return CypherOutcome(refused=str(exc))
    except Exception as exc:  # noqa: BLE001 - the engine's own message is the useful part
        return CypherOutcome(error=f"{type(exc).__name__}: {exc}")


def _is_node(v: Any) -> bool:
    return isinstance(v, Mapping) and "_labels" in v and "_id" in v


def _is_rel(v: Any) -> bool:
    return isinstance(v, Mapping) and "_type" in v and "_start" in v and "_end" in v


def _node_name(v: Mapping[str, Any]) -> str:
    return str(v.get("name") or v.get("title") or v.get("kind") or v.get("id") or v["_id"])


def flat_rows(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Nodes and relationships become readable strings in the table."""
    def cell(v: Any) -> Any:
        if _is_node(v):
            return f"({':'.join(v.get('_labels') or [])} {_node_name(v)})"
        if _is_rel(v):
            return f"[:{v['_type']}]"
        if isinstance(v, (list, dict)):
            return json.dumps(v, default=str)[:500]
        return v
    return [{k: cell(v) for k, v in r.items()} for r in rows]


def rows_to_picture(rows: Sequence[Mapping[str, Any]], limit: int = 300) -> tuple[list[GNode], list[GEdge]]:
    """Nodes a query returned (bare, in lists or in paths) and the relationships among them."""
    nodes: dict[str, GNode] = {}
    by_internal: dict[Any, str] = {}
    rels: list[Mapping[str, Any]] = []

    def visit(v: Any) -> None:
        if _is_node(v):
            label = (v.get("_labels") or ["Node"])[0]
            nid = str(v.get("id", v["_id"]))
            key = f"{label}:{nid}"
            by_internal[v["_id"]] = key
            if len(nodes) < limit:
                nodes.setdefault(key, GNode(key=key, id=nid, label=label, name=_node_name(v)))
        elif _is_rel(v):
            rels.append(v)
        elif isinstance(v, list):
            for x in v:
                visit(x)
        elif isinstance(v, Mapping) and "nodes" in v and "relationships" in v:  # a path
            for x in [*v["nodes"], *v["relationships"]]:
                visit(x)

    for r in rows:
        for v in r.values():
            visit(v)
    edges = [GEdge(source=by_internal[e["_start"]], target=by_internal[e["_end"]], rel=str(e["_type"]))
             for e in rels if by_internal.get(e["_start"]) in nodes and by_internal.get(e["_end"]) in nodes]
    return list(nodes.values()), edges
