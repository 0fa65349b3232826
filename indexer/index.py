"""The one owner of the Whoosh index: generations on disk, the writer (sync / rebuild) and per-thread searchers."""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as windex
from whoosh.query import Term
from whoosh.searching import Searcher

from indexer.document import Episode
from indexer.passages import content_hash, passages
from indexer.schema import SCHEMA
from indexer.table import EpisodeTable

CURRENT = "CURRENT"  # names the live generation directory; replaced atomically on a rebuild swap
LOCK = "write.lock"
Progress = Callable[[int, int], None]


class IndexError_(Exception):
    """Base of the index's user-facing errors (the CLI prints the message, never a traceback)."""


class IndexBusy(IndexError_):
    pass


class NoIndex(IndexError_):
    pass


class DamagedIndex(IndexError_):
    """The live generation's files cannot be read (a segment removed, a table of contents garbled)."""


class InvalidDocument(IndexError_):
    """A document the index cannot take (a hand-edited corpus file); names the episode so callers can name the file."""

    def __init__(self, episode_id: object, reason: str):
        super().__init__(f"episode {episode_id!r} is not a valid episode document: {reason}")
        self.episode_id = episode_id
        self.reason = reason


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    rebuilt: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted or self.rebuilt)


@dataclass
class Snapshot:
    """One thread's view of one index generation: a Whoosh searcher and the episode table built for it."""

    searcher: Searcher
    table: EpisodeTable


class EpisodeIndex:
    """Owns `<root>/CURRENT` → `<root>/gen-*/` Whoosh indexes. Readers never take the write lock."""

    def __init__(self, root: str | Path, lock_timeout: float = 10.0):
        self.root = Path(root)
        self.lock_timeout = lock_timeout
        self._local = threading.local()
        self._tables: dict[tuple[str, int], EpisodeTable] = {}
        self._tables_lock = threading.Lock()

    # ----------------------------------------------------------------------------------------- generations
    def current_dir(self) -> Path | None:
        """The live generation's directory, or None when no index has been built."""
        try:
            name = (self.root / CURRENT).read_text(encoding="utf-8").strip()
        except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):  # garbled: as good as none
            return None
        path = self.root / name
        return path if name and _is_generation(path) else None

    def exists(self) -> bool:
        return self.current_dir() is not None

    def _new_generation_dir(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / f"gen-{time.time_ns()}"
        path.mkdir()
        windex.create_in(str(path), SCHEMA)
        return path

    def _point_current_at(self, path: Path) -> None:
        tmp = self.root / f".{CURRENT}.{os.getpid()}"
        tmp.write_text(path.name + "\n", encoding="utf-8")
        os.replace(tmp, self.root / CURRENT)

    def _remove_old_generations(self, keep: Path) -> None:
        """Delete generations older than the one before `keep`: a reader may still finish a query on that one."""
        gens = sorted(p for p in self.root.glob("gen-*") if p.is_dir() and p != keep)
        for old in gens[:-1]:
            shutil.rmtree(old, ignore_errors=True)

    # ------------------------------------------------------------------------------------------- writing
    @contextmanager
    def _write_lock(self):
        """Whole-index writer lock (sync and rebuild alike); waits up to lock_timeout, then IndexBusy."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK, "a+") as fh:
            deadline = time.monotonic() + self.lock_timeout
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise IndexBusy(
                            f"the index at {self.root} is being written by another process; waited "
                            f"{self.lock_timeout:g}s — try again when it finishes"
                        ) from None
                    time.sleep(0.1)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def sync(self, documents: Iterable[dict], progress: Progress | None = None) -> SyncReport:
        """Bring the index up to date with `documents`, touching only episodes whose content changed."""
        with self._write_lock():
            gen = self.current_dir()
            if gen is None:
                return self._build_generation(documents, progress)
            wanted = {doc["id"]: doc for doc in documents}
            try:
                ix = self._open(gen)
                with ix.searcher() as s:
                    indexed = _indexed_hashes(s)
            except DamagedIndex:  # the index is derived: a fresh build from the corpus repairs it
                return self._build_generation(wanted.values(), progress)
            report = SyncReport()
            report.deleted = sorted(set(indexed) - set(wanted))
            for episode_id, doc in wanted.items():
                if episode_id not in indexed:
                    report.added.append(episode_id)
                elif indexed[episode_id] != content_hash(doc):
                    report.updated.append(episode_id)
                else:
                    report.unchanged += 1
            if not report.changed:
                return report
            writer = ix.writer()
            try:
                for episode_id in report.deleted + report.updated:
                    writer.delete_by_term("episode_id", episode_id)
                todo = report.added + report.updated
                for n, episode_id in enumerate(todo, 1):
                    _add_episode(writer, wanted[episode_id])
                    if progress:
                        progress(n, len(todo))
                writer.commit(merge=True)
            except BaseException:
                writer.cancel()
                raise
            return report

    def rebuild(self, documents: Iterable[dict], progress: Progress | None = None) -> SyncReport:
        """Build a fresh generation beside the live one and swap it in atomically."""
        with self._write_lock():
            return self._build_generation(documents, progress)

    def _build_generation(self, documents: Iterable[dict], progress: Progress | None) -> SyncReport:
        docs = list(documents)
        gen = self._new_generation_dir()
        try:
            writer = windex.open_dir(str(gen)).writer(limitmb=256)
            for n, doc in enumerate(docs, 1):
                _add_episode(writer, doc)
                if progress:
                    progress(n, len(docs))
            writer.commit(optimize=True)  # one segment: a full build is the time to pay for the merge
        except BaseException:
            shutil.rmtree(gen, ignore_errors=True)
            raise
        self._point_current_at(gen)
        self._remove_old_generations(keep=gen)
        return SyncReport(added=[d["id"] for d in docs], rebuilt=True)

    # ------------------------------------------------------------------------------------------- reading
    def snapshot(self) -> Snapshot:
        """This thread's searcher on the newest generation (refreshed when a writer committed) and its table."""
        gen = self.current_dir()
        if gen is None:
            raise NoIndex(f"no index at {self.root}: run `podnotes index` first")
        local = self._local
        searcher: Searcher | None = getattr(local, "searcher", None)
        if searcher is None or getattr(local, "gen", None) != gen:
            if searcher is not None:
                searcher.close()
            searcher = self._open(gen).searcher()
            local.gen = gen
        elif not searcher.up_to_date():
            searcher = searcher.refresh()
        local.searcher = searcher
        return Snapshot(searcher=searcher, table=self._table_for(gen, searcher))

    def _open(self, gen: Path) -> windex.Index:
        """The generation's Whoosh index with its segments readable, else DamagedIndex saying how to repair it."""
        try:
            ix = windex.open_dir(str(gen))
            ix.searcher().close()  # opens every segment file: a missing or garbled one fails here, not mid-query
        except Exception as exc:  # noqa: BLE001 - whatever Whoosh raises on unreadable files means "damaged"
            raise DamagedIndex(f"the index at {self.root} is damaged ({type(exc).__name__}: {exc}): "
                               "run `podnotes index` to rebuild it from the corpus") from exc
        return ix

    def _table_for(self, gen: Path, searcher: Searcher) -> EpisodeTable:
        key = (gen.name, searcher.ixreader.generation())
        table = self._tables.get(key)
        if table is None:
            with self._tables_lock:
                table = self._tables.get(key)
                if table is None:
                    table = EpisodeTable.build(searcher)
                    self._tables = {key: table}  # only the newest generation's table is worth keeping
        return table

    def size_bytes(self) -> int:
        gen = self.current_dir()
        return sum(p.stat().st_size for p in gen.iterdir() if p.is_file()) if gen else 0

    def built_at(self) -> float | None:
        """When the live generation was last committed (epoch seconds)."""
        gen = self.current_dir()
        if gen is None:
            return None
        return max((p.stat().st_mtime for p in gen.glob("*.toc")), default=gen.stat().st_mtime)


def _is_generation(path: Path) -> bool:
    """Whether `path` holds a Whoosh index, readable or not (a damaged one is reported by readers, rebuilt by sync)."""
    try:
        return windex.exists_in(str(path))
    except Exception:  # noqa: BLE001 - Whoosh raises assorted errors on a garbled table of contents
        return path.is_dir() and any(path.glob("*.toc"))


def _indexed_hashes(searcher: Searcher) -> dict[str, str]:
    """episode id → content hash of every episode in the index, read from columns (no stored fields)."""
    if not searcher.reader().has_column("episode_id"):  # an index with no documents has no columns at all
        return {}
    ids = searcher.reader().column_reader("episode_id")
    hashes = searcher.reader().column_reader("content_hash")
    return {ids[d]: hashes[d] for d in searcher.docs_for_query(Term("kind", "title"))}


def _add_episode(writer, doc: dict) -> None:
    try:
        for passage in passages(Episode.from_dict(doc)):
            writer.add_document(**passage)
    except (TypeError, ValueError, AttributeError, KeyError) as exc:  # a field of the wrong shape or type
        raise InvalidDocument(doc.get("id"), f"{type(exc).__name__}: {exc}") from exc
