"""Small text normalizers shared by every importer: whitespace, slugs, dates, durations, timestamps."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from urllib.parse import parse_qs, urlparse

from dateutil import parser as dateparser

_WS = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """Collapse whitespace (including NBSP and zero-width characters) and strip."""
    if not text:
        return ""
    text = text.replace("\u200b", "").replace("\ufeff", "").replace("\xa0", " ")
    return _WS.sub(" ", text).strip()


def slugify(text: str) -> str:
    """Lower-case ASCII slug: accents folded, runs of other characters become one hyphen."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def episode_id(podcast: str | None, number: int | None, title: str, url: str | None = None) -> str:
    """Stable id: podcast-slug-NUMBER when the number is known, else from the URL path or the title."""
    if number is not None and podcast:
        return f"{slugify(podcast)}-{number}"
    if url:
        path = re.sub(r"^[a-z]+://[^/]+", "", url).split("?")[0].split("#")[0]
        slug = slugify(path.replace("/", " "))
        if slug:
            return (f"{slugify(podcast)}-{slug}" if podcast else slug)[:120].strip("-")
    base = slugify(f"{podcast or ''} {title}") or "episode"
    if number is not None:
        base = f"{base}-{number}"
    return base[:120].strip("-")


_DEFAULT_DAY = datetime(2000, 1, 1)


def parse_date(text: str | None) -> str | None:
    """`YYYY-MM-DD` from the common written forms (ISO, RFC 822, `Jan 31, 2026`, `31 January 2026`)."""
    text = clean(text)
    if not text:
        return None
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    if not re.search(r"\d{4}", text) or not re.search(r"\d", text.replace(re.search(r"\d{4}", text)[0], "", 1)):
        # A bare year or a string without a day is not a publication date.
        return None
    try:
        parsed = dateparser.parse(text, default=_DEFAULT_DAY, fuzzy=True)
    except (ValueError, OverflowError):
        return None
    if parsed is None or not 1900 <= parsed.year <= 2100:
        return None
    return parsed.date().isoformat()


_HMS = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.\d+)?$")


def parse_timestamp(text: str | None) -> int | None:
    """Seconds from `hh:mm:ss`, `mm:ss`, `1h2m3s` or a plain number of seconds."""
    text = clean(text).strip("()[]")
    if not text:
        return None
    m = _HMS.match(text)
    if m:
        return int(m[1] or 0) * 3600 + int(m[2]) * 60 + int(m[3])
    if text.isdigit():
        return int(text)
    m = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", text.lower())
    if m and any(m.groups()):
        return int(m[1] or 0) * 3600 + int(m[2] or 0) * 60 + int(m[3] or 0)
    return None


_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b")


def parse_duration(text: str | None) -> int | None:
    """Seconds from `4h 25m`, `1:02:03`, `PT4H25M`, `95 min`, `2 hours 5 minutes` or plain seconds."""
    text = clean(text)
    if not text:
        return None
    stamp = parse_timestamp(text)
    if stamp is not None:
        return stamp
    m = re.fullmatch(r"P(?:T)?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?", text.upper())
    if m and any(m.groups()):
        return int(m[1] or 0) * 3600 + int(m[2] or 0) * 60 + int(float(m[3] or 0))
    total = 0
    found = False
    for amount, unit in _DURATION_PART.findall(text.lower()):
        found = True
        value = float(amount)
        if unit.startswith("h"):
            total += int(value * 3600)
        elif unit.startswith("m"):
            total += int(value * 60)
        else:
            total += int(value)
    return total if found else None


def format_timestamp(seconds: int | None) -> str:
    """`h:mm:ss` (or `m:ss` under an hour) for display."""
    if seconds is None:
        return ""
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def link_seconds(href: str) -> int | None:
    """The moment a media link points at: `?t=754`, `&start=754`, `#t=1h2m3s`, `?t=12:34`; None if it has none."""
    try:
        parts = urlparse(href)
    except ValueError:  # "http://[::1": one malformed link must not fail the page it is on
        return None
    params = parse_qs(parts.query)
    raw = (params.get("t") or params.get("start") or [None])[0]
    if raw is None and "t=" in parts.fragment:
        raw = parts.fragment.split("t=", 1)[1].split("&")[0]
    if not raw or not raw.strip():
        return None
    raw = raw.strip()
    seconds = parse_timestamp(raw)
    return seconds if seconds is not None else parse_timestamp(raw.rstrip("s"))
