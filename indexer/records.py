"""JSON episode records → documents: the normalized schema as is, and looser real-world exports mapped onto it."""

from __future__ import annotations

import json
import re
from typing import Any

from indexer.document import Chapter, Episode, Guest, Item, Segment
from indexer.results import ParseResult
from indexer.textutil import clean, episode_id, parse_date, parse_duration, parse_timestamp, slugify

_ID_OK = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_MEDIA = re.compile(r"\.(mp3|m4a|ogg|opus|wav|aac)(\?|$)|youtube\.com/watch|youtu\.be/", re.I)


def parse_json(data: bytes, location: str) -> ParseResult:
    """One record, a list of records, or JSON Lines; each record becomes one episode or a failure naming it."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ParseResult.failure(location, f"not UTF-8 JSON: {exc}")
    try:
        loaded = json.loads(text)
        records = loaded if isinstance(loaded, list) else [loaded]
    except json.JSONDecodeError as exc:
        records = []
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as line_exc:
                where = f"line {lineno}" if lineno > 1 or len(text.splitlines()) > 1 else f"line {exc.lineno}"
                return ParseResult.failure(location, f"invalid JSON at {where}: {line_exc.msg}")
    result = ParseResult(location=location)
    seen: dict[str, int] = {}
    for n, record in enumerate(records, 1):
        if not isinstance(record, dict) or not (record.get("title") or record.get("id")):
            return ParseResult.failure(location, f"record {n} is not an episode (it needs at least a title)")
        episode = episode_from_record(record)
        if episode.id in seen:
            result.warnings.append(f"record {n} repeats the id {episode.id!r} of record {seen[episode.id]}")
            episode.id = f"{episode.id}-{n}"
        seen[episode.id] = n
        result.episodes.append(episode)
    return result


def episode_from_record(record: dict[str, Any]) -> Episode:
    """Map a record onto the document, accepting common aliases (description, bullets, links, guest strings)."""
    podcast = _text(record.get("podcast") or record.get("show") or record.get("series"))
    number = _int(record.get("number", record.get("episode_number", record.get("episode"))))
    title = _text(record.get("title")) or _text(record.get("id")) or "Untitled episode"
    links = [link for link in record.get("links") or [] if isinstance(link, str)]
    url = _text(record.get("url")) or next((link for link in links if not _MEDIA.search(link)), None)
    media_url = _text(record.get("media_url")) or next((link for link in links if _MEDIA.search(link)), None)
    raw_id = _text(record.get("id"))
    ep_id = raw_id if raw_id and _ID_OK.match(raw_id) else (slugify(raw_id) if raw_id else "")
    description = _text(record.get("description"))
    return Episode(
        id=ep_id or episode_id(podcast, number, title, url),
        title=title,
        podcast=podcast,
        number=number,
        host=_text(record.get("host")),
        date=_date(record.get("date") or record.get("published") or record.get("publish_date")),
        duration_s=_duration(record.get("duration_s", record.get("duration"))),
        summary=_text(record.get("summary")) or _first_sentence(description),
        guests=_guests(record),
        topics=_strings(record.get("topics") or record.get("keywords") or record.get("tags")),
        gist=_text(record.get("gist")) or description,
        reveals=_strings(record.get("reveals") or record.get("bullets")),
        facts=_strings(record.get("facts")),
        items=[item for raw in record.get("items") or [] if (item := _item(raw))],
        chapters=[c for raw in record.get("chapters") or [] if (c := _chapter(raw))],
        transcript=[s for raw in record.get("transcript") or [] if (s := _segment(raw))],
        url=url,
        media_url=media_url,
    )


def _text(value: Any) -> str | None:
    return clean(str(value)) or None if value is not None else None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    m = re.search(r"\d+", str(value)) if value is not None else None
    return int(m[0]) if m else None


def _seconds(value: Any) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if value >= 0 else None
    return parse_timestamp(str(value)) if value not in (None, "") else None


def _date(value: Any) -> str | None:
    return parse_date(str(value)) if value else None


def _duration(value: Any) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if value >= 0 else None
    return parse_duration(str(value)) if value else None


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [v for v in re.split(r"\s*[,;]\s*", value)]
    return [text for v in value or [] if (text := _text(v))]


def _first_sentence(text: str | None) -> str | None:
    if not text:
        return None
    m = re.match(r"(.{20,300}?[.!?])(\s|$)", text)
    return m[1] if m else text[:300]


def _guests(record: dict[str, Any]) -> list[Guest]:
    bios = {}
    for entry in record.get("guest_bios") or []:
        if isinstance(entry, dict) and entry.get("name"):
            bios[entry["name"]] = _text(entry.get("bio")) or _text(entry.get("role"))
    guests = []
    for raw in record.get("guests") or []:
        if isinstance(raw, str) and _text(raw):
            guests.append(Guest(_text(raw), bios.get(raw)))
        elif isinstance(raw, dict) and _text(raw.get("name")):
            guests.append(Guest(_text(raw["name"]), _text(raw.get("bio")) or bios.get(raw["name"])))
    return guests


def _item(raw: Any) -> Item | None:
    if not isinstance(raw, dict) or not _text(raw.get("title")):
        return None
    kind = slugify(str(raw.get("type") or raw.get("kind") or "other")).replace("-", "_") or "other"
    creator = _text(raw.get("creator") or raw.get("author"))
    inferred = bool(raw.get("creator_inferred")) or bool(creator and creator.endswith("(inferred)"))
    if creator and creator.endswith("(inferred)"):
        creator = clean(creator[: -len("(inferred)")]) or None
    relation = raw.get("relation") if raw.get("relation") in ("recommended", "guest_own") else "recommended"
    return Item(type=kind, title=_text(raw["title"]), relation=relation, creator=creator, creator_inferred=inferred,
                speaker=_text(raw.get("speaker") or raw.get("recommender")), t=_seconds(raw.get("t")),
                quote=_text(raw.get("quote")), link=_text(raw.get("link") or raw.get("url")))


def _chapter(raw: Any) -> Chapter | None:
    start = _seconds(raw.get("t", raw.get("start"))) if isinstance(raw, dict) else None
    if start is not None and _text(raw.get("title")):
        return Chapter(t=start, title=_text(raw["title"]))
    return None


def _segment(raw: Any) -> Segment | None:
    if isinstance(raw, dict) and _text(raw.get("text")):
        return Segment(t=_seconds(raw.get("t")), speaker=_text(raw.get("speaker")), text=_text(raw["text"]))
    return None
