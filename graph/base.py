"""What both backends share: turning PaperRecords into statement parameters, named-query
parameter checking, runs and locks. A backend only supplies `_read`, `_write` and
`_read_user` (how one statement reaches its engine)."""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Any

from functools import lru_cache

from claimgraph.schema import IngestRun, PaperRecord, claim_id, claim_paper
from claimgraph.schema import fold as _schema_fold
from claimgraph.schema.dump import DumpNode, DumpRel

from . import cypher as Q
from .readonly import check_read_only
from .store import StoreError, UnknownQuery

# The same names recur in every batch (GPTQ, LLaMA-2-7B...): fold each once.
fold = lru_cache(maxsize=1 << 17)(_schema_fold)

# Papers per statement: big enough that the per-statement cost vanishes, small enough
# that one statement's parameters stay a few MB.
BATCH_SIZE = 500


def record_hash(record: PaperRecord) -> str:
    """Changes when anything the store would write for this record changes, so an equal
    hash means the write can be skipped."""
    ex = record.extraction.model_dump_json().encode("utf-8")
    paper = record.paper.model_dump_json().encode("utf-8")
    return hashlib.sha256(paper + b"\0" + ex).hexdigest()[:16]


def paper_props(paper) -> dict[str, Any]:
    """A Paper node's properties taken from its own record, as the store holds them
    (the extraction adds `topics`, the upsert `record_hash`)."""
    return {
        "version": paper.version, "title": paper.title, "abstract": paper.abstract,
        "published": _iso(paper.published), "updated": _iso(paper.updated),
        # the paper's order; WROTE edges carry none
        "authors": [name.strip() for name in paper.authors if name.strip()],
        "categories": list(paper.categories), "source": paper.source, "url": paper.url,
        "is_summary": paper.is_summary, "text_hash": paper.text_hash,
    }


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _num(value: float | None) -> float | None:
    # Non-finite numbers have no Cypher literal and no meaning as a claim value.
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """Drop None values: absent and null properties are the same thing in both engines."""
    return {k: v for k, v in props.items() if v is not None}


class _Rows:
    """Parameter lists for one UPSERT_BATCH statement, deduplicated as they grow."""

    def __init__(self) -> None:
        self.params: dict[str, list[Any]] = {name: [] for name in Q.UPSERT_PARAMS}
        self._entities: dict[str, dict[str, dict[str, Any]]] = {
            "methods": {}, "datasets": {}, "models": {}, "metrics": {},
        }
        self._links: set[tuple[str, str, str]] = set()
        self._categories: set[str] = set()
        self._method_categories: set[tuple[str, str]] = set()

    def entity(self, kind: str, name: str | None, aliases: Iterable[str] = (),
               category: str | None = None) -> str | None:
        if not name:
            return None
        eid = fold(name)
        if not eid:
            return None
        row = self._entities[kind].get(eid)
        if row is None:
            row = {"id": eid, "name": name.strip(), "aliases": []}
            if kind == "methods":
                row["alias_ids"] = []
                row["category"] = None
            self._entities[kind][eid] = row
        for alias in aliases:
            if alias and alias not in row["aliases"]:
                row["aliases"].append(alias)
                if kind == "methods" and fold(alias) and fold(alias) not in row["alias_ids"]:
                    row["alias_ids"].append(fold(alias))
        if kind == "methods" and category and row["category"] is None:
            row["category"] = category
            if (eid, category) not in self._method_categories:
                self._method_categories.add((eid, category))
                self.params["method_categories"].append({"method": eid, "category": category})
                self.category(category)
        return eid

    def category(self, cid: str) -> None:
        if cid not in self._categories:
            self._categories.add(cid)
            self.params["categories"].append({"id": cid})

    def link(self, rel: str, paper: str, target: str | None) -> None:
        if target and (rel, paper, target) not in self._links:
            self._links.add((rel, paper, target))
            self.params[f"link_{rel.lower()}"].append({"paper": paper, "target": target})

    def finish(self) -> dict[str, list[Any]]:
        for kind, rows in self._entities.items():
            self.params[kind] = [_clean(r) if kind != "methods" else r for r in rows.values()]
        self.params["method_aliases"] = [
            {"alias": aid, "method": row["id"]}
            for row in self._entities["methods"].values() for aid in row["alias_ids"] if aid != row["id"]]
        return self.params


def build_upsert_params(records: list[PaperRecord], orphans: Iterable[tuple[str, str]] = (),
                        hashes: dict[str, str] | None = None,
                        stored: Iterable[str] | None = None) -> dict[str, list[Any]]:
    """The parameters of UPSERT_BATCH for records that changed, plus orphan candidates.

    `stored`: the ids already in the graph, whose old facts must go first (None: all of
    them, which is always safe; new papers have nothing to delete, so passing the real
    set saves the delete work for them)."""
    rows = _Rows()
    hashes = hashes or {}
    for record in records:
        _add_record(rows, record, hashes.get(record.paper.id) or record_hash(record))
    params = rows.finish()
    if stored is not None:
        keep = set(stored)
        params["ids"] = [pid for pid in params["ids"] if pid in keep]
    for label, eid in orphans:
        if label in Q.ENTITY_LABELS and eid:
            params[f"orphan_{label.lower()}"].append(eid)
    return params


def _canonical_names(ex) -> dict[str, str]:
    """Within one extraction, a name that is a declared alias of a listed method means
    that method ("OPTQ" -> "GPTQ"), so the alias never becomes a node of its own.
    Only the record's own aliases count: the outcome must not depend on batching."""
    own = {fold(m.name) for m in ex.methods}
    canon: dict[str, str] = {}
    for m in ex.methods:
        for alias in m.aliases:
            aid = fold(alias)
            if aid and aid not in own:
                canon.setdefault(aid, m.name)
    return canon


def _add_record(rows: _Rows, record: PaperRecord, rhash: str) -> None:
    paper, ex = record.paper, record.extraction
    canon = _canonical_names(ex)

    def mname(name: str | None) -> str | None:
        return canon.get(fold(name), name) if name else name

    ex = ex.model_copy(update={
        "claims": [c.model_copy(update={"method": mname(c.method), "baseline": mname(c.baseline)})
                   for c in ex.claims],
        "outperforms": [o.model_copy(update={"method": mname(o.method), "baseline": mname(o.baseline)})
                        for o in ex.outperforms],
    })
    pid = paper.id
    topics = [c for c in dict.fromkeys(ex.categories)]
    published = _iso(paper.published)
    rows.params["ids"].append(pid)
    rows.params["papers"].append({"id": pid, "props": _clean({
        **paper_props(paper), "topics": topics, "record_hash": rhash})})
    seen_authors: set[str] = set()
    for name in paper.authors:
        aid = fold(name)
        if aid and aid not in seen_authors:
            seen_authors.add(aid)
            rows.params["authors"].append({"paper": pid, "id": aid, "name": name.strip()})
    for cat in topics:
        rows.category(cat)
        rows.link("IN_CATEGORY", pid, cat)

    # Methods the paper names; proposed ones get PROPOSES, every other reference MENTIONS.
    categories: dict[str, str] = {}
    proposed: set[str] = set()
    for m in ex.methods:
        mid = rows.entity("methods", m.name, m.aliases, m.category)
        if mid and m.role == "proposed":
            proposed.add(mid)
        if mid and m.category:
            categories.setdefault(mid, m.category)
    mentioned: set[str] = {fold(m.name) for m in ex.methods}
    for name in [c.method for c in ex.claims] + [c.baseline for c in ex.claims] + \
            [o.method for o in ex.outperforms] + [o.baseline for o in ex.outperforms]:
        mid = rows.entity("methods", name)
        if mid:
            mentioned.add(mid)
    for mid in sorted(proposed):
        rows.link("PROPOSES", pid, mid)
    for mid in sorted(mentioned - proposed):
        rows.link("MENTIONS", pid, mid if mid else None)
    for kind, rel, items, extra in (
        ("datasets", "EVALUATES_ON", ex.datasets, [c.dataset for c in ex.claims] + [o.dataset for o in ex.outperforms]),
        ("models", "USES_MODEL", ex.models, [c.model for c in ex.claims] + [o.model for o in ex.outperforms]),
        ("metrics", "REPORTS_METRIC", ex.metrics, [c.metric for c in ex.claims]),
    ):
        for item in items:
            rows.link(rel, pid, rows.entity(kind, item.name, item.aliases))
        for name in extra:
            rows.link(rel, pid, rows.entity(kind, name))

    fallback_category = next((t for t in topics if t != "not-efficiency"), None)
    claim_ids: list[str] = []
    used: set[str] = set()
    for claim in ex.claims:
        cid = claim_id(pid, claim.start, claim.end)
        n = 1
        while cid in used:  # two claims read off one span (e.g. two numbers)
            n += 1
            cid = claim_id(pid, claim.start, claim.end, n)
        used.add(cid)
        claim_ids.append(cid)
        method_id = fold(claim.method) if claim.method else None
        props = _clean({
            "paper": pid, "kind": claim.kind, "value": _num(claim.value), "unit": claim.unit,
            "direction": claim.direction, "bits": _num(claim.bits), "model": claim.model,
            "dataset": claim.dataset, "hardware": claim.hardware, "metric": claim.metric,
            "method": claim.method, "baseline": claim.baseline, "evidence": claim.evidence,
            "start": claim.start, "end": claim.end, "published": published,
            "category": categories.get(method_id or "") or fallback_category,
            "method_id": method_id or None,
            "baseline_id": fold(claim.baseline) if claim.baseline else None,
            "dataset_id": fold(claim.dataset) if claim.dataset else None,
            "model_id": fold(claim.model) if claim.model else None,
        })
        rows.params["claims"].append({"paper": pid, "id": cid, "props": props})
        for rel, value in (("ABOUT", claim.method), ("AGAINST", claim.baseline),
                           ("ON_DATASET", claim.dataset), ("ON_MODEL", claim.model),
                           ("MEASURES", claim.metric)):
            target = fold(value) if value else ""
            if target:
                rows.params[f"claim_{rel.lower()}"].append({"paper": pid, "claim": cid, "target": target})

    # OUTPERFORMS edges: the extractor's, each joined to the claim that gives its numbers;
    # plus one per claim that states "better than <baseline>" with no such edge already.
    pairs: set[tuple[str, str]] = set()
    for o in ex.outperforms:
        a, b = fold(o.method), fold(o.baseline)
        if not a or not b or a == b:
            continue
        pairs.add((a, b))
        best = _matching_claim(ex.claims, claim_ids, a, b, o)
        rows.params["outperforms"].append({"method": a, "baseline": b, "props": _edge_props(
            paper, topics, o.bits, o.dataset, o.model, o.evidence, o.start, o.end, best)})
    for claim, cid in zip(ex.claims, claim_ids):
        if not (claim.method and claim.baseline and claim.direction == "better"):
            continue
        a, b = fold(claim.method), fold(claim.baseline)
        if a and b and a != b and (a, b) not in pairs:
            pairs.add((a, b))
            rows.params["outperforms"].append({"method": a, "baseline": b, "props": _edge_props(
                paper, topics, claim.bits, claim.dataset, claim.model, claim.evidence, claim.start,
                claim.end, (claim, cid))})


def _matching_claim(claims, claim_ids, a, b, o):
    """The claim behind an outperforms edge: same method and baseline, then same bits,
    then overlapping evidence span; None when the paper gives no number for it."""
    scored = []
    for claim, cid in zip(claims, claim_ids):
        if not claim.method or fold(claim.method) != a:
            continue
        score = 0
        if claim.baseline and fold(claim.baseline) == b:
            score += 4
        if o.bits is not None and claim.bits == o.bits:
            score += 2
        if o.start is not None and o.end is not None and claim.start < o.end and o.start < claim.end:
            score += 1
        if score >= 1 and (score >= 4 or o.start is not None):
            scored.append((score, -claim.start, claim, cid))
    if not scored:
        return None
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return scored[0][2], scored[0][3]


def _edge_props(paper, topics, bits, dataset, model, evidence, start, end, best) -> dict[str, Any]:
    claim, cid = best if best else (None, None)
    return _clean({
        # The paper's title, date and topics ride on the edge so `beats` needs no join
        # back to the Paper node (FalkorDB plans that join as a scan of every paper).
        "paper": paper.id, "title": paper.title, "published": _iso(paper.published),
        "topics": topics, "bits": _num(bits) if bits is not None else (claim.bits if claim else None),
        "dataset": dataset or (claim.dataset if claim else None),
        "model": model or (claim.model if claim else None),
        "dataset_id": fold(dataset or (claim.dataset if claim else None) or "") or None,
        "model_id": fold(model or (claim.model if claim else None) or "") or None,
        "evidence": evidence or (claim.evidence if claim else None),
        "start": start, "end": end, "claim": cid,
        "kind": claim.kind if claim else None,
        "value": _num(claim.value) if claim else None,
        "unit": claim.unit if claim else None,
        "direction": claim.direction if claim else None,
    })


# ---------------------------------------------------------------------------------------
# Named-query parameters: checked, coerced from CLI strings, defaults filled, derived.
# ---------------------------------------------------------------------------------------
_TRUE = {"1", "true", "yes", "y", "on"}
_FALSE = {"0", "false", "no", "n", "off"}


def _coerce(name: str, spec: Q.Param, value: Any) -> Any:
    # An empty box in a form or `--param k=` means "no filter", whatever the type.
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    try:
        if spec.type == "int":
            if isinstance(value, bool):
                raise ValueError
            return int(value) if not isinstance(value, float) or value.is_integer() else _bad()
        if spec.type == "float":
            if isinstance(value, bool):
                raise ValueError
            out = float(value)
            if not math.isfinite(out):
                raise ValueError
            return out
        if spec.type == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise ValueError
        if spec.type == "list":
            if isinstance(value, str):
                return [v.strip() for v in value.split(",") if v.strip()]
            return [str(v) for v in value]
        if isinstance(value, (dict, list)):
            raise ValueError
        return str(value)
    except (TypeError, ValueError):
        raise StoreError(f"parameter {name!r} must be {spec.type}, got {value!r}") from None


def _bad():
    raise ValueError


def fulltext_query(text: str, dialect: str) -> str:
    """Words only, lower-cased (so nothing typed can act as search syntax: no operators,
    fields or wildcards of RediSearch or Lucene), all required; the last word, if it has
    3+ letters, also matches as a prefix, as one expects while typing."""
    words = [w.lower() for w in re.findall(r"\w+", text)]
    if not words:
        return ""
    if len(words[-1]) >= 3:
        words[-1] += "*"
    return (" AND " if dialect == "neo4j" else " ").join(words)


class CypherStore:
    """GraphStore behaviour over three primitives a backend provides."""

    backend = "?"
    dialect = "falkordb"  # which of a named query's `search` statements this engine runs
    # False: the paper fields of cypher.PAPER_DOC_FIELDS (the abstract among them) live
    # beside the graph (EmbeddedStore's PaperTexts) and the backend provides the hooks below.
    text_in_graph = True

    def _put_texts(self, changed: list[PaperRecord], unchanged: list[PaperRecord]) -> None:
        """Store the changed records' texts, and put back any unchanged one's gone missing."""
        raise NotImplementedError

    def _drop_texts(self, ids: list[str]) -> None:
        raise NotImplementedError

    # -- primitives -----------------------------------------------------------------
    def _read(self, cypher: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _write(self, cypher: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _read_user(self, cypher: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        raise NotImplementedError

    # -- papers -----------------------------------------------------------------------
    def upsert(self, records: Iterable[PaperRecord]) -> dict[str, int]:
        latest: dict[str, PaperRecord] = {}
        for record in records:
            latest[record.paper.id] = record  # the last of duplicates in one call wins
        totals = {"new": 0, "updated": 0, "unchanged": 0, "claims": 0, "outperforms": 0}
        items = list(latest.values())
        for start in range(0, len(items), BATCH_SIZE):
            chunk = items[start:start + BATCH_SIZE]
            for key, value in self._upsert_chunk(chunk).items():
                totals[key] += value
        return totals

    def _upsert_chunk(self, chunk: list[PaperRecord]) -> dict[str, int]:
        ids = [r.paper.id for r in chunk]
        existing = {row["id"]: row["record_hash"] for row in self._read(Q.PAPER_HASHES, {"ids": ids})}
        hashes = {r.paper.id: record_hash(r) for r in chunk}
        changed = [r for r in chunk if existing.get(r.paper.id) != hashes[r.paper.id]]
        updated = [r.paper.id for r in changed if r.paper.id in existing]
        counts = {"new": len(changed) - len(updated), "updated": len(updated),
                  "unchanged": len(chunk) - len(changed), "claims": 0, "outperforms": 0}
        if not self.text_in_graph:
            # text first: a crash before the graph write leaves only an unseen text row
            moved = {r.paper.id for r in changed}
            self._put_texts(changed, [r for r in chunk if r.paper.id not in moved])
        if not changed:
            return counts
        old = self._read(Q.PAPER_NEIGHBOURS, {"ids": updated}) if updated else []
        params = build_upsert_params(changed, [(r["label"], r["id"]) for r in old], hashes, stored=updated)
        if not self.text_in_graph:
            for row in params["papers"]:
                for field in Q.PAPER_DOC_FIELDS:
                    row["props"].pop(field, None)
        self._write(Q.UPSERT_BATCH, params)
        counts["claims"] = len(params["claims"])
        counts["outperforms"] = len(params["outperforms"])
        return counts

    def delete_paper(self, paper_id: str) -> bool:
        found = self._read(Q.PAPER_HASHES, {"ids": [paper_id]})
        if not found:
            return False
        old = self._read(Q.PAPER_NEIGHBOURS, {"ids": [paper_id]})
        params: dict[str, Any] = {name: [] for name in Q.DELETE_PARAMS}
        params["ids"] = [paper_id]
        for row in old:
            if row["label"] in Q.ENTITY_LABELS and row["id"]:
                params[f"orphan_{row['label'].lower()}"].append(row["id"])
        self._write(Q.DELETE_PAPERS, params)
        if not self.text_in_graph:
            self._drop_texts([paper_id])
        return True

    def paper_versions(self, ids: Iterable[str]) -> dict[str, str]:
        wanted = list(dict.fromkeys(ids))
        out: dict[str, str] = {}
        for start in range(0, len(wanted), 5000):
            rows = self._read(Q.PAPER_HASHES, {"ids": wanted[start:start + 5000]})
            out.update({row["id"]: row["text_hash"] for row in rows})
        return out

    # -- reading ----------------------------------------------------------------------
    def query(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        nq = Q.NAMED_QUERIES.get(name)
        if nq is None:
            raise UnknownQuery(f"unknown query {name!r}; known: {', '.join(sorted(Q.NAMED_QUERIES))}")
        if nq is Q.STATS_QUERY:
            if params:
                raise UnknownQuery(f"query 'stats' takes no parameters, got {sorted(params)}")
            return [self.stats()]
        bound, cypher = self._bind(nq, dict(params or {}))
        rows = self._read(cypher, bound)
        if nq is Q.RUNS_QUERY:
            rows = [self._run_row(r) for r in rows]
        if nq.shape == "object":
            rows = rows[:1]
        return rows

    def _bind(self, nq: Q.NamedQuery, given: dict[str, Any]) -> tuple[dict[str, Any], str]:
        unknown = sorted(set(given) - set(nq.params))
        if unknown:
            known = ", ".join(nq.params) or "none"
            raise UnknownQuery(f"query {nq.name!r} has no parameter {', '.join(unknown)}; it takes: {known}")
        bound: dict[str, Any] = {}
        for pname, spec in nq.params.items():
            value = _coerce(pname, spec, given.get(pname))
            if value is None:
                value = spec.default
            if spec.required and value in (None, ""):
                raise StoreError(f"query {nq.name!r} needs --param {pname}=... ({spec.help})")
            if spec.choices is not None and value is not None and value not in spec.choices:
                raise StoreError(f"parameter {pname!r} must be one of {list(spec.choices)}, got {value!r}")
            bound[pname] = value
            if spec.derive == "method":
                bound[f"{pname}_id"] = self.resolve_method(value) if value else None
            elif spec.derive == "fold":
                bound[f"{pname}_id"] = fold(value) if value is not None else None
                bound[f"{pname}_lower"] = value.lower() if value is not None else None
            elif spec.derive == "lower":
                bound[f"{pname}_lower"] = value.lower() if value else None
        if nq.search is not None and bound.get("q"):
            search = fulltext_query(bound.pop("q"), self.dialect)
            if search:
                bound["search"] = search
                return bound, nq.search[self.dialect]
            return bound, nq.cypher
        if nq.search is not None:
            bound.pop("q", None)
        if nq.anchors is not None:
            key = next((k for k in nq.anchors if bound.get(k) is not None), None)
            if key is not None:
                return bound, nq.anchors[key]
        if nq.variants is not None:
            label, depth = bound.pop("label"), bound.pop("depth")
            node = bound.pop("id")
            if label == "Method":
                node = self.resolve_method(node)
            elif label in Q.FOLDED_LABELS:
                node = fold(node)
            bound["node_id"] = node
            bound["node_id_paper"] = claim_paper(node) if label == "Claim" else None
            return bound, nq.variants[(label, depth)]
        return bound, nq.cypher

    def resolve_method(self, name: str) -> str:
        """The Method id a name or alias denotes ('OPTQ' -> 'gptq'); its fold if unknown."""
        mid = fold(name)
        if not mid:
            return ""
        if self._read(Q.RESOLVE_METHOD, {"id": mid}):
            return mid
        rows = self._read(Q.RESOLVE_METHOD_ALIAS, {"id": mid})
        return rows[0]["id"] if rows else mid

    def read_cypher(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        check_read_only(cypher)
        return self._read_user(cypher, dict(params or {}))

    # -- dump and import (graph/transfer.py) ----------------------------------------------
    def dump_nodes(self, label: str, page_size: int = 2000) -> Iterator[DumpNode]:
        if label not in Q.DUMP_LABELS:
            raise UnknownQuery(f"no dump for label {label!r}")
        for rows in self._dump_pages(Q.DUMP_NODES[self.dialect][label], page_size, check_order=True):
            for row in rows:
                # Trusted store output: built without validation (millions of rows);
                # the importer validates every line it reads.
                yield DumpNode.model_construct(node=label, id=row["id"], props=row["props"] or {})

    def dump_relationships(self, rel: str, source_label: str, target_label: str,
                           page_size: int = 2000) -> Iterator[DumpRel]:
        key = (rel, source_label, target_label)
        if key not in Q.DUMP_RELS[self.dialect]:
            raise UnknownQuery(f"no dump for {rel} from {source_label} to {target_label}")
        for rows in self._dump_pages(Q.DUMP_RELS[self.dialect][key], page_size):
            for row in rows:
                if row["props"] is None:  # a source node without this relationship
                    continue
                yield DumpRel.model_construct(rel=rel, from_=(source_label, row["source"]),
                                              to=(target_label, row["target"]), props=row["props"])

    def _dump_pages(self, cypher: str, page_size: int,
                    check_order: bool = False) -> Iterator[list[dict[str, Any]]]:
        after: Any = Q.DUMP_START[self.dialect]
        while True:
            rows = self._read(cypher, {"after": after, "limit": max(1, int(page_size))})
            if not rows:
                return
            cursors = [row["cursor"] for row in rows]
            # FalkorDB pages have no ORDER BY (see cypher.DUMP_START): they are right only
            # while its label scan walks ids upwards, so node pages check that rather than
            # trust it. (Relationship pages run the same scan, but the OPTIONAL MATCH
            # after it emits sources with edges before those without: no order to check.)
            if check_order and self.dialect == "falkordb" and any(
                    b <= a for a, b in zip(cursors, cursors[1:])):
                raise StoreError("the engine returned a dump page out of id order; paging "
                                 "would skip nodes, so the dump stops here")
            yield rows
            after = max(cursors)

    def import_nodes(self, label: str, nodes: list[DumpNode]) -> int:
        if label not in Q.IMPORT_NODES:
            raise UnknownQuery(f"no import for label {label!r}")
        if not nodes:
            return 0
        rows = [{"id": n.id, "props": n.props} for n in nodes]
        if label == "Claim":  # merged under its paper (cypher.IMPORT_NODES)
            for row in rows:
                row["paper"] = row["props"].get("paper") or claim_paper(row["id"])
        out = self._write(Q.IMPORT_NODES[label], {"rows": rows})
        return int(out[0]["written"]) if out else 0

    def import_relationships(self, rel: str, source_label: str, target_label: str,
                             rels: list[DumpRel]) -> list[int]:
        key = (rel, source_label, target_label)
        if key not in Q.IMPORT_RELS:
            raise UnknownQuery(f"no import for {rel} from {source_label} to {target_label}")
        if not rels:
            return []
        rows = []
        for i, r in enumerate(rels):
            row = {"i": i, "source": r.from_[1], "target": r.to[1], "props": r.props}
            for end, label in (("source", source_label), ("target", target_label)):
                if label == "Claim":  # found through its paper (cypher._match_node)
                    row[f"{end}_paper"] = claim_paper(row[end])
            for k in Q.REL_MERGE_KEYS[rel]:
                if r.props.get(k) is None:  # a null merge key is an error on Neo4j
                    raise StoreError(f"{rel} relationship without its {k!r} property")
                row[f"key_{k}"] = r.props[k]
            rows.append(row)
        written = {row["i"] for row in self._write(Q.IMPORT_RELS[key], {"rows": rows})}
        return [i for i in range(len(rels)) if i not in written]

    def stats(self) -> dict[str, int]:
        # Every label and type of the model is reported, zero included.
        counts = dict.fromkeys(Q.NODE_LABELS + Q.REL_TYPES, 0)
        for name, total in self._stat_rows():
            if name in counts:
                counts[name] = int(total)
        return counts

    def _stat_rows(self) -> list[tuple[str, int]]:
        return [(row["name"], row["total"]) for row in self._read(Q.STATS, {})]

    # -- runs and locks ---------------------------------------------------------------
    def save_run(self, run: IngestRun) -> None:
        props = {
            "query": run.query, "source": run.source, "started": _iso(run.started),
            "finished": _iso(run.finished), "status": run.status,
            # Neo4j properties cannot hold maps, so counts travel as JSON text.
            "counts": json.dumps(run.counts, sort_keys=True),
            "watermark": _iso(run.watermark), "message": run.message,
        }
        # A null in `SET r += $props` clears an old value (e.g. a watermark never set).
        self._write(Q.SAVE_RUN, {"id": run.id, "props": props})

    @staticmethod
    def _run_row(row: dict[str, Any]) -> dict[str, Any]:
        out = dict(row)
        out["counts"] = json.loads(row["counts"]) if row.get("counts") else {}
        return out

    def runs(self, limit: int = 20, query: str | None = None) -> list[IngestRun]:
        rows = self._read(Q.RUNS, {"limit": int(limit), "query": query})
        return [IngestRun.model_validate({k: v for k, v in self._run_row(r).items()
                                          if v is not None}) for r in rows]

    def last_watermark(self, query: str) -> datetime | None:
        rows = self._read(Q.LAST_WATERMARK, {"query": query})
        value = rows[0]["watermark"] if rows else None
        return datetime.fromisoformat(value) if value else None

    def try_lock(self, name: str, owner: str, ttl_seconds: float = 3600,
                 steal_from: str | None = None) -> bool:
        rows = self._write(Q.TRY_LOCK, {"name": name, "owner": owner, "now": time.time(),
                                        "ttl": float(ttl_seconds), "steal_from": steal_from})
        return bool(rows and rows[0]["acquired"])

    def lock_info(self, name: str) -> dict[str, Any] | None:
        """{"owner", "expires" (epoch seconds)} of a held lock, None when free."""
        rows = self._read(Q.LOCK_INFO, {"name": name})
        if not rows or (rows[0]["expires"] is not None and rows[0]["expires"] < time.time()):
            return None
        return rows[0]

    def unlock(self, name: str, owner: str) -> bool:
        rows = self._write(Q.UNLOCK, {"name": name, "owner": owner})
        return bool(rows and rows[0]["released"])
