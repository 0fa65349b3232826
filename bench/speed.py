"""Speed and memory benchmark: index build, query latency with facets (p50/p95), incremental sync, peak RSS.

Uses generated episodes (tests/corpusgen.py) so it runs anywhere; pass --real to use ../shared/data/episodes.jsonl.

    .venv/bin/python bench/speed.py [--episodes 2000] [--queries 200] [--real]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.index import EpisodeIndex  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.request import SearchRequest  # noqa: E402
from tests.corpusgen import WORDS, generate  # noqa: E402

SYLLABLES = ("ka", "lo", "mi", "ren", "tas", "vo", "shi", "dra", "pel", "qu", "orn", "zet", "bi", "fal", "gru")


def zipf_vocabulary(size: int = 20000) -> list[str]:
    rng = random.Random(3)
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def realistic(docs: list[dict], seed: int = 9) -> list[dict]:
    """Replace the generator's 30-word prose with Zipf-distributed words from a 20k vocabulary, so term
    frequencies look like real notes (a few very common words, a long tail) instead of every word everywhere."""
    rng = random.Random(seed)
    vocab = zipf_vocabulary()
    weights = [1 / (rank + 1) for rank in range(len(vocab))]

    def prose(n: int) -> str:
        return " ".join(rng.choices(vocab, weights, k=n)).capitalize() + "."

    for d in docs:
        d["gist"] = prose(120)
        d["reveals"] = [prose(30) for _ in d["reveals"]]
        d["facts"] = [prose(25) for _ in d["facts"]]
        d["summary"] = prose(15)
    return docs


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    out = fn()
    return (time.perf_counter() - started) * 1000, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--episodes", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--real", action="store_true", help="use ../shared/data episodes instead of generated ones")
    args = parser.parse_args()
    if args.real:
        from bench.relevance import load_documents

        docs = load_documents(args.episodes)
    else:
        docs = realistic(generate(args.episodes, seed=11))
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        ix = EpisodeIndex(tmp)
        build_ms, _ = timed(lambda: ix.rebuild(docs))
        lib = Library(EpisodeIndex(tmp))
        first_ms, _ = timed(lambda: lib.search(SearchRequest(q="copper")))  # opens searcher + builds table
        passages = lib.stats()["passages"]
        guests = sorted({g["name"] for d in docs for g in d["guests"]})
        timings: dict[str, list[float]] = {"1-3 words": [], "words + guest filter": [], "typo": [], "browse": []}
        vocab = sorted({w.strip(".").lower() for d in docs[:200] for w in (d["gist"] or "").split()}) or list(WORDS)
        for _ in range(args.queries):
            q = " ".join(rng.sample(vocab[:2000], rng.randint(1, 3)))
            timings["1-3 words"].append(timed(lambda q=q: lib.search(SearchRequest(q=q)))[0])
            guest = [rng.choice(guests)] if guests else []
            timings["words + guest filter"].append(
                timed(lambda q=q, g=guest: lib.search(SearchRequest(q=q.split()[0], guest=g)))[0])
            word = rng.choice([w for w in vocab if len(w) >= 6] or list(WORDS))
            misspelt = word[0] + word[2] + word[1] + word[3:]
            timings["typo"].append(timed(lambda m=misspelt: lib.search(SearchRequest(q=m)))[0])
            timings["browse"].append(timed(lambda g=guest: lib.search(SearchRequest(guest=g, sort="date")))[0])
        changed = [dict(d) for d in docs]
        for d in changed[:10]:
            d["gist"] = (d["gist"] or "") + " Freshly edited."
        sync_ms, report = timed(lambda: ix.sync(changed))
        refresh_ms, _ = timed(lambda: lib.search(SearchRequest(q="freshly")))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"episodes {len(docs)}, passages {passages}")
    print(f"rebuild (optimize)          {build_ms / 1000:8.1f} s")
    print(f"first query (open + table)  {first_ms:8.1f} ms")
    for name, values in timings.items():
        print(f"{name:<27} p50 {statistics.median(values):6.1f} ms   p95 {percentile(values, 95):6.1f} ms")
    print(f"sync of 10 changed episodes {sync_ms:8.1f} ms ({len(report.updated)} updated)")
    print(f"first query after the sync  {refresh_ms:8.1f} ms (searcher refresh + table rebuild)")
    print(f"peak RSS                    {peak_mb:8.0f} MB")


if __name__ == "__main__":
    main()
