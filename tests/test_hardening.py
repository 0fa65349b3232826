"""Hostile-input hardening: odd CLI arguments, damaged stores, hostile query strings and search invariants."""

from __future__ import annotations

import json
from pathlib import Path

from indexer.cli import cli
from tests.conftest import CORPUS_DIR

PAGES = CORPUS_DIR / "pages"


def test_stats_and_search_on_an_empty_corpus_answer_without_error(runner):
    stats = runner.invoke(cli, ["stats", "--json"])
    assert stats.exit_code == 0, stats.output
    assert json.loads(stats.stdout)["episodes"] == 0
    found = runner.invoke(cli, ["search", "anything", "--json"])
    assert found.exit_code == 0, found.output
    assert json.loads(found.stdout)["total"] == 0


def test_import_into_an_index_built_from_an_empty_corpus_indexes_it(runner, tmp_path: Path):
    assert runner.invoke(cli, ["index"]).exit_code == 0
    result = runner.invoke(cli, ["import", str(PAGES)])
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    found = json.loads(runner.invoke(cli, ["search", "", "--json"]).stdout)
    assert found["total"] == len(list((tmp_path / "corpus" / "episodes").glob("*.json")))
