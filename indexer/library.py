"""The read side as one facade: search, episodes, guests, items, suggestions and stats over the index."""

from __future__ import annotations

import time
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from indexer.index import EpisodeIndex
from indexer.request import SearchRequest
from indexer.search import search
from indexer.table import EpisodeTable

SUMMARY_KEYS = ("id", "podcast", "number", "title", "date", "guests", "url", "duration_s", "media_url")


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching names and prefixes."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").casefold()


class Library:
    """What the Flask app and the CLI ask; owns one EpisodeIndex and never writes to it.

    Shapes (plain dicts, JSON-ready):
      search(req)   → the result shape in docs/interfaces.md
      episode(id)   → the normalized document, or None
      guest(name)   → {"name", "bio", "episodes": [summary...], "recommended": [item + "episode": summary],
                       "own": [their own work, same shape], "items": recommended + own} or None
      items(types, page, per_page) → {"items": [{"title", "creator", "type", "count", "episodes": [summary],
                       "mentions": [{"quote", "speaker", "t", "episode": summary}]}], "total", "page",
                       "per_page", "types": [{"value", "count", "selected"}]}
      suggest(prefix, limit) → [{"kind": "guest"|"item"|"topic"|"title", "value", "episode_id"?}]
      stats()       → {"episodes", "passages", "guests", "podcasts", "items_by_type", "index_size_bytes",
                       "index_built_at", "index_age_s"}
    A "summary" is the hit's `episode` dict: id, podcast, number, title, date, guests, url, duration_s, media_url.
    """

    def __init__(self, index_dir: str | Path | EpisodeIndex):
        self.index = index_dir if isinstance(index_dir, EpisodeIndex) else EpisodeIndex(index_dir)

    def _table(self) -> EpisodeTable:
        return self.index.snapshot().table

    def _summary(self, table: EpisodeTable, ordinal: int) -> dict[str, Any]:
        summary = table.summaries[ordinal]
        return {k: summary.get(k) for k in SUMMARY_KEYS}

    def search(self, req: SearchRequest) -> dict[str, Any]:
        return search(self.index.snapshot(), req)

    def episode(self, episode_id: str) -> dict[str, Any] | None:
        snap = self.index.snapshot()
        ordinal = snap.table.ordinal.get(episode_id)
        if ordinal is None or snap.table.doc_record[ordinal] < 0:
            return None
        return snap.searcher.stored_fields(snap.table.doc_record[ordinal])["doc"]

    def guest(self, name: str) -> dict[str, Any] | None:
        table = self._table()
        wanted = fold(name)
        episodes = [o for o, guests in enumerate(table.facets["guest"]) if any(fold(g) == wanted for g in guests)]
        spoke = [o for o, items in enumerate(table.items)
                 if any(fold(i.get("speaker") or "") == wanted for i in items)]
        if not episodes and not spoke:
            return None
        display, bio = name, None
        for o in episodes:
            for guest in table.facets["guest"][o]:
                if fold(guest) == wanted:
                    display = guest
                    bio = bio or table.summaries[o].get("bios", {}).get(guest)
        recommended, own = [], []
        for o in table.newest_first(set(episodes) | set(spoke)):
            for item in table.items[o]:
                entry = {**item, "episode": self._summary(table, o)}
                if item.get("relation") == "guest_own" and fold(item.get("creator") or "") == wanted:
                    own.append(entry)
                elif fold(item.get("speaker") or "") == wanted:
                    recommended.append(entry)
        return {"name": display, "bio": bio,
                "episodes": [self._summary(table, o) for o in table.newest_first(set(episodes))],
                "items": recommended + own, "recommended": recommended, "own": own}

    def items(self, types: list[str] | None = None, page: int = 1, per_page: int = 50) -> dict[str, Any]:
        groups, type_counts = _item_groups(self._table())
        chosen = set(types or [])
        rows = [g for g in groups if not chosen or g["type"] in chosen]
        first = (page - 1) * per_page
        return {
            "items": rows[first:first + per_page], "total": len(rows), "page": page, "per_page": per_page,
            "types": [{"value": t, "count": c, "selected": t in chosen} for t, c in type_counts],
        }

    def suggest(self, prefix: str, limit: int = 8) -> list[dict[str, Any]]:
        """Completions whose text or any word in it starts with `prefix`: guests, items, topics, titles."""
        wanted = fold(prefix.strip())
        if not wanted:
            return []
        scored = []
        for entry in _completions(self._table()):
            text = entry["_folded"]
            if text.startswith(wanted):
                rank = 0
            elif f" {wanted}" in f" {text}":
                rank = 1
            else:
                continue
            scored.append((rank, -entry["_weight"], _KIND_ORDER[entry["kind"]], text, entry))
        scored.sort(key=lambda row: row[:4])
        return [{k: v for k, v in row[-1].items() if not k.startswith("_")} for row in scored[:limit]]

    def stats(self) -> dict[str, Any]:
        snap = self.index.snapshot()
        table = snap.table
        items_by_type: dict[str, int] = {}
        for items in table.items:
            for item in items:
                items_by_type[item["type"]] = items_by_type.get(item["type"], 0) + 1
        built = self.index.built_at()
        return {
            "episodes": len(table),
            "passages": table.passage_count,
            "guests": len({g for gs in table.facets["guest"] for g in gs}),
            "podcasts": len({p for ps in table.facets["podcast"] for p in ps}),
            "items": sum(items_by_type.values()),
            "items_by_type": dict(sorted(items_by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
            "index_size_bytes": self.index.size_bytes(),
            "index_built_at": datetime.fromtimestamp(built, UTC).isoformat(timespec="seconds") if built else None,
            "index_age_s": round(time.time() - built, 1) if built else None,
        }


_KIND_ORDER = {"guest": 0, "item": 1, "topic": 2, "title": 3}


def _item_groups(table: EpisodeTable) -> tuple[list[dict[str, Any]], list[tuple[str, int]]]:
    """Recommended items grouped across episodes, most-recommended first, and item counts by type; built once
    per index generation and kept on the table (the items page asks for it on every request)."""
    cached = table.cache.get("item_groups")
    if cached is not None:
        return cached
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for o in table.newest_first(range(len(table))):
        summary = {k: table.summaries[o].get(k) for k in SUMMARY_KEYS}
        for item in table.items[o]:
            group = groups.setdefault((fold(item["title"]), item["type"]), {
                "title": item["title"], "creator": item.get("creator"), "type": item["type"],
                "link": item.get("link"), "count": 0, "episodes": [], "mentions": []})
            if summary["id"] not in {e["id"] for e in group["episodes"]}:
                group["episodes"].append(summary)
                group["count"] += 1
            group["creator"] = group["creator"] or item.get("creator")
            group["link"] = group["link"] or item.get("link")
            group["mentions"].append({"quote": item.get("quote"), "speaker": item.get("speaker"), "t": item.get("t"),
                                      "relation": item.get("relation"), "episode": summary})
    rows = sorted(groups.values(), key=lambda g: (-g["count"], fold(g["title"])))
    type_counts: dict[str, int] = {}
    for g in rows:
        type_counts[g["type"]] = type_counts.get(g["type"], 0) + 1
    table.cache["item_groups"] = (rows, sorted(type_counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return table.cache["item_groups"]


def _completions(table: EpisodeTable) -> list[dict[str, Any]]:
    """Every completion of one table, built once per index generation and kept on the table."""
    cached = table.cache.get("completions")
    if cached is not None:
        return cached
    weights: dict[tuple[str, str], int] = {}
    extra: dict[tuple[str, str], dict[str, Any]] = {}
    for o, summary in enumerate(table.summaries):
        for guest in table.facets["guest"][o]:
            weights[("guest", guest)] = weights.get(("guest", guest), 0) + 1
        for topic in table.facets["topic"][o]:
            weights[("topic", topic)] = weights.get(("topic", topic), 0) + 1
        for item in table.items[o]:
            weights[("item", item["title"])] = weights.get(("item", item["title"]), 0) + 1
            extra.setdefault(("item", item["title"]), {"type": item["type"]})
        weights[("title", summary["title"])] = 1
        extra[("title", summary["title"])] = {"episode_id": summary["id"]}
    entries = [{"kind": kind, "value": value, **extra.get((kind, value), {}), "_weight": w, "_folded": fold(value)}
               for (kind, value), w in weights.items()]
    table.cache["completions"] = entries
    return entries
