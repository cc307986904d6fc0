"""The packaged lexicon: every file loads, entries are well formed, bad lines say where."""

from __future__ import annotations

import pytest

from claimgraph.extract.lexicon import KINDS, LexiconError, hardware, load, parse_lines
from claimgraph.schema import CATEGORIES, fold


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_loads_with_unique_names(kind):
    entries = load(kind)
    assert len(entries) >= 30
    names = [e.name for e in entries]
    assert len(names) == len(set(names))
    assert all(e.kind == kind for e in entries)


def test_method_categories_are_from_the_closed_list():
    cats = {e.category for e in load("methods") if e.category}
    assert cats <= set(CATEGORIES)
    assert {"quantization", "pruning", "peft", "kv-cache", "optimizer"} <= cats


def test_known_aliases_are_there():
    by_name = {e.name: e for e in load("methods")}
    assert "OPTQ" in by_name["GPTQ"].aliases
    assert by_name["GPTQ"].category == "quantization"
    assert by_name["Adam"].case_sensitive  # "adam" is not a name in running text
    datasets = {fold(f) for e in load("datasets") for f in e.forms}
    assert {fold("WikiText-2"), fold("ImageNet-1K"), fold("GSM8K")} <= datasets


def test_model_families_drive_patterns():
    families = {e.name for e in load("models") if e.family}
    assert {"LLaMA", "Qwen", "OPT", "ResNet", "ViT", "Mistral"} <= families


def test_no_surface_form_names_two_entries_of_one_kind():
    for kind in KINDS:
        seen: dict[str, str] = {}
        for e in load(kind):
            for form in e.forms:
                other = seen.setdefault(fold(form), e.name)
                assert other == e.name, f"{kind}: {form!r} names both {other} and {e.name}"


def test_hardware_loader_for_claim_settings():
    names = {e.name for e in hardware()}
    assert {"A100", "H100", "CPU", "mobile"} <= names


@pytest.mark.parametrize("line,message", [
    ("{not json", "not JSON"),
    ('{"aliases": ["x"]}', "non-empty 'name'"),
    ('{"name": "X", "colour": "red"}', "unknown keys"),
    ('{"name": "X", "category": "magic"}', "closed list"),
    ('{"name": "X", "aliases": "Y"}', "list of non-empty strings"),
])
def test_bad_lines_are_reported_with_file_and_line(line, message):
    lines = ['{"name": "Fine"}', line]
    with pytest.raises(LexiconError, match=rf"mine\.jsonl:2: .*{message}"):
        parse_lines("methods", lines, source="mine.jsonl")


def test_duplicate_names_are_refused():
    with pytest.raises(LexiconError, match="already defined on line 1"):
        parse_lines("methods", ['{"name": "A"}', '{"name": "A"}'])


def test_match_name_false_keeps_the_bare_name_out_of_text_matching():
    from claimgraph.extract.pipeline import Extractor
    from claimgraph.schema import Paper

    edge = next(e for e in hardware() if e.name == "edge")
    assert "edge" not in edge.match_forms and "edge devices" in edge.match_forms
    doc = Extractor().doc(Paper(id="t", title="T", abstract="It runs on edge devices and handles edge cases.").text)
    assert [(s.text, s.label_) for s in doc.spans["hardware"]] == [("edge devices", "edge")]
