"""The example episode rendered in many randomly combined markups (tests/variants.py) parses to the same
document every time: section headings in any form and synonym, any bullet style, item cards in any layout,
chapters in any outline form, sections in any order, unrelated sections and chrome around them."""

from __future__ import annotations

import pytest

from indexer.extract import parse_html, parse_text
from tests.variants import expected, page, text_page

CHROME = ("accept cookies", "subscribe to our newsletter", "all rights reserved", "share on", "privacy policy",
          "about us", "another show", "great episode", "patron", "acme", "zeta bank", "transcript paragraph",
          "nathan's blog")


def _comparable(doc: dict) -> dict:
    doc = dict(doc)
    for key in ("source", "media_url"):
        doc.pop(key, None)
    doc["url"] = None
    doc["items"] = [{k: v for k, v in it.items() if k != "link"} for it in doc["items"]]
    return doc


def _check(result, with_chapters: bool) -> None:
    assert result.ok, result.error
    doc = result.episodes[0].to_dict()
    got, want = _comparable(doc), _comparable(expected(with_chapters))
    differing = sorted(k for k in want if got.get(k) != want[k])
    assert not differing, f"fields differ: {differing}"
    text = " ".join(str(v) for v in doc.values()).lower()
    leaked = [c for c in CHROME if c in text]
    assert not leaked, leaked


@pytest.mark.parametrize("seed", range(120))
def test_html_variant(seed):
    html, with_chapters = page(seed)
    _check(parse_html(html.encode("utf-8"), f"variant-{seed}.html"), with_chapters)


@pytest.mark.parametrize("seed", range(80))
def test_text_variant(seed):
    text, with_chapters = text_page(seed)
    _check(parse_text(text.encode("utf-8"), f"variant-{seed}.txt"), with_chapters)
