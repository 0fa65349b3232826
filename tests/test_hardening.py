"""Hostile-input hardening of the CLI and stores: odd arguments and files, damaged corpus and index, bad URLs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.cli import cli
from indexer.request import InvalidParameter, SearchRequest
from tests.conftest import CORPUS_DIR

PAGES = CORPUS_DIR / "pages"


@pytest.fixture()
def imported_runner(runner):
    """A CLI runner whose temp corpus holds the bundled sample pages, indexed."""
    result = runner.invoke(cli, ["import", str(PAGES)])
    assert result.exit_code == 0, result.output
    return runner


def test_stats_and_search_on_an_empty_corpus_answer_without_error(runner):
    stats = runner.invoke(cli, ["stats", "--json"])
    assert stats.exit_code == 0, stats.output
    assert json.loads(stats.stdout)["episodes"] == 0
    found = runner.invoke(cli, ["search", "anything", "--json"])
    assert found.exit_code == 0, found.output
    assert json.loads(found.stdout)["total"] == 0


def test_import_into_an_index_built_from_an_empty_corpus_indexes_it(runner, tmp_path: Path):
    assert runner.invoke(cli, ["index"]).exit_code == 0
    result = runner.invoke(cli, ["import", str(PAGES)])
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    found = json.loads(runner.invoke(cli, ["search", "", "--json"]).stdout)
    assert found["total"] == len(list((tmp_path / "corpus" / "episodes").glob("*.json")))


@pytest.mark.parametrize("raw", ["2024-13-01", "2024-00", "2024-02-30", "2024-13-40", "2023-02-29"])
def test_an_impossible_date_is_a_bad_parameter(raw):
    with pytest.raises(InvalidParameter) as caught:
        SearchRequest.from_params(lambda name: [raw] if name == "from" else [])
    assert caught.value.param == "from"


@pytest.mark.parametrize(("raw", "expected"), [("2024", "2024-12-31"), ("2024-02", "2024-02-31"),
                                               ("2024-02-29", "2024-02-29")])
def test_a_real_date_or_partial_date_is_accepted(raw, expected):
    req = SearchRequest.from_params(lambda name: [raw] if name == "to" else [])
    assert req.date_to == expected


def test_a_huge_page_number_says_its_range_not_that_it_is_no_number():
    with pytest.raises(InvalidParameter) as caught:
        SearchRequest.from_params(lambda name: ["99999999"] if name == "page" else [])
    assert "between 1 and" in caught.value.message


def test_cli_search_with_an_impossible_date_is_one_line_naming_the_option(imported_runner):
    result = imported_runner.invoke(cli, ["search", "x", "--from", "2024-13-40"])
    assert result.exit_code == 1
    assert "'from'" in result.output and "2024-13-40" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("doc", [
    {"id": "broken", "title": "t", "guests": "Bob"},
    {"id": "broken", "title": "t", "items": [{"title": "a book without a type"}]},
    {"id": "broken", "title": "t", "number": "seven"},
    {"id": "broken", "title": "t", "transcript": [{"t": 1}]},
    {"id": 5, "title": "t"},
    {"id": "broken", "title": None},
])
def test_a_hand_damaged_corpus_document_is_named_not_an_internal_error(runner, tmp_path: Path, doc):
    episodes = tmp_path / "corpus" / "episodes"
    episodes.mkdir(parents=True)
    (episodes / "broken.json").write_text(json.dumps(doc), encoding="utf-8")
    for args in (["index"], ["index", "--rebuild"], ["stats"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 1
        assert "internal error" not in result.output
        assert str(episodes / "broken.json") in result.output
        assert len(result.output.strip().splitlines()) <= 2, result.output


def test_a_damaged_document_stops_a_sync_without_losing_the_indexed_episodes(imported_runner, tmp_path: Path):
    episodes = tmp_path / "corpus" / "episodes"
    before = json.loads(imported_runner.invoke(cli, ["search", "", "--json"]).stdout)["total"]
    (episodes / "broken.json").write_text(json.dumps({"id": "broken", "title": "t", "guests": "Bob"}),
                                          encoding="utf-8")
    assert imported_runner.invoke(cli, ["index"]).exit_code == 1
    after = json.loads(imported_runner.invoke(cli, ["search", "", "--json"]).stdout)["total"]
    assert after == before


def _generation(tmp_path: Path) -> Path:
    index = tmp_path / "index"
    return index / (index / "CURRENT").read_text(encoding="utf-8").strip()


def _garble_toc(gen: Path) -> None:
    for toc in gen.glob("*.toc"):
        toc.write_bytes(b"garbage")


def _drop_segment(gen: Path) -> None:
    for segment in gen.glob("*.seg"):
        segment.unlink()


@pytest.mark.parametrize("damage", [_garble_toc, _drop_segment])
def test_a_damaged_index_says_so_and_index_repairs_it(imported_runner, tmp_path: Path, damage):
    total = json.loads(imported_runner.invoke(cli, ["search", "", "--json"]).stdout)["total"]
    damage(_generation(tmp_path))
    found = imported_runner.invoke(cli, ["search", "ocean"])
    assert found.exit_code == 1
    assert "internal error" not in found.output
    assert "damaged" in found.output and "podnotes index" in found.output
    repaired = imported_runner.invoke(cli, ["index"])
    assert repaired.exit_code == 0, repaired.output
    assert json.loads(imported_runner.invoke(cli, ["search", "", "--json"]).stdout)["total"] == total


def test_a_garbled_current_file_is_no_index_and_is_rebuilt(imported_runner, tmp_path: Path):
    (tmp_path / "index" / "CURRENT").write_bytes(b"\x00\xff\xfe")
    found = imported_runner.invoke(cli, ["search", "", "--json"])
    assert found.exit_code == 0, found.output
    assert json.loads(found.stdout)["total"] > 0


def test_the_web_app_answers_503_when_the_index_is_damaged(imported_runner, tmp_path: Path):
    from search_app import create_app

    _garble_toc(_generation(tmp_path))
    client = create_app({"PODNOTES_INDEX": str(tmp_path / "index")}).test_client()
    api = client.get("/api/search?q=ocean")
    assert api.status_code == 503
    assert "damaged" in api.get_json()["message"]
    page = client.get("/?q=ocean")
    assert page.status_code == 503 and "Traceback" not in page.get_data(as_text=True)


EXAMPLE_TXT = PAGES / "000_d6705ca9813b8c93.txt"


def test_a_file_name_that_is_not_utf8_is_imported_like_any_other(runner, tmp_path: Path):
    import os

    folder = tmp_path / "pages"
    folder.mkdir()
    odd = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(odd, "wb") as fh:
        fh.write(EXAMPLE_TXT.read_bytes())
    first = runner.invoke(cli, ["import", str(folder)])
    assert first.exit_code == 0, first.output
    assert "1 added" in first.output
    again = runner.invoke(cli, ["import", str(folder)])
    assert again.exit_code == 0 and "1 unchanged" in again.output, again.output
    exported = runner.invoke(cli, ["export"])
    assert "caf\ufffd.txt" in json.loads(exported.stdout.splitlines()[0])["source"]["location"]


@pytest.mark.parametrize("special", ["/dev/null", "fifo"])
def test_a_source_that_is_neither_file_nor_folder_fails_by_name(runner, tmp_path: Path, special):
    import os

    if special == "fifo":
        special = str(tmp_path / "pipe.html")
        os.mkfifo(special)
    result = runner.invoke(cli, ["import", special])
    assert result.exit_code == 1
    assert f"failed: {special}: not a file or folder" in result.output


def test_parse_refuses_a_device_instead_of_reading_it_forever(runner):
    # /dev/zero would never end; /dev/null stands in for it here so a regression cannot hang the suite
    result = runner.invoke(cli, ["parse", "/dev/null"])
    assert result.exit_code == 1
    assert "/dev/null: cannot read file: not a regular file" in result.output


@pytest.mark.parametrize("url", ["http://[::1", "http://exa mple.com/", "http://127.0.0.1:99999/"])
def test_a_malformed_url_fails_alone_and_by_name(runner, url):
    result = runner.invoke(cli, ["import", "--no-index", url, str(EXAMPLE_TXT)])
    assert result.exit_code == 1
    assert f"failed: {url}: " in result.output and "internal error" not in result.output
    assert "1 added" in result.output
    parsed = runner.invoke(cli, ["parse", url])
    assert parsed.exit_code == 1 and "internal error" not in parsed.output and url in parsed.output


def test_crawling_a_host_that_does_not_answer_is_a_failure(runner):
    # nothing listens on port 9: robots.txt cannot be read, so nothing is crawled, and the user must hear why
    result = runner.invoke(cli, ["import", "--no-index", "--crawl", "http://127.0.0.1:9/", "--delay", "0"])
    assert result.exit_code == 1
    assert "failed: http://127.0.0.1:9/" in result.output and "robots.txt" in result.output
    assert "connection failed" in result.output


def test_a_feed_warning_is_printed_once_not_once_per_episode(runner):
    result = runner.invoke(cli, ["import", "--no-index", str(Path(__file__).parent / "fixtures" / "feeds" /
                                                             "no_guids.xml")])
    assert result.exit_code == 0, result.output
    assert "3 added" in result.stdout
    assert result.output.count("has no title") == 1


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    bytes((i * 7919 + 13) % 256 for i in range(3000)),
])
def test_binary_data_is_not_stored_as_an_episode(runner, tmp_path: Path, data):
    page = tmp_path / "cover.html"
    page.write_bytes(data)
    result = runner.invoke(cli, ["import", "--no-index", str(page)])
    assert result.exit_code == 1
    assert f"failed: {page}: binary data" in result.output
    assert not (tmp_path / "corpus" / "episodes").exists() or not any((tmp_path / "corpus" / "episodes").iterdir())


def test_a_page_with_one_stray_nul_byte_is_still_a_page(runner, tmp_path: Path):
    page = tmp_path / "episode.txt"
    text = EXAMPLE_TXT.read_bytes()
    page.write_bytes(text[:200] + b"\x00" + text[200:])
    result = runner.invoke(cli, ["import", "--no-index", str(page)])
    assert result.exit_code == 0, result.output


def test_serve_on_a_port_in_use_says_which_address_and_exits_1(imported_runner):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = imported_runner.invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "serving" not in result.output


def test_serve_on_a_host_that_is_no_address_is_not_an_internal_error(imported_runner):
    result = imported_runner.invoke(cli, ["serve", "--host", "999.1.1.1", "--port", "8999"])
    assert result.exit_code == 1
    assert "cannot listen on 999.1.1.1:8999" in result.output and "internal error" not in result.output


@pytest.mark.parametrize("delay", ["inf", "nan", "-5", "1e308"])
def test_an_impossible_crawl_delay_is_a_usage_error_naming_the_option(runner, delay):
    result = runner.invoke(cli, ["import", "--no-index", "--crawl", "http://127.0.0.1:9/", "--delay", delay])
    assert result.exit_code == 2
    assert "--delay" in result.output and "internal error" not in result.output


@pytest.fixture()
def bad_redirect_url():
    """A URL on 127.0.0.1 that redirects to a Location no URL parser accepts."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self.send_response(302)
            self.send_header("Location", "http://[::1/episode")
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/moved"
    server.shutdown()
    server.server_close()


def test_a_redirect_to_a_malformed_url_fails_that_source_alone(runner, bad_redirect_url):
    result = runner.invoke(cli, ["import", "--no-index", bad_redirect_url, str(EXAMPLE_TXT)])
    assert result.exit_code == 1
    assert f"failed: {bad_redirect_url}: " in result.output and "internal error" not in result.output
    assert "1 added" in result.output


def test_a_malformed_link_on_a_crawled_page_is_skipped_not_fatal():
    from indexer.crawl import page_links

    html = (b'<html><body><a href="http://[::1/x">a</a><a href="http://a.example:99999/">b</a>'
            b'<a href="http://a.example:abc/">c</a><a href="/episodes/1">ok</a></body></html>')
    assert page_links(html, "http://a.example/", "a.example") == ["http://a.example/episodes/1"]


def test_a_malformed_sitemap_url_in_robots_txt_is_skipped_not_fatal(tmp_path: Path):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from indexer.crawl import crawl

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            body = b"User-agent: *\nAllow: /\nSitemap: http://[::1/sitemap.xml\n" if self.path == "/robots.txt" \
                else b"<html><body><h1>Home</h1></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        pages = list(crawl(f"http://127.0.0.1:{server.server_address[1]}/", cache_dir=tmp_path, delay=0))
    finally:
        server.shutdown()
        server.server_close()
    assert [p.outcome for p in pages] == ["page"]


def test_a_malformed_link_in_a_page_does_not_fail_the_page(runner, tmp_path: Path):
    page = tmp_path / "episode.html"
    page.write_text('<html><body><h1>Lattice Talk</h1><h2>The gist</h2><p>We talk <a href="http://[::1">lattices'
                    '</a>.</p><h2>Chapters</h2><ul><li><a href="http://[::1/?t=60">Intro</a></li></ul>'
                    '<h2>Recommended</h2><ul><li><a href="http://[::1/b">Book X</a> by Some One</li></ul>'
                    '</body></html>', encoding="utf-8")
    result = runner.invoke(cli, ["parse", str(page)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == "Lattice Talk"


def test_a_malformed_resource_url_in_a_feed_is_a_warning_not_a_failed_feed(runner, tmp_path: Path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">'
                    "<channel><title>Show</title><item><title>Ep one</title><guid>g1</guid>"
                    "<description>One.</description>"
                    '<podcast:transcript url="http://[::1/t.vtt" type="text/vtt"/></item></channel></rss>',
                    encoding="utf-8")
    result = runner.invoke(cli, ["parse", str(feed)])
    assert result.exit_code == 0, result.output
    assert "http://[::1/t.vtt is not a valid URL" in result.output
