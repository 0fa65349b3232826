"""A local HTTP server on 127.0.0.1 serving tests/fixtures/site, with routes that misbehave on purpose."""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parent / "fixtures" / "site"
MAX_BYTES = 100_000
FLAKY_PAGE = b"<!doctype html><html><head><title>Flaky | Fixture Podcast #5</title></head><body><p>ok</p></body></html>"


class FixtureSite(BaseHTTPRequestHandler):
    """Serves tests/fixtures/site with ETags, plus a few routes that misbehave on purpose."""

    hits: Counter
    bodies_sent: Counter
    flaky_failures: int

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?")[0]
        type(self).hits[path] += 1
        if path == "/old-episode":
            return self._send(301, b"", "text/html", {"Location": "/episodes/ep-3.html"})
        if path == "/flaky.html":
            if type(self).flaky_failures < 1:
                type(self).flaky_failures += 1
                return self._send(500, b"try again", "text/plain")
            return self._conditional(path, FLAKY_PAGE, "text/html; charset=utf-8")
        if path == "/huge.html":
            return self._conditional(path, b"<html><body>" + b"x" * (MAX_BYTES * 3) + b"</body></html>", "text/html")
        if path == "/notes-download":
            return self._conditional(path, b"%PDF-1.4 fixture", "application/pdf")
        file = (SITE / ("index.html" if path == "/" else path.lstrip("/"))).resolve()
        if not file.is_relative_to(SITE) or not file.is_file():
            return self._send(404, b"not found", "text/plain")
        body = file.read_bytes().replace(b"{{BASE}}", self.base.encode())
        ctype = {".html": "text/html; charset=utf-8", ".xml": "application/xml", ".txt": "text/plain"}[file.suffix]
        return self._conditional(path, body, ctype)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def _conditional(self, path: str, body: bytes, ctype: str) -> None:
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", None, {"ETag": etag})
        type(self).bodies_sent[path] += 1
        return self._send(200, body, ctype, {"ETag": etag})

    def _send(self, status: int, body: bytes, ctype: str | None, headers: dict | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)) if status != 304 else "0")
        self.end_headers()
        if status != 304:
            self.wfile.write(body)


@pytest.fixture
def site():
    """(base URL, handler class with hit counters) of a fresh server; shut down after the test."""
    handler = type("Handler", (FixtureSite,), {"hits": Counter(), "bodies_sent": Counter(), "flaky_failures": 0})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()
    server.server_close()
