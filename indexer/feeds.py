"""Podcast RSS/Atom feeds → one episode document per item (feedparser plus the podcast namespace)."""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import Any
from urllib.parse import urlparse

import feedparser

from indexer.document import Chapter, Episode, Guest, Item
from indexer.feedresources import FeedContext, PodcastTags, load_chapters, load_transcript, match_tags, podcast_tags
from indexer.feedtitles import guests_from_title, looks_like_name, numbers_from_title
from indexer.feedvalues import (
    SUMMARY_CHARS,
    channel_host,
    entry_date,
    entry_host,
    feed_duration,
    first_sentences,
    plain_text,
    whole_number,
)
from indexer.results import ParseResult
from indexer.textutil import clean, slugify

# The notes' prose beyond the one-line summary goes to the gist, within reason.
MAX_GIST_CHARS = 200_000
_MEDIA_LINK = re.compile(r"\.(mp3|m4a|aac|ogg|opus|wav|mp4|m4v|mov)(\?|$)", re.I)


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
    ctx = FeedContext(location=location, fetch=fetch_resources)
    broken = bozo_message(parsed) if parsed.get("bozo") else None
    if broken:
        ctx.warnings.append(f"feed is not well-formed, read leniently: {broken}")
    channel = parsed.feed
    podcast = plain_text(channel.get("title"), channel.get("title_detail")) or None
    entries = list(parsed.entries)
    if broken and _last_item_cut_off(data, len(entries)):
        cut = entries.pop()
        ctx.warnings.append(f"the last item ({plain_text(cut.get('title')) or 'untitled'}) is cut off where the "
                            "document ends; it is left out")
    if not entries:
        name = f"{podcast!r}" if podcast else "this feed"
        detail = f" (the XML breaks at {broken})" if broken else ""
        return ParseResult.failure(location, f"{name} has no episodes: no <item> or <entry> elements{detail}")
    key = show_key(podcast, channel_image_title(data))
    channel_tags, item_tags = podcast_tags(data)
    tags = match_tags(parsed.entries, item_tags, ctx.warnings)[: len(entries)]
    host = ", ".join(p.name for p in channel_tags.persons if p.is_host) or channel_host(channel)
    episodes = [episode_from_entry(entry, podcast, key, host, tags[i], ctx, channel)
                for i, entry in enumerate(entries)]
    _disambiguate(episodes, ctx.warnings)
    _warn_shared(entries, ctx.warnings)
    return ParseResult(location=location, episodes=episodes, warnings=ctx.warnings)


def bozo_message(parsed: Any) -> str:
    """Why feedparser had to read leniently, naming the line (and column) where the XML breaks."""
    exc = parsed.get("bozo_exception")
    line = getattr(exc, "getLineNumber", lambda: None)()
    column = getattr(exc, "getColumnNumber", lambda: None)()
    message = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
    if line:
        return f"line {line}" + (f", column {column}" if column is not None else "") + f": {message}"
    return message or type(exc).__name__


def _last_item_cut_off(data: bytes, entries: int) -> bool:
    """True when the document ends inside its last item, which feedparser still returns as an entry."""
    tail = data.rstrip()[-64:].lower()
    if tail.endswith((b"</rss>", b"</feed>", b"</rdf:rdf>", b"</channel>")):
        return False
    opens = len(re.findall(rb"<(?:item|entry)[\s>]", data))
    closes = len(re.findall(rb"</(?:item|entry)\s*>", data))
    return entries > 0 and opens == closes + 1 == entries


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


def episode_from_entry(
    entry: Any, podcast: str | None, key: str, show_host: str | None, tags: PodcastTags, ctx: FeedContext,
    channel: Any,
) -> Episode:
    """One feed item as an episode document (id still to be made unique across the feed)."""
    raw_title = plain_text(entry.get("title"), entry.get("title_detail")) or plain_text(entry.get("itunes_title"))
    number = whole_number(entry.get("itunes_episode"))
    title_season, title_number, rest = numbers_from_title(raw_title)
    if number is None or number == title_number:
        number = number if number is not None else title_number
        title = rest if title_number is not None else raw_title
    else:
        title = raw_title
    title, title_guests = guests_from_title(title)
    notes = notes_for(entry)
    season = whole_number(entry.get("itunes_season")) or title_season
    if not raw_title:
        title = untitled(entry, notes)
        ctx.warnings.append(f"item {entry.get('id') or _enclosure(entry) or '?'} has no title; called {title!r}")
    label = raw_title or title
    # Show-notes guests come from free prose; only name-shaped ones are kept (not "Additional Reading").
    note_guests = [g for g in notes.guests if looks_like_name(g.name)]
    guests = [Guest(name=p.name) for p in tags.persons if p.is_guest] or title_guests or note_guests
    hosts = [p.name for p in tags.persons if p.is_host]
    episode = Episode(
        id=item_id(key, number, season, entry, channel),
        title=title or raw_title,
        podcast=podcast,
        number=number,
        host=", ".join(hosts) if hosts else (entry_host(entry) or show_host),
        date=entry_date(entry),
        duration_s=feed_duration(entry.get("itunes_duration")),
        summary=_summary(entry, notes),
        guests=_unique_guests(guests),
        topics=_topics(entry, notes),
        gist=_gist(entry, notes),
        reveals=list(notes.reveals),
        facts=list(notes.facts),
        items=[i for i in notes.items if isinstance(i, Item)],
        chapters=load_chapters(tags, ctx, label) or [c for c in notes.chapters if isinstance(c, Chapter)],
        transcript=load_transcript(tags, ctx, label),
        url=_episode_url(entry, channel),
        media_url=_enclosure(entry),
    )
    ctx.warnings.extend(f"{label}: {w}" for w in getattr(notes, "warnings", []) or [])
    return episode


def untitled(entry: Any, notes: Any) -> str:
    """A title for an item without one: its notes' opening words, else its date, else `Untitled episode`."""
    prose = clean(notes.summary or notes.gist or "")
    if prose:
        return first_sentences(re.split(r"(?<=[.!?])\s", prose)[0], 80)
    day = entry_date(entry)
    return f"Episode of {day}" if day else "Untitled episode"


def item_id(key: str, number: int | None, season: int | None, entry: Any, channel: Any = None) -> str:
    """Stable per item: `show-NUMBER` (`show-sN-NUMBER` past season 1), else show + guid, link, media or title."""
    if number is not None:
        return f"{key}-s{season}-{number}" if season and season > 1 else f"{key}-{number}"
    show_link = clean((channel or {}).get("link")).rstrip("/")
    link = clean(entry.get("link"))
    for value in (entry.get("id"), link if link.rstrip("/") != show_link else "", _enclosure(entry),
                  plain_text(entry.get("title"))):
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


def notes_for(entry: Any) -> Any:
    """The item's show notes (content:encoded, else description) through the shared section extraction."""
    markup = ""
    for content in entry.get("content") or []:
        if len(content.get("value") or "") > len(markup):
            markup = content["value"]
    if not markup:
        markup = entry.get("summary") or entry.get("description") or ""
    if "<" not in markup and re.search(r"&(?:[a-z]+|#\d+|#x[0-9a-f]+);", markup, re.I):
        markup = html.unescape(markup)  # escaped twice: `&amp;amp;`, or HTML as `&lt;p&gt;`
    if not clean(markup):
        return _PlainNotes(None)
    try:
        from indexer.extract import notes_from_html
    except ImportError:
        return _PlainNotes(clean(re.sub(r"<[^>]+>", " ", markup)))
    notes = notes_from_html(markup)
    # Notes without sections keep all their prose: the opening paragraph alone would drop the rest.
    head = [b.text for b in getattr(notes, "head", []) if getattr(b, "kind", "para") == "para" and b.text]
    prose = clean(" ".join(head)) or None
    if not notes.gist and prose and prose != notes.summary and (len(head) > 1 or len(prose) > SUMMARY_CHARS):
        notes.gist = prose[:MAX_GIST_CHARS]
    if not notes.summary and prose and len(prose) <= SUMMARY_CHARS:
        notes.summary = prose
    if notes.summary and len(notes.summary) > SUMMARY_CHARS:
        notes.summary = first_sentences(notes.summary)
    return notes


def _gist(entry: Any, notes: Any) -> str | None:
    """The notes' gist section; notes without sections give their opening prose unless it is already the summary."""
    if notes.gist:
        return notes.gist if notes.gist != _summary(entry, notes) else None
    return notes.summary if _summary(entry, notes) != notes.summary else None


def _summary(entry: Any, notes: Any) -> str | None:
    subtitle = clean(entry.get("itunes_subtitle") or entry.get("subtitle"))
    if subtitle and len(subtitle) <= 300 and "<" not in subtitle:
        return html.unescape(subtitle) if "&" in subtitle else subtitle
    # A short plain description beside the full content:encoded notes is the item's one-line summary.
    content = entry.get("content") or []
    description = clean(entry.get("summary"))
    if (content and description and "<" not in description and len(description) <= 300
            and all(clean(c.get("value")) != description for c in content)):
        return html.unescape(description)
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


