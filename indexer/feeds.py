"""Podcast RSS/Atom feeds → one episode document per item (feedparser plus the podcast namespace)."""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import feedparser
from lxml import etree

from indexer.document import Chapter, Episode, Guest, Item, Segment
from indexer.feedtitles import guests_from_title, looks_like_name, number_from_title
from indexer.results import ParseResult
from indexer.textutil import clean, parse_date, parse_duration, slugify
from indexer.timedtext import parse_chapters_json, parse_transcript_file

# Fetching a chapters/transcript file per item can be slow; past this many a feed's import stays bounded.
MAX_RESOURCE_FETCHES = 40
RESOURCE_TIMEOUT = 10.0
RESOURCE_MAX_BYTES = 5_000_000
# Richer formats first: JSON carries speakers and times, VTT usually voices, SRT at least times.
_TRANSCRIPT_PREFERENCE = ("json", "vtt", "srt")
_MEDIA_LINK = re.compile(r"\.(mp3|m4a|aac|ogg|opus|wav|mp4|m4v|mov)(\?|$)", re.I)
# dateutil does not know US zone abbreviations and warns; the calendar date is all we keep anyway.
_ZONE_ABBR = re.compile(r"\s+[A-Z]{2,5}$")


@dataclass
class PodcastTags:
    """The podcast-namespace elements of one item (feedparser keeps only the last of each)."""

    persons: list[tuple[str, str]] = field(default_factory=list)  # (role, name)
    chapters: list[str] = field(default_factory=list)
    transcripts: list[tuple[str, str]] = field(default_factory=list)  # (url, type)


@dataclass
class _Context:
    location: str
    fetch: bool
    fetches: int = 0
    warnings: list[str] = field(default_factory=list)


def parse_feed(data: bytes, location: str, *, fetch_resources: bool | None = None) -> ParseResult:
    """Episodes of a podcast feed; a document that is not a feed is a failure, a sloppy feed only warns.

    `fetch_resources` lets podcast:chapters / podcast:transcript URLs be fetched over HTTP; by default only
    feeds that came from a URL do so, while a local feed reads those files from its own folder.
    """
    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # feedparser is robust, but a parser bug must stay this source's failure
        return ParseResult.failure(location, f"not a readable feed: {exc}")
    reason = not_a_feed_reason(parsed, data)
    if reason:
        return ParseResult.failure(location, reason)
    if fetch_resources is None:
        fetch_resources = urlparse(location).scheme in ("http", "https")
    ctx = _Context(location=location, fetch=fetch_resources)
    if parsed.get("bozo"):
        ctx.warnings.append(f"feed is not well-formed, read leniently: {parsed.get('bozo_exception')}")
    channel = parsed.feed
    podcast = clean(channel.get("title")) or None
    key = show_key(podcast, channel_image_title(data))
    tags = podcast_tags(data)
    if tags and len(tags) != len(parsed.entries):
        ctx.warnings.append("podcast: elements could not be matched to items; persons/chapters/transcripts ignored")
        tags = []
    channel_host = _channel_host(channel)
    episodes = [
        episode_from_entry(entry, podcast, key, channel_host, tags[i] if tags else PodcastTags(), ctx, channel)
        for i, entry in enumerate(parsed.entries)
    ]
    _disambiguate(episodes, ctx.warnings)
    _warn_shared(parsed.entries, ctx.warnings)
    if not episodes:
        ctx.warnings.append("feed has no items")
    return ParseResult(location=location, episodes=episodes, warnings=ctx.warnings)


def not_a_feed_reason(parsed: Any, data: bytes) -> str | None:
    """Why a parsed document is not a feed (e.g. an S3 `<Error>` page), or None when it is one."""
    if parsed.get("version") or parsed.entries:
        return None
    root = re.search(rb"<([A-Za-z][\w:.-]*)[\s>/]", re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", data[:4096],
                                                          flags=re.S))
    name = root[1].decode("ascii", "replace") if root else None
    if not name:
        return "not a feed: the document is empty or not XML"
    detail = ""
    message = re.search(rb"<(?:Message|message)>([^<]{1,200})</", data)
    if message:
        detail = f": {message[1].decode('utf-8', 'replace').strip()}"
    return f"not a podcast feed: the document's root element is <{name}>, not <rss>, <feed> or <rdf:RDF>{detail}"


def show_key(podcast: str | None, image_title: str | None) -> str:
    """The slug ids start with: the show's shortest stable name, so a retitle or a tagline change keeps ids.

    A channel retitled `Hard Fork` → `Hard Fork version 2` usually keeps its image title; a title with a
    tagline (`Lenny's Podcast: Product | Growth`) is keyed by the name before it.
    """
    names = [clean(n) for n in (podcast, image_title) if clean(n)]
    if not names:
        return "podcast"
    name = names[0]
    for other in names[1:]:
        if name.lower().startswith(other.lower() + " ") or name.lower().startswith(other.lower() + ":"):
            name = other
    name = re.split(r"\s+[|–—]\s+|:\s+", name)[0]
    return slugify(name) or "podcast"


def channel_image_title(data: bytes) -> str | None:
    """The channel's `<image><title>` (feedparser drops it when an itunes:image is present too)."""
    head = re.split(rb"<(?:item|entry)[\s>]", data, maxsplit=1)[0]
    m = re.search(rb"<image>.*?<title>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</title>.*?</image>", head, re.S)
    return html.unescape(m[1].decode("utf-8", "replace")) if m else None


def podcast_tags(data: bytes) -> list[PodcastTags]:
    """Per item (document order), its podcast:person / podcast:chapters / podcast:transcript elements."""
    if b"podcast" not in data or b"<podcast:" not in data and b"podcastindex" not in data:
        return []
    try:
        parser = etree.XMLParser(recover=True, huge_tree=True, resolve_entities=False, no_network=True)
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    items = [el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname in ("item", "entry")]
    return [_tags_of(item) for item in items]


def _tags_of(item: Any) -> PodcastTags:
    tags = PodcastTags()
    for el in item:
        if not isinstance(el.tag, str):
            continue
        qname = etree.QName(el)
        if not _is_podcast_ns(qname.namespace, el.prefix):
            continue
        if qname.localname == "person":
            name = clean("".join(el.itertext()))
            if name:
                tags.persons.append(((el.get("role") or "host").strip().lower(), name))
        elif qname.localname == "chapters" and el.get("url"):
            tags.chapters.append(el.get("url").strip())
        elif qname.localname == "transcript" and el.get("url"):
            tags.transcripts.append((el.get("url").strip(), (el.get("type") or "").lower()))
    return tags


def _is_podcast_ns(namespace: str | None, prefix: str | None) -> bool:
    ns = (namespace or "").lower()
    return "podcastindex" in ns or "podcast-namespace" in ns or prefix == "podcast"


def episode_from_entry(
    entry: Any, podcast: str | None, key: str, channel_host: str | None, tags: PodcastTags, ctx: _Context,
    channel: Any,
) -> Episode:
    """One feed item as an episode document (id still to be made unique across the feed)."""
    raw_title = clean(entry.get("title")) or clean(entry.get("itunes_title"))
    number = _int(entry.get("itunes_episode"))
    title_number, rest = number_from_title(raw_title)
    if number is None or number == title_number:
        number = number if number is not None else title_number
        title = rest if title_number is not None else raw_title
    else:
        title = raw_title
    title, title_guests = guests_from_title(title)
    notes = notes_for(entry, ctx)
    season = _int(entry.get("itunes_season"))
    label = f"{raw_title or entry.get('id') or '?'}"
    # Show-notes guests come from free prose; only name-shaped ones are kept (not "Additional Reading").
    note_guests = [g for g in notes.guests if looks_like_name(g.name)]
    guests = [Guest(name=n) for role, n in tags.persons if role == "guest"] or title_guests or note_guests
    hosts = [n for role, n in tags.persons if role == "host"]
    episode = Episode(
        id=item_id(key, number, season, entry),
        title=title or raw_title or clean(entry.get("id")) or "Untitled episode",
        podcast=podcast,
        number=number,
        host=", ".join(hosts) if hosts else (_entry_host(entry) or channel_host),
        date=_date(entry),
        duration_s=parse_duration(entry.get("itunes_duration")),
        summary=_summary(entry, notes),
        guests=_unique_guests(guests),
        topics=_topics(entry, notes),
        gist=_gist(entry, notes),
        reveals=list(notes.reveals),
        facts=list(notes.facts),
        items=[i for i in notes.items if isinstance(i, Item)],
        chapters=_chapters(tags, notes, ctx, label),
        transcript=_transcript(tags, ctx, label),
        url=_episode_url(entry, channel),
        media_url=_enclosure(entry),
    )
    ctx.warnings.extend(f"{label}: {w}" for w in getattr(notes, "warnings", []) or [])
    return episode


def item_id(key: str, number: int | None, season: int | None, entry: Any) -> str:
    """Stable per item: `show-NUMBER` (`show-sN-NUMBER` past season 1), else show + guid, link or title slug."""
    if number is not None:
        return f"{key}-s{season}-{number}" if season and season > 1 else f"{key}-{number}"
    for value in (entry.get("id"), entry.get("link"), entry.get("title")):
        value = clean(value)
        if value:
            value = re.sub(r"^[a-z]+://[^/]+", "", value) or value
            slug = slugify(value)[:80].strip("-")
            if slug:
                return f"{key}-{slug}"
    return f"{key}-episode"


def _disambiguate(episodes: list[Episode], warnings: list[str]) -> None:
    """Items that would share an id each get their title slug (then a counter) so none is silently lost."""
    counts = Counter(e.id for e in episodes)
    seen: set[str] = {e.id for e in episodes if counts[e.id] == 1}
    for shared, n in counts.items():
        if n > 1:
            warnings.append(f"{n} items share the id {shared!r} (same guid or number); told apart by title")
    for episode in episodes:
        if counts[episode.id] == 1:
            continue
        candidate = f"{episode.id}-{slugify(episode.title)[:40]}".strip("-")
        n = 2
        while candidate in seen:
            candidate = f"{episode.id}-{slugify(episode.title)[:40]}-{n}".strip("-")
            n += 1
        seen.add(candidate)
        episode.id = candidate


def _warn_shared(entries: list[Any], warnings: list[str]) -> None:
    """Duplicate guids or enclosures usually mean a publisher error; say so even when ids stay distinct."""
    guids = Counter(clean(e.get("id")) for e in entries if clean(e.get("id")))
    for guid, n in guids.items():
        if n > 1:
            warnings.append(f"guid {guid!r} is used by {n} items")
    media = Counter(_enclosure(e) for e in entries if _enclosure(e))
    for url, n in media.items():
        if n > 1:
            warnings.append(f"enclosure {url} is used by {n} items")


class _PlainNotes:
    """Stand-in when the notes extractor is unavailable: the notes' text as the gist, nothing else."""

    def __init__(self, text: str | None) -> None:
        self.summary = None
        self.gist = text or None
        self.reveals: list[str] = []
        self.facts: list[str] = []
        self.items: list[Item] = []
        self.chapters: list[Chapter] = []
        self.guests: list[Guest] = []
        self.topics: list[str] = []
        self.warnings: list[str] = []


def notes_for(entry: Any, ctx: _Context) -> Any:
    """The item's show notes (content:encoded, else description) through the shared section extraction."""
    html = ""
    for content in entry.get("content") or []:
        if len(content.get("value") or "") > len(html):
            html = content["value"]
    if not html:
        html = entry.get("summary") or entry.get("description") or ""
    if not clean(html):
        return _PlainNotes(None)
    try:
        from indexer.extract import notes_from_html
    except ImportError:
        return _PlainNotes(clean(re.sub(r"<[^>]+>", " ", html)))
    return notes_from_html(html)


def _date(entry: Any) -> str | None:
    raw = clean(entry.get("published") or entry.get("updated") or entry.get("created"))
    return parse_date(_ZONE_ABBR.sub("", raw)) if raw else None


def _gist(entry: Any, notes: Any) -> str | None:
    """The notes' gist section; notes without sections give their opening prose unless it is already the summary."""
    if notes.gist:
        return notes.gist
    return notes.summary if _summary(entry, notes) != notes.summary else None


def _summary(entry: Any, notes: Any) -> str | None:
    subtitle = clean(entry.get("itunes_subtitle") or entry.get("subtitle"))
    if subtitle and len(subtitle) <= 300 and "<" not in subtitle:
        return subtitle
    return notes.summary


def _topics(entry: Any, notes: Any) -> list[str]:
    topics: list[str] = []
    for tag in entry.get("tags") or []:
        topics.extend(clean(t) for t in re.split(r"[,;]", tag.get("term") or ""))
    topics.extend(notes.topics or [])
    out, seen = [], set()
    for topic in topics:
        if topic and topic.lower() not in seen:
            seen.add(topic.lower())
            out.append(topic)
    return out


def _unique_guests(guests: list[Guest]) -> list[Guest]:
    out, seen = [], set()
    for g in guests:
        if g.name.lower() not in seen:
            seen.add(g.name.lower())
            out.append(Guest(name=g.name, bio=g.bio))
    return out


def _entry_host(entry: Any) -> str | None:
    detail = entry.get("author_detail") or {}
    return clean(detail.get("name") or entry.get("author")) or None


def _channel_host(channel: Any) -> str | None:
    detail = channel.get("author_detail") or {}
    return clean(detail.get("name") or channel.get("author") or channel.get("itunes_author")) or None


def _episode_url(entry: Any, channel: Any) -> str | None:
    link = clean(entry.get("link"))
    if not link and entry.get("guidislink"):
        link = clean(entry.get("id"))
    # Many feeds put the show's home page (or the audio file) in every item; neither is this episode's page.
    if not link or link.rstrip("/") == clean(channel.get("link")).rstrip("/"):
        return None
    return None if _MEDIA_LINK.search(link) else link


def _enclosure(entry: Any) -> str | None:
    for link in entry.get("links") or []:
        if link.get("rel") == "enclosure" and link.get("href"):
            return clean(link["href"])
    for enc in entry.get("enclosures") or []:
        if enc.get("href"):
            return clean(enc["href"])
    media = entry.get("media_content") or []
    return clean(media[0].get("url")) or None if media else None


def _int(value: Any) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def _chapters(tags: PodcastTags, notes: Any, ctx: _Context, label: str) -> list[Chapter]:
    for url in tags.chapters:
        data = load_resource(url, ctx, label)
        if data is None:
            continue
        try:
            chapters = parse_chapters_json(data.decode("utf-8-sig", errors="replace"))
        except ValueError as exc:
            ctx.warnings.append(f"{label}: chapters file {url} is not valid JSON chapters: {exc}")
            continue
        if chapters:
            return chapters
    return [c for c in notes.chapters if isinstance(c, Chapter)]


def _transcript(tags: PodcastTags, ctx: _Context, label: str) -> list[Segment]:
    ranked = sorted(tags.transcripts, key=lambda t: _transcript_rank(*t))
    for url, mime in ranked:
        data = load_resource(url, ctx, label)
        if data is None:
            continue
        try:
            segments = parse_transcript_file(data, mime, url)
        except ValueError as exc:
            ctx.warnings.append(f"{label}: transcript {url}: {exc}")
            continue
        if segments:
            return segments
    return []


def _transcript_rank(url: str, mime: str) -> int:
    text = f"{mime} {url.lower()}"
    for rank, kind in enumerate(_TRANSCRIPT_PREFERENCE):
        if kind in text or (kind == "srt" and "subrip" in text):
            return rank
    return len(_TRANSCRIPT_PREFERENCE)  # HTML or plain text transcripts are not timed; try them last


def load_resource(ref: str, ctx: _Context, label: str) -> bytes | None:
    """A chapters/transcript file: next to a local feed (never outside its folder), or fetched when allowed."""
    base = ctx.location
    if urlparse(base).scheme in ("http", "https") or urlparse(ref).scheme in ("http", "https"):
        url = urljoin(base, ref) if urlparse(base).scheme in ("http", "https") else ref
        local = _local_file(Path(urlparse(url).path).name, base) if not urlparse(base).scheme else None
        if local is not None:
            return local
        return _fetch_resource(url, ctx, label)
    data = _local_file(ref, base)
    if data is None:
        ctx.warnings.append(f"{label}: {ref} not found next to the feed")
    return data


def _local_file(ref: str, feed_location: str) -> bytes | None:
    folder = Path(feed_location).resolve().parent
    path = (folder / ref).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def _fetch_resource(url: str, ctx: _Context, label: str) -> bytes | None:
    if not ctx.fetch:
        ctx.warnings.append(f"{label}: {url} not fetched (resource fetching is off for local feeds)")
        return None
    if ctx.fetches >= MAX_RESOURCE_FETCHES:
        ctx.warnings.append(f"{label}: {url} not fetched (more than {MAX_RESOURCE_FETCHES} files in this feed)")
        return None
    ctx.fetches += 1
    from indexer.fetch import fetch

    result = fetch(url, timeout=RESOURCE_TIMEOUT, max_bytes=RESOURCE_MAX_BYTES)
    if result.error or result.data is None:
        ctx.warnings.append(f"{label}: could not fetch {url}: {result.error}")
        return None
    return result.data
