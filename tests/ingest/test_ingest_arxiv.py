"""`ingest arxiv` end to end: the real arxiv client (replayed responses, injected
failures) -> extraction -> the real embedded store. After each scenario the graph holds
every paper exactly once and the query's watermark is right."""

from __future__ import annotations

from datetime import datetime

import pytest

from arxiv import _feed
from claimgraph.app import cmd_ingest
from claimgraph.app.cli import build_parser
from claimgraph.app.ingest import runner as R
from claimgraph.app.settings import Settings
from arxiv_replay import PAGE1, PAGE2, ERROR400, EMPTY

QUERY = "all:testing"
KEY = "arxiv:(all:testing)"


def updated_times(*paths) -> dict[str, datetime]:
    """Each recorded entry's exact <updated> time, read with the arxiv package's parser."""
    out = {}
    for path in paths:
        for r in _feed.parse(path.read_bytes()).results:
            out[r.get_short_id().rsplit("v", 1)[0]] = r.updated
    return out


ALL = updated_times(PAGE1, PAGE2)
FIRST = updated_times(PAGE1)


def args(*extra: str):
    a = build_parser().parse_args(["ingest", "arxiv", "--query", QUERY, "--delay", "0", "--page-size", "10",
                                   "--backoff", "0", "--retries", "3", "--progress", "log", *extra])
    a.settings = Settings(arxiv_query=QUERY)
    return a


def ingest(store, client, *extra: str) -> R.Outcome:
    return cmd_ingest.ingest_arxiv(store, Settings(), args(*extra), client=client, sleep=lambda s: None)


def paper_ids(store) -> list[str]:
    return [r["id"] for r in store.read_cypher("MATCH (p:Paper) RETURN p.id AS id ORDER BY id")]


def assert_exactly(store, ids) -> None:
    got = paper_ids(store)
    assert got == sorted(ids), "every paper exactly once"
    assert store.stats()["Paper"] == len(ids)


def test_two_pages_land_once_with_watermark(store, arxiv_client, replay):
    out = ingest(store, arxiv_client)
    assert out.exit_code == R.EXIT_OK and out.error is None
    assert_exactly(store, ALL)
    assert out.run.counts["new"] == 20 and out.run.status == "ok"
    assert store.last_watermark(KEY) == max(ALL.values())
    run = store.runs(query=KEY)[0]
    assert run.status == "ok" and run.counts["new"] == 20 and run.finished is not None
    assert run.counts["pages"] == 2


@pytest.mark.parametrize("failures", [
    ("503",),                  # a 503, then success
    ("503", "429", "500"),     # a bad spell within the retry budget
    ("timeout",),              # a timeout mid-paging
    ("conn",),                 # a dropped connection
    ("empty",),                # an unexpectedly empty page
    ("repeat",),               # page 2 repeats page 1's entries
])
def test_injected_failures_on_page_two_still_land_everything_once(store, arxiv_client, replay, failures):
    replay.fail(10, *failures)
    out = ingest(store, arxiv_client)
    assert out.exit_code == R.EXIT_OK, out.error
    assert_exactly(store, ALL)
    assert store.last_watermark(KEY) == max(ALL.values())
    assert out.run.counts["retries"] == len(failures)


def test_page_failing_past_retries_keeps_page_one_and_resumes(store, arxiv_client, replay):
    replay.fail(10, *["503"] * 4)
    out = ingest(store, arxiv_client)
    assert out.exit_code == R.EXIT_SOURCE
    assert "page 2" in out.error and QUERY in out.error and "HTTP 503" in out.error
    assert_exactly(store, FIRST)
    assert out.run.status == "partial"
    assert store.last_watermark(KEY) == max(FIRST.values()), "not advanced past the gap"

    # the next run starts from the watermark and completes; page 1 costs nothing again
    replay.log.clear()
    out2 = ingest(store, arxiv_client)
    assert out2.exit_code == R.EXIT_OK
    assert_exactly(store, ALL)
    assert out2.run.counts["new"] == 10 and out2.run.counts["unchanged"] == 10
    assert store.last_watermark(KEY) == max(ALL.values())
    wm = max(FIRST.values())
    assert f"lastUpdatedDate:[{wm:%Y%m%d%H%M} TO " in replay.log[0]["search_query"]


def test_empty_feed_is_ok_and_keeps_the_watermark(store, arxiv_client, replay):
    ingest(store, arxiv_client)
    replay.always = (200, EMPTY.read_bytes())
    out = ingest(store, arxiv_client)
    assert out.exit_code == R.EXIT_OK and out.run.counts["new"] == 0
    assert_exactly(store, ALL)
    assert store.last_watermark(KEY) == max(ALL.values())


def test_http_400_error_feed_fails_clearly_and_writes_nothing(store, arxiv_client, replay):
    replay.always = (400, ERROR400.read_bytes())
    out = ingest(store, arxiv_client)
    assert out.exit_code == R.EXIT_SOURCE
    assert "HTTP 400" in out.error and "incorrect id format for abc" in out.error and "page 1" in out.error
    assert store.stats().get("Paper", 0) == 0
    assert store.last_watermark(KEY) is None
    assert len(replay.log) == 1  # a 400 is not retried


def test_new_version_replaces_abstract_and_extraction(store, arxiv_client, replay):
    ingest(store, arxiv_client)
    pid = "2202.12139"
    before = store.query("paper", {"id": pid})[0]
    assert before["version"] == 1
    new_text = ("We propose QuickTest, a test prioritisation method. QuickTest runs 3.5x faster than "
                "metamorphic testing on ImageNet.")
    body = replay.pages[0]
    start = body.index(b"<summary>", body.index(b"2202.12139v1"))
    end = body.index(b"</summary>", start)
    replay.pages[0] = (body[:start] + b"<summary>" + new_text.encode() + body[end:]).replace(
        b"2202.12139v1", b"2202.12139v2")
    out = ingest(store, arxiv_client, "--full")
    assert out.run.counts["updated"] == 1 and out.run.counts["unchanged"] == 19 and out.run.counts["new"] == 0
    after = store.query("paper", {"id": pid})[0]
    assert (after["abstract"], after["version"]) == (new_text, 2)
    evidence = sorted(r["e"] for r in store.read_cypher(
        "MATCH (p:Paper {id: $id})-[:MAKES]->(c:Claim) RETURN c.evidence AS e", {"id": pid}))
    from claimgraph.app.ingest.arxiv_source import read_atom
    from claimgraph.extract.pipeline import Extractor
    v2 = next(p for p in read_atom("v2", replay.pages[0]) if p.id == pid)
    expected = sorted(c.evidence for c in Extractor().extract(v2).claims)
    assert evidence == expected and expected  # exactly the new extraction's claims
    assert all(e in new_text for e in evidence)  # none from the old abstract survives
    assert_exactly(store, ALL)


def test_second_run_is_incremental_from_the_watermark(store, arxiv_client, replay):
    ingest(store, arxiv_client)
    replay.log.clear()
    out = ingest(store, arxiv_client)
    wm = max(ALL.values())
    assert f"lastUpdatedDate:[{wm:%Y%m%d%H%M} TO " in replay.log[0]["search_query"]
    assert out.run.counts["unchanged"] == 20 and out.run.counts["new"] == 0 and out.run.counts["claims"] == 0


def test_since_overrides_the_watermark(store, arxiv_client, replay):
    ingest(store, arxiv_client, "--since", "2024-01-02")
    assert "lastUpdatedDate:[202401020000 TO " in replay.log[0]["search_query"]


def test_a_held_lock_stops_the_run_before_any_write(store, arxiv_client, replay):
    import os
    import socket

    holder = f"{socket.gethostname()}:{os.getpid()}:other"  # a live process on this host
    assert store.try_lock(R.LOCK_NAME, holder, 600)
    with pytest.raises(R.LockBusy, match="another ingest is running on this store"):
        ingest(store, arxiv_client)
    assert store.stats().get("Paper", 0) == 0 and replay.log == []
    store.unlock(R.LOCK_NAME, holder)
    assert ingest(store, arxiv_client).exit_code == R.EXIT_OK
    assert store.lock_info(R.LOCK_NAME) is None  # released after the run


def test_run_stopped_mid_paging_resumes_from_its_watermark(store, arxiv_client, replay):
    """SIGTERM arrives while page 2 is being requested: the run ends interrupted after
    writing page 1; the next run starts at page 1's watermark and completes the set."""
    original = replay.send

    def send(request, **kw):
        if "start=10" in request.url and not cmd_ingest._STOP:
            cmd_ingest._STOP.append("SIGTERM")  # what the signal handler does
        return original(request, **kw)

    replay.send = send
    try:
        out = ingest(store, arxiv_client, "--batch-size", "10")
    finally:
        cmd_ingest._STOP.clear()
    assert out.exit_code == R.EXIT_TERMINATED and out.run.status == "failed"
    assert "interrupted (SIGTERM)" in out.run.message
    assert_exactly(store, FIRST)
    assert store.last_watermark(KEY) == max(FIRST.values())

    replay.send = original
    replay.log.clear()
    out2 = ingest(store, arxiv_client)
    assert out2.exit_code == R.EXIT_OK
    assert_exactly(store, ALL)
    assert store.last_watermark(KEY) == max(ALL.values())
    assert f"lastUpdatedDate:[{max(FIRST.values()):%Y%m%d%H%M} TO " in replay.log[0]["search_query"]


def test_second_run_waits_for_the_first_to_finish(store, arxiv_client, replay):
    import os
    import socket
    import threading

    holder = f"{socket.gethostname()}:{os.getpid()}:first"
    assert store.try_lock(R.LOCK_NAME, holder, 600)
    threading.Timer(1.0, lambda: store.unlock(R.LOCK_NAME, holder)).start()
    out = ingest(store, arxiv_client, "--wait", "30")
    assert out.exit_code == R.EXIT_OK
    assert_exactly(store, ALL)
