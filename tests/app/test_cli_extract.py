"""`claimgraph extract` end to end through the real console script, on bad input too."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.app.cli import main

CLI = [sys.executable, "-m", "claimgraph.app.cli"]

GOOD = {
    "id": "2401.00001v2",
    "title": "TinyQuant: Two-Bit Weights for Everyone",
    "abstract": "We propose TinyQuant, a post-training quantization method. "
    "At 2-bit, TinyQuant runs 2.5x faster than GPTQ on an A100.",
}


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + list(args), capture_output=True, text=True, cwd=cwd, timeout=120)


def write_lines(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def read_out(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("claimgraph ")
    proc = run_cli("--help")
    assert proc.returncode == 0
    assert "extract" in proc.stdout


def test_good_file_exits_zero_and_follows_contract(tmp_path):
    src = write_lines(tmp_path / "in.jsonl", [json.dumps(GOOD).encode()])
    out = tmp_path / "out.jsonl"
    proc = run_cli("extract", str(src), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    (rec,) = read_out(out)
    assert rec["id"] == "2401.00001"  # the version is not part of the paper id
    for key in ("methods", "datasets", "models", "metrics", "categories", "claims", "outperforms"):
        assert isinstance(rec[key], list)
    text = GOOD["title"] + "\n" + GOOD["abstract"]
    for claim in rec["claims"]:
        assert text[claim["start"]:claim["end"]] == claim["evidence"]


def test_bad_records_are_reported_with_line_and_the_rest_extracted(tmp_path):
    good2 = dict(GOOD, id="2401.00002")
    lines = [
        json.dumps(GOOD).encode(),                                  # 1 good
        b'{"id": "2401.9", "title": "broken", "abstract": ',        # 2 malformed JSON
        json.dumps({"id": "2401.00003", "title": "No abstract"}).encode(),  # 3 no abstract
        b'{"id": "2401.00004", "title": "Latin-1 \xe9", "abstract": "x"}',  # 4 not UTF-8
        b"[1, 2, 3]",                                               # 5 not an object
        json.dumps(good2).encode(),                                 # 6 good
    ]
    src = write_lines(tmp_path / "mixed.jsonl", lines)
    out = tmp_path / "out.jsonl"
    proc = run_cli("extract", str(src), "-o", str(out))
    assert proc.returncode == 1, "skipped records must show in the exit code"
    assert [r["id"] for r in read_out(out)] == ["2401.00001", "2401.00002"]
    err = proc.stderr
    assert f"{src}:2" in err and "malformed JSON" in err
    assert f"{src}:3" in err and "2401.00003" in err and "abstract" in err
    assert f"{src}:4" in err and "UTF-8" in err
    assert f"{src}:5" in err


def test_empty_file_and_missing_file_exit_nonzero(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    proc = run_cli("extract", str(empty), "-o", str(tmp_path / "o.jsonl"))
    assert proc.returncode == 2
    assert "empty" in proc.stderr
    proc = run_cli("extract", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl"))
    assert proc.returncode == 2
    assert "nope.jsonl" in proc.stderr


def test_huge_and_latex_abstracts_do_not_crash(tmp_path):
    sentence = "Our method reaches a $2.4\\times$ speedup and cuts memory by 40\\% with \\textbf{INT4} weights. "
    huge = dict(GOOD, id="2401.00010", abstract=sentence * (1_000_000 // len(sentence)))
    latex = dict(GOOD, id="2401.00011", abstract=sentence + "See $\\mathcal{O}(n^2)$ and \\cite{x}.")
    src = write_lines(tmp_path / "odd.jsonl", [json.dumps(huge).encode(), json.dumps(latex).encode()])
    out = tmp_path / "out.jsonl"
    proc = run_cli("extract", str(src), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert [r["id"] for r in read_out(out)] == ["2401.00010", "2401.00011"]


def test_two_processes_give_the_same_output_as_one(tmp_path):
    recs = [dict(GOOD, id=f"2401.{i:05d}") for i in range(40)]
    src = write_lines(tmp_path / "many.jsonl", [json.dumps(r).encode() for r in recs])
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run_cli("extract", str(src), "-o", str(one)).returncode == 0
    assert run_cli("extract", str(src), "-o", str(two), "--processes", "2").returncode == 0
    assert read_out(one) == read_out(two)
    assert len(read_out(one)) == 40
