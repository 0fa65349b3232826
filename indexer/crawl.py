"""Polite site crawler: sitemaps and in-site links → per-URL outcomes of candidate episode pages."""

from __future__ import annotations

import gzip
import re
import threading
import time
import urllib.robotparser
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse, urlunparse

import lxml.html
from lxml import etree

from indexer.fetch import DEFAULT_TIMEOUT, USER_AGENT, FetchResult, HttpCache, fetch, unsupported_url

MAX_SITEMAPS = 50
MAX_CRAWL_DELAY = 30.0  # a robots.txt Crawl-delay above this would stall an import for hours
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SKIP_EXTENSIONS = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|css|js|mjs|pdf|zip|gz|tgz|mp3|m4a|mp4|mov|wav|ogg|woff2?|ttf|eot|json|xml|rss"
    r"|atom|txt|csv|docx?|xlsx?|pptx?|epub|mobi|dmg|exe)$",
    re.I,
)


@dataclass
class CrawlPage:
    """What happened to one URL. `outcome`: `page` (new or changed HTML), `unchanged` (304, body from the
    cache), `failed` (error says why) or `skipped` (robots.txt, not HTML, off site; reason in error)."""

    url: str
    outcome: str
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None
    data: bytes | None = None
    error: str | None = None
    via: str = "link"  # how it was found: start, sitemap, link
    redirects: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome in ("page", "unchanged")


@dataclass
class CrawlStats:
    """Counters a caller can show after the crawl (requests made, 304s, outcomes)."""

    requests: int = 0
    not_modified: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    stopped: str | None = None  # which limit ended the crawl early, if one did
    robots_error: str | None = None  # why robots.txt could not be read (then nothing may be crawled)


class _Pacer:
    """At least `delay` seconds between the starts of any two requests to the site, across worker threads."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.delay
        if start > now:
            time.sleep(start - now)


def normalize_url(url: str) -> str:
    """Scheme and host lower-cased, default port and fragment dropped, empty path as `/`."""
    url, _ = urldefrag(url.strip())
    parts = urlparse(url)
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (parts.scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    return urlunparse((parts.scheme.lower(), netloc, parts.path or "/", parts.params, parts.query, ""))


def crawl(
    start_url: str,
    *,
    cache_dir: str | Path,
    delay: float = 1.0,
    concurrency: int = 2,
    max_pages: int = 500,
    max_bytes: int = 5_000_000,
    timeout: float = DEFAULT_TIMEOUT,
    max_seconds: float | None = None,
    retries: int = 2,
    backoff: float = 0.5,
    follow_links: bool = True,
    use_sitemaps: bool = True,
    user_agent: str = USER_AGENT,
    include: Callable[[str], bool] | None = None,
    stats: CrawlStats | None = None,
) -> Iterator[CrawlPage]:
    """Crawl the start URL's host politely and yield one CrawlPage per URL as it completes.

    Episode pages are found through robots.txt sitemaps / `/sitemap.xml` (and sitemap indexes) and links on
    fetched pages; only the start host is visited. `include(url)` narrows which pages are yielded (all pages
    are still read for links). A re-crawl with the same cache_dir sends conditional GETs, so unchanged pages
    come back as `unchanged` without being downloaded again.
    """
    reason = unsupported_url(start_url)
    if reason:
        yield CrawlPage(url=start_url, outcome="failed", error=reason, via="start")
        return
    stats = stats if stats is not None else CrawlStats()
    site = _Site(normalize_url(start_url), HttpCache(cache_dir), _Pacer(delay), stats,
                 dict(timeout=timeout, max_bytes=max_bytes, retries=retries, backoff=backoff, user_agent=user_agent))
    deadline = time.monotonic() + max_seconds if max_seconds else None
    robots = site.robots()
    site.pacer.delay = max(delay, min(robots.crawl_delay(user_agent) or 0.0, MAX_CRAWL_DELAY))
    frontier: deque[tuple[str, str]] = deque([(site.start, "start")])
    seen = {site.start}
    if use_sitemaps:
        for url in site.sitemap_pages(robots):
            if url not in seen:
                seen.add(url)
                frontier.append((url, "sitemap"))
    fetched = 0
    finals: set[str] = set()
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        running: dict[Future, tuple[str, str]] = {}
        while frontier or running:
            while frontier and len(running) < max(1, concurrency):
                if fetched >= max_pages:
                    stats.stopped = f"page limit ({max_pages}) reached"
                    frontier.clear()
                    break
                if deadline and time.monotonic() > deadline:
                    stats.stopped = f"time limit ({max_seconds} s) reached"
                    frontier.clear()
                    break
                url, via = frontier.popleft()
                skip = site.skip_reason(url, robots)
                if skip:
                    yield _counted(stats, CrawlPage(url=url, outcome="skipped", error=skip, via=via))
                    continue
                fetched += 1
                running[pool.submit(site.get, url)] = (url, via)
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                url, via = running.pop(future)
                page = _page_of(future.result(), via)
                final = normalize_url(page.final_url or url)
                if page.ok and final in finals:
                    page.outcome, page.error, page.data = "skipped", f"same page as {final} (redirect)", None
                finals.add(final)
                seen.add(final)  # a redirect target found later through a link is not fetched again
                if follow_links and page.data is not None and _is_html(page.content_type, page.data):
                    for link in page_links(page.data, page.final_url or url, site.host):
                        if link not in seen:
                            seen.add(link)
                            frontier.append((link, "link"))
                if page.ok and include is not None and not include(page.final_url or url):
                    continue
                yield _counted(stats, page)


def _counted(stats: CrawlStats, page: CrawlPage) -> CrawlPage:
    stats.outcomes[page.outcome] = stats.outcomes.get(page.outcome, 0) + 1
    return page


def _page_of(result: FetchResult, via: str) -> CrawlPage:
    page = CrawlPage(url=result.url, outcome="page", final_url=result.final_url, status=result.status,
                     content_type=result.content_type, data=result.data, via=via, redirects=list(result.redirects))
    if result.error or result.data is None:
        page.outcome, page.error, page.data = "failed", result.error or "no body", None
    elif not _is_html(result.content_type, result.data):
        page.outcome, page.error, page.data = "skipped", f"not HTML ({result.mime or 'unknown type'})", None
    elif result.not_modified:
        page.outcome = "unchanged"
    return page


def _is_html(content_type: str | None, data: bytes) -> bool:
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime:
        return mime in _HTML_TYPES
    return bool(re.match(rb"\s*(<!doctype html|<html)", data[:512], re.I))


class _Site:
    """The crawl's host: its robots rules, its sitemaps, and paced, cached fetches."""

    def __init__(self, start: str, cache: HttpCache, pacer: _Pacer, stats: CrawlStats, options: dict) -> None:
        self.start = start
        self.host = urlparse(start).netloc
        self.root = f"{urlparse(start).scheme}://{self.host}"
        self.cache = cache
        self.pacer = pacer
        self.stats = stats
        self.options = options
        self._lock = threading.Lock()

    def get(self, url: str) -> FetchResult:
        self.pacer.wait()
        result = fetch(url, cache=self.cache, allow_redirect=self.on_site, **self.options)
        with self._lock:
            self.stats.requests += result.attempts
            self.stats.not_modified += int(result.not_modified)
        return result

    def on_site(self, url: str) -> bool:
        return urlparse(url).netloc.lower() == self.host and not unsupported_url(url)

    def robots(self) -> urllib.robotparser.RobotFileParser:
        """The site's rules per RFC 9309: a missing robots.txt allows all, an unreachable one forbids all."""
        rules = urllib.robotparser.RobotFileParser(f"{self.root}/robots.txt")
        result = self.get(f"{self.root}/robots.txt")
        if result.ok:
            rules.parse(result.data.decode("utf-8", errors="replace").splitlines())
        elif result.status is not None and 400 <= result.status < 500:
            rules.allow_all = True
        else:
            rules.disallow_all = True
            self.stats.robots_error = result.error or f"HTTP {result.status}"
        return rules

    def skip_reason(self, url: str, robots: urllib.robotparser.RobotFileParser) -> str | None:
        if not self.on_site(url):
            return "off site"
        if not robots.can_fetch(self.options["user_agent"], url):
            return "disallowed by robots.txt"
        return None

    def sitemap_pages(self, robots: urllib.robotparser.RobotFileParser) -> list[str]:
        """Page URLs from the sitemaps robots.txt names (else /sitemap.xml), following sitemap indexes."""
        queue = deque(robots.site_maps() or [f"{self.root}/sitemap.xml"])
        visited: set[str] = set()
        pages: list[str] = []
        while queue and len(visited) < MAX_SITEMAPS:
            raw = queue.popleft()
            if unsupported_url(raw):  # robots.txt or a sitemap index may name a malformed URL
                continue
            url = normalize_url(raw)
            if url in visited or not self.on_site(url):
                continue
            visited.add(url)
            result = self.get(url)
            if not result.ok:
                continue
            children, locs = sitemap_locations(result.data)
            queue.extend(children)
            pages.extend(normalize_url(loc) for loc in locs if not unsupported_url(loc))
        return pages


def sitemap_locations(data: bytes) -> tuple[list[str], list[str]]:
    """(child sitemaps, page URLs) of a sitemap or sitemap index, gzip or plain; a text sitemap lists URLs."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            return [], []
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        lines = data.decode("utf-8", errors="replace").split()
        return [], [ln for ln in lines if ln.startswith(("http://", "https://"))]
    children, pages = [], []
    for loc in root.iter("{*}loc"):
        parent = loc.getparent()
        target = children if parent is not None and etree.QName(parent).localname == "sitemap" else pages
        if loc.text and loc.text.strip():
            target.append(loc.text.strip())
    return children, pages


def page_links(data: bytes, base: str, host: str) -> list[str]:
    """In-site http(s) links of an HTML page (resolved, normalized, no fragments, no obvious non-HTML files)."""
    try:
        doc = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError):
        return []
    base_href = doc.xpath("//base/@href")
    base = urljoin(base, base_href[0]) if base_href else base
    links: list[str] = []
    for href in doc.xpath("//a/@href | //link[@rel='next']/@href"):
        href = href.strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        try:
            url = normalize_url(urljoin(base, href))
        except ValueError:  # "http://[::1", a port out of range: one broken link must not end the crawl
            continue
        parts = urlparse(url)
        if parts.scheme in ("http", "https") and parts.netloc == host and not _SKIP_EXTENSIONS.search(parts.path):
            links.append(url)
    return links
