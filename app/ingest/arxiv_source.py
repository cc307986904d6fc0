"""Fetch papers from the arXiv API with the `arxiv` package, politely and robustly.

The package's `Client` gives us its HTTP session, its URL format, its Atom parser and
its 3-second spacing between requests. Its public `results()` generator hides page
boundaries and the total count, retries without backoff, never retries a timeout and
sends requests with no timeout at all; so we drive it one page at a time through
`Client._format_url` / `Client._parse_feed` (both unchanged since arxiv 2.0; the
pyproject pin keeps us on 4.x) with `num_retries=0`, and do the retrying here:
exponential backoff (honouring Retry-After) on HTTP 429/5xx, connection errors,
timeouts, unexpectedly empty pages and pages that only repeat earlier entries.

Results come oldest-update first (sortBy=lastUpdatedDate ascending), so "everything up
to the newest `updated` written" is a correct watermark and a run that dies resumes
from it. After the retries, `FetchError` names the query and page; every paper yielded
before it has already been handed on, so nothing fetched is lost.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import arxiv
import requests
from arxiv import _feed
from lxml import etree
from pydantic import ValidationError
from requests.adapters import HTTPAdapter

from claimgraph.schema import Paper, Problem, paper_key

log = logging.getLogger(__name__)

# Statuses worth another try: rate limiting and the API's transient server errors.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
ERROR_ID_MARK = "arxiv.org/api/errors"


@dataclass(frozen=True)
class ArxivConfig:
    # arXiv's terms of use ask for no more than one request every three seconds.
    delay_seconds: float = 3.0
    # The API allows up to 2000 per page; 500 keeps each response (~1.5 MB) quick to
    # fetch and cheap to retry.
    page_size: int = 500
    retries: int = 4
    # Waits of 5, 10, 20, 40 s: long enough for a 503 spell to pass, short enough for cron.
    backoff_seconds: float = 5.0
    backoff_max_seconds: float = 120.0
    timeout_seconds: float = 60.0
    # First run of a query (no watermark, no --since): how far back to start.
    first_run_days: int = 14


class FetchError(RuntimeError):
    """The API would not give a page after all retries (or refused the query)."""

    def __init__(self, query: str, page: int, start: int, reason: str):
        self.query, self.page, self.start, self.reason = query, page, start, reason
        super().__init__(f"arXiv query {query!r}: page {page} (results from {start}) failed: {reason}")


class _TimeoutAdapter(HTTPAdapter):
    """requests has no session-wide timeout and arxiv passes none: a stalled socket would
    hang a cron job forever, so every request gets one here."""

    def __init__(self, timeout: float):
        super().__init__()
        self.timeout = timeout

    def send(self, request, **kwargs):
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


class _RepeatedPage(Exception):
    pass


class _ErrorFeed(Exception):
    pass


def paper_from_result(result: arxiv.Result, source: str) -> Paper:
    pid, version = paper_key(result.get_short_id())
    return Paper(
        id=pid,
        version=version,
        title=result.title.strip(),
        abstract=result.summary.strip(),
        authors=[a.name for a in result.authors if a.name],
        published=result.published.date() if result.published else None,
        updated=result.updated.date() if result.updated else None,
        categories=list(result.categories),
        source=source,
        url=f"https://arxiv.org/abs/{pid}",
    )


def error_feed_message(content: bytes) -> str | None:
    """The API reports a bad query as a feed with one `Error` entry; return its text."""
    if ERROR_ID_MARK.encode() not in content:
        return None
    try:
        root = etree.fromstring(content, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return "error feed (unparseable)"
    for entry in root.iterfind("atom:entry", _feed._NS):
        eid = entry.findtext("atom:id", default="", namespaces=_feed._NS)
        if ERROR_ID_MARK in eid:
            return (entry.findtext("atom:summary", default="", namespaces=_feed._NS) or "error").strip()
    return None


def read_atom(src: str, content: bytes) -> Iterator[Paper | Problem]:
    """Papers from an Atom response saved to disk, parsed by the arxiv package's own entry
    parser; entries it cannot use are reported with their line."""
    message = error_feed_message(content)
    if message is not None:
        yield Problem(source=src, message=f"this is an arXiv API error response, not results: {message}")
        return
    try:
        root = etree.fromstring(content, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        yield Problem(source=src, line=exc.lineno, message=f"malformed XML: {exc.msg}")
        return
    if root is None or etree.QName(root).localname != "feed":
        yield Problem(source=src, line=1, message="not an Atom feed (root element is not <feed>)")
        return
    for entry in root.iterfind("atom:entry", _feed._NS):
        result = _feed._build_result(entry)
        eid = entry.findtext("atom:id", default="", namespaces=_feed._NS)
        short = eid.split("/abs/")[-1] or None
        if result is None:
            yield Problem(source=src, line=entry.sourceline, paper_id=short,
                          message="entry lacks a required field (id, published or updated)")
            continue
        try:
            paper = paper_from_result(result, src)
        except (ValueError, ValidationError) as exc:
            msg = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            yield Problem(source=src, line=entry.sourceline, paper_id=short, message=msg)
            continue
        if not paper.abstract:
            yield Problem(source=src, line=entry.sourceline, paper_id=paper.id, message="entry has no abstract")
            continue
        yield paper


def build_query(query: str, categories: Sequence[str] = ()) -> str:
    q = f"({query})"
    if categories:
        q += " AND (" + " OR ".join(f"cat:{c}" for c in categories) + ")"
    return q


class ArxivSource:
    """One incremental harvest: papers of `query` updated in [since, until], oldest first."""

    def __init__(self, query: str, *, since: datetime | None = None, until: datetime | None = None,
                 max_results: int | None = None, categories: Sequence[str] = (),
                 config: ArxivConfig = ArxivConfig(), client: arxiv.Client | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        self.config = config
        self.base_query = build_query(query, categories)
        self.categories = set(categories)
        self.until = until or now()
        self.since = since or (self.until - timedelta(days=config.first_run_days))
        self.max_results = max_results
        self.sleep = sleep
        self.client = client or arxiv.Client(page_size=config.page_size, delay_seconds=config.delay_seconds,
                                             num_retries=0)
        self.client.num_retries = 0  # our retries (with backoff) replace the package's
        session = self.client._session
        for prefix in ("https://", "http://"):
            session.mount(prefix, _TimeoutAdapter(config.timeout_seconds))
        session.hooks.setdefault("response", []).append(self._remember)
        self._last: requests.Response | None = None
        # When each yielded paper was last updated, to the second: the runner's watermark.
        self.updated_at: dict[str, datetime] = {}
        self.stats = {"pages": 0, "retries": 0, "duplicates": 0}

    @property
    def search_query(self) -> str:
        fmt = "%Y%m%d%H%M"
        return f"{self.base_query} AND lastUpdatedDate:[{self.since:{fmt}} TO {self.until:{fmt}}]"

    def _remember(self, response: requests.Response, *args, **kwargs) -> None:
        self._last = response

    def papers(self) -> Iterator[Paper]:
        search = arxiv.Search(query=self.search_query, max_results=None,
                              sort_by=arxiv.SortCriterion.LastUpdatedDate,
                              sort_order=arxiv.SortOrder.Ascending)
        seen: set[str] = set()
        start, page, yielded = 0, 1, 0
        while True:
            feed = self._fetch_page(search, start, page, seen)
            self.stats["pages"] += 1
            if not feed.results:
                return  # an empty first page: nothing new
            for result in feed.results:
                try:
                    paper = paper_from_result(result, "arxiv-api")
                except (ValueError, ValidationError) as exc:
                    log.warning("skipping unusable entry %s: %s", result.entry_id, exc)
                    continue
                if paper.id in seen:
                    self.stats["duplicates"] += 1
                    continue
                seen.add(paper.id)
                self.updated_at[paper.id] = result.updated
                yield paper
                yielded += 1
                if self.max_results is not None and yielded >= self.max_results:
                    return
            start += len(feed.results)
            if start >= feed.header.total_results:
                return
            page += 1

    def _fetch_page(self, search: arxiv.Search, start: int, page: int, seen: set[str]) -> _feed.ParsedFeed:
        url = self.client._format_url(search, start, self.client.page_size)
        cfg = self.config
        reason = ""
        for attempt in range(cfg.retries + 1):
            wait = min(cfg.backoff_max_seconds, cfg.backoff_seconds * (2 ** attempt))
            try:
                feed = self.client._parse_feed(url, first_page=(start == 0))
                body = self._last.content if self._last is not None else b""
                message = error_feed_message(body)
                if message is not None:
                    raise _ErrorFeed(message)
                ids = {paper_key(r.get_short_id())[0] for r in feed.results}
                if start > 0 and ids and ids <= seen:
                    raise _RepeatedPage()
                return feed
            except arxiv.HTTPError as exc:
                body = self._last.content if self._last is not None else b""
                detail = error_feed_message(body)
                if exc.status not in RETRY_STATUSES:
                    raise FetchError(self.search_query, page, start,
                                     f"HTTP {exc.status}" + (f": {detail}" if detail else "")) from exc
                reason = f"HTTP {exc.status}"
                retry_after = self._last.headers.get("Retry-After") if self._last is not None else None
                if retry_after and retry_after.isdigit():
                    wait = min(cfg.backoff_max_seconds, max(wait, float(retry_after)))
            except _ErrorFeed as exc:
                raise FetchError(self.search_query, page, start, f"the API rejected the query: {exc}") from exc
            except arxiv.UnexpectedEmptyPageError:
                reason = "page was unexpectedly empty"
            except _RepeatedPage:
                reason = "page only repeated entries already fetched"
            except requests.Timeout:
                reason = f"timed out after {cfg.timeout_seconds:g} s"
            except requests.ConnectionError as exc:
                text = str(exc)
                if "NameResolution" in text or "Name or service not known" in text or "resolve" in text:
                    reason = "cannot resolve export.arxiv.org (no network or DNS?)"
                else:
                    reason = f"connection failed ({type(exc).__name__}: {text[:120]})"
            if attempt < cfg.retries:
                self.stats["retries"] += 1
                log.warning("arXiv page %d: %s; retry %d/%d in %.1f s", page, reason, attempt + 1, cfg.retries, wait)
                self.sleep(wait)
        raise FetchError(self.search_query, page, start, f"{reason} (after {cfg.retries + 1} tries)")
