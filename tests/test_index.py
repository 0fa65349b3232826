"""Index lifecycle: incremental sync by content hash, rebuild swap under an open searcher, the writer lock."""

from __future__ import annotations

import copy
import subprocess
import sys
import threading

import pytest

from indexer.index import EpisodeIndex, IndexBusy, NoIndex
from indexer.library import Library
from indexer.request import SearchRequest
from tests.corpusgen import generate


def titles(lib: Library, q: str) -> list[str]:
    return [h["episode"]["id"] for h in lib.search(SearchRequest(q=q, per_page=100))["hits"]]


@pytest.fixture()
def docs() -> list[dict]:
    return generate(12, seed=3)


def test_sync_touches_only_what_changed(tmp_path, docs):
    ix = EpisodeIndex(tmp_path)
    first = ix.sync(docs)
    assert sorted(first.added) == sorted(d["id"] for d in docs)
    again = ix.sync(docs)
    assert (again.added, again.updated, again.deleted, again.unchanged) == ([], [], [], len(docs))

    changed = copy.deepcopy(docs)
    changed[0]["gist"] = "A zeppelin made of marzipan."
    removed = changed.pop(1)
    new = generate(13, seed=3)[12]
    new["id"] = "brand-new-episode"
    report = ix.sync(changed + [new])
    assert report.added == ["brand-new-episode"]
    assert report.updated == [docs[0]["id"]]
    assert report.deleted == [removed["id"]]
    assert report.unchanged == len(docs) - 2

    lib = Library(ix)
    assert titles(lib, "marzipan") == [docs[0]["id"]]
    assert lib.episode(removed["id"]) is None
    assert lib.episode("brand-new-episode")["id"] == "brand-new-episode"
    assert lib.stats()["episodes"] == len(docs)


def test_running_reader_sees_new_generation_without_restart(tmp_path, docs):
    ix = EpisodeIndex(tmp_path)
    ix.sync(docs)
    lib = Library(EpisodeIndex(tmp_path))  # a separate owner, as the web app has
    assert titles(lib, "marzipan") == []
    changed = copy.deepcopy(docs)
    changed[2]["reveals"].append("Marzipan is load-bearing.")
    ix.sync(changed)
    assert titles(lib, "marzipan") == [docs[2]["id"]]


def test_rebuild_swaps_while_a_searcher_is_open(tmp_path, docs):
    ix = EpisodeIndex(tmp_path)
    ix.sync(docs)
    old_gen = ix.current_dir()
    lib = Library(EpisodeIndex(tmp_path))
    snapshot = lib.index.snapshot()  # held open across the swap
    before = snapshot.searcher.doc_count()
    changed = copy.deepcopy(docs)[:5]
    changed[0]["facts"].append("Swapped atomically beneath an open searcher.")
    report = ix.rebuild(changed)
    assert report.rebuilt and ix.current_dir() != old_gen
    assert snapshot.searcher.doc_count() == before  # the old searcher still answers from its generation
    assert titles(lib, "beneath") == [docs[0]["id"]]  # the next query uses the new one
    assert lib.stats()["episodes"] == 5


def test_second_writer_waits_then_fails_clearly(tmp_path, docs):
    ix = EpisodeIndex(tmp_path)
    ix.sync(docs)
    holding, release = threading.Event(), threading.Event()

    def hold_lock():
        with ix._write_lock():
            holding.set()
            release.wait(5)

    thread = threading.Thread(target=hold_lock)
    thread.start()
    holding.wait(5)
    try:
        with pytest.raises(IndexBusy, match="being written by another process"):
            EpisodeIndex(tmp_path, lock_timeout=0.3).sync(docs)
    finally:
        release.set()
        thread.join()
    assert EpisodeIndex(tmp_path, lock_timeout=0.3).sync(docs).unchanged == len(docs)


def test_reading_a_missing_index_says_how_to_build_it(tmp_path):
    with pytest.raises(NoIndex, match="podnotes index"):
        Library(tmp_path / "nothing").stats()


def test_whoosh_modules_import_without_warnings():
    modules = ["whoosh.index", "whoosh.fields", "whoosh.analysis", "whoosh.query", "whoosh.collectors",
               "whoosh.searching", "whoosh.support.charset", "indexer.schema", "indexer.index", "indexer.search"]
    code = "; ".join(f"import {m}" for m in modules)
    done = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_running_app_serves_a_rebuilt_index_without_restart(tmp_path, docs):
    from search_app import create_app

    ix = EpisodeIndex(tmp_path / "index")
    ix.sync(docs)
    client = create_app({"TESTING": True, "PODNOTES_INDEX": str(tmp_path / "index"),
                         "PODNOTES_CORPUS": str(tmp_path / "corpus")}).test_client()
    assert client.get("/api/search?q=marzipan").get_json()["total"] == 0
    changed = copy.deepcopy(docs)
    changed[4]["gist"] = "Marzipan, swapped in by a rebuild."
    ix.rebuild(changed)
    hits = client.get("/api/search?q=marzipan").get_json()["hits"]
    assert [h["episode"]["id"] for h in hits] == [docs[4]["id"]]


def test_long_prose_is_indexed_as_sentence_bounded_passages(tmp_path, docs):
    from indexer.passages import PROSE_CHUNK_WORDS, prose_chunks

    doc = copy.deepcopy(docs[0])
    filler = "The tide came in and the tide went out again. " * 400
    doc["gist"] = filler + "Nobody expected the marmalade lighthouse to glow."
    chunks = prose_chunks(doc["gist"])
    assert len(chunks) > 5 and all(len(c.split()) <= PROSE_CHUNK_WORDS for c in chunks)
    assert " ".join(chunks).split() == doc["gist"].split()  # nothing lost or reordered
    EpisodeIndex(tmp_path).sync([doc])
    result = Library(tmp_path).search(SearchRequest(q='"marmalade lighthouse"'))
    assert [h["episode"]["id"] for h in result["hits"]] == [doc["id"]]
    assert result["hits"][0]["matches"][0]["kind"] == "gist"
    assert "<mark>marmalade</mark> <mark>lighthouse</mark>" in result["hits"][0]["matches"][0]["text"]
