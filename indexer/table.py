"""Per-generation episode table: docnum → episode, facet values per episode, summaries and items, built once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from whoosh.query import Term
from whoosh.searching import Searcher

from indexer.schema import DOC_KIND

FACET_NAMES = ("guest", "type", "topic", "podcast", "year")


@dataclass
class EpisodeTable:
    """Everything facets, filters, browsing and suggestions need, in plain lists indexed by episode ordinal.

    Built from one searcher's columns and head passages, so counting never touches stored fields per hit
    (the whoosh-notes measured the built-in overlapping facets at 50× a plain query).
    """

    ids: list[str] = field(default_factory=list)
    ordinal: dict[str, int] = field(default_factory=dict)
    summaries: list[dict[str, Any]] = field(default_factory=list)
    items: list[list[dict[str, Any]]] = field(default_factory=list)
    facets: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    dates: list[str] = field(default_factory=list)
    doc_episode: list[int] = field(default_factory=list)  # docnum → episode ordinal; -1 for doc records/deleted
    doc_record: list[int] = field(default_factory=list)  # episode ordinal → docnum of its "doc" record
    doc_kind: list[str] = field(default_factory=list)  # docnum → passage kind (opening the column costs 10 ms)
    passage_count: int = 0
    cache: dict[str, Any] = field(default_factory=dict)  # derived views (e.g. completions), built on first use

    @classmethod
    def build(cls, searcher: Searcher) -> EpisodeTable:
        table = cls(facets={name: [] for name in FACET_NAMES})
        reader = searcher.reader()
        for docnum in sorted(searcher.docs_for_query(Term("kind", "title"))):
            stored = reader.stored_fields(docnum)
            summary = stored["summary"]
            table.ordinal[summary["id"]] = len(table.ids)
            table.ids.append(summary["id"])
            table.summaries.append(summary)
            table.items.append(stored.get("items") or [])
            table.dates.append(summary.get("date") or "")
            table.facets["guest"].append(tuple(summary.get("guests") or ()))
            table.facets["type"].append(tuple(summary.get("types") or ()))
            table.facets["topic"].append(tuple(summary.get("topics") or ()))
            table.facets["podcast"].append((summary["podcast"],) if summary.get("podcast") else ())
            table.facets["year"].append((summary["date"][:4],) if summary.get("date") else ())
        table.doc_record = [-1] * len(table.ids)
        table.doc_episode = [-1] * reader.doc_count_all()
        table.doc_kind = [""] * reader.doc_count_all()
        if not reader.has_column("episode_id"):  # an index with no documents has no columns at all
            return table
        episode_ids = reader.column_reader("episode_id")
        kinds = reader.column_reader("kind")
        doc_records = set(searcher.docs_for_query(Term("kind", DOC_KIND)))
        for docnum in reader.all_doc_ids():
            ordinal = table.ordinal.get(episode_ids[docnum])
            if ordinal is None:
                continue
            if docnum in doc_records:
                table.doc_record[ordinal] = docnum
            else:
                table.doc_episode[docnum] = ordinal
                table.doc_kind[docnum] = kinds[docnum]
                table.passage_count += 1
        return table

    def __len__(self) -> int:
        return len(self.ids)

    def episodes_where(self, filters: dict[str, list[str]], skip: str | None = None) -> set[int] | None:
        """Ordinals passing every facet filter (values of one facet OR, facets AND); None means no filter."""
        allowed: set[int] | None = None
        for name, values in filters.items():
            if not values or name == skip:
                continue
            wanted = set(values)
            column = self.facets[name]
            matching = {o for o in (allowed if allowed is not None else range(len(self.ids)))
                        if wanted.intersection(column[o])}
            allowed = matching
        return allowed

    def episodes_between(self, date_from: str | None, date_to: str | None) -> set[int] | None:
        if not date_from and not date_to:
            return None
        low, high = date_from or "0000", date_to or "9999"
        return {o for o, d in enumerate(self.dates) if d and low <= d <= high}

    def facet_counts(self, name: str, episodes: set[int] | range) -> dict[str, int]:
        counts: dict[str, int] = {}
        column = self.facets[name]
        for o in episodes:
            for value in column[o]:
                counts[value] = counts.get(value, 0) + 1
        return counts

    def newest_first(self, episodes: set[int] | range) -> list[int]:
        return sorted(episodes, key=lambda o: (self.dates[o], self.summaries[o].get("number") or 0, self.ids[o]),
                      reverse=True)
