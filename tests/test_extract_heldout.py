"""Notes pages in markups unlike the main fixtures (Ghost, podcast hosts, Notion exports, Webflow, Medium, Wix,
a PDF copy, plain markdown, odd encodings): each parses to its hand-written expected document.

The expected documents were written from what a reader sees on the page, before the parser was made to
produce them; each `_note` says what the page tests and how an ambiguous case was decided.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.pagefixtures import page_for, parsed_doc, strings

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "pages_heldout"
EXPECTED = sorted(HELDOUT.glob("*.expected.json"))
#: Chrome and other episodes' teasers on these pages: none of it may reach any field.
LEAKS = (
    "night markets", "salt, slowly", "subscribe", "published with ghost", "cookies", "datenschutz", "impressum",
    "zum inhalt", "alle rechte", "ähnliche", "min read", "apple podcasts", "spotify", "download", "clap",
    "more from", "recent episodes", "page 2 of", "sponsored", "hosted on",
)








def test_there_are_at_least_ten_heldout_pages_in_html_and_text():
    kinds = {page_for(p).suffix for p in EXPECTED}
    assert len(EXPECTED) >= 10 and {".html", ".txt", ".md"} <= kinds


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_heldout_page_parses_to_its_expected_document(expected):
    doc = parsed_doc(page_for(expected))
    want = {k: v for k, v in json.loads(expected.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    differing = sorted(k for k in set(doc) | set(want) if doc.get(k) != want.get(k))
    assert not differing, f"fields differ: {differing}"


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_heldout_page_chrome_and_teasers_never_leak(expected):
    text = "\n".join(strings(parsed_doc(page_for(expected)))).lower()
    leaked = [phrase for phrase in LEAKS if phrase in text]
    assert not leaked, leaked
