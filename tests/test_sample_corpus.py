"""The bundled sample corpus (corpus/pages): each invented page parses to its hand-written expected document,
and the corpus as a whole has the facets a first look at the search UI needs."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from indexer.document import validation_errors
from indexer.parse import parse_path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "corpus" / "pages"
EXPECTED = ROOT / "tests" / "fixtures" / "corpus_expected"
FICTION_NOTE = "Fictional sample episode for podnotes"

STEMS = sorted(p.stem for p in EXPECTED.glob("*.json"))
# A transcript page (NNN_<id>-transcript) adds its turns to the notes page's episode when imported after it;
# it is checked page by page but is not a separate episode of the corpus.
TRANSCRIPT_SUFFIX = "-transcript"
NOTES_STEMS = [stem for stem in STEMS if not stem.endswith(TRANSCRIPT_SUFFIX)]


def _page(stem: str) -> Path:
    found = [p for p in PAGES.glob(stem + ".*") if p.suffix in (".txt", ".html")]
    assert len(found) == 1, f"expected exactly one page for {stem}, found {found}"
    return found[0]


def _expected(stem: str) -> dict:
    return json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))


def _all_expected() -> list[dict]:
    return [_expected(stem) for stem in NOTES_STEMS]


# --------------------------------------------------------------------------- one page, one document


@pytest.mark.parametrize("stem", STEMS)
def test_page_parses_to_its_expected_document(stem):
    page = _page(stem)
    expected = _expected(stem)
    result = parse_path(page)
    assert result.ok, result.error
    assert len(result.episodes) == 1
    doc = result.episodes[0].to_dict()
    source = doc.pop("source")
    assert source["kind"] == ("text" if page.suffix == ".txt" else "html")
    assert source["location"] == str(page)
    if "media_url" not in expected:
        doc.pop("media_url", None)
    differing = sorted(k for k in set(doc) | set(expected) if doc.get(k) != expected.get(k))
    assert not differing, f"{page.name}: fields differ from the expected document: {differing}"
    assert doc == expected


@pytest.mark.parametrize("stem", STEMS)
def test_expected_document_follows_the_schema(stem):
    doc = _expected(stem)
    assert validation_errors(doc) == []
    assert "source" not in doc
    # File names are NNN_<id> (NNN_<id>-transcript for a transcript page); the id is podcast-slug-NUMBER.
    is_transcript = stem.endswith(TRANSCRIPT_SUFFIX)
    assert stem.split("_", 1)[1] == doc["id"] + (TRANSCRIPT_SUFFIX if is_transcript else "")
    assert doc["id"].endswith(f"-{doc['number']}")
    if is_transcript:
        assert doc["id"] in {_expected(other)["id"] for other in NOTES_STEMS}  # it completes a notes episode
        assert len(doc["transcript"]) >= 20 and all(s["t"] is not None and s["text"] for s in doc["transcript"])
    else:
        assert doc["transcript"] == []
    if _page(stem).suffix == ".txt":
        assert doc["url"] is None
        assert all(item["link"] is None for item in doc["items"])
    else:
        assert doc["url"].startswith(("http://", "https://"))


@pytest.mark.parametrize("stem", STEMS)
def test_page_is_marked_fictional_and_its_footer_never_leaks(stem):
    page = _page(stem)
    raw = page.read_bytes()
    text = raw.decode("cp1252") if b'charset="windows-1252"' in raw else raw.decode("utf-8")
    assert FICTION_NOTE in text
    dumped = json.dumps(_expected(stem), ensure_ascii=False)
    for chrome in (FICTION_NOTE, "cookies", "Privacy", "Subscribe", "Find it on", "Affiliate link"):
        assert chrome not in dumped, chrome


def test_every_sample_page_has_an_expected_document():
    pages = sorted(p.stem for p in PAGES.iterdir()
                   if p.suffix in (".txt", ".html") and not p.name.startswith("000_"))
    assert pages == STEMS
    assert all(re.fullmatch(r"\d{3}_[a-z0-9-]+", stem) for stem in STEMS)


# --------------------------------------------------------------------------- the corpus as a whole


def test_corpus_has_enough_episodes_podcasts_and_years():
    docs = _all_expected()
    assert len(docs) >= 12
    assert len({d["id"] for d in docs}) == len(docs)
    podcasts = Counter(d["podcast"] for d in docs)
    assert len(podcasts) >= 3
    assert all(n >= 2 for n in podcasts.values())
    years = {d["date"][:4] for d in docs}
    assert len(years) >= 4
    assert {"2021", "2026"} <= years
    assert all(d["number"] is not None and d["duration_s"] for d in docs)


def test_corpus_has_recurring_guests_across_shows():
    docs = _all_expected()
    episodes_of: dict[str, set[str]] = {}
    shows_of: dict[str, set[str]] = {}
    for d in docs:
        for g in d["guests"]:
            episodes_of.setdefault(g["name"], set()).add(d["id"])
            shows_of.setdefault(g["name"], set()).add(d["podcast"])
    recurring = {name for name, eps in episodes_of.items() if len(eps) >= 2}
    assert len(recurring) >= 3
    assert sum(1 for name in recurring if len(shows_of[name]) >= 2) >= 2
    guest_counts = Counter(len(d["guests"]) for d in docs)
    assert guest_counts[0] >= 1  # a host-solo episode
    assert guest_counts[2] >= 2  # "A and B — …"
    assert guest_counts[3] >= 1  # "A, B and C — …"
    assert all(g["bio"] and g["bio"].startswith(g["name"]) for d in docs for g in d["guests"])


def test_corpus_items_cover_several_types_and_relations():
    items = [i for d in _all_expected() for i in d["items"]]
    types = Counter(i["type"] for i in items)
    assert len(types) >= 4
    assert types["book"] >= 5 and types["product"] >= 3
    assert any(i["relation"] == "guest_own" for i in items)
    assert any(i["creator_inferred"] for i in items)
    assert any(i["link"] for i in items)
    assert all(i["quote"] and i["speaker"] and i["t"] is not None for i in items)
    # An item recommended in several episodes, so "most recommended" has an answer.
    assert Counter(i["title"] for i in items).most_common(1)[0][1] >= 3


def test_corpus_has_sections_missing_chapters_and_topics():
    docs = _all_expected()
    assert any(d["reveals"] == [] and d["facts"] for d in docs)  # a page without "Big reveals"
    assert sum(1 for d in docs if d["chapters"]) >= 5
    assert sum(1 for d in docs if d["topics"]) >= 10
    topics = Counter(t for d in docs for t in d["topics"])
    assert topics.most_common(1)[0][1] >= 3  # the topic facet has a value shared across shows
    assert all(d["gist"] and len(d["gist"]) > 400 for d in docs)
    assert all(len(d["facts"]) >= 4 for d in docs)


def test_corpus_mixes_text_and_varied_html_pages():
    pages = [_page(stem) for stem in NOTES_STEMS]
    suffixes = Counter(p.suffix for p in pages)
    assert suffixes[".txt"] >= 5 and suffixes[".html"] >= 5
    legacy = [p for p in pages if b'charset="windows-1252"' in p.read_bytes()]
    assert len(legacy) == 1
    raw = legacy[0].read_bytes()
    assert b"\r\n" in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    html = [p.read_text(encoding="utf-8") for p in pages if p.suffix == ".html" and p not in legacy]
    assert any("application/ld+json" in h for h in html)
    assert any("<dl" in h for h in html) and any("<table" in h for h in html)
    assert any("itemprop=" in h for h in html)


def test_transcript_pages_agree_with_the_notes_they_complete():
    from indexer.store import merged

    notes_by_id = {_expected(stem)["id"]: _expected(stem) for stem in NOTES_STEMS}
    transcripts = [stem for stem in STEMS if stem.endswith(TRANSCRIPT_SUFFIX)]
    assert transcripts
    for stem in transcripts:
        page = _expected(stem)
        notes = notes_by_id[page["id"]]
        # what both pages say must agree, so the merge changes nothing the notes page already had
        for key in ("title", "podcast", "number", "host", "date", "chapters"):
            assert page[key] in (None, [], notes[key]), (stem, key)
        episode = merged(notes, page)
        assert episode["transcript"] == page["transcript"]
        assert {k: v for k, v in episode.items() if k not in ("transcript", "url")} == {
            k: v for k, v in notes.items() if k not in ("transcript", "url")}
        # the items' quotes are said in the transcript at their times
        for item in notes["items"]:
            said = [s for s in page["transcript"] if s["t"] == item["t"]]
            assert said and said[0]["text"].startswith(item["quote"][:40]), item["title"]
