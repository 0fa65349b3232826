"""Shared fixtures: the bundled corpus, an index built from it in a temp dir, the Flask app, client and CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.index import EpisodeIndex
from indexer.library import Library
from tests.fixture_site import site  # noqa: F401 - shared fixture: the local crawl site

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"
EXAMPLE_ID = "lex-fridman-podcast-490"


def bundled_documents() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((CORPUS_DIR / "episodes").glob("*.json"))]


@pytest.fixture(scope="session")
def corpus_documents() -> list[dict]:
    docs = bundled_documents()
    assert docs, "the bundled corpus has no documents: run `podnotes import corpus/pages`"
    return docs


@pytest.fixture(scope="session")
def built_index(tmp_path_factory, corpus_documents) -> Path:
    """An index of the bundled corpus, built once per test session in a temp dir."""
    path = tmp_path_factory.mktemp("index")
    EpisodeIndex(path).sync(corpus_documents)
    return path


@pytest.fixture(scope="session")
def library(built_index) -> Library:
    return Library(built_index)


@pytest.fixture()
def app(built_index):
    from search_app import create_app

    app = create_app({"TESTING": True, "PODNOTES_INDEX": str(built_index), "PODNOTES_CORPUS": str(CORPUS_DIR)})
    yield app


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def runner(tmp_path, monkeypatch) -> CliRunner:
    """A CLI runner whose corpus and index live in a temp dir (the bundled corpus is never written)."""
    monkeypatch.setenv("PODNOTES_CORPUS", str(tmp_path / "corpus"))
    monkeypatch.setenv("PODNOTES_INDEX", str(tmp_path / "index"))
    return CliRunner()


@pytest.fixture()
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present on this machine")
    return SHARED_DATA
