"""Abstracts beside the embedded graph (graph/paper_texts.py): word search, the order of
writes against the graph, deletes, a lost text coming back, and older graphs that still
hold their abstracts. Real SQLite, real embedded FalkorDB."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

import graph_seed
from claimgraph.graph import cypher as Q
from claimgraph.graph.embedded import EmbeddedStore, texts_path
from claimgraph.graph.paper_texts import PaperTexts, match_expression


@pytest.fixture
def texts(tmp_path):
    t = PaperTexts(tmp_path / "t.sqlite")
    yield t
    t.close()


def _rows(*rows: tuple[str, str, str, str]) -> list[dict]:
    return [dict(zip(("id", "title", "abstract", "published"), r)) for r in rows]


def _ids(texts: PaperTexts, q: str, chunk: int = 2000) -> list[str]:
    return [pid for ids in texts.search(q, chunk=chunk) for pid in ids]


def test_words_all_required_last_one_a_prefix(texts):
    texts.put(_rows(("a", "Sparse attention", "We prune heads of the KV cache.", "2024-01-02"),
                    ("b", "Quantized caches", "4-bit quantization of caches.", "2024-03-01"),
                    ("c", "Other", "Nothing relevant here.", "2024-02-01")))
    assert _ids(texts, "kv cache") == ["a"]
    assert _ids(texts, "cache") == ["b", "a"]  # stemmed ("caches"), newest first
    assert _ids(texts, "quantiz") == ["b"]  # prefix of the last word
    assert _ids(texts, "quantiz heads") == []  # a non-last word is not a prefix
    assert _ids(texts, "4-bit QUANTIZATION!") == ["b"]
    assert _ids(texts, "sparse") == ["a"]  # titles are searched too
    assert _ids(texts, "   ") == [] and _ids(texts, "--") == []


def test_typed_text_is_never_search_syntax(texts):
    texts.put(_rows(("a", "t", "alpha beta", "2024-01-01")))
    for typed in ['alpha OR gamma', 'NOT alpha', '"alpha', 'alpha*', 'title:alpha', 'alpha NEAR(beta)',
                  "alpha') --", '^alpha', 'alpha + beta']:
        assert match_expression(typed).count('"') % 2 == 0
        _ids(texts, typed)  # no syntax error, whatever the words
    assert _ids(texts, "alpha OR gamma") == []  # "or" and "gamma" are words, both required


def test_order_and_chunks(texts):
    texts.put(_rows(*((f"p{i:02d}", "t", "shared word", f"2024-01-{1 + i % 5:02d}") for i in range(23))))
    ids = _ids(texts, "shared", chunk=5)
    assert len(ids) == 23 and len(set(ids)) == 23
    assert [list(c) for c in texts.search("shared", chunk=5)][0] == ids[:5]
    keys = [(f"2024-01-{1 + int(i[1:]) % 5:02d}", i) for i in ids]
    assert keys == sorted(keys, key=lambda k: (tuple(-ord(ch) for ch in k[0]), k[1]))


def test_put_replaces_and_delete_removes(texts):
    texts.put(_rows(("a", "t", "old words", "2024-01-01")))
    texts.put(_rows(("a", "t", "new words", "2024-01-01")))
    assert _ids(texts, "old") == [] and _ids(texts, "new") == ["a"]
    assert texts.fields(["a", "zz"]) == {"a": {"abstract": "new words"}} and texts.count() == 1
    texts.delete(["a"])
    assert _ids(texts, "new") == [] and texts.count() == 0 and texts.missing(["a"]) == {"a"}


# ---- the embedded store with its texts ---------------------------------------------------
def test_abstracts_live_beside_the_graph(store, seed_records):
    rec = seed_records[0]
    rec = rec.model_copy(update={"paper": rec.paper.model_copy(update={
        "url": "https://arxiv.org/abs/x", "is_summary": True, "updated": date(2024, 6, 1), "version": 3})})
    store.upsert([rec] + seed_records[1:])
    # not graph properties: the server's memory holds none of them
    held = store.read_cypher("MATCH (p:Paper) RETURN keys(p) AS k")
    assert held and not any(set(r["k"]) & set(Q.PAPER_DOC_FIELDS) for r in held)
    assert store.texts.count() == len(seed_records)
    got = store.query("paper", {"id": rec.paper.id})[0]
    assert (got["abstract"], got["url"], got["is_summary"], got["updated"], got["version"]) == (
        rec.paper.abstract, "https://arxiv.org/abs/x", True, "2024-06-01", 3)
    assert got["title"] == rec.paper.title and got["published"] == rec.paper.published.isoformat()
    for params in ({"limit": 100}, {"q": "--", "limit": 100}, {"q": word_of(rec), "limit": 100}):
        listed = {r["paper"]: r["url"] for r in store.query("papers", params)}
        assert listed[rec.paper.id] == "https://arxiv.org/abs/x", params
    # a word only in the abstract finds the paper; the graph's filters still apply
    word = rec.paper.abstract.split()[-1].strip(".")
    found = [r["paper"] for r in store.query("papers", {"q": word})]
    assert rec.paper.id in found
    assert store.query("papers", {"q": word, "since": "2099-01-01"}) == []


def word_of(rec) -> str:
    return rec.paper.abstract.split()[-1].strip(".")


def test_a_text_without_its_paper_is_never_shown(store, seed_records):
    """What a crash between the text write and the graph write leaves behind."""
    store.upsert(seed_records)
    store.texts.put(_rows(("9999.00001", "Ghost", "zebra unicorn", "2030-01-01")))
    assert store.query("papers", {"q": "zebra unicorn"}) == []
    assert store.query("paper", {"id": "9999.00001"}) == []


def test_search_filters_chunk_by_chunk(store):
    """More matches than one chunk, most of them filtered out by the graph: the limit is
    still filled from later chunks, newest first."""
    store.upsert(graph_seed.synthetic(2600))
    everything = store.query("papers", {"q": "faster", "limit": 10_000})
    assert len(everything) == store.stats()["Paper"]
    dates = [r["published"] for r in everything]
    assert dates == sorted(dates, reverse=True)
    oldest = everything[-1]["published"]
    got = store.query("papers", {"q": "faster", "until": oldest, "limit": 3})
    assert got and all(r["published"] <= oldest for r in got)
    assert got == [r for r in everything if r["published"] <= oldest][:3]


def test_delete_paper_removes_its_text(store, seed_records):
    store.upsert(seed_records)
    pid = seed_records[0].paper.id
    assert store.delete_paper(pid)
    assert store.texts.missing([pid]) == {pid}


def test_a_lost_text_comes_back_on_the_next_ingest(store, seed_records):
    store.upsert(seed_records)
    pid = seed_records[1].paper.id
    store.texts.delete([pid])
    counts = store.upsert(seed_records)
    assert counts["unchanged"] == len(seed_records)  # no graph write...
    assert store.texts.fields([pid])[pid]["abstract"] == seed_records[1].paper.abstract  # ...text back


def test_dump_carries_abstracts_and_import_moves_them_out(store, seed_records, falkordb_server):
    store.upsert(seed_records)
    papers = {n.id: n.props for n in store.dump_nodes("Paper", page_size=2)}
    assert {pid: p["abstract"] for pid, p in papers.items()} == {r.paper.id: r.paper.abstract for r in seed_records}
    other = EmbeddedStore(falkordb_server, store._graph_name + "_copy")
    try:
        other.import_nodes("Paper", list(store.dump_nodes("Paper")))
        assert other.read_cypher("MATCH (p:Paper) WHERE p.abstract IS NOT NULL RETURN count(p) AS n")[0]["n"] == 0
        assert {pid: f["abstract"] for pid, f in other.texts.fields(papers).items()} == {
            pid: p["abstract"] for pid, p in papers.items()}
    finally:
        other.drop()
        other.close()


def test_an_older_graph_moves_its_abstracts_out_on_open(falkordb_server, request):
    """A graph written when abstracts were Paper properties with a full-text index."""
    name = f"old_{request.node.name}"
    graph = falkordb_server.select_graph(name)
    graph.query("CREATE INDEX FOR (n:Paper) ON (n.id)")
    graph.query(Q.PAPER_TEXT_INDEX_FALKORDB)
    graph.query("UNWIND range(1, 2500) AS i CREATE (:Paper {id: 'p' + toString(i), title: 'T' + toString(i), "
                "abstract: 'old abstract number ' + toString(i), published: '2024-01-01', version: 2, "
                "url: 'u' + toString(i), is_summary: false})")
    # one paper half moved already: its abstract beside the graph, its url still in it
    graph.query("MATCH (p:Paper {id: 'p9'}) SET p.abstract = NULL")
    texts = PaperTexts(texts_path(Path(falkordb_server.client.db), name))
    texts.put([{"id": "p9", "title": "T9", "abstract": "moved before", "published": "2024-01-01"}])
    texts.close()
    s = EmbeddedStore(falkordb_server, name)
    try:
        held = s.read_cypher("MATCH (p:Paper) RETURN keys(p) AS k")
        assert len(held) == 2500 and not any(set(r["k"]) & set(Q.PAPER_DOC_FIELDS) for r in held)
        assert s.texts.count() == 2500
        got = s.query("paper", {"id": "p7"})[0]
        assert (got["abstract"], got["version"], got["url"], got["is_summary"]) == ("old abstract number 7", 2, "u7", False)
        assert (s.query("paper", {"id": "p9"})[0]["abstract"], s.query("paper", {"id": "p9"})[0]["url"]) == ("moved before", "u9")
        assert [r["paper"] for r in s.query("papers", {"q": "abstract 2345"})] == ["p2345"]
        indexes = s.read_cypher("CALL db.indexes() YIELD label, types RETURN label, types")
        assert not any("FULLTEXT" in str(i["types"]) for i in indexes)
    finally:
        s.drop()
        s.close()


def test_texts_file_sits_beside_the_database(tmp_path):
    db = tmp_path / "data" / "claims.db"
    s = EmbeddedStore.open(db)
    try:
        s.upsert(graph_seed.records()[:1])
    finally:
        s.close()
    path = texts_path(db.resolve(), "claimgraph")
    assert path.parent == db.resolve().parent and path.name.startswith(db.name)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM paper").fetchone()[0] == 1
    s = EmbeddedStore.open(db)
    try:
        rec = graph_seed.records()[0]
        assert s.query("paper", {"id": rec.paper.id})[0]["abstract"] == rec.paper.abstract
    finally:
        s.close()


def test_dates_order_like_the_graph(store):
    """Text rows carry the date as the graph stores it, so word matches come out in the
    `papers` order."""
    records = [r.model_copy(update={"paper": r.paper.model_copy(update={"published": date(2024, 5, d)})})
               for d, r in zip((3, 1, 2, 1), graph_seed.synthetic(4))]
    store.upsert(records)
    ids = [pid for chunk in store.texts.search("faster") for pid in chunk]
    graph = [r["paper"] for r in store.query("papers", {"limit": 100})]
    assert len(ids) == 4 and ids == graph


def test_a_file_from_before_a_field_moved_gains_its_column(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE paper (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT, "
                     "abstract TEXT, published TEXT)")
        conn.execute("INSERT INTO paper (id, title, abstract, published) VALUES ('a', 't', 'kept words', '2024')")
    texts = PaperTexts(path)
    try:
        assert texts.fields(["a"]) == {"a": {"abstract": "kept words"}}
        texts.put([{"id": "b", "title": "t", "abstract": "x", "published": "2024", "url": "u", "version": 2}])
        assert texts.fields(["b"]) == {"b": {"abstract": "x", "url": "u", "version": 2}}
    finally:
        texts.close()


def test_only_a_graph_with_the_old_index_is_moved(falkordb_server, request):
    """Opening checks the index list, not every paper: a graph without the old full-text
    index is taken as written by this version, and its Paper properties are left alone."""
    name = f"new_{request.node.name}"
    falkordb_server.select_graph(name).query("CREATE (:Paper {id: 'p1', title: 'T', url: 'u1'})")
    s = EmbeddedStore(falkordb_server, name)
    try:
        assert s.read_cypher("MATCH (p:Paper {id: 'p1'}) RETURN p.url AS u") == [{"u": "u1"}]
        assert s.texts.count() == 0
    finally:
        s.drop()
        s.close()
