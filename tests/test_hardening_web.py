"""Hostile-input hardening of the web app and the search API: query strings, snippets, feeds, odd documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.request import SearchRequest


def _many(name: str, n: int) -> str:
    return "&".join(f"{name}=value{i}" for i in range(n))


@pytest.mark.parametrize("path", ["/", "/api/search", "/search.atom", "/items"])
def test_too_many_values_for_one_filter_is_a_bad_parameter(client, path):
    # every selected value is a checkbox whose link repeats all the others: 2,000 guests took 18 s to render
    response = client.get(f"{path}?{_many('guest', 51)}&{_many('type', 2)}")
    assert response.status_code == 400
    assert "guest" in response.get_data(as_text=True)
    assert client.get(f"{path}?{_many('guest', 50)}").status_code == 200


def test_an_overlong_filter_value_is_a_bad_parameter(client):
    response = client.get("/api/search?topic=" + "x" * 10_000)
    assert response.status_code == 400
    assert response.get_json()["param"] == "topic"


def test_the_atom_feed_stays_well_formed_xml_when_a_document_holds_control_characters(tmp_path: Path):
    import copy
    import xml.etree.ElementTree as ET

    from indexer.index import EpisodeIndex
    from search_app import create_app
    from tests.conftest import bundled_documents

    doc = copy.deepcopy(bundled_documents()[0])
    # what a page or feed with a stray bell or escape byte in its title parses into
    doc.update(id="bell-1", title="Bell\x07 ringer \x1b episode", summary="form\x0c feed")
    EpisodeIndex(tmp_path / "index").sync([doc])
    client = create_app({"PODNOTES_INDEX": str(tmp_path / "index")}).test_client()
    response = client.get("/search.atom?q=ringer")
    assert response.status_code == 200
    feed = ET.fromstring(response.data)
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(t and "ringer" in t for t in titles)


@pytest.mark.parametrize("query", ["Lambert's", "Lambert’s", "Nathan Lambert's"])
def test_a_possessive_finds_what_the_name_finds(library, query):
    plain = {h["episode"]["id"] for h in library.search(SearchRequest(q="lambert", per_page=100))["hits"]}
    found = {h["episode"]["id"] for h in library.search(SearchRequest(q=query, per_page=100))["hits"]}
    assert plain and found == plain


def test_a_snippet_of_a_long_passage_full_of_matches_is_one_window():
    from indexer.highlight import snippet

    # a 300 KB gist full of matches (the window search was quadratic in matches: 17 s; see BENCHMARKS.md)
    text = "lattice harbor " * 20_000
    out = snippet(text, {"lattic"})
    assert out.startswith("<mark>lattice</mark> harbor") and out.endswith("…")


def test_a_snippet_window_still_centres_on_the_densest_matches():
    from indexer.highlight import snippet

    text = "alpha " * 200 + "lattice " * 5 + "omega " * 200
    out = snippet(text, {"lattic"}, max_chars=100)
    assert out.count("<mark>") == 5 and out.startswith("…")


def test_a_date_range_that_ends_before_it_starts_is_a_bad_parameter(client):
    response = client.get("/api/search?from=2025&to=2024-06")
    assert response.status_code == 400
    assert response.get_json()["param"] == "to"
    assert client.get("/api/search?from=2024-06&to=2024-06").status_code == 200


def test_pages_of_an_episode_whose_url_is_malformed_render(tmp_path: Path):
    import copy

    from indexer.index import EpisodeIndex
    from search_app import create_app
    from tests.conftest import EXAMPLE_ID, bundled_documents

    doc = copy.deepcopy(next(d for d in bundled_documents() if d["id"] == EXAMPLE_ID))
    # a feed's <link>http://[::1/ep1</link> is stored as given; its items and chapters have times
    doc.update(url="http://[::1/ep1", media_url=None)
    EpisodeIndex(tmp_path / "index").sync([doc])
    client = create_app({"PODNOTES_INDEX": str(tmp_path / "index")}).test_client()
    guest = doc["guests"][0]["name"].replace(" ", "%20")
    for path in (f"/episodes/{EXAMPLE_ID}", "/items", f"/guests/{guest}", "/?q=scaling"):
        assert client.get(path).status_code == 200, path
