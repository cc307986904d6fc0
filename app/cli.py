"""The one `claimgraph` entry point. Each subcommand lives in its own `app/cmd_*.py`
module exposing `register(subparsers)`; this file only wires them together and reads
settings, so no other module touches the environment."""

from __future__ import annotations

import argparse
import importlib
import sys

from claimgraph import __version__

# Subcommand modules, in the order `--help` lists them.
COMMANDS = ["cmd_extract", "cmd_app", "cmd_query", "cmd_ingest", "cmd_import"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimgraph",
        description="Turn ML-efficiency abstracts into a graph of methods and claims, and query it.",
    )
    parser.add_argument("--version", action="version", version=f"claimgraph {__version__}")
    parser.add_argument("--store", choices=["embedded", "neo4j"], default=None,
                        help="graph backend (env CLAIMGRAPH_STORE; default embedded)")
    parser.add_argument("--db", default=None, metavar="PATH",
                        help="embedded database file (env CLAIMGRAPH_DB)")
    parser.add_argument("--data-dir", default=None, metavar="DIR",
                        help="where claimgraph keeps its data (env CLAIMGRAPH_DATA_DIR)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"claimgraph.app.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from claimgraph.app.settings import Settings

    args.settings = Settings.load(store=args.store, db_path=args.db, data_dir=args.data_dir)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
