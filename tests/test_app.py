"""The HTML pages through Flask's test client over an index built from the bundled corpus."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from indexer.index import EpisodeIndex
from indexer.request import SearchRequest
from indexer.textutil import format_timestamp
from search_app import create_app

EXAMPLE_ID = "lex-fridman-podcast-490"


def page(client, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/html"
    return BeautifulSoup(response.get_data(as_text=True), "lxml")


def hit_ids(soup: BeautifulSoup) -> list[str]:
    return [a["href"].rsplit("/", 1)[1] for a in soup.select("li.hit .hit-title a")]


def browse(client, **params) -> dict:
    return client.get("/api/search", query_string=params).get_json()


def test_search_finds_the_example_episode_first_with_the_word_highlighted(client):
    soup = page(client, "/?q=RLVR")
    assert hit_ids(soup)[0] == EXAMPLE_ID
    first = soup.select_one("li.hit")
    marks = [m.get_text() for m in first.select(".snippet mark")]
    assert "RLVR" in marks
    labels = {k.get_text() for k in first.select(".kind")}
    assert labels & {"Reveal", "Gist", "Fact"}
    assert "Lex Fridman Podcast" in first.select_one(".hit-meta").get_text()
    assert "#490" in first.select_one(".hit-meta").get_text()
    assert "4h 25m" in first.select_one(".hit-meta").get_text()
    assert [a.get_text() for a in first.select(".hit-guests a")] == ["Sebastian Raschka", "Nathan Lambert"]


def test_result_count_is_a_live_region_with_the_query_time(client):
    total = browse(client, q="RLVR")["total"]
    soup = page(client, "/?q=RLVR")
    status = soup.select_one("#result-count")
    assert status["aria-live"] == "polite"
    assert status.strong.get_text() == str(total)
    assert " ms" in status.select_one(".took").get_text()


def test_item_match_shows_quote_speaker_and_timestamp(client):
    soup = page(client, "/?q=" + quote('"Grok 4 Heavy"'))
    match = next(m for m in soup.select("li.match-item") if "Grok 4 Heavy" in m.get_text())
    assert match.select_one(".kind").get_text() == "Product"
    assert "hardcore debugging" in match.get_text()
    assert "Sebastian Raschka" in match.select_one(".speaker").get_text()
    # The example has neither url nor media_url, so the moment is shown but cannot be linked.
    assert match.select_one(".timestamp").get_text().strip() == "17:39"


def test_query_text_is_escaped_never_markup(client):
    response = client.get("/", query_string={"q": "<script>alert(1)</script>"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_ticking_a_guest_facet_narrows_to_that_guests_episodes(client):
    everything = browse(client)
    guest = min(everything["facets"]["guest"], key=lambda v: v["count"])
    assert guest["count"] < everything["total"], "the corpus needs a guest not on every episode"
    soup = page(client, "/?" + f"guest={quote(guest['value'])}")
    assert soup.select_one("#result-count strong").get_text() == str(guest["count"])
    for hit in soup.select("li.hit"):
        assert guest["value"] in [a.get_text() for a in hit.select(".hit-guests a")]
    box = soup.find("input", attrs={"name": "guest", "value": guest["value"]})
    assert box.has_attr("checked") and box["form"] == "search-form"


def test_two_values_of_one_facet_combine_with_or(client):
    values = browse(client)["facets"]["guest"][:2]
    assert len(values) == 2
    both = browse(client, guest=[v["value"] for v in values])
    assert both["total"] >= max(v["count"] for v in values)


def test_chip_link_removes_its_filter(client):
    everything = browse(client, q="")
    book = next(v for v in everything["facets"]["type"] if v["value"] == "book")
    soup = page(client, "/?type=book")
    assert soup.select_one("#result-count strong").get_text() == str(book["count"])
    chip = soup.select_one(".chips a.chip")
    assert "Book" in chip.get_text()
    assert chip["aria-label"] == "Remove filter Item type: book"
    after = page(client, chip["href"])
    assert after.select_one("#result-count strong").get_text() == str(everything["total"])
    assert after.select_one(".chips") is None


def test_facet_links_toggle_and_every_facet_is_in_the_sidebar(client):
    soup = page(client, "/")
    legends = [f.legend.get_text() for f in soup.select("fieldset.facet[data-facet]")]
    assert legends[:2] == ["Guest", "Item type"]
    assert {"Podcast", "Year"} <= set(legends)
    link = soup.select_one('fieldset[data-facet="type"] .facet-value a')
    value = soup.select_one('fieldset[data-facet="type"] .facet-value input')["value"]
    assert link["href"] == f"/?type={value}"


def test_pagination_walks_through_every_episode_once(client):
    total = browse(client)["total"]
    seen: list[str] = []
    url = "/?limit=3"
    while url:
        soup = page(client, url)
        seen += hit_ids(soup)
        nxt = soup.select_one("a.page-next")
        url = nxt["href"] if nxt else None
    assert len(seen) == total == len(set(seen))
    assert page(client, "/?limit=3&page=2").select_one(".page-current").get_text() == "2"


def test_sort_by_date_lists_newest_first(client):
    result = browse(client, sort="date", limit=100)
    dates = [h["episode"]["date"] for h in result["hits"] if h["episode"]["date"]]
    assert dates == sorted(dates, reverse=True)
    soup = page(client, "/?sort=date")
    assert soup.select_one("#sort option[selected]")["value"] == "date"
    assert hit_ids(soup) == [h["episode"]["id"] for h in result["hits"]][:10]


def test_empty_result_page_helps(client):
    soup = page(client, "/?q=qqxxzzyy")
    empty = soup.select_one(".empty-state")
    assert "Nothing matches" in empty.get_text()
    assert empty.select_one('a[href="/items"]') is not None
    assert soup.select_one("#result-count").get_text().strip().startswith("No episodes")


def test_did_you_mean_offers_the_corrected_query(client):
    suggestion = browse(client, q="scalng laws")["suggestion"]
    assert suggestion == "scaling laws"
    soup = page(client, "/?q=scalng+laws")
    link = soup.select_one(".did-you-mean a")
    assert link.get_text() == suggestion
    assert link["href"] == "/?q=scaling+laws"


def test_bad_parameter_gets_a_400_page_naming_it(client):
    soup = page(client, "/?page=abc", status=400)
    assert soup.select_one(".error-message").get_text() == "Parameter “page”: 'abc' is not a whole number."
    assert soup.title.get_text() == "400 Bad parameter · podnotes"
    assert soup.select_one(".error-page code").get_text() == "page"
    soup = page(client, "/?sort=loudest", status=400)
    assert "sort" in soup.select_one(".error-message").get_text()


def test_unknown_episode_and_guest_are_404(client):
    soup = page(client, "/episodes/no-such-episode", status=404)
    assert "no-such-episode" in soup.get_text()
    page(client, "/guests/Nobody%20At%20All", status=404)


def test_episode_page_shows_every_section(client):
    soup = page(client, f"/episodes/{EXAMPLE_ID}")
    assert soup.h1.get_text().startswith("State of AI in 2026")
    headings = [h.get_text() for h in soup.select("section h2")]
    assert headings[:4] == ["Guests", "The gist", "Big reveals", "Things worth remembering"]
    assert "Recommended" in headings and "The guests’ own work" in headings
    guests = soup.select(".guest-list a.guest-name")
    assert [(a.get_text(), a["href"]) for a in guests] == [
        ("Sebastian Raschka", "/guests/Sebastian%20Raschka"),
        ("Nathan Lambert", "/guests/Nathan%20Lambert"),
    ]
    assert len(soup.select("section[aria-labelledby=reveals-h] li")) == 8
    grok = next(li for li in soup.select(".item-card") if "Grok 4 Heavy" in li.get_text())
    assert "hardcore debugging" in grok.select_one("blockquote").get_text()
    assert grok.select_one(".timestamp").get_text().strip() == "17:39"
    assert [a["href"] for a in soup.select(".topics a")][0] == "/?topic=LLMs"


def item_titles(section) -> list[str]:
    return [c.select_one(".item-title strong").get_text() for c in section.select(".item-card")]


def test_guest_page_lists_episodes_and_what_they_recommended(client):
    soup = page(client, "/guests/Nathan%20Lambert")
    assert soup.h1.get_text() == "Nathan Lambert"
    assert f"/episodes/{EXAMPLE_ID}" in [a["href"] for a in soup.select(".episode-list a.episode-link")]
    # What they recommended and what they made are apart: the page answers "what did they recommend?"
    recommended = soup.select_one("section[aria-labelledby=guest-items-h]")
    own = soup.select_one("section[aria-labelledby=guest-own-h]")
    assert "Season of the Witch" in item_titles(recommended)
    assert item_titles(own) == ["Reinforcement Learning from Human Feedback"]
    assert "Reinforcement Learning from Human Feedback" not in item_titles(recommended)


def test_guest_page_names_the_episode_of_every_item(client, library):
    name = "Hester Calloway-Obi"
    info = library.guest(name)
    assert len({i["episode"]["id"] for i in info["items"]}) > 1, "the items come from several episodes"
    soup = page(client, "/guests/" + quote(name))
    cards = soup.select(".item-card")
    assert len(cards) == len(info["items"])
    for card in cards:
        link = card.select_one(".in-episode a")
        assert link["href"].startswith("/episodes/")
        assert page(client, link["href"]).h1.get_text() == link.get_text()


def test_items_page_filters_by_type_most_recommended_first(client):
    soup = page(client, "/items?type=book")
    kinds = {k.get_text() for k in soup.select(".item-card .kind")}
    assert kinds == {"Book"}
    counts = [int(c.get_text().rstrip("×")) for c in soup.select(".mention-count")]
    assert counts == sorted(counts, reverse=True)
    selected = soup.select_one(".type-filter .pill.is-selected")
    assert selected["href"] == "/items"
    assert "Build a Large Language Model from Scratch" in soup.get_text()


def test_stats_page_counts_match_the_library(client, library):
    stats = library.stats()
    soup = page(client, "/stats")
    values = {s.dt.get_text(): s.dd.get_text() for s in soup.select(".stat")}
    assert values["Episodes"] == str(stats["episodes"])
    assert values["Guests"] == str(stats["guests"])


def test_every_page_links_opensearch_and_loads_only_own_scripts(client):
    for url in ["/", "/?q=RLVR", f"/episodes/{EXAMPLE_ID}", "/items", "/stats", "/guests/Nathan%20Lambert"]:
        soup = page(client, url)
        link = soup.find("link", rel="search")
        assert link["href"] == "/opensearch.xml" and link["type"] == "application/opensearchdescription+xml"
        scripts = soup.find_all("script")
        assert scripts and all(s.get("src", "").startswith("/static/") and not s.string for s in scripts)
        assert soup.find("style") is None and soup.find(attrs={"style": True}) is None
        assert soup.find("main") and soup.find("header") and soup.find("nav")
        assert soup.find("label", attrs={"for": "q"}) is not None


@pytest.mark.parametrize("url", ["/", "/?q=RLVR", "/items", "/stats", "/episodes/nope", "/?page=0"])
def test_security_headers_on_every_response(client, url):
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]


def test_partial_match_says_not_every_word_was_found(client):
    assert browse(client, q="RLVR qqxxzzyy")["mode"] == "or"
    soup = page(client, "/?q=RLVR+qqxxzzyy")
    assert "some of them" in soup.select_one(".notice").get_text()
    assert hit_ids(soup)[0] == EXAMPLE_ID


def test_chapters_link_to_their_moment_in_the_episode_media(client, library):
    for hit in library.search(SearchRequest(per_page=100))["hits"]:
        doc = library.episode(hit["episode"]["id"])
        base = doc.get("media_url") or doc.get("url") or ""
        if doc["chapters"] and base.startswith("http") and "youtu" not in base:
            break
    else:
        raise AssertionError("the bundled corpus needs an episode with chapters and a media or page URL")
    soup = page(client, f"/episodes/{doc['id']}")
    links = [(a["href"], a.get_text()) for a in soup.select(".chapters a.timestamp")]
    assert links == [(f"{base}#t={c['t']}", format_timestamp(c["t"])) for c in doc["chapters"]]


def hostile_document() -> dict:
    return {
        "id": "hostile-1", "podcast": "Evil <b>Cast</b>", "number": 1, "title": "Hello <script>alert(1)</script>",
        "host": None, "date": "2024-05-01", "duration_s": 60, "summary": None,
        "guests": [{"name": "Eve <img src=x onerror=alert(1)>", "bio": None}], "topics": ["x"],
        "gist": "A gist about <iframe> tags & things.", "reveals": [], "facts": [],
        "items": [{"type": "book", "relation": "recommended", "title": "Trap", "creator": None,
                   "creator_inferred": False, "quote": "click", "speaker": None, "t": 5,
                   "link": "javascript:alert(1)"}],
        "chapters": [], "transcript": [], "url": "javascript:alert(2)",
    }


def test_document_text_and_links_can_never_inject_markup(tmp_path):
    EpisodeIndex(tmp_path).sync([hostile_document()])
    client = create_app({"TESTING": True, "PODNOTES_INDEX": str(tmp_path)}).test_client()
    for url in ["/?q=gist", "/?q=hello", "/episodes/hostile-1", "/items"]:
        soup = page(client, url)
        assert soup.find("script", src=False) is None, url
        assert soup.find("img") is None and soup.find("iframe") is None and soup.find("b") is None, url
        assert not [a for a in soup.find_all("a", href=True) if a["href"].lower().startswith("javascript:")], url
    soup = page(client, "/?q=iframe")
    assert "<iframe> tags" in soup.select_one(".snippet").get_text()


def test_facet_values_take_one_tab_stop_each(client):
    # The checkbox is the control; the link beside it is for a pointer without JavaScript.
    soup = page(client, "/")
    for row in soup.select(".facet-value"):
        assert row.select_one("input[type=checkbox]").get("tabindex") is None
        assert row.select_one("label a")["tabindex"] == "-1"


def test_empty_state_examples_all_find_episodes(client):
    soup = page(client, "/?q=qqxxzzyy")
    examples = [a["href"] for a in soup.select(".empty-state a") if a["href"].startswith("/?")]
    assert len(examples) >= 4
    for href in examples:
        found = page(client, href)
        assert int(found.select_one("#result-count strong").get_text()) > 0, href


def test_filters_that_match_nothing_get_their_own_empty_state(client):
    soup = page(client, "/?from=1990&to=1991")
    empty = soup.select_one(".empty-state")
    assert empty.h2.get_text() == "No episode matches these filters"
    assert empty.select_one('a[href="/"]').get_text() == "Search again without filters"


def test_a_page_past_the_end_says_so_instead_of_nothing_matches(client):
    total = browse(client, q="book")["total"]
    soup = page(client, "/?q=book&page=99")
    empty = soup.select_one(".empty-state")
    assert empty.h2.get_text() == "There is no page 99"
    assert "Nothing matches" not in empty.get_text()
    assert f"{total} episodes" in empty.get_text()
    assert hit_ids(page(client, empty.a["href"]))
    items = page(client, "/items?page=99").select_one(".empty-state")
    assert items.h2.get_text() == "There is no page 99"
    assert page(client, items.a["href"]).select(".item-card")


@pytest.mark.parametrize(("url", "title"), [
    ("/", "podnotes search"),
    ("/?q=tides", "tides · podnotes search"),
    ("/?q=book&type=book", "book · Item type: Book · podnotes search"),
    ("/?guest=Nathan+Lambert&limit=3&page=2", "Guest: Nathan Lambert · page 2 · podnotes search"),
    ("/items", "Recommended items · podnotes"),
    ("/items?type=book&type=film", "Book, Film · Recommended items · podnotes"),
    ("/stats", "Stats · podnotes"),
    ("/guests/Nathan%20Lambert", "Nathan Lambert · podnotes"),
])
def test_every_page_state_has_its_own_title(client, url, title):
    assert page(client, url).title.get_text() == title


def test_chapter_links_say_which_chapter_they_play(client, library):
    doc = library.episode("ledger-loop-58")
    soup = page(client, "/episodes/ledger-loop-58")
    labels = [a["aria-label"] for a in soup.select(".chapters a.timestamp")]
    assert labels == [f"Listen from {format_timestamp(c['t'])}: {c['title']}" for c in doc["chapters"]]


def test_items_say_how_often_they_were_recommended_in_words(client):
    soup = page(client, "/items")
    card = soup.select_one(".item-card")
    count = card.select_one(".mention-count")
    assert count["aria-hidden"] == "true"
    assert count.find_next_sibling(class_="visually-hidden").get_text() == (
        f"Recommended in {count.get_text().rstrip('×')} episodes")


def test_autocomplete_has_a_status_region_for_the_suggestion_count(client):
    soup = page(client, "/")
    status = soup.select_one("#suggest-status")
    assert status["role"] == "status" and status["aria-live"] == "polite"


def test_browse_cards_show_the_episode_summary(client):
    page = client.get("/?type=book").get_data(as_text=True)
    assert 'class="hit-summary"' in page
    assert "survey the 2026 state of AI" in page
