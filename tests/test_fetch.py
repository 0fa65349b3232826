"""The HTTP fetcher against a local server: schemes, limits, retries, redirects and the conditional cache."""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from indexer.fetch import USER_AGENT, HttpCache, fetch

BODY = b"<html><body>episode</body></html>"


class Server(BaseHTTPRequestHandler):
    hits: Counter
    agents: list
    state: dict

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        path = self.path
        type(self).hits[path] += 1
        type(self).agents.append(self.headers.get("User-Agent"))
        if path == "/page":
            if self.headers.get("If-Modified-Since") == "Tue, 01 Jul 2025 10:00:00 GMT":
                return self._send(304, b"")
            return self._send(200, BODY, {"Last-Modified": "Tue, 01 Jul 2025 10:00:00 GMT"})
        if path == "/tagged":
            if self.headers.get("If-None-Match") == '"v1"':
                return self._send(304, b"")
            return self._send(200, BODY, {"ETag": '"v1"'})
        if path == "/busy":
            type(self).state["busy"] = type(self).state.get("busy", 0) + 1
            return self._send(503 if type(self).state["busy"] <= 2 else 200, BODY)
        if path == "/down":
            return self._send(500, b"broken")
        if path.startswith("/hop"):
            n = int(path[4:] or 0)
            return self._send(302, b"", {"Location": f"/hop{n + 1}" if n < 8 else "/page"})
        if path == "/to-file":
            return self._send(301, b"", {"Location": "file:///etc/passwd"})
        if path == "/big":
            return self._send(200, b"x" * 5000)
        if path == "/big-unsized":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"x" * 5000)
            self.close_connection = True
            return None
        if path == "/slow":
            time.sleep(1.5)
            return self._send(200, BODY)
        return self._send(404, b"no")

    def _send(self, status: int, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server():
    handler = type("H", (Server,), {"hits": Counter(), "agents": [], "state": {}})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    httpd.shutdown()
    httpd.server_close()


def test_plain_get_names_podnotes(server):
    base, handler = server
    result = fetch(base + "/page")
    assert result.ok and result.data == BODY and result.status == 200
    assert result.mime == "text/html" and result.final_url == base + "/page" and result.redirects == []
    assert handler.agents == [USER_AGENT] and "podnotes" in USER_AGENT


def test_last_modified_and_etag_revalidate_from_the_cache(server, tmp_path):
    base, handler = server
    cache = HttpCache(tmp_path)
    for path in ("/page", "/tagged"):
        first = fetch(base + path, cache=cache)
        again = fetch(base + path, cache=cache)
        assert (first.not_modified, first.from_cache) == (False, False)
        assert (again.not_modified, again.from_cache, again.status, again.data) == (True, True, 304, BODY)
        assert again.mime == "text/html"
        assert handler.hits[path] == 2


def test_5xx_is_retried_with_backoff_then_given_up(server):
    base, handler = server
    busy = fetch(base + "/busy", retries=2, backoff=0.01)
    assert busy.ok and busy.attempts == 3 and handler.hits["/busy"] == 3
    down = fetch(base + "/down", retries=1, backoff=0.01)
    assert not down.ok and down.error == "HTTP 500 Internal Server Error" and handler.hits["/down"] == 2
    missing = fetch(base + "/nothing", retries=3)
    assert missing.error == "HTTP 404 Not Found" and missing.attempts == 1  # 4xx are not retried


def test_redirects_are_followed_reported_and_bounded(server):
    base, _ = server
    hops = fetch(base + "/hop6", max_redirects=5)
    assert hops.ok and hops.final_url == base + "/page"
    assert hops.redirects == [base + "/hop7", base + "/hop8", base + "/page"]
    too_many = fetch(base + "/hop0", max_redirects=3)
    assert not too_many.ok and too_many.error == "more than 3 redirects"
    refused = fetch(base + "/hop7", allow_redirect=lambda url: not url.endswith("/page"))
    assert refused.error == f"redirect to {base}/page refused (off site)"
    sneaky = fetch(base + "/to-file")
    assert "only http and https" in sneaky.error


def test_size_and_time_limits(server):
    base, _ = server
    assert fetch(base + "/big", max_bytes=1000).error == "too large: 5000 bytes (limit 1000)"
    assert fetch(base + "/big-unsized", max_bytes=1000).error == "too large: more than 1000 bytes"
    slow = fetch(base + "/slow", timeout=0.3, retries=0)
    assert not slow.ok and "connection failed" in slow.error


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "/relative", "http://"])
def test_only_http_urls_are_fetched(url):
    result = fetch(url)
    assert not result.ok and result.attempts == 0 and result.error


def test_connection_refused_is_a_value_not_an_exception():
    result = fetch("http://127.0.0.1:9/", retries=1, backoff=0.01, timeout=1)
    assert not result.ok and result.attempts == 2 and result.error.startswith("connection failed")
