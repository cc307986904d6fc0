"""Replay the recorded arXiv API responses through the real `arxiv.Client` session.

`ArxivReplay` is a requests transport adapter mounted on the client's own session, so
the client builds real URLs, requests go through requests, and the package's own parser
reads the recorded bytes. Failures are injected per `start` offset: a queue of actions
consumed one request at a time ("503", "429", "timeout", "conn", "repeat", "empty").
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"
ATOM = SHARED / "arxiv_api_atom"
PAGE1 = ATOM / "arxiv_api_query_testing_start0_max10.xml"
PAGE2 = ATOM / "arxiv_api_query_testing_start10_max10.xml"
EMPTY = ATOM / "arxiv_api_idlist_0000.0000_empty.xml"
ERROR400 = ATOM / "arxiv_api_idlist_abc_error400.xml"

# The recorded query ("testing") matched 214,881 papers; we replay its first two pages
# as the whole result set, so the header's total is set to the 20 entries we have.
RECORDED_TOTAL = b"<opensearch:totalResults>214881</opensearch:totalResults>"
REPLAY_TOTAL = b"<opensearch:totalResults>20</opensearch:totalResults>"


def _response(request, status: int, body: bytes, headers: dict | None = None) -> requests.Response:
    resp = requests.Response()
    resp.status_code = status
    resp._content = body
    resp.headers = CaseInsensitiveDict({"Content-Type": "application/atom+xml; charset=UTF-8", **(headers or {})})
    resp.url = request.url
    resp.request = request
    resp.encoding = "utf-8"
    return resp


class ArxivReplay(BaseAdapter):
    def __init__(self, pages: dict[int, bytes] | None = None, page_size: int = 10):
        super().__init__()
        if pages is None:
            pages = {0: PAGE1.read_bytes().replace(RECORDED_TOTAL, REPLAY_TOTAL),
                     10: PAGE2.read_bytes().replace(RECORDED_TOTAL, REPLAY_TOTAL)}
        self.pages = pages
        self.page_size = page_size
        self.failures: dict[int, list[str]] = {}
        self.always: tuple[int, bytes] | None = None  # (status, body) for every request
        self.log: list[dict[str, str]] = []

    def fail(self, start: int, *actions: str) -> "ArxivReplay":
        self.failures.setdefault(start, []).extend(actions)
        return self

    def send(self, request, **kwargs):
        q = {k: v[0] for k, v in parse_qs(urlparse(request.url).query).items()}
        q["timeout"] = str(kwargs.get("timeout"))
        self.log.append(q)
        if self.always is not None:
            return _response(request, *self.always)
        start = int(q.get("start", "0"))
        queue = self.failures.get(start) or []
        action = queue.pop(0) if queue else "ok"
        if action == "timeout":
            raise requests.exceptions.ReadTimeout("HTTPSConnectionPool: Read timed out. (read timeout=60)", request=request)
        if action == "conn":
            raise requests.exceptions.ConnectionError("Connection reset by peer", request=request)
        if action in ("503", "429", "500"):
            return _response(request, int(action), b"<html>busy</html>", {"Retry-After": "1"})
        if action == "repeat":
            return _response(request, 200, self.pages[start - self.page_size])
        if action == "empty":
            return _response(request, 200, EMPTY.read_bytes())
        return _response(request, 200, self.pages.get(start, EMPTY.read_bytes()))

    def close(self):
        pass
