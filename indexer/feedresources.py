"""Podcast-namespace parts of a feed: each item's person/chapters/transcript tags and loading those files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

from lxml import etree

from indexer.document import Chapter, Segment
from indexer.textutil import clean
from indexer.timedtext import parse_chapters_json, parse_transcript_file, text_segments

# Fetching a chapters/transcript file per item can be slow; past this many a feed's import stays bounded.
MAX_RESOURCE_FETCHES = 40
RESOURCE_TIMEOUT = 10.0
RESOURCE_MAX_BYTES = 5_000_000
# Richer formats first: JSON carries speakers and times, VTT usually voices, SRT at least times, HTML maybe.
_TRANSCRIPT_PREFERENCE = ("json", "vtt", "srt", "html", "text/plain")
# Roles (case-insensitive, per the namespace's taxonomy) that make a person the episode's host or a guest.
_HOST_ROLES = {"host", "co-host", "cohost", "guest host", "guest-host"}
_GUEST_ROLES = {"guest", "guests", "interviewee", "featured guest", "panelist"}


@dataclass
class Person:
    """A podcast:person element: a name, its role (`host` when absent, as the namespace says) and its link."""

    name: str
    role: str = "host"
    href: str | None = None

    @property
    def is_host(self) -> bool:
        return self.role in _HOST_ROLES

    @property
    def is_guest(self) -> bool:
        return self.role in _GUEST_ROLES


@dataclass
class PodcastTags:
    """The podcast-namespace elements of one item or channel (feedparser keeps only the last of each)."""

    persons: list[Person] = field(default_factory=list)
    chapters: list[str] = field(default_factory=list)
    transcripts: list[tuple[str, str]] = field(default_factory=list)  # (url, type)
    keys: tuple[str, ...] = ()  # the item's guid / link / title, to match it to feedparser's entry

    def __bool__(self) -> bool:
        return bool(self.persons or self.chapters or self.transcripts)


@dataclass
class FeedContext:
    """Where a feed came from, whether its resources may be fetched, and the warnings collected so far."""

    location: str
    fetch: bool
    fetches: int = 0
    warnings: list[str] = field(default_factory=list)
    dead_hosts: set[str] = field(default_factory=set)


def podcast_tags(data: bytes) -> tuple[PodcastTags, list[PodcastTags]]:
    """(channel-level tags, per item in document order) of podcast:person / chapters / transcript elements."""
    if b"podcast" not in data or b"<podcast:" not in data and b"podcastindex" not in data:
        return PodcastTags(), []
    try:
        parser = etree.XMLParser(recover=True, huge_tree=True, resolve_entities=False, no_network=True)
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return PodcastTags(), []
    if root is None:
        return PodcastTags(), []
    items = [el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname in ("item", "entry")]
    channel = next((el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname == "channel"),
                   root)
    return _tags_of(channel), [_tags_of(item) for item in items]


def match_tags(entries: list[Any], tags: list[PodcastTags], warnings: list[str]) -> list[PodcastTags]:
    """The tags of each feedparser entry: by position when both parsers saw the same items, else by guid/title."""
    if len(tags) == len(entries):
        return tags
    by_key: dict[str, PodcastTags] = {}
    for t in tags:
        for key in t.keys:
            by_key.setdefault(key, t)
    matched = []
    for entry in entries:
        keys = [clean(entry.get(k)) for k in ("id", "link", "title")]
        matched.append(next((by_key[k] for k in keys if k and k in by_key), PodcastTags()))
    if any(tags) and sum(bool(m) for m in matched) < sum(bool(t) for t in tags):
        warnings.append("some podcast: elements could not be matched to items; their persons/chapters/transcripts "
                        "are ignored")
    return matched


def _tags_of(item: Any) -> PodcastTags:
    tags = PodcastTags()
    keys = []
    for el in item:
        if not isinstance(el.tag, str):
            continue
        qname = etree.QName(el)
        if qname.localname in ("guid", "id", "link", "title") and not _is_podcast_ns(qname.namespace, el.prefix):
            value = clean(el.text) or clean(el.get("href"))
            if value:
                keys.append(value)
            continue
        if not _is_podcast_ns(qname.namespace, el.prefix):
            continue
        if qname.localname == "person":
            name = clean("".join(el.itertext()))
            if name:
                role = clean(el.get("role")).lower() or "host"
                tags.persons.append(Person(name=name, role=role, href=clean(el.get("href")) or None))
        elif qname.localname == "chapters" and clean(el.get("url")):
            tags.chapters.append(clean(el.get("url")))
        elif qname.localname == "transcript" and clean(el.get("url")):
            tags.transcripts.append((clean(el.get("url")), clean(el.get("type")).lower()))
    tags.keys = tuple(keys)
    return tags


def _is_podcast_ns(namespace: str | None, prefix: str | None) -> bool:
    ns = (namespace or "").lower()
    return "podcastindex" in ns or "podcast-namespace" in ns or prefix == "podcast"


def load_chapters(tags: PodcastTags, ctx: FeedContext, label: str) -> list[Chapter]:
    """Chapters from the item's first readable podcast:chapters JSON file; [] (with a warning) when none is."""
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
    return []


def load_transcript(tags: PodcastTags, ctx: FeedContext, label: str) -> list[Segment]:
    """Segments from the richest readable podcast:transcript file (JSON, VTT, SRT, then HTML or plain text)."""
    ranked = sorted(tags.transcripts, key=lambda t: transcript_rank(*t))
    for url, mime in ranked:
        data = load_resource(url, ctx, label)
        if data is None:
            continue
        try:
            segments = _segments(data, mime, url)
        except ValueError as exc:
            ctx.warnings.append(f"{label}: transcript {url}: {exc}")
            continue
        if segments:
            return segments
        ctx.warnings.append(f"{label}: transcript {url} has no readable text")
    return []


def _segments(data: bytes, mime: str, url: str) -> list[Segment]:
    if "html" in mime or re.search(r"\.html?$", url.split("?")[0], re.I):
        from indexer.transcripts import transcript_segments

        return transcript_segments(data)
    if mime.startswith("text/plain") or url.split("?")[0].lower().endswith(".txt"):
        return text_segments(data.decode("utf-8-sig", errors="replace"))
    return parse_transcript_file(data, mime, url)


def transcript_rank(url: str, mime: str) -> int:
    """Lower is preferred: JSON, VTT, SRT, then HTML and plain text (often untimed)."""
    text = f"{mime} {url.lower().split('?')[0]}"
    for rank, kind in enumerate(_TRANSCRIPT_PREFERENCE):
        if kind in text or (kind == "srt" and "subrip" in text) or (kind == "html" and text.endswith(".htm")):
            return rank
    return len(_TRANSCRIPT_PREFERENCE)


def load_resource(ref: str, ctx: FeedContext, label: str) -> bytes | None:
    """A chapters/transcript file: next to a local feed (never outside its folder), or fetched when allowed."""
    base = ctx.location
    try:
        urlparse(ref).port  # noqa: B018 - parsing the port is what rejects "host:99999"
    except ValueError:  # "http://[::1/t.vtt": one bad reference must not fail the whole feed
        ctx.warnings.append(f"{label}: {ref} is not a valid URL; not read")
        return None
    if urlparse(base).scheme in ("http", "https") or urlparse(ref).scheme in ("http", "https"):
        url = urljoin(base, ref) if urlparse(base).scheme in ("http", "https") else ref
        local = _local_file(Path(urlparse(url).path).name, base) if not urlparse(base).scheme else None
        if local is not None:
            return local
        return _fetch_resource(url, ctx, label)
    if urlparse(ref).scheme:
        ctx.warnings.append(f"{label}: {ref} is not an http(s) URL; not read")
        return None
    data = _local_file(ref, base)
    if data is None:
        ctx.warnings.append(f"{label}: {ref} not found next to the feed")
    return data


def _local_file(ref: str, feed_location: str) -> bytes | None:
    if not ref:
        return None
    folder = Path(feed_location).resolve().parent
    path = (folder / ref).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def _fetch_resource(url: str, ctx: FeedContext, label: str) -> bytes | None:
    host = urlparse(url).netloc.lower()
    if not ctx.fetch:
        ctx.warnings.append(f"{label}: {url} not fetched (resource fetching is off for local feeds)")
        return None
    if host in ctx.dead_hosts:
        ctx.warnings.append(f"{label}: {url} not fetched ({host} did not answer earlier)")
        return None
    if ctx.fetches >= MAX_RESOURCE_FETCHES:
        ctx.warnings.append(f"{label}: {url} not fetched (more than {MAX_RESOURCE_FETCHES} files in this feed)")
        return None
    ctx.fetches += 1
    from indexer.fetch import fetch

    result = fetch(url, timeout=RESOURCE_TIMEOUT, max_bytes=RESOURCE_MAX_BYTES)
    if result.error or result.data is None:
        ctx.warnings.append(f"{label}: could not fetch {url}: {result.error}")
        if result.status is None:
            ctx.dead_hosts.add(host)  # nothing answered: the next file on that host would only wait too
        return None
    return result.data
