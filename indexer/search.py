"""The search engine: a SearchRequest over one index snapshot → the result dict of docs/interfaces.md."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from whoosh.collectors import TimeLimit, TimeLimitCollector
from whoosh.query import Or, Phrase, Query, Term

from indexer.highlight import snippet
from indexer.index import Snapshot
from indexer.query import ParsedQuery, parse_query
from indexer.request import FACETS, SearchRequest
from indexer.schema import exact_analyzer, prose_analyzer
from indexer.spelling import near_words
from indexer.table import EpisodeTable

# What a hit in each kind of passage says about the episode: a title, guest or item hit means more than a
# word somewhere in a transcript.
KIND_WEIGHTS = {"title": 3.0, "guest": 2.5, "summary": 2.0, "item": 2.0, "reveal": 1.5, "fact": 1.4, "gist": 1.2,
                "chapter": 1.0, "transcript": 0.6}
# Field boosts inside a passage (BM25F): an unstemmed exact match and a name match outrank a stem match.
FIELD_BOOSTS = {"text": 1.0, "exact": 0.3, "names": 2.0, "item_title": 1.5}
PASSAGE_DECAY = (1.0, 0.5, 0.25)  # an episode's score: its best passage, plus less of the next two
MATCHES_PER_HIT = 4
FACET_LIMIT = 200
TIME_LIMIT_S = 1.0
FEW_EPISODES = 2  # AND finding fewer than this many episodes also tries near spellings
# Passages kept per query: enough to rank the pages a person reads. A small top-K lets Whoosh skip posting
# blocks that cannot beat the K-th score; episodes beyond them still count (total, facets), ranked by date.
SCORED_PASSAGES = 400
PASSAGES_PER_REQUESTED_HIT = 4

_POSSESSIVE = re.compile(r"\w['’]s$", re.I)
_EXACT = exact_analyzer()
_PROSE = prose_analyzer()


def exact_tokens(text: str) -> list[str]:
    return [t.text for t in _EXACT(text)]


def stem_tokens(text: str) -> list[str]:
    return [t.text for t in _PROSE(text)]


@dataclass
class Unit:
    """One required piece of the query (a word or a phrase): how to score it and which stems to highlight."""

    label: str
    query: Query
    stems: set[str]
    correction: str | None = None  # the vocabulary word a misspelled word was taken for
    # For word units, the (field, term) postings whose union is the unit's match set: read straight from the
    # posting lists, far cheaper than running the Or matcher. Empty for phrases (positions are needed).
    postings: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Ranked:
    score: float = 0.0
    passages: list[tuple[float, int, str]] = field(default_factory=list)  # (weighted score, docnum, kind)


def _term_query(word: str, stem: str, boost: float = 1.0) -> Query:
    # The unstemmed twins ("exact", "item_title") measurably help title and topic queries in
    # bench/relevance.py; dropping them saved only a fifth of the query time.
    return Or([
        Term("text", stem, boost=boost * FIELD_BOOSTS["text"]),
        Term("exact", word, boost=boost * FIELD_BOOSTS["exact"]),
        Term("names", word, boost=boost * FIELD_BOOSTS["names"]),
        Term("item_title", word, boost=boost * FIELD_BOOSTS["item_title"]),
    ])


def _phrase_query(words: list[str], stems: list[str], slop: int = 1, boost: float = 1.0) -> Query:
    return Or([
        Phrase("text", stems, slop=slop, boost=boost * FIELD_BOOSTS["text"]),
        Phrase("exact", words, slop=slop, boost=boost * FIELD_BOOSTS["exact"]),
        Phrase("names", words, slop=slop, boost=boost * FIELD_BOOSTS["names"]),
        Phrase("item_title", words, slop=slop, boost=boost * FIELD_BOOSTS["item_title"]),
    ])


def _postings(word: str, stem: str) -> list[tuple[str, str]]:
    # "exact" and "item_title" words also occur in the same passage's stemmed text, so two lists cover all
    return [("text", stem), ("names", word)]


def _is_known(reader, word: str, stem: str) -> bool:
    return reader.doc_frequency("exact", word) > 0 or reader.doc_frequency("text", stem) > 0


def word_units(reader, raw: str, fuzzy: bool = False) -> list[Unit]:
    """Units for one typed word. "GPT-2" is the phrase "gpt 2" when both parts are known words; a part that is not
    (a typo in "ex-instagram") makes each part a word of its own so typo tolerance can reach it."""
    words = exact_tokens(raw)
    if len(words) > 1 and _POSSESSIVE.search(raw):
        words = words[:-1]  # "Lambert's" means Lambert: the phrase "lambert s" would miss every other mention
    if len(words) > 1:
        if all(_is_known(reader, w, (stem_tokens(w) or [w])[0]) for w in words):
            return [u for u in [phrase_unit(raw, words)] if u]
        return [u for w in words for u in word_units(reader, w, fuzzy)]
    if not words:
        return []
    word = words[0]
    stem = (stem_tokens(word) or [word])[0]
    known = _is_known(reader, word, stem)
    if known and not fuzzy:
        return [Unit(raw, _term_query(word, stem), {stem}, postings=_postings(word, stem))]
    near = near_words(reader, "exact", word)
    if not near:
        return [Unit(raw, _term_query(word, stem), {stem}, postings=_postings(word, stem))]
    options = ([(word, stem)] if known else []) + [(w, (stem_tokens(w) or [w])[0]) for w in near]
    # near spellings of a word that exists only pad the results: they must not outrank its exact matches
    variant_boost = 0.2 if known else 0.8
    query = Or([_term_query(w, s, boost=1.0 if w == word else variant_boost) for w, s in options])
    return [Unit(raw if len(exact_tokens(raw)) == 1 else word, query, {s for _, s in options},
                 correction=None if known else near[0], postings=[p for w, s in options for p in _postings(w, s)])]


def phrase_unit(label: str, words: list[str]) -> Unit | None:
    words = [t for w in words for t in exact_tokens(w)]
    if not words:
        return None
    stems = [(stem_tokens(w) or [w])[0] for w in words]
    if len(words) == 1:
        return Unit(label, _term_query(words[0], stems[0]), set(stems), postings=_postings(words[0], stems[0]))
    return Unit(label, _phrase_query(words, stems, slop=1), set(stems))


class Engine:
    """Runs one request against one snapshot. Stateless between requests; cheap to create."""

    def __init__(self, snapshot: Snapshot, time_limit: float = TIME_LIMIT_S):
        self.searcher = snapshot.searcher
        self.table: EpisodeTable = snapshot.table
        self.reader = self.searcher.reader()
        self.time_limit = time_limit

    # -------------------------------------------------------------------------------------- episode sets
    def episodes_matching(self, query: Query) -> set[int]:
        return self._episodes_of(self.searcher.docs_for_query(query))

    def unit_episodes(self, unit: Unit) -> set[int]:
        """Episodes with a passage matching the unit (AND and facet sets are episode-level)."""
        if not unit.postings:
            return self.episodes_matching(unit.query)
        docs: set[int] = set()
        for fieldname, text in unit.postings:
            if self.reader.doc_frequency(fieldname, text):
                docs.update(self.reader.postings(fieldname, text).all_ids())
        return self._episodes_of(docs)

    def _episodes_of(self, docnums) -> set[int]:
        doc_episode = self.table.doc_episode
        episodes = {doc_episode[d] for d in docnums if d < len(doc_episode)}
        episodes.discard(-1)
        return episodes

    def resolve_field(self, name: str, raw_values: list[str]) -> set[str]:
        """Facet values a `name:value` query term means: exact (any case), else values containing its words."""
        known = {v for values in self.table.facets[name] for v in values}
        chosen: set[str] = set()
        for raw in raw_values:
            folded = raw.casefold()
            exact = {v for v in known if v.casefold() == folded}
            if exact:
                chosen |= exact
                continue
            words = set(exact_tokens(raw))
            chosen |= {v for v in known if words and words <= set(exact_tokens(v))}
        return chosen

    def base_episodes(self, parsed: ParsedQuery, req: SearchRequest) -> set[int]:
        """Episodes allowed by the query's own field terms and both date ranges (not by the facet sidebar)."""
        allowed = set(range(len(self.table)))
        for name, values in parsed.fields.items():
            allowed &= self.table.episodes_where({name: sorted(self.resolve_field(name, values))}) or set()
        for low, high in ((parsed.date_from, parsed.date_to), (req.date_from, req.date_to)):
            between = self.table.episodes_between(low, high)
            if between is not None:
                allowed &= between
        return allowed

    # -------------------------------------------------------------------------------------------- search
    def run(self, req: SearchRequest) -> dict[str, Any]:
        started = time.perf_counter()
        parsed = parse_query(req.q)
        base = self.base_episodes(parsed, req)
        units: list[Unit] = []
        mode = "browse"
        for words in parsed.excluded_phrases:
            unit = phrase_unit(" ".join(words), words)
            if unit:
                base -= self.unit_episodes(unit)
        for raw in parsed.excluded_words:
            for unit in word_units(self.reader, raw):
                base -= self.unit_episodes(unit)
        if parsed.has_text:
            units, matched, mode = self.match_text(parsed, base)
            base &= matched
        selected = req.filters()
        allowed = self.table.episodes_where(selected)  # None: no facet selected; an empty set: nothing passes
        final = base if allowed is None else base & allowed
        facets = self.facets(base, selected)
        wanted = max(SCORED_PASSAGES, req.page * req.per_page * PASSAGES_PER_REQUESTED_HIT)
        ranked, timed_out = self.rank(units, final, mode, wanted) if units else ({}, False)
        order = self.order(final, ranked, req.sort if units else "date")
        first = (req.page - 1) * req.per_page
        page = order[first:first + req.per_page]
        stems = set().union(*(u.stems for u in units)) if units else set()
        hits = [self.hit(o, ranked.get(o), stems) for o in page]
        return {
            "query": req.q,
            "filters": selected,
            "total": len(order),
            "page": req.page,
            "per_page": req.per_page,
            "hits": hits,
            "facets": facets,
            "suggestion": self.suggestion(req.q, units),
            "mode": mode,
            "timed_out": timed_out,
            "took_ms": round((time.perf_counter() - started) * 1000, 2),
        }

    def match_text(self, parsed: ParsedQuery, base: set[int]) -> tuple[list[Unit], set[int], str]:
        """Episodes containing every word and phrase (AND); else with typo expansion; else any of them (OR)."""
        def build(fuzzy: bool) -> list[Unit]:
            units = [u for w in parsed.words for u in word_units(self.reader, w, fuzzy=fuzzy)]
            units += [phrase_unit(f'"{" ".join(p)}"', p) for p in parsed.phrases]
            return [u for u in units if u is not None]

        units = build(fuzzy=False)
        if not units:  # only punctuation ("!!!", "-"): nothing to match, so browse like an empty query
            return [], set(base), "browse"
        sets = [self.unit_episodes(u) & base for u in units]
        if parsed.any_of:
            return units, set().union(*sets), "or"
        matched = set.intersection(*sets)
        if len(matched) >= FEW_EPISODES:
            return units, matched, "and"
        # Few or no episodes: widen every long word to its near spellings. Exact spellings keep the higher
        # boost, so what AND found still ranks first; the near misses follow.
        fuzzy_units = build(fuzzy=True)
        fuzzy_sets = [self.unit_episodes(u) & base for u in fuzzy_units]
        widened = set.intersection(*fuzzy_sets) if fuzzy_sets else set()
        if len(widened) > len(matched):
            return fuzzy_units, widened, "fuzzy"
        if matched:
            return units, matched, "and"
        return units, set().union(*sets), "or"

    def rank(self, units: list[Unit], final: set[int], mode: str, limit: int = SCORED_PASSAGES,
             ) -> tuple[dict[int, Ranked], bool]:
        """Score passages with BM25F, weight them by kind and fold them into one score per episode."""
        scoring: list[Query] = [u.query for u in units]
        phrase_words = [u for u in units if isinstance(u.query, Or) and len(u.stems) == 1]
        if len(phrase_words) >= 2:  # proximity: the words near each other, and as an exact phrase
            stems = [next(iter(u.stems)) for u in phrase_words]
            scoring.append(Phrase("text", stems, slop=3, boost=2.0))
        collector = TimeLimitCollector(self.searcher.collector(limit=limit), timelimit=self.time_limit)
        timed_out = False
        try:
            self.searcher.search_with_collector(Or(scoring), collector)
        except TimeLimit:
            timed_out = True
        results = collector.results()
        kinds = self.table.doc_kind
        ranked: dict[int, Ranked] = {}
        doc_episode = self.table.doc_episode
        for docnum, score in results.items():
            ordinal = doc_episode[docnum] if docnum < len(doc_episode) else -1
            if ordinal < 0 or ordinal not in final:
                continue
            kind = kinds[docnum]
            ranked.setdefault(ordinal, Ranked()).passages.append((score * KIND_WEIGHTS.get(kind, 1.0), docnum, kind))
        coverage = self.coverage(units, ranked) if mode == "or" else {}
        for ordinal, r in ranked.items():
            r.passages.sort(reverse=True)
            r.score = sum(w * p[0] for w, p in zip(PASSAGE_DECAY, r.passages, strict=False))
            if coverage:
                r.score *= coverage[ordinal] ** 2
        return ranked, timed_out

    def coverage(self, units: list[Unit], ranked: dict[int, Ranked]) -> dict[int, float]:
        """Fraction of the query's units each episode contains (ranks OR-fallback hits)."""
        sets = [self.unit_episodes(u) for u in units]
        return {o: sum(o in s for s in sets) / len(sets) for o in ranked}

    def order(self, final: set[int], ranked: dict[int, Ranked], sort: str) -> list[int]:
        if sort == "date" or not ranked:
            return self.table.newest_first(final)
        dates = self.table.dates
        return sorted(final, key=lambda o: (ranked[o].score if o in ranked else 0.0, dates[o]), reverse=True)

    # ------------------------------------------------------------------------------------------- output
    def facets(self, base: set[int], selected: dict[str, list[str]]) -> dict[str, list[dict[str, Any]]]:
        """Counts over the matching episodes; each facet ignores its own selection (disjunctive)."""
        out: dict[str, list[dict[str, Any]]] = {}
        for name in FACETS:
            allowed = self.table.episodes_where(selected, skip=name)
            episodes = base if allowed is None else base & allowed
            counts = self.table.facet_counts(name, episodes)
            chosen = set(selected.get(name) or ())
            for value in chosen:
                counts.setdefault(value, 0)
            key = (lambda kv: kv[0]) if name == "year" else (lambda kv: (-kv[1], kv[0].casefold()))
            rows = sorted(counts.items(), key=key, reverse=name == "year")
            rows = [r for r in rows[:FACET_LIMIT]] + [r for r in rows[FACET_LIMIT:] if r[0] in chosen]
            out[name] = [{"value": v, "count": c, "selected": v in chosen} for v, c in rows]
        return out

    def hit(self, ordinal: int, ranked: Ranked | None, stems: set[str]) -> dict[str, Any]:
        summary = self.table.summaries[ordinal]
        episode = {k: summary.get(k) for k in ("id", "podcast", "number", "title", "date", "guests", "url",
                                                "duration_s", "media_url", "summary")}
        matches = []
        for _score, docnum, kind in (ranked.passages[:MATCHES_PER_HIT] if ranked else []):
            stored = self.reader.stored_fields(docnum)
            matches.append({"kind": kind, "text": snippet(stored.get("text", ""), stems),
                            "t": stored.get("t"), "item": stored.get("item")})
        return {"episode": episode, "score": round(ranked.score, 4) if ranked else 0.0, "matches": matches}

    @staticmethod
    def suggestion(q: str, units: list[Unit]) -> str | None:
        corrected = q
        for unit in units:
            if unit.correction and unit.correction != unit.label.casefold():
                corrected = re.sub(rf"(?<!\w){re.escape(unit.label)}(?!\w)", unit.correction, corrected, count=1)
        return corrected if corrected != q else None


def search(snapshot: Snapshot, req: SearchRequest) -> dict[str, Any]:
    """Run `req` against `snapshot`; the one entry point the Library, CLI and web app use."""
    return Engine(snapshot).run(req)
