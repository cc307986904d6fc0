"""The GraphStore contract, run on every reachable backend (see conftest.py)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

import graph_seed
from claimgraph.graph.store import GraphStore, ReadOnlyViolation, StoreError, UnknownQuery
from claimgraph.schema import Claim, IngestRun, Method, Outperforms, PaperRecord

INJECTIONS = [
    "GPTQ'}) DETACH DELETE n //",
    '" OR 1=1',
    "GPTQ\"}) MATCH (n) DETACH DELETE n //",
    "x` DETACH DELETE n //",
    "\\' OR '1'='1",
    "GPTQ\n;MATCH (n) DELETE n",
]


def _beats(store, **params):
    return store.query("beats", params)


def test_is_a_graph_store(any_store):
    assert isinstance(any_store, GraphStore)


def test_upsert_counts_and_idempotence(any_store, seed_records):
    first = any_store.upsert(seed_records)
    assert first["new"] == 5 and first["updated"] == 0 and first["unchanged"] == 0
    assert first["claims"] == 4
    counts = any_store.stats()
    for _ in range(2):
        again = any_store.upsert(graph_seed.records())
        assert again["unchanged"] == 5 and again["new"] == again["updated"] == 0
        assert any_store.stats() == counts
    assert counts["Paper"] == 5 and counts["Claim"] == 4
    # OPTQ is GPTQ's alias in the records that use it: one node, not two
    assert any_store.query("methods", {"q": "optq"})[0]["id"] == "gptq"
    assert {"Paper", "Method", "Claim", "OUTPERFORMS", "MAKES", "WROTE"} <= set(counts)


def test_beats_gptq_at_two_bits(any_store, seed_records):
    any_store.upsert(seed_records)
    rows = _beats(any_store, baseline="GPTQ", bits="2", category="quantization")
    assert sorted(r["method"] for r in rows) == ["FlatQuant-X", "QuIP-Lite"]
    quip = next(r for r in rows if r["method"] == "QuIP-Lite")
    assert quip["paper"] == "2401.00001" and quip["bits"] == 2
    assert (quip["kind"], quip["value"], quip["unit"]) == ("perplexity", 6.1, "points")
    assert "outperforming GPTQ" in quip["evidence"]
    for r in rows:
        assert {"method", "baseline", "paper", "bits", "kind", "value", "unit", "evidence"} <= set(r)
        assert r["baseline"] == "GPTQ"
    # the alias finds the same answers; a bit width nobody reports finds none
    assert {r["method"] for r in _beats(any_store, baseline="OPTQ", bits=2)} == {"FlatQuant-X", "QuIP-Lite"}
    assert _beats(any_store, baseline="GPTQ", bits=3) == []
    assert [r["method"] for r in _beats(any_store, baseline="GPTQ", bits=2, dataset="wikitext-2")] == ["QuIP-Lite"]


def test_replace_on_change(any_store, seed_records):
    any_store.upsert(seed_records)
    before = any_store.stats()
    rec = seed_records[0]
    sentence = rec.extraction.outperforms[1].evidence  # "At 3 bits QuIP-Lite beats AWQ."
    start = rec.paper.text.index(sentence)
    changed = PaperRecord(paper=rec.paper.model_copy(update={"version": 2}), extraction=rec.extraction.model_copy(update={
        "datasets": [], "models": [], "metrics": [],
        "claims": [Claim(method="QuIP-Lite", baseline="AWQ", kind="accuracy", value=1.5, unit="points",
                         direction="better", bits=3, evidence=sentence, start=start, end=start + len(sentence))],
        "outperforms": [Outperforms(method="QuIP-Lite", baseline="AWQ", bits=3, evidence=sentence,
                                    start=start, end=start + len(sentence))],
    }))
    result = any_store.upsert([changed])
    assert result["updated"] == 1 and result["new"] == 0
    # the old GPTQ comparison and its claim are gone; the new ones are there
    assert [r["method"] for r in _beats(any_store, baseline="GPTQ", bits=2)] == ["FlatQuant-X"]
    claims = any_store.query("paper_claims", {"id": rec.paper.id})
    assert [(c["kind"], c["value"]) for c in claims] == [("accuracy", 1.5)]
    awq = _beats(any_store, baseline="AWQ", bits=3)
    assert [(r["method"], r["kind"], r["value"]) for r in awq] == [("QuIP-Lite", "accuracy", 1.5)]
    after = any_store.stats()
    assert after["Paper"] == before["Paper"] and after["Claim"] == before["Claim"]
    assert after["OUTPERFORMS"] == before["OUTPERFORMS"] - 1
    assert any_store.query("paper", {"id": rec.paper.id})[0]["version"] == 2
    # the dataset and metric only this paper named went with its old extraction; the
    # model another paper uses stays
    assert after["Dataset"] == before["Dataset"] - 1 and after["Metric"] == before["Metric"] - 1
    assert after["Model"] == before["Model"]
    assert "wikitext2" not in {r["id"] for r in any_store.query("datasets_used", {})}
    # putting the original back restores the original graph exactly
    any_store.upsert([rec])
    assert any_store.stats() == before


def test_delete_removes_only_what_the_paper_asserted(any_store, seed_records):
    any_store.upsert(seed_records)
    before = any_store.stats()
    assert any_store.delete_paper("2402.00003") is True
    after = any_store.stats()
    assert after["Paper"] == before["Paper"] - 1
    assert after["Claim"] == before["Claim"] - 1
    assert after["Author"] == before["Author"]  # Grace Hopper also wrote 2403.00004
    names = {r["id"] for r in any_store.query("methods", {"limit": 100})}
    assert "kvziptest" not in names  # only that paper named it
    assert "gptq" in names  # shared with other papers
    assert "longbench" not in {r["id"] for r in any_store.query("datasets_used", {})}
    assert any_store.query("paper", {"id": "2402.00003"}) == []
    assert any_store.delete_paper("2402.00003") is False
    # beats answers from other papers are untouched
    assert {r["method"] for r in _beats(any_store, baseline="GPTQ", bits=2)} == {"FlatQuant-X", "QuIP-Lite"}
    # re-adding it restores the counts
    any_store.upsert([r for r in graph_seed.records() if r.paper.id == "2402.00003"])
    assert any_store.stats() == before


def test_deleting_everything_leaves_nothing(any_store, seed_records):
    any_store.upsert(seed_records)
    for rec in seed_records:
        assert any_store.delete_paper(rec.paper.id)
    stats = any_store.stats()
    assert {k: v for k, v in stats.items() if v and k != "Category"} == {}
    # no alias left pointing at a deleted method, no stray node of any label
    assert any_store.read_cypher("MATCH (n) WHERE NOT n:Category RETURN labels(n)[0] AS l") == []


def test_stats_agree_with_counting(any_store, seed_records):
    any_store.upsert(seed_records)
    stats = any_store.stats()
    for label in ("Paper", "Method", "Claim", "Author"):
        assert stats[label] == any_store.read_cypher(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"]
    for rel in ("OUTPERFORMS", "WROTE", "MAKES", "MENTIONS"):
        assert stats[rel] == any_store.read_cypher(f"MATCH ()-[r:{rel}]->() RETURN count(r) AS c")[0]["c"]


def test_paper_versions(any_store, seed_records):
    any_store.upsert(seed_records[:2])
    versions = any_store.paper_versions([r.paper.id for r in seed_records] + ["nope"])
    assert versions == {r.paper.id: r.paper.text_hash for r in seed_records[:2]}


@pytest.mark.parametrize("bad", INJECTIONS)
def test_injection_strings_change_nothing(quoting_store, seed_records, bad):
    any_store = quoting_store
    any_store.upsert(seed_records)
    before = any_store.stats()
    for name, params in [("beats", {"baseline": bad}), ("method", {"method": bad}),
                         ("paper", {"id": bad}), ("papers", {"q": bad}),
                         ("claims", {"method": bad, "kind": bad}),
                         ("neighbourhood", {"label": "Paper", "id": bad}),
                         ("methods", {"q": bad})]:
        assert any_store.query(name, params) == [], name
    assert any_store.read_cypher("MATCH (m:Method {id: $id}) RETURN m.id AS id", {"id": bad}) == []
    assert any_store.stats() == before


def test_strings_round_trip_exactly(quoting_store, seed_records):
    any_store = quoting_store
    rec = seed_records[0]
    title = 'Quotes \' " back\\slash `tick` {braces} ; // ünïcödé 😀\nnew line \\u0041 {"k":1}, "x":'
    abstract = "tab\tcr\rctrl\x01\x1f \\beta"  # control characters take the exact path
    paper = rec.paper.model_copy(update={"title": title, "abstract": abstract})
    any_store.upsert([PaperRecord(paper=paper, extraction=rec.extraction.model_copy(update={"claims": [], "outperforms": []}))])
    got = any_store.query("paper", {"id": rec.paper.id})[0]
    assert (got["title"], got["abstract"]) == (title, abstract)


WRITES = [
    "CREATE (n:Paper {id: 'x'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Paper) SET n.title = 'x'",
    "MERGE (n:Method {id: 'x'})",
    "MATCH (n:Method) REMOVE n.name",
    "MATCH (n:Claim) DELETE n",
    "MATCH (p:Paper) WITH p LIMIT 1 CREATE (p)-[:MAKES]->(:Claim)",
]


@pytest.mark.parametrize("statement", WRITES)
def test_read_cypher_refuses_writes(any_store, seed_records, statement):
    any_store.upsert(seed_records)
    before = any_store.stats()
    with pytest.raises(ReadOnlyViolation):
        any_store.read_cypher(statement)
    assert any_store.stats() == before


def test_read_cypher_reads(any_store, seed_records):
    any_store.upsert(seed_records)
    rows = any_store.read_cypher(
        "MATCH (m:Method)-[o:OUTPERFORMS]->(b:Method {id: $b}) WHERE o.bits = $bits "
        "RETURN m.name AS method ORDER BY method", {"b": "gptq", "bits": 2})
    assert rows == [{"method": "FlatQuant-X"}, {"method": "QuIP-Lite"}]
    node = any_store.read_cypher("MATCH (m:Method {id: 'gptq'}) RETURN m")[0]["m"]
    assert node["name"] == "GPTQ" and "Method" in node["_labels"]
    with pytest.raises(StoreError):
        any_store.read_cypher("MATCH (n RETURN n")


def test_named_query_errors(any_store):
    with pytest.raises(UnknownQuery, match="unknown query"):
        any_store.query("nope")
    with pytest.raises(UnknownQuery, match="no parameter"):
        any_store.query("beats", {"baseline": "GPTQ", "colour": "red"})
    with pytest.raises(StoreError, match="needs --param baseline"):
        any_store.query("beats", {})
    with pytest.raises(StoreError, match="must be float"):
        any_store.query("beats", {"baseline": "GPTQ", "bits": "two"})
    with pytest.raises(StoreError, match="must be one of"):
        any_store.query("neighbourhood", {"id": "gptq", "depth": 7})


def test_explorer_queries(any_store, seed_records):
    any_store.upsert(seed_records)
    method = any_store.query("method", {"method": "optq"})[0]
    assert method["id"] == "gptq" and method["aliases"] == ["OPTQ"] and method["beaten_by"] == 2
    assert method["beats"] == 1 and method["papers"] == 4
    prof = any_store.query("method", {"method": "QuIP-Lite"})[0]
    assert prof["proposed_by"] == ["2401.00001"] and prof["claims"] == 1
    auto = any_store.query("methods", {"q": "qui"})
    assert [r["name"] for r in auto] == ["QuIP-Lite"]
    assert any_store.query("methods", {"q": "opt"})[0]["name"] == "GPTQ"  # through the alias
    paper = any_store.query("paper", {"id": "2401.00001"})[0]
    assert paper["authors"] == ["Ada Lovelace", "Alan Turing"] and paper["published"] == "2024-01-10"
    ents = {(r["relation"], r["id"]) for r in any_store.query("paper_entities", {"id": "2401.00001"})}
    assert ("PROPOSES", "quiplite") in ents and ("EVALUATES_ON", "wikitext2") in ents
    months = any_store.query("claims_per_month", {})
    assert [(m["month"], m["claims"]) for m in months] == [("2024-01", 2), ("2024-02", 1), ("2024-03", 1)]
    speed = {r["category"]: r["claims"] for r in any_store.query("values_by_category", {})}
    assert speed == {"quantization": 1, "speculative-decoding": 1}
    assert [r["dataset"] for r in any_store.query("datasets_used", {"category": "kv-cache"})] == ["LongBench"]
    proposing = any_store.query("papers_proposing", {"category": "quantization", "since": "2024-01-15"})
    assert [r["paper"] for r in proposing] == ["2401.00002"]
    found = any_store.query("papers", {"q": "kv cache"})
    assert [r["paper"] for r in found] == ["2402.00003"]
    # words, not substrings; the last word may be a prefix; punctuation is not syntax
    assert [r["paper"] for r in any_store.query("papers", {"q": "2-bit quantiz"})] == ["2401.00001"]
    assert [r["paper"] for r in any_store.query("papers", {"q": "KV-cache (memory)!"})] == ["2402.00003"]
    assert any_store.query("papers", {"q": "kv cache", "category": "quantization"}) == []
    assert len(any_store.query("papers", {"q": "   "})) == 5
    claims = any_store.query("claims", {"kind": "speedup", "sort": "value", "desc": "true"})
    assert [c["value"] for c in claims] == [2.5, 2.3]
    claims = any_store.query("claims", {"kind": "speedup", "sort": "value", "desc": "false"})
    assert [c["value"] for c in claims] == [2.3, 2.5]
    edges = any_store.query("neighbourhood", {"label": "Method", "id": "OPTQ", "depth": 1,
                                              "types": "OUTPERFORMS"})
    assert {(e["source"], e["target"]) for e in edges} == {("quiplite", "gptq"), ("flatquantx", "gptq"),
                                                            ("gptq", "quiplite")}
    deeper = any_store.query("neighbourhood", {"label": "Paper", "id": "2401.00001", "depth": 2})
    assert len(deeper) > len(any_store.query("neighbourhood", {"label": "Paper", "id": "2401.00001"}))
    assert any_store.query("most_beaten", {})[0]["beaten_by"] == 2
    assert any_store.query("paper_count", {}) == [{"papers": 5}]


def test_every_named_query_runs(any_store, seed_records):
    """Each named query answers with its defaults (plus its required parameters)."""
    from claimgraph.graph.cypher import NAMED_QUERIES

    any_store.upsert(seed_records)
    required = {"baseline": "GPTQ", "method": "GPTQ", "id": "2401.00001"}
    for name, nq in NAMED_QUERIES.items():
        params = {k: required[k] for k, p in nq.params.items() if p.required}
        if name == "neighbourhood":
            params = {"label": "Method", "id": "GPTQ"}
        rows = any_store.query(name, params)
        assert isinstance(rows, list), name
        if name not in ("runs",):
            assert rows, f"{name} answered nothing on the seeded graph"


def test_runs_and_watermarks(any_store):
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert any_store.last_watermark("q") is None and any_store.runs() == []
    run = IngestRun(id="r1", query="q", started=t0, counts={"new": 3})
    any_store.save_run(run)
    done = run.model_copy(update={"status": "ok", "finished": datetime(2026, 1, 1, 1, tzinfo=timezone.utc),
                                  "watermark": datetime(2025, 12, 31, tzinfo=timezone.utc),
                                  "counts": {"new": 5, "claims": 9}})
    any_store.save_run(done)
    any_store.save_run(IngestRun(id="r2", query="other", started=datetime(2026, 1, 2, tzinfo=timezone.utc),
                                 watermark=datetime(2026, 1, 2, tzinfo=timezone.utc)))
    assert any_store.runs(query="q") == [done]
    assert [r.id for r in any_store.runs()] == ["r2", "r1"]
    assert any_store.last_watermark("q") == datetime(2025, 12, 31, tzinfo=timezone.utc)
    assert any_store.query("runs", {"limit": 1})[0]["counts"] == {}
    assert any_store.stats()["IngestRun"] == 2


def test_locks(any_store):
    assert any_store.try_lock("ingest", "a", 60)
    assert any_store.try_lock("ingest", "a", 60)  # re-entrant for the holder
    assert not any_store.try_lock("ingest", "b", 60)
    assert any_store.lock_info("ingest")["owner"] == "a"
    assert not any_store.unlock("ingest", "b")
    assert any_store.try_lock("ingest", "b", 60, steal_from="a")  # a known-dead holder
    assert any_store.unlock("ingest", "b")
    assert any_store.lock_info("ingest") is None
    assert any_store.try_lock("ingest", "c", -1)  # an already-expired lock ...
    assert any_store.try_lock("ingest", "d", 60)  # ... is free for the next one


def test_claims_anchored_on_a_node_answer_as_the_full_scan(any_store, seed_records):
    """A paper/method/baseline/model/dataset filter starts the claims query from that node;
    every such statement gives exactly the rows of the scan over all claims."""
    from claimgraph.graph import cypher as Q

    any_store.upsert(seed_records)
    every = any_store.query("claims", {"limit": 1000})
    assert every
    checked = set()
    for c in every:
        for param, value in (("paper", c["paper"]), ("method", c["method"]), ("baseline", c["baseline"]),
                             ("model", c["model"]), ("dataset", c["dataset"])):
            if value is None:
                continue
            for extra in ({}, {"sort": "value", "desc": "false"}, {"kind": c["kind"]}):
                params = {param: value, **extra}
                bound, statement = any_store._bind(Q.CLAIMS, dict(params))
                anchored = [k for k, s in Q.CLAIMS.anchors.items() if s == statement]
                assert anchored, f"{params} did not pick an anchored statement"
                checked.add(anchored[0])
                assert any_store.query("claims", params) == any_store._read(Q.CLAIMS.cypher, bound), params
    assert checked == {"paper", "method_id", "baseline_id", "model_id", "dataset_id"}


def test_neighbourhood_of_a_claim(any_store, seed_records):
    """Claims are found through their paper (FalkorDB keeps no claim id index), also
    for a paper id that itself holds a ':' (digest papers: `title:<hash>`)."""
    rec = seed_records[0]
    odd = rec.model_copy(update={"paper": rec.paper.model_copy(update={"id": "title:abc123"}),
                                 "extraction": rec.extraction.model_copy(update={"id": "title:abc123"})})
    any_store.upsert([rec, odd])
    for pid in (rec.paper.id, "title:abc123"):
        claims = any_store.query("paper_claims", {"id": pid})
        assert claims
        edges = any_store.query("neighbourhood", {"label": "Claim", "id": claims[0]["claim"], "depth": 1})
        assert ("Paper", pid, "MAKES", "Claim", claims[0]["claim"]) in {
            (e["source_label"], e["source"], e["type"], e["target_label"], e["target"]) for e in edges}
        assert {e["type"] for e in edges} >= {"MAKES", "ABOUT"}
    assert any_store.query("neighbourhood", {"label": "Claim", "id": "title:abc123:0-1", "depth": 1}) == []


def test_authors_keep_the_papers_order(any_store, seed_records):
    """Author order is the paper's (not the names', not the edges'), on every backend."""
    rec = seed_records[0]
    names = ["Zoe Zed", "Amy Able", "Mo Middle", "Bo Bee"]
    rec = rec.model_copy(update={"paper": rec.paper.model_copy(update={"authors": names})})
    any_store.upsert([rec])
    assert any_store.query("paper", {"id": rec.paper.id})[0]["authors"] == names
    assert len(any_store.read_cypher("MATCH (a:Author)-[:WROTE]->(:Paper {id: $id}) RETURN a.name AS n",
                                     {"id": rec.paper.id})) == 4
