"""The JSON API, health check, OpenSearch description, Atom feed and error handling of the web app."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from indexer.request import SearchRequest
from search_app import create_app

EXAMPLE_ID = "lex-fridman-podcast-490"
ATOM = "{http://www.w3.org/2005/Atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


def without_timing(result: dict) -> dict:
    return {k: v for k, v in result.items() if k != "took_ms"}


def test_api_search_is_exactly_the_library_result(client, library):
    response = client.get("/api/search?q=RLVR&type=book")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.get_json()
    expected = library.search(SearchRequest(q="RLVR", type=["book"]))
    assert without_timing(data) == without_timing(expected)
    contract = ["query", "filters", "total", "page", "per_page", "hits", "facets", "suggestion", "took_ms"]
    assert [k for k in data if k in contract] == contract
    assert data["hits"][0]["episode"]["id"] == EXAMPLE_ID
    assert data["filters"]["type"] == ["book"]


def test_api_episode_is_the_normalized_document(client, library):
    data = client.get(f"/api/episodes/{EXAMPLE_ID}").get_json()
    assert data == library.episode(EXAMPLE_ID)
    assert data["number"] == 490 and data["duration_s"] == 15900
    assert [g["name"] for g in data["guests"]] == ["Sebastian Raschka", "Nathan Lambert"]


def test_api_errors_are_json_naming_the_parameter(client):
    response = client.get("/api/search?limit=1000")
    assert response.status_code == 400
    assert response.get_json()["param"] == "limit"
    response = client.get("/api/search?year=twenty")
    assert response.status_code == 400 and response.get_json()["param"] == "year"
    missing = client.get("/api/episodes/not-an-episode")
    assert missing.status_code == 404 and missing.get_json()["status"] == 404
    assert client.get("/api/nothing-here").get_json()["error"] == "Not found"


def test_api_suggest_completes_guests_with_where_to_go(client):
    data = client.get("/api/suggest?q=nath").get_json()
    assert data["q"] == "nath"
    guest = next(s for s in data["suggestions"] if s["kind"] == "guest")
    assert guest["value"] == "Nathan Lambert"
    assert guest["url"] == "/?guest=Nathan+Lambert"
    title = client.get("/api/suggest?q=state of ai").get_json()["suggestions"]
    assert {"kind": "title", "episode_id": EXAMPLE_ID} .items() <= title[0].items()
    assert title[0]["url"] == f"/episodes/{EXAMPLE_ID}"
    assert client.get("/api/suggest?q=").get_json()["suggestions"] == []
    assert client.get("/api/suggest?q=a&limit=0").status_code == 400


def test_api_suggest_speaks_the_opensearch_suggestions_format(client):
    data = client.get("/api/suggest?q=nath&format=opensearch").get_json()
    assert data[0] == "nath" and "Nathan Lambert" in data[1]


def test_api_guest_items_and_stats(client, library):
    guest = client.get("/api/guests/Sebastian%20Raschka").get_json()
    assert EXAMPLE_ID in [e["id"] for e in guest["episodes"]]
    assert any(i["title"] == "Grok 4 Heavy" for i in guest["items"])
    books = client.get("/api/items?type=book").get_json()
    assert books["total"] > 0 and {i["type"] for i in books["items"]} == {"book"}
    assert client.get("/api/stats").get_json()["episodes"] == library.stats()["episodes"]


def test_healthz_reports_counts_and_index_age(client, library):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.get_json()
    assert data["status"] == "ok"
    assert data["episodes"] == library.stats()["episodes"] > 0
    assert data["index_age_s"] >= 0
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_opensearch_description_points_at_the_search_page(client):
    response = client.get("/opensearch.xml")
    assert response.mimetype == "application/opensearchdescription+xml"
    root = ET.fromstring(response.data)
    assert root.find(f"{OPENSEARCH}ShortName").text == "podnotes"
    templates = {u.get("type"): u.get("template") for u in root.findall(f"{OPENSEARCH}Url")}
    assert templates["text/html"] == "http://localhost/?q={searchTerms}"
    assert templates["application/x-suggestions+json"].endswith("/api/suggest?format=opensearch&q={searchTerms}")


def test_atom_feed_of_a_search_is_newest_first(client, library):
    response = client.get("/search.atom?type=book")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    entries = feed.findall(f"{ATOM}entry")
    expected = library.search(SearchRequest(type=["book"], sort="date"))
    assert len(entries) == len(expected["hits"]) > 0
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links == [f"http://localhost/episodes/{h['episode']['id']}" for h in expected["hits"]]
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert "Item type: book" in feed.find(f"{ATOM}title").text


def test_atom_feed_carries_highlighted_snippets_as_escaped_html(client):
    feed = ET.fromstring(client.get("/search.atom?q=RLVR").data)
    first = feed.find(f"{ATOM}entry")
    assert first.find(f"{ATOM}id").text.endswith(f"/episodes/{EXAMPLE_ID}")
    content = first.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert "<mark>RLVR</mark>" in content.text  # XML-decoded once it is HTML again


def test_bad_parameter_in_feed_is_a_400(client):
    assert client.get("/search.atom?page=x").status_code == 400


class BrokenLibrary:
    """A library whose every call fails, to check what a crash looks like from outside."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise RuntimeError("secret internal detail /etc/passwd")

        return fail


def test_server_errors_show_no_traceback():
    client = create_app({"TESTING": True, "PODNOTES_LIBRARY": BrokenLibrary()}).test_client()
    response = client.get("/?q=anything")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in body
    assert "Traceback" not in body and "secret internal detail" not in body
    api = client.get("/api/search?q=x")
    assert api.status_code == 500 and "secret" not in api.get_data(as_text=True)
    health = client.get("/healthz")
    assert health.status_code == 503 and health.get_json()["status"] == "unavailable"


def test_missing_index_is_a_503_that_says_how_to_build_it(tmp_path):
    client = create_app({"TESTING": True, "PODNOTES_INDEX": str(tmp_path / "none")}).test_client()
    page = client.get("/?q=x")
    assert page.status_code == 503 and "podnotes index" in page.get_data(as_text=True)
    api = client.get("/api/search?q=x")
    assert api.status_code == 503 and api.get_json()["error"] == "No index yet"
    assert client.get("/healthz").status_code == 503
