"""Helpers for fixture-page folders: `<stem>.<ext>` pages beside hand-written `<stem>.expected.json` documents."""

from __future__ import annotations

import json
from pathlib import Path

from indexer.parse import parse_path


def page_for(expected: Path) -> Path:
    """The one page beside an expected document."""
    stem = expected.name[: -len(".expected.json")]
    pages = [p for p in expected.parent.glob(stem + ".*") if not p.name.endswith(".json")]
    assert len(pages) == 1, f"one page per expected document: {stem} has {pages}"
    return pages[0]


def expected_doc(path: Path) -> dict:
    """An expected document without its `_note`-style comments."""
    return {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if not k.startswith("_")}


def parsed_doc(page: Path) -> dict:
    """The one document a page parses to, without `source` (where the file lies) and `media_url`."""
    result = parse_path(page)
    assert result.ok, result.error
    assert len(result.episodes) == 1
    doc = result.episodes[0].to_dict()
    doc.pop("source")
    doc.pop("media_url", None)
    return doc


def strings(value) -> list[str]:
    """Every string anywhere in a document, for leak checks."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []
