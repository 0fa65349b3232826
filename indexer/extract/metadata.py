"""Structured data a page declares: JSON-LD (PodcastEpisode / Episode / Article, also in @graph), Open Graph,
microdata, <time datetime>, <link rel=canonical>, <title>, meta keywords."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, Tag

from indexer.textutil import clean, parse_date, parse_duration

#: JSON-LD / microdata types that describe one episode, best first.
EPISODE_TYPES: tuple[str, ...] = ("PodcastEpisode", "Episode", "RadioEpisode", "TVEpisode", "AudioObject")
ARTICLE_TYPES: tuple[str, ...] = ("Article", "BlogPosting", "NewsArticle", "Report", "TechArticle", "WebPage",
                                  "ItemPage")
SERIES_TYPES: tuple[str, ...] = ("PodcastSeries", "CreativeWorkSeries", "RadioSeries", "TVSeries", "Periodical")


@dataclass
class Metadata:
    title: str | None = None  # JSON-LD name/headline of the episode
    og_title: str | None = None
    html_title: str | None = None
    site_name: str | None = None
    series: str | None = None  # JSON-LD partOfSeries name
    number: int | None = None
    date: str | None = None  # the episode's own date (PodcastEpisode / Episode data)
    article_date: str | None = None  # when the notes post was published (Article, og, <time>)
    duration_s: int | None = None
    description: str | None = None  # JSON-LD episode description
    og_description: str | None = None
    meta_description: str | None = None
    url: str | None = None
    canonical: str | None = None
    og_url: str | None = None
    host: str | None = None  # an episode's author / a host-role person
    article_author: str | None = None
    guests: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    media_url: str | None = None
    is_episode: bool = False


def _types(node: dict[str, Any]) -> list[str]:
    t = node.get("@type") or []
    if isinstance(t, str):
        t = [t]
    return [str(x).split("/")[-1].split(":")[-1] for x in t]


def _walk_jsonld(value: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(value, list):
        for v in value:
            _walk_jsonld(v, out)
    elif isinstance(value, dict):
        out.append(value)
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart", "episode", "subjectOf", "workExample"):
            if key in value and isinstance(value[key], (list, dict)):
                _walk_jsonld(value[key], out)


def _load_json(text: str) -> Any:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    text = text.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    fixed = re.sub(r",\s*([}\]])", r"\1", text)  # trailing commas
    fixed = re.sub(r"[\x00-\x1f]", " ", fixed)  # raw newlines inside strings
    try:
        return json.loads(fixed)
    except json.JSONDecodeError:
        return None


def jsonld_nodes(soup: BeautifulSoup) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        data = _load_json(script.string or script.get_text() or "")
        if data is not None:
            _walk_jsonld(data, nodes)
    return nodes


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = value[0] if value else None
        return _text(value)
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@value") or value.get("headline"))
    t = clean(html.unescape(str(value)))  # Yoast & co. put `&#8211;` inside JSON strings
    return t or None


def _names(value: Any, person_only: bool = False) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value]
    out = []
    for v in value:
        if isinstance(v, dict):
            if person_only and _types(v) and "Person" not in _types(v):
                continue
            name = _text(v.get("name"))
        else:
            name = _text(v)
        if name:
            out.append(name)
    return out


def _int(value: Any) -> int | None:
    t = _text(value)
    if t and re.fullmatch(r"\d{1,6}", t):
        return int(t)
    return None


def _keywords(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else re.split(r"\s*[,;]\s*", str(value))
    out = []
    for k in items:
        t = _text(k)
        if t and len(t) <= 60:
            out.append(t)
    return out


def _apply_node(meta: Metadata, node: dict[str, Any], episode: bool) -> None:
    meta.title = meta.title or _text(node.get("name") or node.get("headline"))
    meta.number = meta.number if meta.number is not None else _int(node.get("episodeNumber"))
    series = node.get("partOfSeries") or node.get("isPartOf")
    if series is not None and meta.series is None:
        if isinstance(series, list):
            series = series[0] if series else None
        if isinstance(series, dict):
            if not _types(series) or any(t in SERIES_TYPES for t in _types(series)):
                meta.series = _text(series.get("name"))
        elif isinstance(series, str) and not series.startswith("http"):
            meta.series = clean(series)
    for key in ("datePublished", "uploadDate", "dateCreated", "startDate"):
        if episode and meta.date is None and node.get(key):
            meta.date = parse_date(_text(node.get(key)))
        if not episode and meta.article_date is None and node.get(key):
            meta.article_date = parse_date(_text(node.get(key)))
    media = node.get("associatedMedia") or node.get("audio")
    if isinstance(media, list):
        media = media[0] if media else None
    for value in (node.get("duration"), node.get("timeRequired"),
                  media.get("duration") if isinstance(media, dict) else None):
        if meta.duration_s is None and value:
            meta.duration_s = parse_duration(_text(value))
    if isinstance(media, dict) and meta.media_url is None:
        meta.media_url = _text(media.get("contentUrl") or media.get("url"))
    meta.description = meta.description or _text(node.get("description") or node.get("abstract"))
    url = node.get("url") or (node.get("@id") if str(node.get("@id", "")).startswith("http") else None)
    meta.url = meta.url or _text(url)
    if episode:
        for person in _person_nodes(node.get("actor")) + _person_nodes(node.get("performer")) + \
                _person_nodes(node.get("contributor")):
            role = str(person.get("roleName") or person.get("jobTitle") or "").lower()
            name = _text(person.get("name"))
            if not name:
                continue
            if "host" in role:
                meta.host = meta.host or name
            elif name not in meta.guests:
                meta.guests.append(name)
        for name in _names(node.get("guest")):
            if name not in meta.guests:
                meta.guests.append(name)
        hosts = _names(node.get("author"), person_only=True) or _names(node.get("creator"), person_only=True)
        if not hosts and isinstance(series, dict):
            hosts = _names(series.get("author"), person_only=True)
        if hosts and meta.host is None:
            meta.host = hosts[0]
    else:
        authors = _names(node.get("author"), person_only=True)
        if authors and meta.article_author is None:
            meta.article_author = authors[0]
    for k in _keywords(node.get("keywords")):
        if k not in meta.keywords:
            meta.keywords.append(k)


def _person_nodes(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value]
    out = []
    for v in value:
        if isinstance(v, dict):
            if "actor" in v and isinstance(v["actor"], dict):  # PerformanceRole wrapper
                inner = dict(v["actor"])
                inner.setdefault("roleName", v.get("roleName"))
                out.append(inner)
            else:
                out.append(v)
        elif isinstance(v, str):
            out.append({"name": v})
    return out


def _meta_tags(soup: BeautifulSoup) -> dict[str, list[Tag]]:
    """<meta> tags by property and by name, gathered in one pass (a `find` per name walks a 1 MB page each time)."""
    cached = soup.__dict__.get("_podnotes_meta")  # not getattr: bs4 reads unknown attributes as a tag search
    if cached is not None:
        return cached
    by_key: dict[str, list[Tag]] = {}
    for tag in soup.find_all("meta"):
        for attr in ("property", "name"):
            key = tag.get(attr)
            if isinstance(key, str):
                by_key.setdefault(f"{attr}:{key}", []).append(tag)
    soup._podnotes_meta = by_key
    return by_key


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    tags = _meta_tags(soup)
    for name in names:
        found = tags.get(f"property:{name}") or tags.get(f"name:{name}") or []
        tag = found[0] if found else None
        if tag is not None and tag.get("content"):
            value = clean(html.unescape(tag["content"]))
            if value:
                return value
    return None


def _metas(soup: BeautifulSoup, name: str) -> list[str]:
    tags = _meta_tags(soup)
    out = []
    for tag in tags.get(f"property:{name}", []) + tags.get(f"name:{name}", []):
        if tag.get("content"):
            out.append(clean(tag["content"]))
    return out


def _itemprop_value(el: Tag) -> str | None:
    for attr in ("content", "datetime"):
        if el.get(attr):
            return clean(el[attr])
    if el.name in ("a", "link") and el.get("href"):
        return el["href"].strip()
    if el.name in ("audio", "source", "video") and el.get("src"):
        return el["src"].strip()
    return clean(el.get_text(" ")) or None


def _microdata(soup: BeautifulSoup, meta: Metadata) -> None:
    scopes = soup.find_all(attrs={"itemscope": True, "itemtype": True})
    best = None
    for scope in scopes:
        itype = scope["itemtype"].split("/")[-1]
        if itype in EPISODE_TYPES:
            best = scope
            meta.is_episode = True
            break
        if itype in ARTICLE_TYPES and best is None:
            best = scope
    if best is None:
        return

    def props(name: str) -> list[Tag]:
        found = []
        for el in best.find_all(attrs={"itemprop": True}):
            if name in el["itemprop"].split():
                # skip properties of nested scopes (except the series name we ask for explicitly)
                owner = el.find_parent(attrs={"itemscope": True})
                if owner is best or (el.has_attr("itemscope") and el.find_parent(attrs={"itemscope": True}) is best):
                    found.append(el)
        return found

    def first(name: str) -> str | None:
        for el in props(name):
            if not el.has_attr("itemscope"):
                value = _itemprop_value(el)
                if value:
                    return value
        return None

    meta.title = meta.title or first("name") or first("headline")
    if meta.number is None:
        n = first("episodeNumber")
        meta.number = int(n) if n and n.isdigit() else None
    if meta.series is None:
        for el in props("partOfSeries"):
            name = el.find(attrs={"itemprop": "name"}) if el.has_attr("itemscope") else None
            meta.series = clean(_itemprop_value(name)) if name is not None else _itemprop_value(el)
            break
    if meta.is_episode and meta.date is None:
        meta.date = parse_date(first("datePublished") or first("uploadDate"))
    elif meta.article_date is None:
        meta.article_date = parse_date(first("datePublished") or first("uploadDate"))
    if meta.duration_s is None:
        meta.duration_s = parse_duration(first("duration") or first("timeRequired"))
    meta.description = meta.description or first("description")
    for el in props("author") + props("creator"):
        name_el = el.find(attrs={"itemprop": "name"}) if el.has_attr("itemscope") else None
        name = clean(_itemprop_value(name_el)) if name_el is not None else _itemprop_value(el)
        if name:
            if meta.is_episode:
                meta.host = meta.host or name
            else:
                meta.article_author = meta.article_author or name
            break
    for el in props("actor") + props("performer"):
        name_el = el.find(attrs={"itemprop": "name"}) if el.has_attr("itemscope") else None
        name = clean(_itemprop_value(name_el)) if name_el is not None else _itemprop_value(el)
        if name and name not in meta.guests:
            meta.guests.append(name)
    kw = first("keywords")
    for k in _keywords(kw):
        if k not in meta.keywords:
            meta.keywords.append(k)


def extract_metadata(soup: BeautifulSoup) -> Metadata:
    """Everything structured the page declares (before any chrome is removed)."""
    meta = Metadata()
    nodes = jsonld_nodes(soup)
    episodes = [n for n in nodes if any(t in EPISODE_TYPES for t in _types(n))]
    articles = [n for n in nodes if any(t in ARTICLE_TYPES for t in _types(n))]
    for node in episodes:
        meta.is_episode = True
        _apply_node(meta, node, episode=True)
    for node in articles:
        _apply_node(meta, node, episode=False)
    if meta.series is None:
        for node in nodes:
            if any(t in SERIES_TYPES for t in _types(node)):
                meta.series = _text(node.get("name"))
                break
    _microdata(soup, meta)
    meta.og_title = _meta(soup, "og:title", "twitter:title")
    meta.site_name = _meta(soup, "og:site_name", "application-name", "apple-mobile-web-app-title")
    meta.og_description = _meta(soup, "og:description", "twitter:description")
    meta.meta_description = _meta(soup, "description")
    meta.og_url = _meta(soup, "og:url")
    if meta.article_date is None:
        meta.article_date = parse_date(_meta(soup, "article:published_time", "og:published_time", "datePublished",
                                     "date", "dc.date", "DC.date.issued", "pubdate", "publish-date"))
    if meta.duration_s is None:
        meta.duration_s = parse_duration(_meta(soup, "music:duration", "video:duration", "duration",
                                               "og:audio:duration"))
    meta.article_author = meta.article_author or _meta(soup, "author", "article:author", "twitter:creator:name")
    if meta.article_author and meta.article_author.startswith("http"):
        meta.article_author = None
    for k in _metas(soup, "article:tag") + _keywords(_meta(soup, "keywords", "news_keywords")):
        for part in _keywords(k):
            if part not in meta.keywords:
                meta.keywords.append(part)
    link = soup.find("link", rel=lambda v: v and "canonical" in (v if isinstance(v, list) else [v]))
    if link is not None and link.get("href"):
        meta.canonical = link["href"].strip()
    if soup.title is not None:
        meta.html_title = clean(soup.title.get_text(" ")) or None
    if meta.media_url is None:
        meta.media_url = _meta(soup, "og:audio", "og:audio:url", "og:audio:secure_url")
    return meta


def first_time_datetime(root: Tag) -> str | None:
    """The first `<time datetime>` (or `<time>` text) that reads as a date."""
    for t in root.find_all("time"):
        value = parse_date(t.get("datetime") or t.get_text(" "))
        if value:
            return value
    return None
