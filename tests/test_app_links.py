"""Unit tests of the web app's pure helpers: permalinks, timestamp links and display filters."""

from __future__ import annotations

from markupsafe import Markup

from indexer.request import SearchRequest
from search_app.filters import age_text, date_text, datetime_text, duration_text, http_url, item_parts, kind_label
from search_app.links import chips, clear_filters_href, page_window, search_href, time_href, toggle_href


def test_youtube_timestamp_uses_t_seconds_and_replaces_an_existing_one():
    ep = {"url": "https://www.youtube.com/watch?v=abc&t=10s", "media_url": None}
    assert time_href(ep, 125) == "https://www.youtube.com/watch?v=abc&t=125s"
    assert time_href({"url": "https://youtu.be/xyz"}, 31) == "https://youtu.be/xyz?t=31s"


def test_media_url_wins_and_gets_a_media_fragment():
    ep = {"url": "https://example.org/notes", "media_url": "https://cdn.example.org/ep.mp3?x=1"}
    assert time_href(ep, 1059) == "https://cdn.example.org/ep.mp3?x=1#t=1059"


def test_no_timestamp_link_without_a_usable_url():
    assert time_href({"url": None, "media_url": None}, 10) is None
    assert time_href({"url": "javascript:alert(1)"}, 10) is None
    assert time_href({"url": "https://example.org/a"}, None) is None


def test_toggle_adds_then_removes_a_facet_value_and_goes_back_to_page_one():
    req = SearchRequest(q="ai", guest=["Ann"], page=3)
    added = toggle_href(req, "guest", "Bo")
    assert added == "/?q=ai&guest=Ann&guest=Bo"
    removed = toggle_href(req, "guest", "Ann")
    assert removed == "/?q=ai"


def test_search_href_keeps_page_only_when_asked():
    req = SearchRequest(q="x y", sort="date", page=2)
    assert search_href(req, page=5) == "/?q=x+y&sort=date&page=5"
    assert search_href(req, sort="relevance") == "/?q=x+y"
    assert search_href(SearchRequest()) == "/"


def test_chips_lead_to_the_search_without_that_filter():
    req = SearchRequest(q="ai", type=["book"], year=["2024"], date_from="2020-01-01")
    by_value = {c["value"]: c["href"] for c in chips(req)}
    assert by_value == {
        "book": "/?q=ai&year=2024&from=2020-01-01",
        "2024": "/?q=ai&type=book&from=2020-01-01",
        "2020-01-01": "/?q=ai&type=book&year=2024",
    }
    assert clear_filters_href(req) == "/?q=ai"


def test_page_window_marks_gaps():
    assert page_window(1, 1) == [1]
    assert page_window(5, 10) == [1, None, 3, 4, 5, 6, 7, None, 10]
    assert page_window(2, 4) == [1, 2, 3, 4]


def test_display_filters():
    assert duration_text(15900) == "4h 25m"
    assert duration_text(3600) == "1h"
    assert duration_text(600) == "10 min"
    assert duration_text(None) == ""
    assert date_text("2026-01-31") == "31 Jan 2026"
    assert date_text("sometime") == "sometime"
    assert datetime_text("2026-11-28T21:38:03+00:00") == "28 Nov 2026, 21:38 UTC"
    assert datetime_text("2026-11-28T23:38:03+02:00") == "28 Nov 2026, 21:38 UTC"
    assert age_text(30) == "just now"
    assert age_text(7300) == "2 hours"
    assert age_text(86400) == "1 day"
    assert http_url("https://a.example/x") == "https://a.example/x"
    assert http_url("javascript:alert(1)") is None


def test_kind_labels_name_item_types():
    assert kind_label({"kind": "item", "item": {"type": "book"}}) == "Book"
    assert kind_label({"kind": "reveal", "item": None}) == "Reveal"
    assert kind_label({"kind": "transcript", "item": None}) == "Transcript"


def test_item_snippet_splits_into_highlighted_title_creator_and_quote():
    match = {
        "kind": "item",
        "text": "The <mark>Soil</mark> Book — Ann &amp; Co — Read it &lt;now&gt;.",
        "item": {"title": "The Soil Book", "creator": "Ann & Co", "quote": "Read it <now>."},
    }
    parts = item_parts(match)
    assert parts == {"title": "The <mark>Soil</mark> Book", "creator": "Ann &amp; Co", "quote": "Read it &lt;now&gt;."}
    assert isinstance(parts["quote"], Markup)


def test_item_snippet_cut_to_a_window_is_left_whole():
    match = {"kind": "item", "text": "…the <mark>soil</mark> matters.", "item": {"title": "The Soil Book",
                                                                               "quote": "Long… the soil matters."}}
    assert item_parts(match) is None
