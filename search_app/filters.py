"""Jinja filters and globals: how durations, dates, timestamps and passage kinds read on the page."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html import escape
from typing import Any

from flask import Flask
from markupsafe import Markup

from indexer.textutil import format_timestamp
from search_app import links

_MARK = re.compile(r"</?mark>")

FACET_LABELS = {
    "guest": "Guest",
    "type": "Item type",
    "topic": "Topic",
    "podcast": "Podcast",
    "year": "Year",
    "from": "From",
    "to": "To",
}

KIND_LABELS = {
    "gist": "Gist",
    "reveal": "Reveal",
    "fact": "Fact",
    "chapter": "Chapter",
    "transcript": "Transcript",
    "title": "Title",
    "guest": "Guest",
    "topic": "Topic",
    "summary": "Summary",
}


def duration_text(seconds: int | None) -> str:
    """`4h 25m`, `52 min`, or '' when unknown."""
    if not seconds:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes = rest // 60
    if hours:
        return f"{hours}h {minutes:02d}m" if minutes else f"{hours}h"
    return f"{max(minutes, 1)} min"


def date_text(iso: str | None) -> str:
    """`31 Jan 2026` from `2026-01-31`; anything unparsable is shown as given."""
    if not iso:
        return ""
    try:
        return date.fromisoformat(iso).strftime("%-d %b %Y")
    except ValueError:
        return iso


def age_text(seconds: float | None) -> str:
    """`just now`, `5 minutes`, `3 hours`, `2 days`: how old the index is, roughly."""
    if seconds is None:
        return "unknown"
    seconds = max(int(seconds), 0)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'' if n == 1 else 's'}"
    return "just now"


def datetime_text(iso: str | None) -> str:
    """`28 Nov 2026, 21:38 UTC` from an ISO timestamp with offset; anything else as given."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso).astimezone(UTC)
    except ValueError:
        return iso
    return moment.strftime("%-d %b %Y, %H:%M UTC")


def kind_label(match: dict[str, Any]) -> str:
    """The badge for a matched passage: the item's type for items (Book, Product…), else the passage kind."""
    item = match.get("item")
    if match.get("kind") == "item" and item and item.get("type"):
        return str(item["type"]).replace("_", " ").capitalize()
    kind = str(match.get("kind") or "")
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def item_parts(match: dict[str, Any]) -> dict[str, Markup | None] | None:
    """An item snippet ("title — creator — quote", as the index writes it) split into its highlighted parts.

    None when the snippet was cut to a window or does not line up with the item, and the page shows it whole.
    """
    item = match.get("item") or {}
    fields = [f for f in ("title", "creator", "quote") if item.get(f)]
    parts = str(match.get("text") or "").split(" — ", len(fields) - 1) if fields else []
    if len(parts) != len(fields) or _MARK.sub("", parts[0]) != escape(item["title"], quote=False):
        return None
    # The API escaped the document text and added only <mark>, so the parts are safe markup.
    found = {f: Markup(p) for f, p in zip(fields, parts, strict=True)}
    return {"title": found["title"], "creator": found.get("creator"), "quote": found.get("quote")}


def type_label(value: str) -> str:
    """An item type as a heading word: `book` → `Book`."""
    return value.replace("_", " ").capitalize()


def http_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None: a document's `javascript:` link must never become clickable."""
    if url and re.match(r"https?://", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


def register(app: Flask) -> None:
    """Make the helpers available to every template."""
    app.add_template_filter(format_timestamp, "ts")
    app.add_template_filter(duration_text, "duration")
    app.add_template_filter(date_text, "nicedate")
    app.add_template_filter(kind_label, "kind_label")
    app.add_template_filter(type_label, "type_label")
    app.add_template_filter(http_url, "http_url")
    app.add_template_filter(age_text, "age")
    app.add_template_filter(datetime_text, "nicedatetime")
    app.add_template_global(item_parts, "item_parts")
    app.add_template_global(links.time_href, "time_href")
    app.add_template_global(links.search_href, "search_href")
    app.add_template_global(links.toggle_href, "toggle_href")
    app.add_template_global(FACET_LABELS, "FACET_LABELS")
