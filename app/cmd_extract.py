"""`claimgraph extract PATH [-o OUT]`: papers in, contract JSONL out (shared/contracts/EXTRACTION.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from claimgraph.app.progress import progress
from claimgraph.schema import Problem


def register(sub) -> None:
    p = sub.add_parser("extract", help="extract methods, datasets, models, metrics and claims from abstracts")
    p.add_argument("paths", nargs="+", metavar="PATH", help="corpus file(s): JSONL of {id,title,abstract} or another known format")
    p.add_argument("-o", "--output", default="-", help="output JSONL (default: stdout)")
    p.add_argument("--format", dest="fmt", default=None, help="force the input format")
    p.add_argument("--processes", type=int, default=1, help="worker processes for extraction")
    p.set_defaults(func=run)


def run(args) -> int:
    from claimgraph.app.ingest.files import read_papers
    from claimgraph.extract.pipeline import Extractor

    problems: list[Problem] = []

    def papers():
        for path in args.paths:
            for item in read_papers(path, fmt=args.fmt):
                if isinstance(item, Problem):
                    problems.append(item)
                    print(f"skipped {item}", file=sys.stderr)
                else:
                    yield item

    out = sys.stdout if args.output == "-" else Path(args.output).open("w", encoding="utf-8")
    n = 0
    try:
        extractor = Extractor()
        for extraction in progress(extractor.extract_many(papers(), processes=max(1, args.processes)), desc="extract", unit="paper"):
            out.write(json.dumps(extraction.model_dump(mode="json"), ensure_ascii=False) + "\n")
            n += 1
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"extracted {n} papers; skipped {len(problems)} bad records", file=sys.stderr)
    # 0: all read; 1: some records were skipped (their reasons are above); 2: nothing usable.
    if problems:
        return 1 if n else 2
    return 0
