"""Every explorer page through Streamlit's AppTest, against a real embedded store seeded
with tests/explorer/explorer_corpus.py (and an empty graph in the same database)."""

from __future__ import annotations

import re

import pytest

from explorer_corpus import GPTQ_QUESTION, GPTQ_WINNERS

PAGES = ["screens/ask.py", "screens/method.py", "screens/paper.py", "screens/graph.py", "screens/claims.py",
         "screens/cypher.py", "screens/status.py"]


def texts(at, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


def html(at) -> str:
    return "\n".join(e.proto.body for e in at.get("html"))


def no_traceback(at) -> None:
    """No exception escaped, and no page body failed into the guard's catch-all message."""
    assert not at.exception, [e.value for e in at.exception]
    assert not any("Traceback" in t for t in texts(at, "markdown") + texts(at, "error"))
    assert not any(t.startswith("Something went wrong") for t in texts(at, "error")), texts(at, "error")


def methods_line(at) -> set[str]:
    line = next(t for t in texts(at, "markdown") if t.startswith("**Methods:**"))
    return set(re.findall(r"\[([^\]]+)\]\(\./method\?", line))


# --- Ask ----------------------------------------------------------------------------------

def test_gptq_question_returns_the_right_methods_with_evidence(explorer_settings, make_app):
    at = make_app(explorer_settings, q=GPTQ_QUESTION)
    no_traceback(at)
    assert methods_line(at) == GPTQ_WINNERS  # not AWQ (4 bits), not PruneX (pruning), not QuantC
    body = html(at)
    # evidence sentences with the names and the number marked, and links to the papers
    assert '<mark class="cg-name">QuantA</mark> outperforms <mark class="cg-name">GPTQ</mark>' in body
    assert '<mark class="cg-num">6.9</mark>' in body
    assert "arxiv.org/abs/2401.00001" in body and "arxiv.org/abs/2403.00002" in body
    assert "2405.00004" not in body
    # how the question was understood, as filters, and in the URL
    assert any("baseline: GPTQ" in s for s in texts(at, "success"))
    assert at.query_params["baseline"] == ["GPTQ"] or at.query_params["baseline"] == "GPTQ"
    params = {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert params["q"] == GPTQ_QUESTION and params["bits"] == "2" and params["category"] == "quantization"
    assert [b.label for b in at.get("download_button")] == ["Download CSV"]


def test_a_shared_link_reproduces_edited_filters(explorer_settings, make_app):
    # Someone changed bits to 4 after asking: the link carries that, and wins over the question.
    at = make_app(explorer_settings, q=GPTQ_QUESTION, intent="beats", baseline="GPTQ", bits="4",
                  category="quantization")
    no_traceback(at)
    assert methods_line(at) == {"AWQ"}


def test_filters_alone_without_a_question(explorer_settings, make_app):
    at = make_app(explorer_settings, intent="beats", baseline="AWQ")
    no_traceback(at)
    assert methods_line(at) == {"QuantC"}


@pytest.mark.parametrize("q,intent_check", [
    ("what speedups are reported for speculative decoding", "DraftFast"),
    ("which datasets do KV cache papers use", "LongBench"),
    ("what beats AWQ on LLaMA-2-7B", "QuantC"),
    ("papers proposing pruning methods since 2024", "PruneX"),
])
def test_the_other_issue_questions(explorer_settings, make_app, q, intent_check):
    at = make_app(explorer_settings, q=q)
    no_traceback(at)
    page = html(at) + "\n".join(texts(at, "markdown")) + str([d.value for d in at.dataframe])
    assert intent_check in page


def test_unparseable_question_gets_a_hint(explorer_settings, make_app):
    at = make_app(explorer_settings, q="what is the meaning of life")
    no_traceback(at)
    assert any("Try for example" in w for w in texts(at, "warning"))
    assert not html(at).strip().startswith("<table")


def test_unknown_name_gets_a_suggestion(explorer_settings, make_app):
    at = make_app(explorer_settings, q="which methods beat GPTQQ at 2 bits")
    no_traceback(at)
    assert any("No method called “GPTQQ”" in w and "GPTQ" in w for w in texts(at, "warning"))
    assert any("No beats match" in i for i in texts(at, "info"))


def test_bad_url_values_are_reported_not_raised(explorer_settings, make_app):
    at = make_app(explorer_settings, q="", baseline="GPTQ", intent="beats", bits="many", since="yesterday")
    no_traceback(at)
    warnings = " ".join(texts(at, "warning"))
    assert "bits" in warnings and "since" in warnings
    assert {"QuantA", "QuantB", "AWQ", "PruneX"} <= methods_line(at)  # bits ignored, baseline kept


# --- every page on an empty graph -----------------------------------------------------------

@pytest.mark.parametrize("page", [p for p in PAGES if p not in ("screens/cypher.py", "screens/status.py")])
def test_empty_graph_says_how_to_fill_it(empty_settings, make_app, page):
    at = make_app(empty_settings, page=page)
    no_traceback(at)
    assert any("graph is empty" in i and "claimgraph ingest" in i for i in texts(at, "info"))


def test_status_on_empty_graph(empty_settings, make_app):
    at = make_app(empty_settings, page="screens/status.py")
    no_traceback(at)
    assert any("No ingest runs" in i for i in texts(at, "info"))


# --- Method ------------------------------------------------------------------------------

def test_method_page_by_alias(explorer_settings, make_app):
    at = make_app(explorer_settings, page="screens/method.py", name="OPTQ")
    no_traceback(at)
    assert [h.value for h in at.header] == ["GPTQ"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Beaten by"] == "4"  # QuantA, QuantB, AWQ, PruneX
    frames = [d.value for d in at.dataframe]
    beats_table = frames[0]
    assert set(beats_table.loc[beats_table["relation"] == "beaten by", "other"]) == {"QuantA", "QuantB", "AWQ", "PruneX"}
    assert len(at.get("vega_lite_chart")) >= 1  # the beats / beaten-by picture
    assert "2210.17323" in "\n".join(texts(at, "markdown"))  # proposed in


def test_method_page_unknown_name(explorer_settings, make_app):
    at = make_app(explorer_settings, page="screens/method.py", name="QuantZ")
    no_traceback(at)
    assert any("No method called “QuantZ”" in w and "QuantA" in w for w in texts(at, "warning"))


# --- Paper -------------------------------------------------------------------------------

def test_paper_page_marks_entities_and_claims(explorer_settings, make_app):
    at = make_app(explorer_settings, page="screens/paper.py", id="2401.00001v1")
    no_traceback(at)
    assert [h.value for h in at.header] == ["QuantA: two-bit weights for language models"]
    body = html(at)
    assert '<mark class="cg-claim"' in body
    assert 'href="./method?name=GPTQ"' in body and 'class="cg-Dataset"' in body
    assert '<mark class="cg-num">2.4x</mark>' in body


def test_paper_page_title_search_and_unknown(explorer_settings, make_app):
    at = make_app(explorer_settings, page="screens/paper.py", id="codebooks")
    no_traceback(at)
    assert any("2403.00002" in m for m in texts(at, "markdown"))
    at = make_app(explorer_settings, page="screens/paper.py", id="nothing like this")
    assert any("No paper with id or title words" in w for w in texts(at, "warning"))


# --- Graph -------------------------------------------------------------------------------

def test_graph_page_neighbourhood(explorer_settings, make_app):
    at = make_app(explorer_settings, page="screens/graph.py", label="Method", id="GPTQ")
    no_traceback(at)
    assert any(re.search(r"\d+ nodes, \d+ relationships around Method “GPTQ”", c) for c in texts(at, "caption"))
    assert len(at.get("vega_lite_chart")) == 1
    nodes = at.dataframe[0].value
    assert {"QuantA", "QuantB", "AWQ", "PruneX"} <= set(nodes["name"])


def test_graph_page_node_type_filter_and_unknown_node(explorer_settings, make_app):
    at = make_app(explorer_settings, page="screens/graph.py", label="Method", id="GPTQ", show="Paper")
    no_traceback(at)
    assert set(at.dataframe[0].value["label"]) == {"Method", "Paper"}  # the centre stays
    at = make_app(explorer_settings, page="screens/graph.py", label="Paper", id="2401.00001v1", depth="2")
    no_traceback(at)
    assert any("around Paper" in c for c in texts(at, "caption"))
    assert "LLaMA-2-7B" in set(at.dataframe[0].value["name"])
    at = make_app(explorer_settings, page="screens/graph.py", label="Dataset", id="NoSuchSet")
    no_traceback(at)
    assert any("No Dataset node" in w for w in texts(at, "warning"))


# --- Claims ------------------------------------------------------------------------------

def test_claims_page_filters_sort_and_charts(explorer_settings, make_app):
    at = make_app(explorer_settings, page="screens/claims.py", kind="speedup")
    no_traceback(at)
    table = at.dataframe[0].value
    assert set(table["method"]) == {"QuantA", "DraftFast"} and set(table["kind"]) == {"speedup"}
    at = make_app(explorer_settings, page="screens/claims.py", kind="speedup", view="Charts")
    no_traceback(at)
    assert len(at.get("vega_lite_chart")) == 3  # speedups per category, claims per month, bits vs ppl
    at = make_app(explorer_settings, page="screens/claims.py", sort="value")
    values = list(at.dataframe[0].value["value"])
    assert values == sorted(values, reverse=True) and len(values) == 7


def test_claims_page_bad_bits(explorer_settings, make_app):
    at = make_app(explorer_settings, page="screens/claims.py", bits="two")
    no_traceback(at)
    assert any("bits" in w for w in texts(at, "warning"))


# --- Cypher ------------------------------------------------------------------------------

def test_cypher_console_reads_with_params(explorer_settings, make_app):
    at = make_app(explorer_settings, page="screens/cypher.py", run="1",
                  cypher="MATCH (m:Method {category: $cat}) RETURN m.name AS name ORDER BY name",
                  params='{"cat": "pruning"}')
    no_traceback(at)
    assert list(at.dataframe[0].value["name"]) == ["PruneX"]


@pytest.mark.parametrize("cypher", [
    "MATCH (n) DETACH DELETE n",
    "CREATE (:Method {id: 'x'})",
    "MATCH (m:Method) SET m.name = 'pwned' RETURN m",
    "MERGE (m:Method {id: 'gptq'}) RETURN m",
])
def test_cypher_console_refuses_writes_and_explains(explorer_settings, make_app, cypher):
    at = make_app(explorer_settings, page="screens/cypher.py", run="1", cypher=cypher)
    no_traceback(at)
    assert any(e.startswith("Refused:") for e in texts(at, "error"))
    assert any("only reads" in i for i in texts(at, "info"))
    at = make_app(explorer_settings, page="screens/status.py")
    assert {m.label: m.value for m in at.metric}["Method"] == "8"  # nothing was written


def test_cypher_console_bad_syntax_and_params(explorer_settings, make_app):
    at = make_app(explorer_settings, page="screens/cypher.py", run="1", cypher="MATCH (m RETURN m")
    no_traceback(at)
    assert any("rejected the query" in e for e in texts(at, "error"))
    at = make_app(explorer_settings, page="screens/cypher.py", run="1", cypher="RETURN $x AS x", params="{bad json")
    assert any("not valid JSON" in e for e in texts(at, "error"))


# --- Status ------------------------------------------------------------------------------

def test_status_page_counts_and_backend(explorer_settings, make_app):
    at = make_app(explorer_settings, page="screens/status.py")
    no_traceback(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Paper"] == "8" and metrics["Claim"] == "7"
    assert any("embedded" in m and "explorer.db" in m for m in texts(at, "markdown"))
    assert not at.dataframe  # relationship counts only on request
    at = at.toggle[0].set_value(True).run()
    rels = dict(zip(at.dataframe[0].value["type"], at.dataframe[0].value["count"]))
    assert rels["OUTPERFORMS"] == 5 and rels["MAKES"] == 7


def test_graph_page_open_a_node_goes_to_its_page(explorer_settings, make_app):
    at = make_app(explorer_settings, page="screens/graph.py", label="Method", id="GPTQ")
    box = at.selectbox[-1]
    target = next(o for o in box.options if o.endswith("Method: QuantA"))
    at = box.select_index(box.options.index(target)).run()
    no_traceback(at)
    assert [h.value for h in at.header] == ["QuantA"]


def test_ask_page_says_which_filters_a_question_shape_ignores(explorer_settings, make_app):
    at = make_app(explorer_settings, q="which datasets do KV cache papers use", intent="datasets",
                  category="kv-cache", model="LLaMA-2-7B")
    no_traceback(at)
    assert any("Not used when looking for datasets: model" in c for c in texts(at, "caption"))


def test_cookbook_examples_are_read_from_docs():
    from claimgraph.app.explorer.data import cookbook

    examples = cookbook()
    assert len(examples) >= 12
    first = examples[0]
    assert "GPTQ" in first.title and first.params == {"baseline": "gptq", "bits": 2, "category": "quantization"}
    assert first.cypher.startswith("MATCH") and "// params" not in first.cypher


def test_cypher_console_runs_a_cookbook_example(explorer_settings, make_app):
    at = make_app(explorer_settings, page="screens/cypher.py")
    box = at.selectbox[0]
    at = box.select(next(o for o in box.options if "GPTQ at 2 bits" in o)).run()
    at = at.button[0].click().run()
    no_traceback(at)
    assert set(at.dataframe[0].value["method"]) == GPTQ_WINNERS
    # scalar rows only: the Graph tab says why there is nothing to draw
    assert any("Nothing to draw" in i for i in texts(at, "info"))


def test_cypher_console_draws_returned_nodes_and_relationships(explorer_settings, make_app):
    at = make_app(explorer_settings, page="screens/cypher.py", run="1",
                  cypher="MATCH (m:Method)-[o:OUTPERFORMS]->(b:Method {id: 'gptq'}) RETURN m, o, b")
    no_traceback(at)
    table = at.dataframe[0].value
    assert set(table["m"]) == {"(Method QuantA)", "(Method QuantB)", "(Method AWQ)", "(Method PruneX)"}
    assert set(table["o"]) == {"[:OUTPERFORMS]"}
    assert len(at.get("vega_lite_chart")) == 1


def test_no_answer_offers_the_filters_to_drop(explorer_settings, make_app):
    # AWQ is beaten only at 3 bits (QuantC): at 2 bits nothing, and the page says "without bits".
    at = make_app(explorer_settings, q="which quantization methods beat AWQ at 2 bits")
    no_traceback(at)
    assert any("No beats match" in i for i in texts(at, "info"))
    line = next(t for t in texts(at, "markdown") if t.startswith("Answers without one of the filters"))
    assert "without bits \\(1\\)" in line and "without category" not in line
    assert "baseline=AWQ" in line and "bits=" not in line
