"""Schema: canonical ids, paper ids, and the extraction contract's exact shape."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from claimgraph.schema import (
    CATEGORIES, Claim, Extraction, Method, Model, Outperforms, Paper, fold, paper_key,
)


@pytest.mark.parametrize("a,b", [
    ("Llama 2 7B", "LLaMA-2-7B"), ("SmoothQuant", "smooth quant"), ("Flash_Attention", "flash-attention"),
])
def test_fold_merges_surface_variants(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a,b", [("OPT-1.3B", "OPT-13B"), ("QuIP#", "QuIP"), ("C++", "C")])
def test_fold_keeps_meaningful_punctuation_apart(a, b):
    assert fold(a) != fold(b)


def test_paper_key_splits_version():
    assert paper_key("2306.08960v3") == ("2306.08960", 3)
    assert paper_key("2306.08960") == ("2306.08960", None)
    assert paper_key("hep-th/9901001v2") == ("hep-th/9901001", 2)
    assert paper_key("dev") == ("dev", None)


def test_method_id_is_folded_name():
    assert Method(name="LLM.int8()").id == fold("LLM.int8()")
    assert Model(name="Llama 2 7B").id == Model(name="LLaMA-2-7B").id


def test_paper_text_and_hash_follow_title_and_abstract():
    p = Paper(id="1", title="T", abstract="A b.")
    assert p.text == "T\nA b."
    assert p.text_hash != Paper(id="1", title="T", abstract="A c.").text_hash


def test_closed_vocabularies_reject_unknown_values():
    with pytest.raises(ValidationError):
        Claim(kind="vibes", value=1, unit="x", evidence="1x", start=0, end=2)
    with pytest.raises(ValidationError):
        Method(name="X", category="magic")
    with pytest.raises(ValidationError):
        Extraction(id="1", categories=["not-a-category"])
    assert "kv-cache" in CATEGORIES and len(CATEGORIES) == 20


def test_extraction_serialises_to_the_contract():
    ext = Extraction(
        id="2306.08960",
        methods=[Method(name="APB", aliases=["Automatic Prune Binarization"], role="proposed",
                        category="quantization")],
        categories=["quantization"],
        claims=[Claim(method="APB", baseline="GPTQ", kind="speedup", value=2.0, unit="x",
                      direction="better", bits=2, hardware="CPU", evidence="2x faster", start=5, end=14)],
        outperforms=[Outperforms(method="APB", baseline="GPTQ", bits=2)],
    )
    data = json.loads(json.dumps(ext.model_dump(mode="json")))
    assert set(data) >= {"id", "methods", "datasets", "models", "metrics", "categories", "claims", "outperforms"}
    m = data["methods"][0]
    assert (m["name"], m["aliases"], m["role"], m["category"]) == ("APB", ["Automatic Prune Binarization"],
                                                                   "proposed", "quantization")
    c = data["claims"][0]
    for key in ("method", "baseline", "kind", "value", "unit", "direction", "bits", "model", "dataset",
                "hardware", "evidence", "start", "end"):
        assert key in c
    assert data["outperforms"][0] == {"method": "APB", "baseline": "GPTQ", "bits": 2.0, "dataset": None,
                                      "model": None, "evidence": "", "start": None, "end": None}
    assert Extraction.model_validate(data) == ext
