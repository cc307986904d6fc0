"""`claimgraph app`: start the Streamlit explorer against the configured store.

Runs `python -m streamlit run app/explorer/main.py -- <store flags>`: the explorer's entry
file parses those flags on each run (not at import). The Neo4j password is the one setting
not on the command line, where `ps` would show it; the child process gets it in its
environment as NEO4J_PASSWORD.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ENTRY = Path(__file__).resolve().parent / "explorer" / "main.py"


def register(sub) -> None:
    p = sub.add_parser("app", help="start the Streamlit explorer (http://127.0.0.1:8501)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default loopback only; use 0.0.0.0 to share on a network)")
    p.add_argument("--port", type=int, default=8501, help="port (default 8501)")
    p.add_argument("--browser", action="store_true", help="open a browser tab once the server is up")
    p.add_argument("--dry-run", action="store_true", help="print the command instead of running it")
    p.set_defaults(func=run)


def explorer_args(settings) -> list[str]:
    """The flags after `--` that the entry file turns back into the same Settings."""
    args = ["--store", settings.store, "--data-dir", str(settings.data_dir), "--db", str(settings.db_file),
            "--graph", settings.graph_name]
    if settings.store == "neo4j":
        args += ["--neo4j-uri", settings.neo4j_uri, "--neo4j-user", settings.neo4j_user,
                 "--neo4j-database", settings.neo4j_database]
    return args


def command(settings, host: str, port: int, browser: bool = False) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(ENTRY),
            "--server.address", host, "--server.port", str(port),
            "--server.headless", "false" if browser else "true",
            # No usage statistics leave the machine; no "Deploy" button for a local tool.
            "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer",
            "--", *explorer_args(settings)]


def child_env(settings) -> dict[str, str]:
    env = dict(os.environ)
    secret = settings.neo4j_password.get_secret_value()
    if secret:
        env["NEO4J_PASSWORD"] = secret
    return env


def run(args) -> int:
    settings = args.settings
    cmd = command(settings, args.host, args.port, args.browser)
    if args.dry_run:
        print(" ".join(cmd))
        return 0
    where = settings.db_file if settings.store == "embedded" else settings.neo4j_uri
    print(f"claimgraph explorer on http://{args.host}:{args.port} ({settings.store} store at {where}); Ctrl-C stops it",
          file=sys.stderr)
    # Become the Streamlit server (exec), so signals (Ctrl-C, a service manager's SIGTERM)
    # reach it directly and no orphan is left holding the database.
    if hasattr(os, "execve"):
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, cmd, child_env(settings))
    try:  # platforms without exec
        return subprocess.call(cmd, env=child_env(settings))
    except KeyboardInterrupt:
        return 130
