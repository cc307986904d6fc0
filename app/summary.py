"""Print a short human summary of an extraction JSONL file (what `make run` shows)."""

from __future__ import annotations

import json
import sys
from collections import Counter


def summarise(path: str) -> str:
    papers = claims = 0
    methods: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    cats: Counter[str] = Counter()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            papers += 1
            claims += len(rec["claims"])
            methods.update(m["name"] for m in rec["methods"])
            kinds.update(c["kind"] for c in rec["claims"])
            cats.update(rec["categories"])
    top = lambda c: ", ".join(f"{k} ({v})" for k, v in c.most_common(8)) or "-"  # noqa: E731
    return "\n".join([
        f"papers: {papers}   claims: {claims}   distinct methods: {len(methods)}",
        f"top methods:    {top(methods)}",
        f"claim kinds:    {top(kinds)}",
        f"categories:     {top(cats)}",
    ])


if __name__ == "__main__":
    print(summarise(sys.argv[1]))
