"""The corpus on disk, the system of record: one JSON document per episode, written atomically."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from indexer.document import Episode
from indexer.passages import content_hash

EPISODES_DIR = "episodes"


@dataclass
class CorpusError(Exception):
    """A stored document that cannot be read; names the file."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class Corpus:
    """Episode documents under `<root>/episodes/<id>.json`; pages under `<root>/pages/` are inputs, not state."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.episodes_dir = self.root / EPISODES_DIR

    def path_for(self, episode_id: str) -> Path:
        return self.episodes_dir / f"{episode_id}.json"

    def ids(self) -> list[str]:
        if not self.episodes_dir.is_dir():
            return []
        return sorted(p.stem for p in self.episodes_dir.glob("*.json"))

    def get(self, episode_id: str) -> Episode | None:
        path = self.path_for(episode_id)
        return self._load(path) if path.is_file() else None

    def documents(self) -> Iterator[dict]:
        """Every stored document as a dict, in id order; an unreadable file raises CorpusError naming it."""
        for episode_id in self.ids():
            yield self._load_dict(self.path_for(episode_id))

    def episodes(self) -> Iterator[Episode]:
        for doc in self.documents():
            yield Episode.from_dict(doc)

    def sources(self) -> dict[str, tuple[str, list[str]]]:
        """Where stored documents came from: location → (sha256 of the raw bytes, episode ids)."""
        found: dict[str, tuple[str, list[str]]] = {}
        for episode_id in self.ids():
            try:
                source = self._load_dict(self.path_for(episode_id)).get("source") or {}
            except CorpusError:
                continue
            if source.get("location") and source.get("sha256"):
                digest, ids = found.setdefault(source["location"], (source["sha256"], []))
                if digest == source["sha256"]:
                    ids.append(episode_id)
        return found

    def put(self, episode: Episode) -> str:
        """Store a document; returns `added`, `updated` or `unchanged` (by content hash, not file bytes).

        A document from another source than the stored one (a transcript page for an episode whose notes page
        is stored) is merged: what the new source lacks is kept from the stored document, never wiped.
        """
        doc = episode.to_dict()
        path = self.path_for(episode.id)
        status = "added"
        if path.is_file():
            try:
                old = self._load_dict(path)
            except CorpusError:
                old = None
            if old is not None and _source_location(old) not in (None, _source_location(doc)):
                doc = merged(old, doc)
            if old is not None and content_hash(old) == content_hash(doc):
                if old.get("source") == doc.get("source"):
                    return "unchanged"
                _atomic_write(path, _dumps(doc))  # same content from a new place: record where, report unchanged
                return "unchanged"
            status = "updated"
        _atomic_write(path, _dumps(doc))
        return status

    def _load_dict(self, path: Path) -> dict:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise CorpusError(path, f"cannot read: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise CorpusError(path, f"invalid JSON at line {exc.lineno}: {exc.msg}") from exc
        if not isinstance(data, dict) or not _is_text(data.get("id")) or not _is_text(data.get("title")):
            raise CorpusError(path, "not an episode document (needs id and title)")
        return data

    def _load(self, path: Path) -> Episode:
        return Episode.from_dict(self._load_dict(path))


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _source_location(doc: dict) -> str | None:
    return (doc.get("source") or {}).get("location")


def merged(old: dict, new: dict) -> dict:
    """`new` with every empty field filled from `old` (the newer source wins wherever it has something)."""
    out = dict(new)
    for key, value in old.items():
        if out.get(key) in (None, "", [], {}) and value not in (None, "", [], {}):
            out[key] = value
    return out


def _dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _atomic_write(path: Path, text: str) -> None:
    """Write via a temp file in the same folder and rename, so a reader never sees half a document."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
