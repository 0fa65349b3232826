"""Timed text files of an episode: SRT / WebVTT / podcast-namespace JSON transcripts and JSON chapters."""

from __future__ import annotations

import html
import json
import re

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
