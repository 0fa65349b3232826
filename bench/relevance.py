"""Relevance benchmark: podnotes vs a plain SQLite FTS5 setup on real episodes with automatically judged queries.

Reads ../shared/data (never copied into the project). Query kinds: a known title, a misspelled title or name word,
a guest name, a remembered phrase from the notes, a recommended book's title, a topic word from the title.
Prints MRR@10 and success@10 per kind for both engines.

    .venv/bin/python bench/relevance.py [--episodes N] [--queries-per-kind N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.index import EpisodeIndex  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.records import episode_from_record  # noqa: E402
from indexer.request import SearchRequest  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
STOP = frozenset(
    "the a an and or of to in on for with is are was be by at from as that this it its his her their".split(" ")
)


def load_documents(limit: int | None) -> list[dict]:
    """episodes.jsonl records with their recommendations as items, mapped through the JSON importer."""
    records = [json.loads(line) for line in (DATA / "episodes.jsonl").open(encoding="utf-8")]
    recs = defaultdict(list)
    for line in (DATA / "recommendations.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        if r.get("episode_number") is not None:
            recs[(r["podcast"], r["episode_number"])].append(
                {"type": r["kind"], "title": r["title"], "creator": r.get("author"), "speaker": r.get("recommender"),
                 "link": r.get("url")})
    docs = []
    seen = set()
    for record in records[:limit]:
        record = dict(record)
        record["items"] = recs.get((record["podcast"], record.get("number")), [])
        doc = episode_from_record(record).to_dict()
        if doc["id"] in seen:
            continue
        seen.add(doc["id"])
        docs.append(doc)
    return docs


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'’-]+", text)


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:] if rng.random() < 0.5 else word[:i] + word[i + 1:]


def judged_queries(docs: list[dict], per_kind: int, seed: int = 1) -> list[tuple[str, str, set[str]]]:
    """(kind, query, relevant ids) triples."""
    rng = random.Random(seed)
    by_guest = defaultdict(set)
    by_item = defaultdict(set)
    for d in docs:
        for g in d["guests"]:
            by_guest[g["name"]].add(d["id"])
        for i in d["items"]:
            by_item[i["title"]].add(d["id"])
    queries = []
    sample = rng.sample(docs, min(per_kind * 3, len(docs)))
    for d in sample[:per_kind]:
        title = d["title"].split(":")[-1].strip() or d["title"]
        queries.append(("title", title, {d["id"]}))
    for d in sample[per_kind:2 * per_kind]:
        candidates = [w for w in words(d["title"]) + [n for g in d["guests"] for n in words(g["name"])]
                      if len(w) >= 6 and w.lower() not in STOP]
        if candidates:
            queries.append(("typo", typo(rng.choice(candidates), rng).lower(), {d["id"]}))
    names = [n for n in by_guest if len(n.split()) >= 2]
    for name in rng.sample(names, min(per_kind, len(names))):
        queries.append(("guest", name, by_guest[name]))
    with_notes = [d for d in docs if d["reveals"]]
    for d in rng.sample(with_notes, min(per_kind, len(with_notes))):
        ws = words(rng.choice(d["reveals"]))
        if len(ws) >= 8:
            start = rng.randrange(0, len(ws) - 6)
            queries.append(("phrase", " ".join(ws[start:start + 6]), {d["id"]}))
    books = [t for t in by_item if len(words(t)) >= 2]
    for title in rng.sample(books, min(per_kind, len(books))):
        queries.append(("book", title, by_item[title]))
    for d in sample[2 * per_kind:3 * per_kind]:
        topic_words = [w for w in words(d["title"].split(":")[-1]) if len(w) >= 5 and w.lower() not in STOP]
        if topic_words:
            w = rng.choice(topic_words)
            queries.append(("topic", w, {x["id"] for x in docs if w.lower() in x["title"].lower()}))
    return queries


def fts5_engine(docs: list[dict]):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE ep USING fts5(id UNINDEXED, body, tokenize='porter unicode61')")
    for d in docs:
        body = " ".join([d["title"], d["summary"] or "", d["gist"] or "", " ".join(d["reveals"]),
                         " ".join(g["name"] + " " + (g["bio"] or "") for g in d["guests"]),
                         " ".join(i["title"] + " " + (i["creator"] or "") for i in d["items"]),
                         " ".join(c["title"] for c in d["chapters"])])
        db.execute("INSERT INTO ep VALUES (?, ?)", (d["id"], body))

    def search(q: str) -> list[str]:
        tokens = ['"' + w.replace('"', "") + '"' for w in re.findall(r"\w+", q)]
        if not tokens:
            return []
        rows = db.execute("SELECT id FROM ep WHERE ep MATCH ? ORDER BY bm25(ep) LIMIT 10", (" ".join(tokens),))
        return [r[0] for r in rows]

    return search


def podnotes_engine(docs: list[dict], tmp: Path):
    EpisodeIndex(tmp).sync(docs)
    lib = Library(tmp)

    def search(q: str) -> list[str]:
        return [h["episode"]["id"] for h in lib.search(SearchRequest(q=q, per_page=10))["hits"]]

    return search


def evaluate(search, queries) -> dict[str, tuple[float, float]]:
    scores = defaultdict(list)
    for kind, q, relevant in queries:
        found = search(q)
        rank = next((n for n, i in enumerate(found, 1) if i in relevant), None)
        scores[kind].append((1 / rank if rank else 0.0, 1.0 if rank else 0.0))
    return {k: (sum(r for r, _ in v) / len(v), sum(s for _, s in v) / len(v)) for k, v in scores.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--episodes", type=int, default=None)
    parser.add_argument("--queries-per-kind", type=int, default=40)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"{DATA} is not present")
    docs = load_documents(args.episodes)
    queries = judged_queries(docs, args.queries_per_kind)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        ours = podnotes_engine(docs, Path(tmp))
        print(f"{len(docs)} episodes, {len(queries)} queries; podnotes index built in "
              f"{time.perf_counter() - started:.1f}s")
        baseline = fts5_engine(docs)
        results = {"podnotes": evaluate(ours, queries), "fts5": evaluate(baseline, queries)}
        if args.show_misses:
            for kind, q, relevant in queries:
                found = ours(q)
                if not set(found[:3]) & relevant:
                    print(f"  miss [{kind}] {q!r} → {found[:3]} want {sorted(relevant)[:3]}")
    print(f"{'kind':<8} {'podnotes MRR':>13} {'S@10':>6} {'fts5 MRR':>9} {'S@10':>6}")
    for kind in sorted(results["podnotes"]):
        (m1, s1), (m2, s2) = results["podnotes"][kind], results["fts5"][kind]
        print(f"{kind:<8} {m1:>13.3f} {s1:>6.2f} {m2:>9.3f} {s2:>6.2f}")


if __name__ == "__main__":
    main()
