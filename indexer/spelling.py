"""Typo tolerance from the index's own vocabulary: near words by edit distance, most frequent first."""

from __future__ import annotations


def max_edits(word: str) -> int:
    """Edits allowed for a word: none under 5 letters, 1 from 5, 2 from 9 (short words have too many neighbours)."""
    if len(word) >= 9:
        return 2
    if len(word) >= 5:
        return 1
    return 0


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps."""
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def near_words(reader, fieldname: str, word: str, limit: int = 3) -> list[str]:
    """Vocabulary words within `max_edits(word)` of `word` (itself excluded), closest then most frequent first."""
    edits = max_edits(word)
    if not edits:
        return []
    scored = []
    # Whoosh's automaton counts a swap of two letters as two edits; widening it to edits+1 costs 10× more, so
    # adjacent swaps are looked up directly instead.
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
    found = set(reader.terms_within(fieldname, word, edits, prefix=1))
    found |= {w for w in swaps if reader.doc_frequency(fieldname, w)}
    for candidate in found:
        if candidate == word:
            continue
        distance = edit_distance(word, candidate)
        if distance <= edits:
            scored.append((distance, -reader.doc_frequency(fieldname, candidate), candidate))
    return [c for _, _, c in sorted(scored)[:limit]]
