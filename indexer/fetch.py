"""Polite HTTP GET over urllib: http/https only, size and time limits, retries, redirects, on-disk conditional cache."""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlparse

USER_AGENT = "podnotes/1.0 (podcast notes indexer; polite crawler)"
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 5_000_000
RETRY_STATUSES = {429, 500, 502, 503, 504}
_CHUNK = 64 * 1024


@dataclass
class FetchResult:
    """One GET's outcome; `error` says why there is no usable body (data stays None then)."""

    url: str
    final_url: str
    status: int | None = None
    content_type: str | None = None
    data: bytes | None = None
    from_cache: bool = False
    not_modified: bool = False
    redirects: list[str] = field(default_factory=list)  # each URL a redirect led to, in order
    attempts: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.data is not None

    @property
    def mime(self) -> str:
        return (self.content_type or "").split(";")[0].strip().lower()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by `fetch` itself so each hop is checked (scheme, count) and reported."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201 - urllib's signature
        return None


_OPENER = urllib.request.build_opener(_NoRedirect())


class HttpCache:
    """Bodies and validators (ETag, Last-Modified) on disk, one pair of files per URL, safe across threads."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]
        return self.directory / f"{key}.json", self.directory / f"{key}.body"

    def get(self, url: str) -> tuple[dict, bytes] | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            return meta, body_path.read_bytes()
        except (OSError, ValueError):
            return None

    def put(self, url: str, meta: dict, body: bytes) -> None:
        meta_path, body_path = self._paths(url)
        _atomic_write(body_path, body)
        _atomic_write(meta_path, json.dumps(meta).encode("utf-8"))


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def fetch(
    url: str,
    *,
    cache: HttpCache | str | Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    retries: int = 2,
    backoff: float = 0.5,
    max_redirects: int = 5,
    user_agent: str = USER_AGENT,
    allow_redirect: Callable[[str], bool] | None = None,
) -> FetchResult:
    """GET `url`; 304 against the cache serves the cached body with `not_modified`; never raises for web errors.

    `allow_redirect(url) -> bool` can refuse a hop (the crawler keeps to its host); refused hops are errors.
    """
    if isinstance(cache, str | Path):
        cache = HttpCache(cache)
    result = FetchResult(url=url, final_url=url)
    current = url
    for _ in range(max_redirects + 1):
        reason = unsupported_url(current)
        if reason:
            result.error = reason
            return result
        if current != url and allow_redirect is not None and not allow_redirect(current):
            result.error = f"redirect to {current} refused (off site)"
            return result
        hop = _get_with_retries(current, cache, timeout, max_bytes, retries, backoff, user_agent, result)
        if hop is None:
            return result
        current = urljoin(current, hop)
        result.redirects.append(current)
        result.final_url = current
    result.error = f"more than {max_redirects} redirects"
    return result


def unsupported_url(url: str) -> str | None:
    """Why a URL cannot be fetched (scheme other than http/https, no host, malformed), or None."""
    try:
        parts = urlparse(url)
        parts.port  # noqa: B018 - parsing the port is what rejects "host:99999" and "host:abc"
    except ValueError as exc:
        return f"not a valid URL: {exc}"
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return "not a valid URL: it contains a space or a control character"
    if parts.scheme not in ("http", "https"):
        return f"only http and https URLs are fetched, not {parts.scheme or 'a relative URL'!r}"
    if not parts.hostname:
        return "URL has no host"
    return None


def _get_with_retries(url, cache, timeout, max_bytes, retries, backoff, user_agent, result) -> str | None:  # noqa: ANN001
    """Fill `result` for one URL; return the Location to follow when the answer is a redirect."""
    cached = cache.get(url) if cache else None
    for attempt in range(retries + 1):
        result.attempts += 1
        try:
            return _get_once(url, cached, cache, timeout, max_bytes, user_agent, result)
        except _Retryable as exc:
            result.error = str(exc)
            if attempt < retries:
                time.sleep(min(exc.wait if exc.wait is not None else backoff * (2**attempt), 30.0))
    return None


class _Retryable(Exception):
    def __init__(self, message: str, wait: float | None = None) -> None:
        super().__init__(message)
        self.wait = wait


def _get_once(url, cached, cache, timeout, max_bytes, user_agent, result) -> str | None:  # noqa: ANN001
    headers = {"User-Agent": user_agent, "Accept": "*/*", "Accept-Encoding": "identity"}
    if cached:
        meta = cached[0]
        if meta.get("etag"):
            headers["If-None-Match"] = meta["etag"]
        if meta.get("last_modified"):
            headers["If-Modified-Since"] = meta["last_modified"]
    request = urllib.request.Request(url, headers=headers)
    try:
        response = _OPENER.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        return _http_error(exc, url, cached, result)
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        raise _Retryable(f"connection failed: {getattr(exc, 'reason', exc)}") from exc
    except ValueError as exc:  # urllib parses a redirect's Location before our handler sees it: "http://[::1/x"
        result.error = f"invalid URL in the server's answer: {exc}"
        return None
    with response:
        result.status = response.status
        result.content_type = response.headers.get("Content-Type")
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            result.error = f"too large: {int(length)} bytes (limit {max_bytes})"
            return None
        body = _read_limited(response, max_bytes, timeout, result)
        if body is None:
            return None
        result.data = body
        result.error = None
        if cache:
            cache.put(url, {
                "url": url, "etag": response.headers.get("ETag"),
                "last_modified": response.headers.get("Last-Modified"), "content_type": result.content_type,
                "status": result.status, "stored": email.utils.formatdate(usegmt=True),
            }, body)
    return None


def _http_error(exc: urllib.error.HTTPError, url: str, cached, result: FetchResult) -> str | None:  # noqa: ANN001
    result.status = exc.code
    result.content_type = exc.headers.get("Content-Type") if exc.headers else None
    if exc.code in (301, 302, 303, 307, 308):
        location = exc.headers.get("Location") if exc.headers else None
        exc.close()
        if not location:
            result.error = f"HTTP {exc.code} redirect without a Location"
            return None
        return location
    if exc.code == 304 and cached:
        exc.close()
        result.data = cached[1]
        result.content_type = cached[0].get("content_type") or result.content_type
        result.from_cache = result.not_modified = True
        result.error = None
        return None
    exc.close()
    if exc.code in RETRY_STATUSES:
        raise _Retryable(f"HTTP {exc.code} {exc.reason}", _retry_after(exc))
    result.error = f"HTTP {exc.code} {exc.reason}"
    return None


def _retry_after(exc: urllib.error.HTTPError) -> float | None:
    value = exc.headers.get("Retry-After") if exc.headers else None
    return float(value) if value and value.isdigit() else None


def _read_limited(response, max_bytes: int, timeout: float, result: FetchResult) -> bytes | None:  # noqa: ANN001
    # A per-read timeout alone lets a server trickle bytes forever; the whole body gets a deadline too.
    deadline = time.monotonic() + max(timeout * 3, 5.0)
    chunks, size = [], 0
    while True:
        try:
            chunk = response.read(_CHUNK)
        except (TimeoutError, OSError) as exc:
            raise _Retryable(f"reading the body failed: {exc}") from exc
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            result.error = f"too large: more than {max_bytes} bytes"
            return None
        if time.monotonic() > deadline:
            result.error = "too slow: body not received within the time limit"
            return None
        chunks.append(chunk)
