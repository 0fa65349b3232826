"""The read side as one facade: search, episodes, guests, items, suggestions and stats over the index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from indexer.request import SearchRequest


class Library:
    """What the Flask app and the CLI ask; owns one EpisodeIndex and never writes to it.

    Shapes (plain dicts, JSON-ready):
      search(req)   → the result shape in docs/interfaces.md
      episode(id)   → the normalized document, or None
      guest(name)   → {"name", "bio", "episodes": [summary...], "items": [item + "episode": summary]} or None
      items(types, page, per_page) → {"items": [{"title", "creator", "type", "count", "episodes": [summary],
                       "mentions": [{"quote", "speaker", "t", "episode": summary}]}], "total", "page",
                       "per_page", "types": [{"value", "count", "selected"}]}
      suggest(prefix, limit) → [{"kind": "guest"|"item"|"topic"|"title", "value", "episode_id"?}]
      stats()       → {"episodes", "passages", "guests", "podcasts", "items_by_type", "index_size_bytes",
                       "index_built_at", "index_age_s"}
    A "summary" is the hit's `episode` dict: id, podcast, number, title, date, guests, url, duration_s, media_url.
    """

    def __init__(self, index_dir: str | Path):
        self.index_dir = Path(index_dir)

    def search(self, req: SearchRequest) -> dict[str, Any]:
        raise NotImplementedError

    def episode(self, episode_id: str) -> dict[str, Any] | None:
        raise NotImplementedError

    def guest(self, name: str) -> dict[str, Any] | None:
        raise NotImplementedError

    def items(self, types: list[str] | None = None, page: int = 1, per_page: int = 50) -> dict[str, Any]:
        raise NotImplementedError

    def suggest(self, prefix: str, limit: int = 8) -> list[dict[str, Any]]:
        raise NotImplementedError

    def stats(self) -> dict[str, Any]:
        raise NotImplementedError
