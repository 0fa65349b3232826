"""Chapter marks from outline lines: `00:12:34 – Title`, `(12:34) Title`, `Title (12:34)`, `[12:34] - Title`."""

from __future__ import annotations

import re

from indexer.document import Chapter
from indexer.extract.blocks import Block
from indexer.textutil import clean, link_seconds, parse_timestamp

TS = r"\d{1,2}:\d{2}(?::\d{2})?"
_SEP = r"\s*(?:[-–—:|•·]\s*)?"
# A timestamp at the start: `00:12:34 – Title`, `(12:34) Title`, `[12:34] - Title`, `12:34: Title`
_LEAD = re.compile(rf"^\s*(?:[-–—•*·]\s*)?[(\[]?(?P<ts>{TS})(?:\s*[-–—]\s*{TS})?[)\]]?{_SEP}(?P<title>.*\S)?\s*$")
# A timestamp at the end: `Title (12:34)`, `Title - 12:34`, `Title [1:02:03]`
_TRAIL = re.compile(rf"^\s*(?P<title>.*?\S)\s*(?:[-–—|:@]\s*)?[(\[](?P<ts>{TS})[)\]]\s*\.?$|"
                    rf"^\s*(?P<title2>.*?\S)\s+[-–—|@]\s+(?P<ts2>{TS})\s*$")
# Several marks on one line: `00:00:00 Intro 00:02:29 Sponsors 00:07:35 What is AI?`
_ANY_TS = re.compile(rf"(?<![\d:])[(\[]?({TS})[)\]]?(?![\d:])")
_TIME_PARAM = re.compile(r"(?:^|[?&#])t=(\d+h)?(\d+m)?(\d+)s?(?:$|&)")


def _title(text: str | None) -> str:
    t = clean(text or "")
    t = re.sub(r"^[-–—:|•·]\s*", "", t)
    t = re.sub(r"\s*[-–—:|•·]$", "", t)
    return t.strip()


def parse_chapter_line(text: str) -> list[Chapter]:
    """All chapter marks on one line (usually one; several when a page runs its outline together)."""
    text = clean(text)
    if not text:
        return []
    stamps = list(_ANY_TS.finditer(text))
    if len(stamps) >= 2 and stamps[0].start() <= 3:
        out = []
        for i, m in enumerate(stamps):
            end = stamps[i + 1].start() if i + 1 < len(stamps) else len(text)
            title = _title(text[m.end():end])
            t = parse_timestamp(m[1])
            if t is not None and title:
                out.append(Chapter(t=t, title=title))
        if len(out) >= 2:
            return out
    m = _LEAD.match(text)
    if m and m["title"]:
        t = parse_timestamp(m["ts"])
        title = _title(m["title"])
        if t is not None and title and not re.fullmatch(r"[\d:()\[\]\s-]+", title):
            return [Chapter(t=t, title=title)]
    m = _TRAIL.match(text)
    if m:
        title = _title(m["title"] or m["title2"])
        t = parse_timestamp(m["ts"] or m["ts2"])
        if t is not None and title and len(title) <= 200:
            return [Chapter(t=t, title=title)]
    return []


def chapter_from_link(block: Block) -> Chapter | None:
    """`<a href="…?t=754">Title</a>` style outlines: the time is only in the link."""
    for text, href in block.links:
        t = link_seconds(href)
        if t is not None:
            return Chapter(t=t, title=_title(block.text.replace(text, "").strip() or text)
                           if text == block.text or not text else _title(block.text))
    return None


def chapters_from_blocks(blocks: list[Block], allow_links: bool = True) -> list[Chapter]:
    """Chapter marks in a chapters section, in page order."""
    out: list[Chapter] = []
    for b in blocks:
        found = parse_chapter_line(b.text)
        if not found and allow_links:
            ch = chapter_from_link(b)
            if ch is not None and ch.title:
                found = [ch]
        out.extend(found)
    return out


def chapter_runs(blocks: list[Block], min_run: int = 3) -> list[Chapter]:
    """Outline lines outside any chapters section: runs of `min_run`+ consecutive timestamped lines,
    or one line carrying several marks."""
    out: list[Chapter] = []
    run: list[Chapter] = []

    def flush() -> None:
        nonlocal run
        if len(run) >= min_run:
            out.extend(run)
        run = []

    for b in blocks:
        if b.text.endswith("[TS]"):  # transcript lines (`00:00:01 welcome back … [TS]`)
            flush()
            continue
        found = parse_chapter_line(b.text) if len(b.text) < 4000 else []
        if not found:
            stamps = list(_ANY_TS.finditer(b.text))
            if len(stamps) >= min_run:  # `… Timestamps 00:00:00 Intro 00:02:29 Sponsors …` inside a paragraph
                found = parse_chapter_line(b.text[stamps[0].start():])
        if len(found) >= min_run:
            flush()
            out.extend(found)
            continue
        if len(found) == 1 and _LEAD.match(b.text) or len(found) == 1 and b.kind == "bullet":
            run.extend(found)
            continue
        flush()
    flush()
    return out if not looks_like_transcript(out) else []


def looks_like_transcript(chapters: list[Chapter]) -> bool:
    """Dozens of marks a few seconds apart are a timed transcript, not an outline."""
    if len(chapters) < 25:
        return False
    gaps = sorted(b.t - a.t for a, b in zip(chapters, chapters[1:], strict=False))
    return gaps[len(gaps) // 2] < 20
