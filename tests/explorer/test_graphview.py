"""The node-link picture: a Vega-Lite spec Streamlit renders offline, with a click selection."""

import json

from streamlit.util import AttributeDictionary

from claimgraph.app.explorer.graphview import GEdge, GNode, SELECTION, clicked, spec, star_layout


def _graph():
    nodes = [GNode(key="Method:gptq", id="gptq", label="Method", name="GPTQ", focus=True),
             GNode(key="Method:quanta", id="quanta", label="Method", name="QuantA"),
             GNode(key="Paper:2401.00001", id="2401.00001", label="Paper", name="QuantA: a very long title " * 3)]
    edges = [GEdge(source="Method:quanta", target="Method:gptq", rel="OUTPERFORMS", detail="2401.00001 (2-bit)"),
             GEdge(source="Paper:2401.00001", target="Method:quanta", rel="PROPOSES"),
             GEdge(source="Paper:2401.00001", target="Method:nowhere", rel="MENTIONS")]  # dangling: dropped
    return nodes, edges


def test_spec_is_plain_json_with_a_click_selection_and_no_remote_data():
    s = spec(*_graph())
    text = json.dumps(s)  # plain data all the way down
    assert "http" not in text  # nothing to fetch: the data is inline
    node_layer = next(layer for layer in s["layer"] if layer["mark"]["type"] == "circle")
    names = [p["name"] for p in node_layer["params"]]
    assert names == [SELECTION, "zoom"]
    assert node_layer["params"][0]["select"] == {"type": "point", "fields": ["key", "label", "id"], "on": "click"}
    values = node_layer["data"]["values"]
    assert {v["key"] for v in values} == {"Method:gptq", "Method:quanta", "Paper:2401.00001"}
    assert next(v for v in values if v["label"] == "Paper")["short"].endswith("…")
    rules = next(layer for layer in s["layer"] if layer["mark"]["type"] == "rule")["data"]["values"]
    assert {(r["source"], r["target"]) for r in rules} == {("Method:quanta", "Method:gptq"),
                                                          ("Paper:2401.00001", "Method:quanta")}


def test_layout_is_the_same_on_every_run():
    a, b = spec(*_graph()), spec(*_graph())
    assert a == b


def test_nothing_to_draw():
    assert spec([], []) is None


def test_star_layout_puts_winners_left_and_losers_right():
    pos = star_layout("me", ["w1", "w2"], ["l1"])
    assert pos["me"] == (0.0, 0.0)
    assert pos["w1"][0] < 0 and pos["w2"][0] < 0 and pos["l1"][0] > 0


def test_clicked_reads_streamlit_selection_state():
    state = AttributeDictionary({"selection": AttributeDictionary(
        {SELECTION: [{"key": "Method:quanta", "label": "Method", "id": "quanta"}]})})
    assert clicked(state) == {"key": "Method:quanta", "label": "Method", "id": "quanta"}
    assert clicked(AttributeDictionary({"selection": AttributeDictionary({SELECTION: []})})) is None
    assert clicked(None) is None
