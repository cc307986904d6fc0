"""The wheel installs as one `claimgraph` package and squats no generic top-level name."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_coexists_with_pypi_schema_package(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = dist.glob("claimgraph-*.whl")
    tops = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert tops == {"claimgraph", wheel.name.split("-")[0] + "-" + wheel.name.split("-")[1] + ".dist-info"}
    names = zipfile.ZipFile(wheel).namelist()
    # Every source subpackage must be listed in pyproject's `packages`, or it silently
    # goes missing from installs that are not editable.
    source_pkgs = {
        "claimgraph/" + str(init.parent.relative_to(ROOT)) + "/__init__.py"
        for top in ("schema", "extract", "graph", "app") for init in (ROOT / top).rglob("__init__.py")
    }
    assert source_pkgs <= set(names), f"not in the wheel: {sorted(source_pkgs - set(names))}"
    assert any(n.startswith("claimgraph/extract/lexicon/") and n.endswith(".jsonl") for n in names), \
        "the lexicon data files must ship in the wheel"
    assert "claimgraph/docs/cypher.md" in names, "the Cypher page's cookbook must ship in the wheel"

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    # PyPI's `schema` (keleshev/schema) is the popular owner of that import name.
    subprocess.run([py, "-m", "pip", "install", "-q", "schema", "pydantic"], check=True, timeout=300)
    subprocess.run([py, "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, timeout=300)
    probe = (
        "import schema, claimgraph.schema as cs\n"
        "assert hasattr(schema, 'Schema') and schema.Schema(int).validate(3) == 3\n"
        "assert cs.fold('Llama 2 7B') == cs.fold('LLaMA-2-7B')\n"
        "print('both import')\n"
    )
    out = subprocess.run([py, "-c", probe], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "both import" in out.stdout
