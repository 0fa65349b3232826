"""Timed text of an episode: SRT / WebVTT / JSON transcripts, JSON chapters, and timed turns in text lines."""

from __future__ import annotations

import html
import json
import re
from collections import Counter

from indexer.document import Chapter, Segment
from indexer.textutil import clean, parse_timestamp

# Cues are a few words each; searching and showing them works better as passages of a few sentences.
PASSAGE_CHARS = 600
# Cues further apart than this (a skipped stretch, music, an ad) never share a passage.
MAX_GAP_S = 60

_ARROW = re.compile(r"^\s*(\S+)\s+-->\s+(\S+)")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SPEAKER_PREFIX = re.compile(r"^([A-Z][\w.'’\- ]{0,40}?):\s+(.+)$", re.S)
_BRACKET_SPEAKER = re.compile(r"^\[([^\]]{1,40})\]\s*(.+)$", re.S)


def cue_seconds(stamp: str) -> int | None:
    """Whole seconds of an SRT/VTT cue time (`00:01:02,500`, `01:02.500`)."""
    return parse_timestamp(stamp.replace(",", "."))


def parse_srt(text: str) -> list[Segment]:
    """Segments from SubRip text; a leading `Name:` on a cue is its speaker."""
    return merge_cues(_cues(text, voice_tags=False))


def parse_vtt(text: str) -> list[Segment]:
    """Segments from WebVTT text; `<v Name>` voice tags or a leading `Name:` give the speaker."""
    return merge_cues(_cues(text, voice_tags=True))


def _cues(text: str, voice_tags: bool) -> list[Segment]:
    cues: list[Segment] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        timing = next((i for i, ln in enumerate(lines) if _ARROW.match(ln)), None)
        if timing is None:
            continue  # WEBVTT header, NOTE, STYLE blocks or stray numbering
        start = cue_seconds(_ARROW.match(lines[timing])[1])
        body = "\n".join(lines[timing + 1:])
        speaker = None
        if voice_tags:
            voice = _VOICE.search(body)
            if voice:
                speaker = clean(voice[1])
        # Tags become spaces so words never fuse; the space that lands before punctuation is taken back.
        body = re.sub(r"\s+([.,!?;:])", r"\1", clean(html.unescape(_TAG.sub(" ", body))))
        if speaker is None:
            speaker, body = split_speaker(body)
        if body:
            cues.append(Segment(t=start, speaker=speaker, text=body))
    return cues


def split_speaker(text: str) -> tuple[str | None, str]:
    """(`Name`, rest) for a cue that starts `Name: …` or `[Name] …`, else (None, text)."""
    for pattern in (_BRACKET_SPEAKER, _SPEAKER_PREFIX):
        m = pattern.match(text)
        if m and not any(ch.isdigit() for ch in m[1]):
            return clean(m[1]), clean(m[2])
    return None, text


def merge_cues(cues: list[Segment], limit: int = PASSAGE_CHARS, gap: int = MAX_GAP_S) -> list[Segment]:
    """Join consecutive cues of one speaker into passages of up to `limit` characters, keeping the first time.

    A cue that starts more than `gap` seconds after the one before starts a passage of its own, so a
    passage's time stays where its words are."""
    merged: list[Segment] = []
    previous: int | None = None
    for cue in cues:
        last = merged[-1] if merged else None
        near = cue.t is None or previous is None or 0 <= cue.t - previous <= gap
        if last and last.speaker == cue.speaker and near and len(last.text) + len(cue.text) < limit:
            last.text = f"{last.text} {cue.text}"
        else:
            merged.append(Segment(t=cue.t, speaker=cue.speaker, text=cue.text))
        previous = cue.t if cue.t is not None else previous
    return merged


def parse_transcript_json(text: str) -> list[Segment]:
    """Segments from the podcast namespace JSON transcript (`segments: [{speaker, startTime, body}]`)."""
    data = json.loads(text)
    rows = data.get("segments", []) if isinstance(data, dict) else data
    cues = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict):
            continue
        body = clean(str(row.get("body") or row.get("text") or ""))
        if not body:
            continue
        start = _number(row.get("startTime", row.get("start")))
        speaker = clean(str(row.get("speaker") or "")) or None
        cues.append(Segment(t=int(start) if start is not None else None, speaker=speaker, text=body))
    return merge_cues(cues)


def parse_chapters_json(text: str) -> list[Chapter]:
    """Chapters from the podcast namespace JSON chapters file (`chapters: [{startTime, title}]`), in time order."""
    data = json.loads(text)
    rows = data.get("chapters", []) if isinstance(data, dict) else []
    chapters = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict) or row.get("toc") is False:
            continue  # toc:false marks silent markers (ad slots, art changes), not chapters
        start = _number(row.get("startTime"))
        title = clean(str(row.get("title") or ""))
        if start is not None and start >= 0 and title:
            chapters.append(Chapter(t=int(start), title=title))
    return sorted(chapters, key=lambda c: c.t)


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            stamp = parse_timestamp(value)
            return float(stamp) if stamp is not None else None
    return None


def transcript_kind(mime: str | None, name: str, data: bytes) -> str | None:
    """`srt`, `vtt` or `json` from a declared type, the file name, or the content itself."""
    mime = (mime or "").lower()
    name = name.lower().split("?")[0]
    head = data[:200].lstrip(b"\xef\xbb\xbf \r\n\t")
    if "vtt" in mime or name.endswith(".vtt") or head.startswith(b"WEBVTT"):
        return "vtt"
    if "srt" in mime or "subrip" in mime or name.endswith(".srt"):
        return "srt"
    if "json" in mime or name.endswith(".json") or head[:1] in (b"{", b"["):
        return "json"
    if re.match(rb"\d+\s*\r?\n\s*\d", head):
        return "srt"
    return None


def parse_transcript_file(data: bytes, mime: str | None = None, name: str = "") -> list[Segment]:
    """Segments from a transcript file of any supported kind; raises ValueError when it cannot be read."""
    kind = transcript_kind(mime, name, data)
    text = data.decode("utf-8-sig", errors="replace")
    if kind == "vtt":
        return parse_vtt(text)
    if kind == "srt":
        return parse_srt(text)
    if kind == "json":
        try:
            return parse_transcript_json(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"invalid JSON transcript: {exc.msg} at line {exc.lineno}") from exc
    raise ValueError(f"unsupported transcript type {mime or name or 'unknown'}")


# ----------------------------------------------------------------- timed turns in text lines

STAMP = r"(?:\d{1,2}:)?\d{1,2}:\d{2}"
# A speaker label: one to five words, a letter first (`Lex Fridman`, `Speaker 2`, `Dr. Chidi Okafor`).
_NAME = r"[^\W\d_][\w.'’\-]*(?: [\w.'’\-]+){0,4}?"
_TS = rf"[(\[]?(?P<t>{STAMP})[)\]]?"
# `Speaker (hh:mm:ss) text` / `(hh:mm:ss) text`: the bracketed time makes it a turn, whatever the name.
_SEGMENT = re.compile(
    rf"^(?:(?P<speaker>[^\W\d_][^()\[\]:]{{0,60}}?)\s*:?\s*)?[(\[](?P<t>{STAMP})[)\]]\s*:?\s*(?P<text>.+)$", re.S
)
# Forms that are turns only when their label is a known speaker (one that takes several turns):
_TS_FIRST = re.compile(rf"^{_TS}\s*[-–—|]?\s*(?P<speaker>{_NAME})\s*:\s*(?P<text>.+)$", re.S)  # 00:12:03 Ann: hi
_NAME_TS_TEXT = re.compile(rf"^(?P<speaker>{_NAME})\s*:?\s+(?P<t>{STAMP})\s+(?P<text>.+)$", re.S)  # Ann 0:00 hi
_HEADER = re.compile(  # `Ann  0:00`, `Ann (00:12:03):`, `00:12:03 Ann` alone, the words in the next block
    rf"^(?:(?P<speaker>{_NAME})\s*:?\s*{_TS}|[(\[]?(?P<t2>{STAMP})[)\]]?\s*[-–—|]?\s*(?P<speaker2>{_NAME}))\s*:?$"
)
_BARE_TS = re.compile(rf"^(?:Starting point is\s+)?[(\[]?(?P<t>{STAMP})[)\]]?$", re.I)  # a time, words below it
_CHAPTER = re.compile(rf"^[(\[]?(?P<t>{STAMP})[)\]]?\s*(?:[–—-]\s*)?(?P<title>\S.{{0,150}})$", re.S)
BREAK = "\x00"  # stands for <br> while a block's text is read, so its lines can be told apart


def looks_like_transcript_text(text: str, min_turns: int = 20) -> bool:
    """True for text whose lines are mostly timed turns of recurring speakers (or bare times over paragraphs)."""
    labels: list[str] = []
    bare = 0
    for line in text.splitlines():
        line = clean(line)
        if not line or len(line) > 5000:
            continue
        if _BARE_TS.match(line):
            bare += 1
            continue
        for pattern in (_SEGMENT, _TS_FIRST, _NAME_TS_TEXT, _HEADER):
            m = pattern.match(line)
            if m and (m.groupdict().get("speaker") or m.groupdict().get("speaker2")):
                labels.append(clean(m.group("speaker") or m.groupdict().get("speaker2")))
                break
    if bare >= min_turns and bare >= len(labels):
        return True
    if len(labels) < min_turns:
        return False
    # A conversation repeats its speakers; a chapter list (`Intro 0:00 …`) does not.
    top_two = sum(n for _, n in Counter(labels).most_common(2))
    return top_two >= len(labels) / 2


def classify(units: list[tuple[str, str]], continue_all: bool) -> tuple[list[Segment], list[Chapter], list[Chapter]]:
    """Turns, table-of-contents chapters and heading chapters from text units.

    A label counts as a speaker when it takes several turns; a turn opened by a bare `Speaker 0:00` header
    (and every turn when `continue_all`, as in wrapped plain text) takes the lines that follow it."""
    speakers = _known_speakers(units)
    segments: list[Segment] = []
    toc: list[Chapter] = []
    heading_chapters: list[Chapter] = []
    pending_heading: str | None = None
    open_turn: Segment | None = None
    for kind, text in units:
        if kind == "heading":
            pending_heading, open_turn = text or None, None
            continue
        turn, opens = _turn(text, speakers)
        if turn is None and (kind == "entry" or not segments and not open_turn):
            chapter = _chapter(text)
            if chapter:
                toc.append(chapter)
                open_turn = None
                continue
        if turn is None:
            if open_turn is not None:
                open_turn.text = clean(f"{open_turn.text} {text}")
            continue
        segments.append(turn)
        open_turn = turn if opens or continue_all else None
        if pending_heading and turn.t is not None:
            heading_chapters.append(Chapter(t=turn.t, title=pending_heading))
        pending_heading = None
    segments = [s for s in segments if s.text]
    return segments, _unique_chapters(toc), _unique_chapters(heading_chapters)


def _known_speakers(units: list[tuple[str, str]]) -> set[str]:
    counts: Counter[str] = Counter()
    for kind, text in units:
        if kind == "heading" or _BARE_TS.match(text):
            continue
        for pattern in (_TS_FIRST, _NAME_TS_TEXT, _HEADER):
            m = pattern.match(text)
            if m:
                counts[clean(m.group("speaker") or m.groupdict().get("speaker2"))] += 1
                break
    return {name for name, n in counts.items() if n >= 2 and name.lower() not in _NOT_SPEAKERS}


_NOT_SPEAKERS = {"chapters", "timestamps", "contents", "table of contents", "outline", "intro", "introduction"}


def _turn(text: str, speakers: set[str]) -> tuple[Segment | None, bool]:
    """(the turn a line starts, whether its words follow on the next lines) or (None, False)."""
    m = _BARE_TS.match(text)
    if m:
        return Segment(t=parse_timestamp(m["t"]), speaker=None, text=""), True
    m = _TS_FIRST.match(text)
    if m and clean(m["speaker"]) in speakers:
        return Segment(t=parse_timestamp(m["t"]), speaker=clean(m["speaker"]), text=clean(m["text"])), False
    m = _HEADER.match(text)
    if m and clean(m["speaker"] or m["speaker2"]) in speakers:
        return Segment(t=parse_timestamp(m["t"] or m["t2"]), speaker=clean(m["speaker"] or m["speaker2"]),
                       text=""), True
    m = _NAME_TS_TEXT.match(text)
    if m and clean(m["speaker"]) in speakers:
        return Segment(t=parse_timestamp(m["t"]), speaker=clean(m["speaker"]), text=clean(m["text"])), False
    segment = _segment(text)
    return segment, False


def text_segments(text: str) -> list[Segment]:
    """The turns of a plain-text transcript (`00:12:03 Ann: …`, `Ann  0:00` over a paragraph, `Ann (0:00) …`)."""
    return parse_transcript_lines(text)[0]


def parse_transcript_lines(text: str) -> tuple[list[Segment], list[Chapter]]:
    """(turns, chapters) of a plain-text transcript; lines before the first turn may be its chapter list."""
    units = [("line", clean(line)) for line in text.replace("\r\n", "\n").split("\n") if clean(line)]
    segments, toc, _ = classify(units, continue_all=True)
    return segments, toc


def _segment(text: str) -> Segment | None:
    m = _SEGMENT.match(text)
    if not m:
        return None
    speaker = clean(m["speaker"]) or None
    body = clean(m["text"])
    return Segment(t=parse_timestamp(m["t"]), speaker=speaker, text=body) if body else None


def _chapter(text: str) -> Chapter | None:
    m = _CHAPTER.match(text)
    if not m or len(text) > 160:
        return None
    t = parse_timestamp(m["t"])
    return Chapter(t=t, title=clean(m["title"])) if t is not None else None


def _unique_chapters(chapters: list[Chapter]) -> list[Chapter]:
    seen: set[tuple[int, str]] = set()
    out = []
    for c in chapters:
        if (c.t, c.title) not in seen:
            seen.add((c.t, c.title))
            out.append(c)
    return out
