"""The arXiv source against the real `arxiv` client, replaying recorded responses, with
injected failures. (Store-level checks, exactly-once and watermarks, are in test_ingest_arxiv.py.)"""

from __future__ import annotations

from datetime import datetime, timezone

import arxiv
import pytest

from claimgraph.app.ingest.arxiv_source import ArxivConfig, ArxivSource, FetchError
from arxiv_replay import ERROR400, EMPTY, PAGE1, PAGE2

FAST = ArxivConfig(delay_seconds=0.0, page_size=10, retries=3, backoff_seconds=1.0, timeout_seconds=5.0)
T0 = datetime(2020, 1, 1, tzinfo=timezone.utc)
T1 = datetime(2026, 5, 1, tzinfo=timezone.utc)


def source(client, sleeps=None, **kw) -> ArxivSource:
    kw.setdefault("config", FAST)
    return ArxivSource("all:testing", since=T0, until=T1, client=client,
                       sleep=(sleeps.append if sleeps is not None else (lambda s: None)), **kw)


def expected_ids() -> list[str]:
    from claimgraph.app.ingest.arxiv_source import read_atom

    return [p.id for path in (PAGE1, PAGE2) for p in read_atom(str(path), path.read_bytes())]


def test_defaults_are_polite():
    cfg = ArxivConfig()
    assert cfg.delay_seconds == 3.0 and cfg.page_size <= 2000
    src = ArxivSource("all:x")
    assert src.client.delay_seconds == 3.0 and src.client.num_retries == 0


def test_both_pages_fetched_in_order_with_date_range_and_sort(arxiv_client, replay):
    src = source(arxiv_client)
    papers = list(src.papers())
    assert [p.id for p in papers] == expected_ids() and len(papers) == 20
    assert [r["start"] for r in replay.log] == ["0", "10"]
    first = replay.log[0]
    assert first["sortBy"] == "lastUpdatedDate" and first["sortOrder"] == "ascending"
    assert first["search_query"] == "(all:testing) AND lastUpdatedDate:[202001010000 TO 202605010000]"
    assert first["max_results"] == "10"
    # the watermark source: each paper's exact update time
    assert src.updated_at["2202.12139"] == datetime(2022, 2, 24, 15, 5, 19, tzinfo=timezone.utc)


def test_categories_are_anded_into_the_query(arxiv_client, replay):
    list(source(arxiv_client, categories=["cs.LG", "cs.CL"]).papers())
    assert replay.log[0]["search_query"].startswith("(all:testing) AND (cat:cs.LG OR cat:cs.CL) AND lastUpdatedDate:")


def test_max_results_stops_early(arxiv_client, replay):
    papers = list(source(arxiv_client, max_results=13).papers())
    assert len(papers) == 13 and len(replay.log) == 2


def test_503_then_success_backs_off_and_continues(arxiv_client, replay):
    replay.fail(10, "503", "503")
    sleeps: list[float] = []
    src = source(arxiv_client, sleeps)
    assert [p.id for p in src.papers()] == expected_ids()
    assert sleeps == [1.0, 2.0]  # exponential backoff (Retry-After: 1 is not longer)
    assert src.stats["retries"] == 2


def test_429_honours_retry_after(arxiv_client, replay):
    replay.fail(0, "429")
    sleeps: list[float] = []
    cfg = ArxivConfig(delay_seconds=0.0, page_size=10, retries=2, backoff_seconds=0.5)
    assert len(list(source(arxiv_client, sleeps, config=cfg).papers())) == 20
    assert sleeps == [1.0]  # Retry-After: 1 beats the 0.5 s backoff


def test_timeout_mid_paging_is_retried(arxiv_client, replay):
    replay.fail(10, "timeout", "conn")
    assert [p.id for p in source(arxiv_client).papers()] == expected_ids()


def test_unexpectedly_empty_page_is_retried(arxiv_client, replay):
    replay.fail(10, "empty")
    assert len(list(source(arxiv_client).papers())) == 20


def test_page_repeating_previous_entries_is_refetched(arxiv_client, replay):
    replay.fail(10, "repeat")
    src = source(arxiv_client)
    ids = [p.id for p in src.papers()]
    assert ids == expected_ids() and len(set(ids)) == 20
    assert [r["start"] for r in replay.log] == ["0", "10", "10"]


def test_partly_repeated_page_yields_each_paper_once(arxiv_client, replay):
    # new listings shifted the results: page 2 starts with the last 3 entries of page 1,
    # and the total grew to 23, so a third page holds the rest
    import re
    from arxiv_replay import REPLAY_TOTAL
    grown = b"<opensearch:totalResults>23</opensearch:totalResults>"
    p1, p2 = replay.pages[0].replace(REPLAY_TOTAL, grown), replay.pages[10].replace(REPLAY_TOTAL, grown)
    replay.pages[0] = p1
    e1 = re.findall(rb"<entry>.*?</entry>", p1, re.S)
    e2 = re.findall(rb"<entry>.*?</entry>", p2, re.S)
    head = p2[: p2.index(b"<entry>")]
    replay.pages[10] = head + b"".join(e1[-3:] + e2[:7]) + b"</feed>"
    replay.pages[20] = head + b"".join(e2[7:]) + b"</feed>"
    src = source(arxiv_client)
    ids = [p.id for p in src.papers()]
    assert sorted(ids) == sorted(expected_ids()) and len(ids) == 20
    assert src.stats["duplicates"] == 3


def test_persistent_failure_names_query_and_page_after_yielding_page_one(arxiv_client, replay):
    replay.fail(10, *["503"] * 10)
    src = source(arxiv_client)
    got = []
    with pytest.raises(FetchError) as exc:
        for p in src.papers():
            got.append(p.id)
    assert got == expected_ids()[:10]
    err = exc.value
    assert err.page == 2 and err.start == 10 and "all:testing" in str(err)
    assert "HTTP 503 (after 4 tries)" in str(err)
    assert len(replay.log) == 1 + 4


def test_http_400_error_feed_is_not_retried_and_explains(arxiv_client, replay):
    replay.always = (400, ERROR400.read_bytes())
    with pytest.raises(FetchError) as exc:
        list(source(arxiv_client).papers())
    assert "HTTP 400" in str(exc.value) and "incorrect id format for abc" in str(exc.value)
    assert exc.value.page == 1 and len(replay.log) == 1


def test_error_feed_with_http_200_is_an_error_too(arxiv_client, replay):
    replay.always = (200, ERROR400.read_bytes())
    with pytest.raises(FetchError, match="rejected the query: incorrect id format for abc"):
        list(source(arxiv_client).papers())


def test_empty_feed_means_nothing_new(arxiv_client, replay):
    replay.always = (200, EMPTY.read_bytes())
    src = source(arxiv_client)
    assert list(src.papers()) == [] and src.stats["pages"] == 1


def test_delay_between_requests_is_the_clients(replay):
    import time

    client = arxiv.Client(page_size=10, delay_seconds=0.3, num_retries=0)
    client._session.mount("https://export.arxiv.org/", replay)
    stamps = []
    client._session.hooks["response"].append(lambda r, *a, **k: stamps.append(time.monotonic()))
    list(ArxivSource("all:testing", since=T0, until=T1, client=client,
                     config=ArxivConfig(delay_seconds=0.3, page_size=10)).papers())
    assert len(stamps) == 2 and stamps[1] - stamps[0] >= 0.29


def test_a_stalled_server_times_out_instead_of_hanging():
    """arxiv sends requests without a timeout; ours applies one (a real socket that never answers)."""
    import socket
    import threading

    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        srv.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(srv.accept()[0])  # accept, then say nothing
            except OSError:
                pass

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    try:
        client = arxiv.Client(page_size=10, delay_seconds=0.0, num_retries=0)
        client.query_url_format = f"http://127.0.0.1:{srv.getsockname()[1]}/api/query?{{}}"
        cfg = ArxivConfig(delay_seconds=0.0, page_size=10, retries=1, backoff_seconds=0.0, timeout_seconds=0.3)
        with pytest.raises(FetchError, match=r"timed out after 0.3 s \(after 2 tries\)"):
            list(ArxivSource("all:testing", since=T0, until=T1, client=client, config=cfg).papers())
        assert len(held) == 2
    finally:
        stop.set()
        t.join()
        for c in held:
            c.close()
        srv.close()
