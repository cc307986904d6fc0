"""`claimgraph query NAME`, `claimgraph cypher "MATCH ..."` and `claimgraph export`.

Scripts rely on these shapes:
  claimgraph --db PATH query beats --param baseline=GPTQ --param bits=2 --format json
      -> a JSON list of rows (method, baseline, paper, bits, kind, value, unit, evidence, ...)
  claimgraph --db PATH query stats --format json
      -> a JSON object, one count per node label and relationship type
`--param k=v` passes the text v; `--param k:=JSON` passes a typed JSON value (for
`cypher`, where no spec says that `bits` is a number: `--param bits:=2`).
Exit codes: 0 ok, 1 store/engine error, 2 bad input, 3 refused (a write in `cypher`).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any, TextIO

FORMATS = ("table", "json", "csv")


def register(sub: argparse._SubParsersAction) -> None:
    from claimgraph.graph.cypher import NAMED_QUERIES

    listing = "; ".join(f"{q.name}: {q.help}" for q in NAMED_QUERIES.values())
    q = sub.add_parser("query", help="run a named query (beats, claims, method, papers, stats, ...)",
                       description="Run a named query. Queries: " + listing)
    q.add_argument("name", nargs="?", help="query name; omit to list queries and their parameters")
    _common(q)
    q.set_defaults(func=run_query)

    c = sub.add_parser("cypher", help="run read-only Cypher (writes are refused)",
                       description="Run read-only Cypher against the graph. Values go in "
                                   "parameters: --param name=GPTQ, --param bits:=2.")
    c.add_argument("statement", help='e.g. "MATCH (m:Method {id: $id}) RETURN m.name"')
    _common(c)
    c.set_defaults(func=run_cypher)

    e = sub.add_parser("export", help="export the graph (GraphML/JSON/CSV/dump) or print analytics",
                       description="Export the whole graph or the method outperforms graph "
                                   "through networkx, or print analytics on the outperforms graph. "
                                   "--format dump writes the whole graph as a streamed JSON Lines "
                                   "dump for `claimgraph import` into another store (a --out name "
                                   "ending in .gz is compressed).")
    e.add_argument("--format", choices=("graphml", "json", "csv", "dump"), default="graphml")
    e.add_argument("--scope", choices=("full", "outperforms"), default="full",
                   help="every node and relationship, or methods and OUTPERFORMS edges only")
    e.add_argument("--out", metavar="PATH",
                   help="output file (csv: a directory for nodes.csv and edges.csv); default stdout")
    e.add_argument("--analytics", action="store_true",
                   help="print most-beaten baselines, PageRank, chains and contradictions instead")
    e.add_argument("--top", type=int, default=10, help="rows per analytics section")
    e.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="dump: if an ingest holds the store, wait this long for it (default: exit 75)")
    e.set_defaults(func=run_export)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--param", action="append", default=[], metavar="K=V",
                   help="a parameter: k=text or k:=json (repeatable)")
    p.add_argument("--format", choices=FORMATS, default="table")


def parse_params(items: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for item in items:
        if ":=" in item and item.index(":=") < item.index("=") + 1:
            key, raw = item.split(":=", 1)
            try:
                value: Any = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ValueError(f"--param {item!r}: not JSON after ':=' ({exc.msg})") from None
        elif "=" in item:
            key, value = item.split("=", 1)
        else:
            raise ValueError(f"--param {item!r}: expected k=v or k:=json")
        key = key.strip()
        if not key:
            raise ValueError(f"--param {item!r}: empty name")
        params[key] = value
    return params


def _open(args):
    from claimgraph.app.stores import open_store

    return open_store(args.settings)


def run_query(args) -> int:
    from claimgraph.graph.cypher import NAMED_QUERIES, STATS_QUERY
    from claimgraph.graph.store import StoreError, UnknownQuery

    if not args.name:
        for nq in NAMED_QUERIES.values():
            params = ", ".join(f"{k}{'*' if p.required else ''}" for k, p in nq.params.items())
            print(f"{nq.name:18} {nq.help}" + (f"\n{'':18} params: {params}" if params else ""))
        return 0
    if args.name not in NAMED_QUERIES:
        print(f"error: unknown query {args.name!r}; known: {', '.join(NAMED_QUERIES)}", file=sys.stderr)
        return 2
    try:
        params = parse_params(args.param)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    nq = NAMED_QUERIES[args.name]
    store = None
    try:
        store = _open(args)
        if nq is STATS_QUERY:
            if params:
                raise UnknownQuery("query 'stats' takes no parameters")
            emit(store.stats(), args.format)
            return 0
        rows = store.query(args.name, params)
    except UnknownQuery as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2 if _is_input_error(exc) else 1
    finally:
        if store is not None:
            store.close()
    if nq.shape == "object":
        if not rows:
            print(f"no match for {params}", file=sys.stderr)
            emit(None, args.format)
            return 0
        emit(rows[0], args.format)
    else:
        emit(rows, args.format)
    return 0


def _is_input_error(exc: Exception) -> bool:
    text = str(exc)
    return text.startswith("parameter ") or "needs --param" in text


def run_cypher(args) -> int:
    from claimgraph.graph.readonly import check_read_only
    from claimgraph.graph.store import ReadOnlyViolation, StoreError

    try:
        params = parse_params(args.param)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        check_read_only(args.statement)  # refuse before even opening the store
    except ReadOnlyViolation as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    store = None
    try:
        store = _open(args)
        rows = store.read_cypher(args.statement, params)
    except ReadOnlyViolation as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except StoreError as exc:
        text = str(exc)
        if "read-only" in text.lower() or "read only" in text.lower():
            print(f"error: refused by the engine's read-only mode: {text}", file=sys.stderr)
            return 3
        print(f"error: {text}", file=sys.stderr)
        return 1
    finally:
        if store is not None:
            store.close()
    emit(rows, args.format)
    return 0


def run_export(args) -> int:
    from claimgraph.graph import export as X
    from claimgraph.graph.store import StoreError

    if args.format == "dump" and not args.analytics:
        from claimgraph.app.cmd_import import export_dump

        return export_dump(args)

    store = None
    try:
        store = _open(args)
        if args.analytics:
            report = X.analytics(X.outperforms_graph(store), top=args.top)
            if args.format == "json":
                emit(report, "json")
            else:
                for section, rows in report.items():
                    print(f"== {section}")
                    emit(rows, "table")
                    print()
            return 0
        graph = X.full_graph(store) if args.scope == "full" else X.outperforms_graph(store)
        out = Path(args.out) if args.out else None
        if args.format == "csv":
            if out is None:
                X.write_csv(graph, sys.stdout)
            else:
                X.write_csv_dir(graph, out)
        elif args.format == "json":
            X.write_json(graph, out or sys.stdout)
        else:
            X.write_graphml(graph, out or sys.stdout.buffer)
        if out is not None:
            print(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges "
                  f"to {out}", file=sys.stderr)
        return 0
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        if store is not None:
            store.close()


# ---- output -------------------------------------------------------------------------
def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else str(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def emit(data: Any, fmt: str, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        json.dump(data, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
        return
    if isinstance(data, dict):
        rows = [{"key": k, "value": v} for k, v in data.items()]
    elif data is None:
        rows = []
    else:
        rows = list(data)
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
        return
    if not rows:
        print("(no rows)", file=out)
        return
    width = 60  # long evidence sentences are cut in the table; json/csv keep them whole
    cells = [[_cell(row.get(c)).replace("\n", " ") for c in columns] for row in rows]
    cells = [[v if len(v) <= width else v[: width - 1] + "…" for v in r] for r in cells]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for r in cells:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip(), file=out)
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", file=out)
