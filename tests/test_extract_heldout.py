"""Notes pages in markups unlike the main fixtures (Ghost, podcast hosts, Notion exports, Webflow, Medium, Wix,
a PDF copy, plain markdown, odd encodings): each parses to its hand-written expected document.

The expected documents were written from what a reader sees on the page, before the parser was made to
produce them; each `_note` says what the page tests and how an ambiguous case was decided.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.extract import parse_html, parse_text

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "pages_heldout"
EXPECTED = sorted(HELDOUT.glob("*.expected.json"))
#: Chrome and other episodes' teasers on these pages: none of it may reach any field.
LEAKS = (
    "night markets", "salt, slowly", "subscribe", "published with ghost", "cookies", "datenschutz", "impressum",
    "zum inhalt", "alle rechte", "ähnliche", "min read", "apple podcasts", "spotify", "download", "clap",
    "more from", "recent episodes", "page 2 of", "sponsored", "hosted on",
)


def _page_for(expected: Path) -> Path:
    stem = expected.name[: -len(".expected.json")]
    pages = [p for p in HELDOUT.glob(stem + ".*") if not p.name.endswith(".json")]
    assert len(pages) == 1, f"one page per expected document: {stem} has {pages}"
    return pages[0]


def _doc(page: Path) -> dict:
    parse = parse_html if page.suffix in (".html", ".htm") else parse_text
    result = parse(page.read_bytes(), str(page))
    assert result.ok, result.error
    doc = result.episodes[0].to_dict()
    doc.pop("source", None)
    doc.pop("media_url", None)
    return doc


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_there_are_at_least_ten_heldout_pages_in_html_and_text():
    kinds = {_page_for(p).suffix for p in EXPECTED}
    assert len(EXPECTED) >= 10 and {".html", ".txt", ".md"} <= kinds


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_heldout_page_parses_to_its_expected_document(expected):
    doc = _doc(_page_for(expected))
    want = {k: v for k, v in json.loads(expected.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    differing = sorted(k for k in set(doc) | set(want) if doc.get(k) != want.get(k))
    assert not differing, f"fields differ: {differing}"


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_heldout_page_chrome_and_teasers_never_leak(expected):
    text = "\n".join(_strings(_doc(_page_for(expected)))).lower()
    leaked = [phrase for phrase in LEAKS if phrase in text]
    assert not leaked, leaked
