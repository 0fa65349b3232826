"""Feed item values as document fields: plain-text titles and names, dates, durations, whole numbers."""

from __future__ import annotations

import html
import re
import time
from typing import Any

from indexer.textutil import clean, parse_date, parse_duration

SUMMARY_CHARS = 300
# dateutil does not know US zone abbreviations and warns; the calendar date is all we keep anyway.
_ZONE_ABBR = re.compile(r"\s+[A-Z]{2,5}$")
_ENTITY = re.compile(r"&(?:[a-z]+|#\d+|#x[0-9a-f]+);", re.I)


def first_sentences(text: str, limit: int = SUMMARY_CHARS) -> str:
    """As many whole sentences as fit in `limit` characters (else the first words, with an ellipsis)."""
    out = ""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if len(out) + len(sentence) + 1 > limit:
            break
        out = f"{out} {sentence}".strip()
    return out or text[:limit].rsplit(" ", 1)[0].rstrip(",;:–—-") + "…"


def entry_date(entry: Any) -> str | None:
    """`YYYY-MM-DD` of an item as its feed wrote it (published, else updated), in the publisher's time zone."""
    for name in ("published", "updated", "created"):
        raw = clean(dict.get(entry, name))  # not entry.get: feedparser maps a missing `updated` to `published`
        day = parse_date(_ZONE_ABBR.sub("", raw)) if raw else None
        if day:
            return day
        parsed = dict.get(entry, f"{name}_parsed")  # feedparser reads forms dateutil does not (two-digit years)
        if raw and parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def feed_duration(value: Any) -> int | None:
    """itunes:duration in seconds: `MM:SS`, `H:MM:SS`, `125:30`, seconds (`3725`, `3725.5`), `1h 5m`."""
    text = clean(str(value)) if value is not None else ""
    if not text:
        return None
    m = re.fullmatch(r"(?:(\d+):)?(\d+):(\d+)(?:[.,]\d+)?", text)
    if m:
        seconds = int(m[1] or 0) * 3600 + int(m[2]) * 60 + int(m[3])
    elif re.fullmatch(r"\d+(?:[.,]\d{3})*(?:\.\d+)?", text):
        seconds = int(float(text.replace(",", "")))
    else:
        seconds = parse_duration(text) or 0
    return seconds or None  # `0` or `00:00:00` means the publisher did not say


def entry_host(entry: Any) -> str | None:
    """The item's own author (Atom `<author>`, RSS `<author>` / itunes:author), if any."""
    detail = entry.get("author_detail") or {}
    return plain_text(detail.get("name") or entry.get("author")) or None


def channel_host(channel: Any) -> str | None:
    """The show's author, the host of every item that names none of its own."""
    detail = channel.get("author_detail") or {}
    return plain_text(detail.get("name") or channel.get("author") or channel.get("itunes_author")) or None


def whole_number(value: Any) -> int | None:
    """A non-negative whole number from `12`, ` 12 `, `12.0`; None for anything else."""
    try:
        number = float(str(value).strip())
        whole = int(number)
    except (TypeError, ValueError, OverflowError):  # also `nan` and `inf`
        return None
    return whole if number >= 0 and number == whole else None


def plain_text(value: Any, detail: Any = None) -> str:
    """Plain text of a title: markup removed and entities decoded, also where a feed escaped them twice."""
    text = clean(value)
    if not text:
        return ""
    if (detail or {}).get("type", "").endswith("html") or re.search(r"</?[a-z][^>]*>", text, re.I):
        text = re.sub(r"<[^>]+>", "", text)
    if _ENTITY.search(text):
        text = html.unescape(text)
    return clean(text)
