"""An episode document → the passage documents the index stores (plain dicts keyed by schema field)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from typing import Any

from indexer.document import Episode
from indexer.schema import DOC_KIND, FACET_SEPARATOR

TRANSCRIPT_CHUNK_WORDS = 120  # transcript segments are grouped so a passage reads like a paragraph
PROSE_CHUNK_WORDS = 400  # longer gists and bullets are split between sentences


def content_hash(doc: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of a document (its `source` left out: moving a file changes nothing)."""
    body = {k: v for k, v in doc.items() if k != "source"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def episode_summary(ep: Episode) -> dict[str, Any]:
    """What a search hit shows of its episode."""
    return {
        "id": ep.id, "podcast": ep.podcast, "number": ep.number, "title": ep.title, "date": ep.date,
        "guests": ep.guest_names, "url": ep.url, "duration_s": ep.duration_s, "media_url": ep.media_url,
        "host": ep.host, "summary": ep.summary, "topics": list(ep.topics),
        "types": item_types(ep),
        "bios": {g.name: g.bio for g in ep.guests if g.bio},
    }


def item_types(ep: Episode) -> list[str]:
    return sorted({i.type for i in ep.items})


def passages(ep: Episode) -> Iterator[dict[str, Any]]:
    """Every passage of an episode, the head ("title") first, each carrying the episode's facet fields."""
    doc = ep.to_dict()
    common = {
        "episode_id": ep.id,
        "guest": FACET_SEPARATOR.join(ep.guest_names),
        "type": FACET_SEPARATOR.join(item_types(ep)),
        "topic": FACET_SEPARATOR.join(ep.topics),
        "podcast": ep.podcast or "",
        "year": (ep.date or "")[:4],
        "date": ep.date or "",
        "number": ep.number,
    }
    common = {k: v for k, v in common.items() if v not in (None, "")}

    def passage(kind: str, n: int, text: str, **extra: Any) -> dict[str, Any]:
        return {"pid": f"{ep.id}/{kind}/{n}", "kind": kind, "ordinal": n, "text": text, "exact": text,
                **common, **extra}

    # The head carries only what the card already shows (title, topics) so a title match reads as the title;
    # the summary is a passage of its own, unless it merely repeats the start of the gist.
    extra_topics = [t for t in ep.topics if t.casefold() not in ep.title.casefold()]
    head_text = " — ".join(x for x in (ep.title, ", ".join(extra_topics)) if x)
    yield passage(
        "title", 0, head_text, names=" ".join(filter(None, [ep.host, ep.podcast])),
        summary=episode_summary(ep), items=doc["items"], content_hash=content_hash(doc),
    )
    yield {"pid": f"{ep.id}/{DOC_KIND}/0", "episode_id": ep.id, "kind": DOC_KIND, "doc": doc}
    if ep.summary and ep.summary not in (ep.gist or ""):
        yield passage("summary", 0, ep.summary)
    for n, guest in enumerate(ep.guests):
        bio = guest.bio or ""
        text = bio if bio.startswith(guest.name) else " — ".join(filter(None, (guest.name, bio)))
        yield passage("guest", n, text, names=guest.name)
    for n, chunk in enumerate(prose_chunks(ep.gist or "")):
        yield passage("gist", n, chunk)
    for kind, texts in (("reveal", ep.reveals), ("fact", ep.facts)):
        chunks = [chunk for text in texts for chunk in prose_chunks(text)]
        for n, chunk in enumerate(chunks):
            yield passage(kind, n, chunk)
    for n, (item, item_dict) in enumerate(zip(ep.items, doc["items"], strict=True)):
        text = " — ".join(x for x in (item.title, item.creator, item.quote) if x)
        yield passage("item", n, text, names=" ".join(filter(None, [item.creator, item.speaker])),
                      item_title=item.title, t=item.t, item=item_dict)
    for n, chapter in enumerate(ep.chapters):
        yield passage("chapter", n, chapter.title, t=chapter.t)
    for n, (t, text) in enumerate(transcript_chunks(ep)):
        yield passage("transcript", n, text, t=t)


def prose_chunks(text: str, max_words: int = PROSE_CHUNK_WORDS) -> list[str]:
    """Prose as passages of at most about `max_words` words, cut between sentences (or paragraphs).

    Phrase matching walks every position of a passage and is not time-limited, so a pasted 3 MB gist in one
    passage would make phrase queries take seconds; BM25 also ranks one giant passage poorly.
    """
    words = text.split()
    if len(words) <= max_words:
        return [text] if text.strip() else []
    sentences = re.split(r"(?<=[.!?])\s+|\n{2,}", text)
    chunks: list[str] = []
    current: list[str] = []
    count = 0
    for sentence in sentences:
        n = len(sentence.split())
        if current and count + n > max_words:
            chunks.append(" ".join(current))
            current, count = [], 0
        while n > max_words:  # a "sentence" with no stop in sight: cut it by words
            head, sentence = sentence.split()[:max_words], " ".join(sentence.split()[max_words:])
            chunks.append(" ".join(head))
            n = len(sentence.split())
        if sentence.strip():
            current.append(sentence.strip())
            count += n
    if current:
        chunks.append(" ".join(current))
    return chunks


def transcript_chunks(ep: Episode) -> Iterator[tuple[int | None, str]]:
    """Transcript segments grouped into ~paragraph-sized chunks, each with its first timestamp."""
    words = 0
    start: int | None = None
    parts: list[str] = []
    for seg in ep.transcript:
        if not parts:
            start = seg.t
        parts.append(f"{seg.speaker}: {seg.text}" if seg.speaker else seg.text)
        words += len(seg.text.split())
        if words >= TRANSCRIPT_CHUNK_WORDS:
            yield start, " ".join(parts)
            parts, words = [], 0
    if parts:
        yield start, " ".join(parts)
