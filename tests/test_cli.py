"""The podnotes CLI through click's CliRunner: parse, import, index, search, stats, export and its errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from indexer.cli import cli
from tests.conftest import CORPUS_DIR, EXAMPLE_ID

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE_TXT = FIXTURES / "pages" / "000_d6705ca9813b8c93.txt"
EXAMPLE_JSON = FIXTURES / "pages" / "000_d6705ca9813b8c93.expected.json"


@pytest.fixture()
def imported(runner, tmp_path):
    """The bundled sample pages imported into a temp corpus and indexed."""
    result = runner.invoke(cli, ["import", str(CORPUS_DIR / "pages")])
    assert result.exit_code == 0, result.output
    return runner


def invoke_json(runner, args: list[str]) -> dict:
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_parse_prints_the_expected_document(runner):
    doc = invoke_json(runner, ["parse", str(EXAMPLE_TXT)])
    assert doc.pop("source")["kind"] == "text"
    doc.pop("media_url", None)
    assert doc == json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))


def test_parse_of_a_missing_file_is_one_clear_line(runner):
    result = runner.invoke(cli, ["parse", "no/such/page.html"])
    assert result.exit_code == 1
    assert "no/such/page.html" in result.output and "cannot read file" in result.output
    assert "Traceback" not in result.output


def test_import_reports_each_source_and_is_idempotent(imported, tmp_path):
    again = imported.invoke(cli, ["import", str(CORPUS_DIR / "pages")])
    assert again.exit_code == 0
    assert "0 added, 0 updated" in again.stdout
    stored = sorted(p.stem for p in (tmp_path / "corpus" / "episodes").glob("*.json"))
    assert EXAMPLE_ID in stored and len(stored) == len(list((CORPUS_DIR / "episodes").glob("*.json")))


def test_one_bad_source_fails_alone_and_exits_1(runner, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(EXAMPLE_TXT, pages / "good.txt")
    (pages / "broken.json").write_text('{"id": "x", "title": ', encoding="utf-8")
    result = runner.invoke(cli, ["import", str(pages)])
    assert result.exit_code == 1
    assert "failed:" in result.output and "broken.json" in result.output and "line" in result.output
    assert (tmp_path / "corpus" / "episodes" / f"{EXAMPLE_ID}.json").is_file()


def test_failed_reimport_keeps_the_good_document(runner, tmp_path):
    page = tmp_path / "episode.json"
    good = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    page.write_text(json.dumps(good), encoding="utf-8")
    assert runner.invoke(cli, ["import", str(page)]).exit_code == 0
    stored = tmp_path / "corpus" / "episodes" / f"{EXAMPLE_ID}.json"
    before = stored.read_text(encoding="utf-8")
    page.write_text("{ not json", encoding="utf-8")
    assert runner.invoke(cli, ["import", str(page)]).exit_code == 1
    assert stored.read_text(encoding="utf-8") == before


def test_search_json_finds_the_reveal(imported):
    result = invoke_json(imported, ["search", "RLVR", "--json"])
    hit = result["hits"][0]
    assert hit["episode"]["id"] == EXAMPLE_ID
    assert any(m["kind"] == "reveal" and "<mark>RLVR</mark>" in m["text"] for m in hit["matches"])


def test_browse_by_type_lists_exactly_the_episodes_with_books(imported, tmp_path):
    docs = [json.loads(p.read_text()) for p in (tmp_path / "corpus" / "episodes").glob("*.json")]
    with_books = {d["id"] for d in docs if any(i["type"] == "book" for i in d["items"])}
    result = invoke_json(imported, ["search", "", "--type", "book", "--json", "--limit", "100"])
    assert {h["episode"]["id"] for h in result["hits"]} == with_books
    assert result["total"] == len(with_books)
    type_counts = {row["value"]: row["count"] for row in result["facets"]["type"]}
    assert type_counts["book"] == len(with_books)
    for kind, count in type_counts.items():  # disjunctive: other types count over all episodes
        assert count == sum(1 for d in docs if any(i["type"] == kind for i in d["items"]))
    guests = {row["value"]: row["count"] for row in result["facets"]["guest"]}
    for name, count in guests.items():
        assert count == sum(1 for d in docs if d["id"] in with_books and name in {g["name"] for g in d["guests"]})


def test_search_rejects_bad_parameters_by_name(imported):
    result = imported.invoke(cli, ["search", "x", "--limit", "abc"])
    assert result.exit_code == 1 and "limit" in result.output and "Traceback" not in result.output


def test_index_touches_only_what_changed(imported, tmp_path):
    result = imported.invoke(cli, ["index"])
    assert result.exit_code == 0
    assert "0 added, 0 updated, 0 deleted" in result.stdout
    (tmp_path / "corpus" / "episodes" / f"{EXAMPLE_ID}.json").unlink()
    result = imported.invoke(cli, ["index"])
    assert "1 deleted" in result.stdout
    rebuilt = imported.invoke(cli, ["index", "--rebuild"])
    assert rebuilt.exit_code == 0 and "rebuilt" in rebuilt.stdout


def test_stats_and_export(imported, tmp_path):
    stats = invoke_json(imported, ["stats", "--json"])
    count = len(list((tmp_path / "corpus" / "episodes").glob("*.json")))
    assert stats["episodes"] == count and stats["items_by_type"]["book"] >= 1
    lines = imported.invoke(cli, ["export"]).stdout.splitlines()
    assert len(lines) == count and all(json.loads(line)["id"] for line in lines)


def test_search_without_index_builds_it_from_the_corpus(runner, tmp_path):
    episodes = tmp_path / "corpus" / "episodes"
    episodes.mkdir(parents=True)
    shutil.copy(EXAMPLE_JSON, episodes / f"{EXAMPLE_ID}.json")
    result = invoke_json(runner, ["search", "Raschka", "--json"])
    assert [h["episode"]["id"] for h in result["hits"]] == [EXAMPLE_ID]


def test_bundled_corpus_documents_match_their_pages(tmp_path):
    """corpus/episodes is what `podnotes import corpus/pages` produces (nobody edits the JSON by hand)."""
    from click.testing import CliRunner

    env = {"PODNOTES_CORPUS": str(tmp_path / "c"), "PODNOTES_INDEX": str(tmp_path / "i")}
    result = CliRunner(env=env).invoke(cli, ["import", "--no-index", str(CORPUS_DIR / "pages")])
    assert result.exit_code == 0, result.output
    for fresh in sorted((tmp_path / "c" / "episodes").glob("*.json")):
        bundled = json.loads((CORPUS_DIR / "episodes" / fresh.name).read_text(encoding="utf-8"))
        regenerated = json.loads(fresh.read_text(encoding="utf-8"))
        for doc in (bundled, regenerated):
            doc.pop("source")
        assert regenerated == bundled, fresh.name


def test_import_crawl_stores_episode_pages_and_recrawl_is_unchanged(runner, tmp_path, site):
    base, handler = site
    first = runner.invoke(cli, ["import", "--crawl", base + "/", "--delay", "0.01"])
    stored = {p.stem for p in (tmp_path / "corpus" / "episodes").glob("*.json")}
    assert {"fixture-podcast-1", "fixture-podcast-2", "fixture-podcast-3", "fixture-podcast-4"} <= stored
    assert "4 added" in first.stdout
    second = runner.invoke(cli, ["import", "--crawl", base + "/", "--delay", "0.01"])
    assert "0 added, 0 updated" in second.stdout
    assert first.exit_code == second.exit_code  # the same pages fail (or not) both times: nothing flips


def test_reimport_of_unchanged_bytes_skips_the_parse(imported, tmp_path, monkeypatch):
    import indexer.importer

    parsed = []
    original = indexer.importer.parse_path
    monkeypatch.setattr(indexer.importer, "parse_path", lambda path: parsed.append(Path(path).name) or original(path))
    result = imported.invoke(cli, ["import", str(CORPUS_DIR / "pages")])
    assert result.exit_code == 0, result.output
    assert "0 added, 0 updated" in result.stdout and "0 failed" in result.stdout
    # only pages whose episode's stored source is another page of the same episode are parsed again: the
    # example's HTML form (stored from its text form) and Slow Orbit #3's notes (stored from its transcript page)
    assert parsed == ["000_d6705ca9813b8c93.html", "004_slow-orbit-3.txt"]
