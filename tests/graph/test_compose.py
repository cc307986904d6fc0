"""docker-compose.yml: a Neo4j 5 service with a volume, a real Bolt healthcheck and the
password from .env. Checked with the compose CLI (the `docker compose` plugin, or the
standalone `docker-compose` that `make test` installs) and its structure with a YAML parser."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose_cli() -> list[str] | None:
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_compose_file(tmp_path):
    """Structure, and `compose config` itself: `make test` installs Debian's docker-compose,
    which renders and validates the file without a Docker engine."""
    check_structure()
    cli = compose_cli()
    assert cli is not None, "no compose CLI: `make test` installs docker-compose (apt), or install it by hand"
    check_compose_config(cli, tmp_path)


def check_structure():
    spec = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    neo4j = spec["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5")
    assert "community" in neo4j["image"]
    auth = neo4j["environment"]["NEO4J_AUTH"]
    assert "${NEO4J_PASSWORD" in auth  # from the env file, never written here
    assert any(v.split(":")[-1] == "/data" for v in neo4j["volumes"])
    assert set(spec["volumes"]) >= {v.split(":")[0] for v in neo4j["volumes"]}
    check = " ".join(neo4j["healthcheck"]["test"])
    assert "cypher-shell" in check and "bolt://" in check and "RETURN 1" in check
    assert all(p.startswith("127.0.0.1:") for p in neo4j["ports"])
    env_example = (ROOT / ".env.example").read_text()
    assert "NEO4J_PASSWORD=\n" in env_example  # shipped empty: no password in the repo


def check_compose_config(cli: list[str], tmp_path: Path):
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J")}
    (tmp_path / ".env").write_text((ROOT / ".env.example").read_text().replace(
        "NEO4J_PASSWORD=\n", "NEO4J_PASSWORD=change-me-please\n"))
    ok = subprocess.run(cli + ["config"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60)
    assert ok.returncode == 0, ok.stderr
    rendered = yaml.safe_load(ok.stdout)
    assert rendered["services"]["neo4j"]["environment"]["NEO4J_AUTH"] == "neo4j/change-me-please"
    # without a password the file refuses to render, naming what is missing
    (tmp_path / ".env").write_text("")
    missing = subprocess.run(cli + ["config"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60)
    assert missing.returncode != 0 and "NEO4J_PASSWORD" in (missing.stderr + missing.stdout)
