"""Notes pages → documents: the example episode in eight markups, chrome never leaking, real excerpts, feed notes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from indexer.extract import notes_from_html, parse_html, parse_text
from indexer.parse import parse_bytes
from tests.pagefixtures import expected_doc, page_for, parsed_doc, strings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "pages"
SHARED_PAGES = ROOT.parent / "shared" / "data" / "pages"
SHARED_EXAMPLES = ROOT.parent / "shared" / "examples"

EXPECTED = sorted(FIXTURES.glob("*.expected.json"))
#: Text of site chrome in the fixture pages: none of it may reach any field of any document.
CHROME_PHRASES = (
    "accept cookies", "we use cookies", "this site uses cookies", "this website uses cookies",
    "subscribe to our newsletter", "all rights reserved", "share on x", "share this", "leave a reply",
    "leave a comment", "skip to content", "proudly powered", "recent posts", "you might also like",
    "related episodes", "privacy policy", "sign in", "great episode", "#489", "notes on every conversation",
    "filed under", "previous:", "menu",
)










# --------------------------------------------------------------------------------------------------------------
# The example episode in every markup


def test_there_are_at_least_five_markups_of_the_example():
    kinds = {page_for(p).suffix for p in EXPECTED}
    assert len(EXPECTED) >= 7 and {".html", ".txt", ".md"} <= kinds


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_fixture_page_parses_to_its_expected_document(expected):
    doc = parsed_doc(page_for(expected))
    want = expected_doc(expected)
    differing = sorted(k for k in set(doc) | set(want) if doc.get(k) != want.get(k))
    assert not differing, f"fields differ: {differing}"
    assert doc == want


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_every_markup_gives_the_same_episode_apart_from_what_it_cannot_carry(expected):
    """All markups agree with the shared expected document except url and item links (noted in `_note`)."""
    reference = json.loads((FIXTURES / "000_d6705ca9813b8c93.expected.json").read_text(encoding="utf-8"))
    doc = parsed_doc(page_for(expected))
    for key in reference:
        if key == "url":
            continue
        if key == "items":
            strip = [{k: v for k, v in it.items() if k != "link"} for it in doc["items"]]
            assert strip == [{k: v for k, v in it.items() if k != "link"} for it in reference["items"]]
            continue
        assert doc[key] == reference[key], key
    note = json.loads(expected.read_text(encoding="utf-8")).get("_note", "")
    if doc["url"] is not None or any(it["link"] for it in doc["items"]):
        assert "differs" in note.lower(), "a markup that carries more than the text form says so in its expected doc"


def test_fixture_copy_of_the_shared_example_is_current():
    if not SHARED_EXAMPLES.is_dir():
        pytest.skip("../shared is absent")
    for name in ("000_d6705ca9813b8c93.txt", "000_d6705ca9813b8c93.expected.json"):
        assert (FIXTURES / name).read_bytes() == (SHARED_EXAMPLES / name).read_bytes()


def test_shared_example_text_gives_exactly_the_expected_json():
    page = FIXTURES / "000_d6705ca9813b8c93.txt"
    result = parse_text(page.read_bytes(), str(page))
    assert result.ok and result.warnings == []
    doc = result.episodes[0].to_dict()
    doc.pop("source", None)
    assert doc == json.loads((FIXTURES / "000_d6705ca9813b8c93.expected.json").read_text(encoding="utf-8"))


def test_corpus_html_form_of_the_example_equals_its_text_form():
    html = ROOT / "corpus" / "pages" / "000_d6705ca9813b8c93.html"
    text = ROOT / "corpus" / "pages" / "000_d6705ca9813b8c93.txt"
    assert parsed_doc(html) == parsed_doc(text)
    assert parsed_doc(text) == json.loads((FIXTURES / "000_d6705ca9813b8c93.expected.json").read_text(encoding="utf-8"))


def test_example_values_a_reader_checks():
    doc = parsed_doc(FIXTURES / "01_semantic_jsonld.html")
    assert (doc["id"], doc["podcast"], doc["number"], doc["host"]) == (
        "lex-fridman-podcast-490", "Lex Fridman Podcast", 490, "Lex Fridman")
    assert (doc["date"], doc["duration_s"]) == ("2026-01-31", 15900)
    assert [g["name"] for g in doc["guests"]] == ["Sebastian Raschka", "Nathan Lambert"]
    assert doc["guests"][1]["bio"].startswith("Nathan Lambert is the post-training lead")
    witch = doc["items"][3]
    assert (witch["title"], witch["creator"], witch["creator_inferred"], witch["speaker"], witch["t"]) == (
        "Season of the Witch", "David Talbot", True, "Nathan Lambert", 8881)
    assert witch["link"] == "https://www.amazon.com/dp/0143113496?tag=lexnotes-20"
    assert doc["items"][2]["relation"] == "guest_own"
    assert doc["url"] == "https://notes.example.org/episodes/490-state-of-ai-in-2026/"


# --------------------------------------------------------------------------------------------------------------
# Chrome


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_site_chrome_never_leaks_into_any_field(expected):
    doc = parsed_doc(page_for(expected))
    text = "\n".join(strings(doc)).lower()
    for phrase in CHROME_PHRASES:
        assert phrase not in text, phrase


def test_chrome_selectors_are_data():
    from indexer.extract import chrome

    assert "cookie" in chrome.CHROME_WORDS and "nav" in chrome.DROP_TAGS and "footer" in chrome.DROP_TAGS
    assert isinstance(chrome.CHROME_WORDS, tuple) and isinstance(chrome.CHROME_ROLES, tuple)


def test_content_wrapper_with_a_chrome_looking_class_is_kept():
    html = b"""<html><head><title>Deep Dive #3</title></head><body>
    <div class="post share-enabled"><h1>Deep Dive #3</h1><h2>The gist</h2><p>We talk about tides.</p>
    <h2>Key takeaways</h2><ul><li>Tides are slow.</li></ul></div>
    <div class="share-bar"><a>Share on X</a></div></body></html>"""
    doc = parse_html(html, "x.html").episodes[0]
    assert doc.gist == "We talk about tides." and doc.reveals == ["Tides are slow."]
    assert "Share" not in json.dumps(doc.to_dict())


# --------------------------------------------------------------------------------------------------------------
# Robustness


@pytest.mark.parametrize("data", [
    b"", b"\x00\x01\x02garbage\xff\xfe", b"<html><body><div></div></body></html>", b"<<<>>>",
    "<p>caf\u00e9</p>".encode("utf-16"), b"<html><body><h1>" + b"x" * 5 + b"</h1>" + b"<div>" * 2000,
])
def test_bad_input_never_raises(data):
    for fn in (parse_html, parse_text):
        result = fn(data, "bad")
        assert result.ok or result.error


def test_a_page_without_a_title_is_a_failure_with_a_reason():
    result = parse_html(b"<html><body><p></p></body></html>", "empty.html")
    assert not result.ok and "title" in result.error
    assert not parse_text(b"   \n\n", "empty.txt").ok


def test_warnings_name_missing_sections_and_unknown_labels():
    text = (b"Tiny Show #4: Salt\n\nA short chat about salt.\n\nThe gist\n\nSalt is old.\n\n"
            b"Recommended in this episode\n\nRecommendedWidget\nSalt Grinder\nAcme\n")
    result = parse_text(text, "t.txt")
    assert result.ok
    assert "no 'Big reveals' section" in result.warnings
    assert any("unknown item label 'RecommendedWidget'" in w for w in result.warnings)
    assert result.episodes[0].items[0].type == "widget"


@pytest.mark.parametrize("encoding,declare", [
    ("cp1252", b'<meta charset="windows-1252">'), ("latin-1", b'<meta http-equiv="Content-Type" '
                                                             b'content="text/html; charset=ISO-8859-1">'),
    ("utf-8", b""), ("utf-8-sig", b""),
])
def test_declared_and_undeclared_encodings(encoding, declare):
    body = "<html><head>{}<title>Caf\u00e9 Talk \u2013 Ep. 7</title></head><body><h1>Caf\u00e9 Talk</h1>" \
           "<h2>The gist</h2><p>Cr\u00e8me br\u00fbl\u00e9e, na\u00efve caf\u00e9s.</p></body></html>"
    text = body.format(declare.decode())
    if encoding == "latin-1":
        text = text.replace("\u2013", "-")
    data = text.encode(encoding).replace(b"\n", b"\r\n")
    doc = parse_html(data, "enc.html").episodes[0]
    assert doc.title == "Caf\u00e9 Talk" and doc.gist == "Cr\u00e8me br\u00fbl\u00e9e, na\u00efve caf\u00e9s."
    assert doc.number == 7


def test_text_page_in_cp1252_with_crlf():
    text = "Ledger Talk #9: Ink\r\n\r\nThe gist\r\n\r\nIt\u2019s about \u201cink\u201d.\r\n".encode("cp1252")
    doc = parse_text(text, "t.txt").episodes[0]
    assert doc.gist == "It\u2019s about \u201cink\u201d." and doc.number == 9


def test_structured_data_fills_what_the_visible_text_lacks():
    html = b"""<html><head>
    <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
      {"@type":"PodcastEpisode","name":"Kelp Forests","episodeNumber":12,"datePublished":"2024-03-05",
       "duration":"PT1H2M3S","partOfSeries":{"@type":"PodcastSeries","name":"Tide Talk"},
       "author":{"@type":"Person","name":"Mara Quill"},"keywords":["kelp","otters"],
       "url":"https://tide.example.org/12"}]}</script>
    </head><body><article><h1>Kelp Forests</h1><p>Why kelp matters to otters and everyone else.</p>
    <h2>The gist</h2><p>Kelp.</p></article></body></html>"""
    doc = parse_html(html, "k.html").episodes[0]
    assert (doc.id, doc.podcast, doc.number, doc.date, doc.duration_s, doc.host) == (
        "tide-talk-12", "Tide Talk", 12, "2024-03-05", 3723, "Mara Quill")
    assert doc.topics == ["kelp", "otters"] and doc.url == "https://tide.example.org/12"
    assert doc.summary == "Why kelp matters to otters and everyone else."


def test_open_graph_and_time_element():
    html = b"""<html><head><meta property="og:title" content="Moon Dust | Slow Orbit Ep. 4">
    <meta property="og:site_name" content="Slow Orbit"><meta property="og:url" content="https://so.example/4">
    <meta property="og:description" content="Regolith, explained."></head><body>
    <main><h1>Moon Dust</h1><p>By <b>Odile Brannigan</b> \xc2\xb7 <time datetime="2023-09-14T10:00:00Z">Sep 14</time>
    \xc2\xb7 95 min</p><h3>Highlights</h3><ul><li>Dust is sharp.</li></ul></main></body></html>"""
    doc = parse_html(html, "m.html").episodes[0]
    assert (doc.title, doc.podcast, doc.number, doc.url) == ("Moon Dust", "Slow Orbit", 4, "https://so.example/4")
    assert (doc.date, doc.duration_s, doc.host, doc.summary) == ("2023-09-14", 5700, "Odile Brannigan",
                                                                 "Regolith, explained.")
    assert doc.reveals == ["Dust is sharp."]


def test_microdata_episode():
    html = b"""<html><body><div itemscope itemtype="http://schema.org/PodcastEpisode">
    <h1 itemprop="name">Barnacles</h1><span itemprop="episodeNumber">31</span>
    <div itemprop="partOfSeries" itemscope itemtype="http://schema.org/PodcastSeries">
      <span itemprop="name">Tidepool Lab</span></div>
    <meta itemprop="datePublished" content="2022-11-02"><meta itemprop="duration" content="PT45M">
    <p><strong>Summary</strong></p><p>Barnacles glue themselves head-first.</p></div></body></html>"""
    doc = parse_html(html, "b.html").episodes[0]
    assert (doc.title, doc.podcast, doc.number, doc.date, doc.duration_s) == (
        "Barnacles", "Tidepool Lab", 31, "2022-11-02", 2700)
    assert doc.gist == "Barnacles glue themselves head-first."


# --------------------------------------------------------------------------------------------------------------
# The real excerpts in ../shared


REAL = {
    # file: (title, number, chapters, first chapter, items)
    "alexandbooks_trj18_blas_moros.txt": (
        "Blas Moros: Lessons From Reading 600+ Books & Connecting Big Ideas With The Latticework", 18, 15,
        (55, "How Blas discovered his love for reading"), 0),
    "audible_dwarkesh_podcast_satya_nadella.txt": (
        "Satya Nadella — How Microsoft is preparing for AGI", None, 9, (0, "Tour through Fairwater 2"), 0),
    "infiniteloops_dwarkesh_patel_ep147.txt": ("Podcasting, Talent & Innovation", 147, 17, (0, "147. YT"), 5),
    "podscripts_huberman_lab_lex_fridman.txt": (
        "Huberman Lab - Machines, Creativity & Love | Dr. Lex Fridman", None, 30,
        (0, "Introduction: Lex Fridman"), 0),
    "podunk_modern_wisdom_979_dwarkesh_patel.txt": (
        "Dwarkesh Patel - AI Safety, The China Problem, LLMs & Job Displacement", 979, 11,
        (0, "Has AI Accelerated Our Understanding of Human Intelligence?"), 0),
    "theojaffee_9_dwarkesh_patel.txt": ("Dwarkesh Patel", 9, 23, (0, "Intro"), 0),
    "readpods_huberman_lab_100_lex_fridman.txt": (None, None, 0, None, 0),
}


def _shared_txt() -> list[Path]:
    if not SHARED_PAGES.is_dir():
        return []
    return sorted(SHARED_PAGES.glob("*.txt"))


def test_shared_excerpts_are_present_or_skipped():
    if not SHARED_PAGES.is_dir():
        pytest.skip("../shared is absent")
    assert {p.name for p in _shared_txt()} >= set(REAL)


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_excerpt_parses(name):
    path = SHARED_PAGES / name
    if not path.exists():
        pytest.skip("../shared is absent")
    result = parse_bytes(path.read_bytes(), str(path))
    assert result.ok, result.error
    ep = result.episodes[0]
    title, number, n_chapters, first, n_items = REAL[name]
    url = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("URL:").strip()
    assert ep.url == url and ep.title
    if title is not None:
        assert ep.title == title
    assert ep.number == number
    assert len(ep.chapters) == n_chapters
    if first is not None:
        assert (ep.chapters[0].t, ep.chapters[0].title) == first
        assert [c.t for c in ep.chapters] == sorted(c.t for c in ep.chapters)
    assert len(ep.items) >= n_items


def test_real_excerpt_books_mentioned():
    path = SHARED_PAGES / "infiniteloops_dwarkesh_patel_ep147.txt"
    if not path.exists():
        pytest.skip("../shared is absent")
    ep = parse_text(path.read_bytes(), str(path)).episodes[0]
    assert [(i.type, i.title, i.creator) for i in ep.items[:2]] == [
        ("book", "The Years of Lyndon Johnson", "Robert Caro"),
        ("book", "What Works on Wall Street: A Guide to the Best-Performing Investment Strategies of All Time",
         "Jim O\u2019Shaughnessy"),
    ]
    assert ep.guests and ep.guests[0].name == "Dwarkesh Patel"


def test_real_excerpt_byline_duration_and_date():
    podunk = SHARED_PAGES / "podunk_modern_wisdom_979_dwarkesh_patel.txt"
    podscripts = SHARED_PAGES / "podscripts_huberman_lab_lex_fridman.txt"
    if not podunk.exists():
        pytest.skip("../shared is absent")
    assert parse_text(podunk.read_bytes(), "p").episodes[0].duration_s == 9900
    assert parse_text(podscripts.read_bytes(), "p").episodes[0].date == "2021-07-19"


# --------------------------------------------------------------------------------------------------------------
# notes_from_html: the feed importer's entry point


def test_notes_from_feed_show_notes():
    html = """<p>Tyler and Dwarkesh talk about talent.</p>
    <p><strong>Books mentioned:</strong></p>
    <ul><li><a href="https://example.com/caro">The Power Broker</a> by Robert Caro</li>
        <li>Talent; by Tyler Cowen</li><li>Stubborn Attachments — Tyler Cowen</li></ul>
    <p>Timestamps:<br>(00:00) Intro<br>(04:12) - Why talent is underrated<br>[1:02:03] The end</p>
    <p>Sponsors: <a href="https://x.example">X</a></p>"""
    notes = notes_from_html(html)
    assert [(i.type, i.title, i.creator, i.link) for i in notes.items] == [
        ("book", "The Power Broker", "Robert Caro", "https://example.com/caro"),
        ("book", "Talent", "Tyler Cowen", None),
        ("book", "Stubborn Attachments", "Tyler Cowen", None),
    ]
    assert [(c.t, c.title) for c in notes.chapters] == [(0, "Intro"), (252, "Why talent is underrated"),
                                                        (3723, "The end")]
    assert notes.summary == "Tyler and Dwarkesh talk about talent."


def test_notes_from_html_timestamp_lines_without_a_heading():
    html = "<p>0:00 Intro</p><p>3:15 Kelp</p><p>12:40 Otters and urchins</p><p>Thanks for listening.</p>"
    notes = notes_from_html(html)
    assert [(c.t, c.title) for c in notes.chapters] == [(0, "Intro"), (195, "Kelp"), (760, "Otters and urchins")]


def test_notes_from_html_plain_text_and_empty():
    assert notes_from_html("").items == []
    notes = notes_from_html("Recommended books:\n- Dune by Frank Herbert\n- Emma by Jane Austen")
    assert [(i.title, i.creator, i.type) for i in notes.items] == [("Dune", "Frank Herbert", "book"),
                                                                   ("Emma", "Jane Austen", "book")]


def test_episode_date_beats_the_notes_post_date():
    html = b"""<html><head><meta property="article:published_time" content="2026-02-05T10:00:00Z">
    <title>Kelp #3</title></head><body><h1>Kelp #3</h1><p>Mara Quill \xc2\xb7 Jan 31, 2026 \xc2\xb7 1h 2m</p>
    <h2>The gist</h2><p>Kelp.</p></body></html>"""
    ep = parse_html(html, "k.html").episodes[0]
    assert (ep.date, ep.duration_s, ep.host) == ("2026-01-31", 3720, "Mara Quill")
    no_byline = html.replace(b"Jan 31, 2026 \xc2\xb7 ", b"")
    assert parse_html(no_byline, "k.html").episodes[0].date == "2026-02-05"


def test_title_block_above_main_is_read():
    html = b"""<html><head><title>Kelp Forests #3 | Tide Talk</title></head><body>
    <header class="site-header"><a href="/">Tide Talk</a><nav>Home Episodes</nav></header>
    <div class="hero"><h1>Kelp Forests #3</h1><p>Mara Quill \xc2\xb7 Jan 31, 2026 \xc2\xb7 1h 2m</p>
    <p class="dek">Why kelp forests matter for everyone.</p></div>
    <main><h2>The gist</h2><p>Kelp.</p><h2>Highlights</h2><ul><li>One</li></ul></main>
    <aside class="related">Other episode</aside><footer>(c) Tide Talk</footer></body></html>"""
    ep = parse_html(html, "k.html").episodes[0]
    assert (ep.id, ep.title, ep.number, ep.host, ep.date, ep.duration_s) == (
        "tide-talk-3", "Kelp Forests", 3, "Mara Quill", "2026-01-31", 3720)
    assert ep.summary == "Why kelp forests matter for everyone." and ep.reveals == ["One"]
    assert "Other episode" not in json.dumps(ep.to_dict())


def test_text_page_book_listing_release_date_and_numbered_title():
    text = """PodSearch

The Tiny Show

171: Pirate Politics (A Winter Reading List)

SCROLL DOWN FOR EPISODE TRANSCRIPT
Episode recorded: 11th May, 2020.
Episode released: 23rd June, 2020.
Book listing:
Christie Malry’s Own Double Entry by B. S. Johnson (Page One 38 and Page One 106)
Fragenbogen by Max Frisch (Page One 40)
Links:
A memoir controversy on Wikipedia
""".encode()
    ep = parse_text(text, "p.txt").episodes[0]
    assert (ep.title, ep.number, ep.date) == ("Pirate Politics (A Winter Reading List)", 171, "2020-06-23")
    assert [(i.type, i.title, i.creator) for i in ep.items] == [
        ("book", "Christie Malry’s Own Double Entry", "B. S. Johnson"), ("book", "Fragenbogen", "Max Frisch")]


def test_a_timed_transcript_is_not_an_outline():
    lines = ["Tiny Show #5: Kelp", ""] + [f"00:{m:02d}:{s:02d} and then we talked about kelp again"
                                           for m in range(3) for s in range(0, 60, 3)]
    ep = parse_text("\n".join(lines).encode(), "t.txt").episodes[0]
    assert ep.chapters == []


def test_entities_inside_structured_data_are_decoded():
    html = b"""<html><head><script type="application/ld+json">{"@type":"Article",
      "headline":"Jensen Huang: NVIDIA &#8211; The $4 Trillion Company &#038; the AI Revolution"}</script>
      <meta property="og:site_name" content="Tide &amp;amp; Talk"></head><body><p>x</p></body></html>"""
    ep = parse_html(html, "e.html").episodes[0]
    assert ep.title == "Jensen Huang: NVIDIA \u2013 The $4 Trillion Company & the AI Revolution"
    assert ep.podcast == "Tide & Talk"


def test_markdown_front_matter():
    text = b"""---
title: "Kelp Forests: Otters, Urchins, and Warming Seas"
date: 2024-03-05
podcast: Tide Talk
episode: 12
host: Mara Quill
guests:
  - Ada Obi
  - Ben Li
tags: [kelp, otters]
duration: "1:02:03"
permalink: https://tide.example.org/12
audio: https://cdn.example.org/12.mp3
---

Why kelp matters.

## The gist

Kelp grows fast.
"""
    ep = parse_text(text, "k.md").episodes[0]
    assert (ep.id, ep.title, ep.number, ep.host, ep.date, ep.duration_s, ep.url, ep.media_url) == (
        "tide-talk-12", "Kelp Forests: Otters, Urchins, and Warming Seas", 12, "Mara Quill", "2024-03-05", 3723,
        "https://tide.example.org/12", "https://cdn.example.org/12.mp3")
    assert [g.name for g in ep.guests] == ["Ada Obi", "Ben Li"]
    assert ep.topics == ["Otters", "Urchins", "Warming Seas", "kelp"]
    assert (ep.summary, ep.gist) == ("Why kelp matters.", "Kelp grows fast.")


def test_h1_that_is_only_the_episode_number():
    html = b"""<html><head><meta property="og:title" content="Listening to Reefs | Tidepool Lab">
    <meta property="og:site_name" content="Tidepool Lab"></head><body><main><h1>Episode 31</h1>
    <h2>Listening to Reefs</h2><p>Why reefs crackle and pop.</p><h3>The gist</h3><p>Reefs.</p></main></body></html>"""
    ep = parse_html(html, "r.html").episodes[0]
    assert (ep.id, ep.title, ep.number, ep.podcast, ep.summary) == (
        "tidepool-lab-31", "Listening to Reefs", 31, "Tidepool Lab", "Why reefs crackle and pop.")


def test_hard_wrapped_text_page():
    d = json.loads((FIXTURES / "000_d6705ca9813b8c93.expected.json").read_text(encoding="utf-8"))
    lines = [d["title"] + " | Lex Fridman Podcast #490", "", "Lex Fridman · 2026-01-31 · 4h 25m", ""]
    lines += textwrap.wrap(d["summary"], 72) + ["", "THE GIST", ""] + textwrap.wrap(d["gist"], 72)
    lines += ["", "BIG REVEALS", ""]
    for r in d["reveals"]:
        lines += textwrap.wrap(r, 72, initial_indent="  * ", subsequent_indent="    ")
    lines += ["", "THINGS WORTH REMEMBERING", ""]
    for r in d["facts"]:
        lines += textwrap.wrap(r, 72, initial_indent="- ", subsequent_indent="  ")
    ep = parse_text("\n".join(lines).encode(), "wrapped.txt").episodes[0]
    assert (ep.summary, ep.gist, ep.reveals, ep.facts) == (d["summary"], d["gist"], d["reveals"], d["facts"])
    assert (ep.id, ep.host, ep.date, ep.duration_s) == ("lex-fridman-podcast-490", "Lex Fridman", "2026-01-31", 15900)


def test_pathologically_deep_nesting_still_parses():
    html = b"<html><body><h1>Deep Dive #2</h1>" + b"<div>" * 3000 + b"<p>The gist</p><p>Kelp grows fast.</p>"
    result = parse_html(html, "deep.html")
    assert result.ok, result.error
    assert result.episodes[0].gist == "Kelp grows fast."
    assert notes_from_html("<div>" * 3000 + "<p>Kelp forests grow fast.</p>").summary == "Kelp forests grow fast."
