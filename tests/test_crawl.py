"""The crawler against a local fixture site: discovery, robots.txt, retries, limits and the conditional-GET cache."""

from __future__ import annotations

from pathlib import Path

from indexer.crawl import CrawlStats, crawl, normalize_url, page_links, sitemap_locations
from indexer.parse import parse_bytes
from tests.fixture_site import FLAKY_PAGE, MAX_BYTES


def run(base: str, cache: Path, **options) -> tuple[dict[str, object], CrawlStats]:
    stats = CrawlStats()
    opts = dict(cache_dir=cache, delay=0.01, concurrency=2, max_bytes=MAX_BYTES, timeout=5, backoff=0.01)
    opts.update(options)
    pages = {p.url.removeprefix(base): p for p in crawl(base + "/", stats=stats, **opts)}
    return pages, stats


def test_crawl_finds_every_episode_page_and_reports_each_url(site, tmp_path):
    base, handler = site
    pages, stats = run(base, tmp_path / "cache")
    finals = {p.final_url.removeprefix(base) for p in pages.values() if p.outcome == "page"}
    assert {"/episodes/ep-1.html", "/episodes/ep-2.html", "/episodes/ep-3.html", "/episodes/ep-4.html"} <= finals
    assert b"Ada Lovelace: Engines" in pages["/episodes/ep-1.html"].data
    assert pages["/episodes/ep-1.html"].via == "sitemap"
    assert pages["/episodes/ep-4.html"].via == "link"
    # the redirect is followed, and reported
    old = pages["/old-episode"]
    assert old.outcome == "page" and old.final_url == base + "/episodes/ep-3.html"
    assert old.redirects == [base + "/episodes/ep-3.html"]
    # the page that fails once is retried and then read
    assert pages["/flaky.html"].outcome == "page" and pages["/flaky.html"].data == FLAKY_PAGE
    assert handler.hits["/flaky.html"] == 2
    assert stats.outcomes["page"] >= 7


def test_crawl_honours_robots_and_limits(site, tmp_path):
    base, handler = site
    pages, _ = run(base, tmp_path / "cache")
    secret = pages["/private/ep-secret.html"]
    assert secret.outcome == "skipped" and "robots.txt" in secret.error
    assert handler.hits["/private/ep-secret.html"] == 0
    huge = pages["/huge.html"]
    assert huge.outcome == "failed" and "too large" in huge.error and huge.data is None
    pdf = pages["/notes-download"]
    assert pdf.outcome == "skipped" and pdf.error == "not HTML (application/pdf)"
    # off-site links and other schemes are never requested or reported; a .pdf link is not even fetched
    assert not any("elsewhere" in url or url.startswith("ftp") for url in pages)
    assert "/files/notes.pdf" not in pages and handler.hits["/files/notes.pdf"] == 0


def test_recrawl_with_cache_downloads_nothing_unchanged(site, tmp_path):
    base, handler = site
    first, _ = run(base, tmp_path / "cache")
    sent_first = sum(handler.bodies_sent.values())
    second, stats = run(base, tmp_path / "cache")
    assert sum(handler.bodies_sent.values()) == sent_first + 1  # only the huge page, never cached, is sent again
    assert handler.bodies_sent["/huge.html"] == 2
    assert second["/episodes/ep-1.html"].outcome == "unchanged"
    assert second["/episodes/ep-1.html"].data == first["/episodes/ep-1.html"].data  # served from the cache
    assert stats.not_modified >= 8
    assert {p.outcome for p in second.values()} == {"unchanged", "skipped", "failed"}


def test_page_limit_stops_the_crawl(site, tmp_path):
    base, handler = site
    stats = CrawlStats()
    outcomes = list(crawl(base + "/", cache_dir=tmp_path / "c", delay=0.01, max_pages=3, stats=stats))
    fetched = [p for p in outcomes if p.outcome != "skipped" or "robots" not in (p.error or "")]
    assert len(fetched) == 3
    assert stats.stopped == "page limit (3) reached"


def test_unreachable_robots_forbids_everything(tmp_path):
    # nothing listens on port 9 of localhost: robots.txt cannot be read, so RFC 9309 says crawl nothing
    pages = list(crawl("http://127.0.0.1:9/", cache_dir=tmp_path, delay=0, retries=0, timeout=1))
    assert [(p.outcome, p.error) for p in pages] == [("skipped", "disallowed by robots.txt")]


def test_only_http_and_https_are_crawled(tmp_path):
    pages = list(crawl("file:///etc/passwd", cache_dir=tmp_path))
    assert len(pages) == 1 and pages[0].outcome == "failed" and "only http and https" in pages[0].error


def test_sitemap_index_and_page_links_parse():
    children, locs = sitemap_locations(b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/'
                                       b'schemas/sitemap/0.9"><sitemap><loc> http://a.example/s1.xml </loc>'
                                       b"</sitemap></sitemapindex>")
    assert children == ["http://a.example/s1.xml"] and locs == []
    html = (b'<html><head><base href="/shows/"></head><body><a href="ep-1.html#t=30">1</a>'
            b'<a href="HTTP://A.EXAMPLE:80/x">x</a><a href="/cover.JPG">img</a><a href="javascript:void(0)">j</a>'
            b'<a href="https://b.example/">b</a></body></html>')
    assert page_links(html, "http://a.example/index.html", "a.example") == [
        "http://a.example/shows/ep-1.html", "http://a.example/x",
    ]
    assert normalize_url("HTTPS://Example.ORG:443#frag") == "https://example.org/"


def test_crawled_episode_pages_parse_into_documents(site, tmp_path):
    base, _ = site
    ids = set()
    for page in crawl(base + "/", cache_dir=tmp_path, delay=0.01, max_bytes=MAX_BYTES, backoff=0.01,
                      include=lambda url: "/episodes/" in url or url.endswith("/old-episode")):
        if page.outcome in ("skipped", "failed"):
            continue  # skips and failures (the huge page) are reported whatever `include` says
        assert page.outcome == "page" and "/episodes/" in page.final_url
        result = parse_bytes(page.data, page.final_url, content_type=page.content_type)
        assert result.ok, result.error
        ids.update(e.id for e in result.episodes)
    assert ids == {"fixture-podcast-1", "fixture-podcast-2", "fixture-podcast-3", "fixture-podcast-4"}
