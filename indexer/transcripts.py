"""Transcript pages (`Speaker (hh:mm:ss) text` turns, a timed table of contents) → one episode document."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import lxml.html
from lxml import etree

from indexer.document import Chapter, Episode, Guest, Segment
from indexer.feedtitles import looks_like_name
from indexer.results import ParseResult
from indexer.textutil import clean, episode_id, parse_date, parse_timestamp

_STAMP = r"(?:\d{1,2}:)?\d{1,2}:\d{2}"
_TURN_LINE = re.compile(
    rb"^[ \t]*[A-Z][\w.'\-]*(?:[ \t]+[A-Z0-9][\w.'\-]*){0,3}[ \t]*:?[ \t]*[(\[]?"
    + _STAMP.encode()
    + rb"[)\]]?[ \t]+\S",
    re.M,
)
_BLOCK_TAG = re.compile(rb"<(?:/?(?:p|div|li|br|h[1-6]|tr|dd|dt|section|article|blockquote)\b)[^>]*>", re.I)
_ANY_TAG = re.compile(rb"<[^>]+>")
_TITLE_TAG = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)

_SEGMENT = re.compile(
    rf"^(?:(?P<speaker>[^\W\d_][^()\[\]:]{{0,60}}?)\s*:?\s*)?[(\[](?P<t>{_STAMP})[)\]]\s*(?P<text>.+)$", re.S
)
_CHAPTER = re.compile(rf"^[(\[]?(?P<t>{_STAMP})[)\]]?\s*(?:[–—-]\s*)?(?P<title>\S.{{0,150}})$", re.S)
_SHOW_NUMBER = re.compile(r"^(?P<show>.+?)\s*(?:#|Episode\s+|Ep\.?\s*|No\.\s*)(?P<number>\d{1,5})\b", re.I)
_DASH = re.compile(r"\s+[–—-]\s+")

_BLOCKS = {"div", "p", "li", "section", "article", "blockquote", "dd", "dt", "td", "tr", "ul", "ol", "table",
           "h1", "h2", "h3", "h4", "h5", "h6", "main", "header", "footer", "aside", "nav", "form", "figure"}
_HEADINGS = {"h2", "h3", "h4"}
_CHROME_TAGS = ("script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg", "template",
                "button", "select")
# Words in class/id names that mark site chrome rather than content (menus, author boxes, comments, sharing).
_CHROME_WORDS = re.compile(
    r"(?:^|[\s_-])(comments?|respond|sidebar|widget|menu|navbar|nav|breadcrumbs?|share|sharing|social|related|"
    r"author-?(?:box|bio|info)|byline|cookie|consent|banner|newsletter|subscribe|advert|ads?|promo|masthead|"
    r"site-header|site-footer|colophon|skip-link|screen-reader-text|assistive-text|toc_container)(?:$|[\s_-])",
    re.I,
)


def looks_like_transcript_page(data: bytes) -> bool:
    """Cheap check: a `Transcript …` title with timestamps, or many `Speaker (hh:mm:ss) text` turns."""
    title = _TITLE_TAG.search(data[:200_000])
    stamps = len(re.findall(rb"[(\[]" + _STAMP.encode() + rb"[)\]]", data))
    if title and b"transcript" in title[1].lower() and stamps >= 5:
        return True
    text = _ANY_TAG.sub(b" ", _BLOCK_TAG.sub(b"\n", data))
    turns = [m.group(0).split(b"(")[0].split(b"[")[0].strip(b" \t:") for m in _TURN_LINE.finditer(text)]
    if len(turns) < 20:
        return False
    # A conversation repeats its speakers; a chapter list (`Intro 0:00 …`) does not.
    top_two = sum(n for _, n in Counter(turns).most_common(2))
    return top_two >= len(turns) / 2


def parse_transcript_page(data: bytes, location: str) -> ParseResult:
    """The episode of a transcript page: show, number, title, guests, chapters and timed transcript turns."""
    try:
        doc = lxml.html.document_fromstring(decode_page(data))
    except (etree.ParserError, ValueError) as exc:
        return ParseResult.failure(location, f"not readable HTML: {exc}")
    meta = page_meta(doc)
    _drop_chrome(doc)
    root = content_root(doc)
    segments, toc, heading_chapters = read_blocks(root)
    if not segments:
        return ParseResult.failure(location, "no `Speaker (hh:mm:ss) text` transcript turns found on the page")
    title, podcast, number, title_guest = split_title(meta["title"] or "", meta["site"])
    host = _host(segments, meta, podcast)
    guests = _guests(segments, host, title_guest)
    if title_guest and not any(g.name == title_guest for g in guests):
        title = f"{title} – {title_guest}"  # not a speaker after all: the dash part belongs to the title
    episode = Episode(
        id=episode_id(podcast, number, title, meta["url"]),
        title=title or "Untitled transcript",
        podcast=podcast,
        number=number,
        host=host,
        date=meta["date"],
        guests=guests,
        chapters=toc or heading_chapters,
        transcript=segments,
        url=meta["url"],
    )
    warnings = [] if toc or heading_chapters else ["no table of contents or section headings: no chapters"]
    return ParseResult(location=location, episodes=[episode], warnings=warnings)


def decode_page(data: bytes) -> str:
    """Text of a page from its BOM, its declared charset, else UTF-8 with a cp1252 fallback."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    for encoding in ([declared[1].decode("ascii")] if declared else []) + ["utf-8"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def page_meta(doc: Any) -> dict[str, str | None]:
    """Title, canonical URL, publication date, author and site name from the page head."""

    def meta(*names: str) -> str | None:
        for name in names:
            for el in doc.xpath(f'//meta[@property="{name}" or @name="{name}"]'):
                value = clean(el.get("content"))
                if value:
                    return value
        return None

    h1 = doc.xpath("//h1")
    title_el = doc.find(".//title")
    title = clean(h1[0].text_content()) if h1 else None
    if not title or "|" not in title and title_el is not None and "|" in (title_el.text_content() or ""):
        title = clean(title_el.text_content()) if title_el is not None else title
    canonical = doc.xpath('//link[@rel="canonical"]/@href')
    times = doc.xpath("//time/@datetime")
    return {
        "title": title or meta("og:title", "twitter:title"),
        "url": meta("og:url") or (clean(canonical[0]) if canonical else None),
        "date": parse_date(meta("article:published_time", "datePublished", "date") or (times[0] if times else None)),
        "author": meta("author", "article:author") if not (meta("author") or "").startswith("http") else None,
        "site": meta("og:site_name"),
    }


def _drop_chrome(doc: Any) -> None:
    for el in list(doc.iter(*_CHROME_TAGS)):
        el.drop_tree()
    for el in list(doc.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or el.tag in ("body", "article", "main"):
            continue  # themes put words like `mega-menu` on the body; containers of the content stay
        marks = f"{el.get('class') or ''} {el.get('id') or ''}"
        if el.tag in ("header",) and "entry" not in marks or marks.strip() and _CHROME_WORDS.search(marks):
            el.drop_tree()


def content_root(doc: Any) -> Any:
    """The element holding the episode: the `article`/`main` with the most text, else the body."""
    candidates = doc.xpath("//article | //main | //*[@role='main']")
    if candidates:
        return max(candidates, key=lambda el: len(el.text_content()))
    body = doc.find(".//body")
    return body if body is not None else doc


def read_blocks(root: Any) -> tuple[list[Segment], list[Chapter], list[Chapter]]:
    """(transcript turns, timed table-of-contents chapters, chapters from section headings) in page order."""
    segments: list[Segment] = []
    toc: list[Chapter] = []
    heading_chapters: list[Chapter] = []
    pending_heading: str | None = None
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in _HEADINGS:
            pending_heading = clean(el.text_content()) or None
            continue
        if tag not in _BLOCKS or tag in ("ul", "ol", "table") or _has_block_child(el):
            continue
        text = clean(el.text_content())
        if not text:
            continue
        chapter = _chapter(text) if tag in ("li", "p", "dd", "dt", "td") else None
        if chapter:
            toc.append(chapter)
            continue
        segment = _segment(text)
        if segment:
            segments.append(segment)
            if pending_heading and segment.t is not None:
                heading_chapters.append(Chapter(t=segment.t, title=pending_heading))
            pending_heading = None
    return segments, _unique_chapters(toc), _unique_chapters(heading_chapters)


def _has_block_child(el: Any) -> bool:
    return any(isinstance(child.tag, str) and child.tag.lower() in _BLOCKS for child in el.iterdescendants())


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


def split_title(text: str, site: str | None) -> tuple[str, str | None, int | None, str | None]:
    """(title, show, number, trailing guest) from `Transcript for Title – Guest | Show #N – Site`."""
    text = clean(re.sub(r"^\s*transcript\s*(?:for|of|:|-|–)?\s*", "", clean(text), flags=re.I))
    head, _, tail = text.partition(" | ")
    podcast = number = None
    if tail:
        tail = _strip_site(tail, site)
        m = _SHOW_NUMBER.match(tail)
        if m:
            podcast, number = clean(m["show"]).rstrip("-–—:, "), int(m["number"])
        else:
            podcast = tail or None
    else:
        head = _strip_site(head, site)
    guest = None
    parts = _DASH.split(head)
    if len(parts) > 1 and looks_like_name(parts[-1]):
        guest = parts[-1]
        head = head[: head.rfind(parts[-1])].rstrip(" –—-")
    return clean(head), podcast, number, guest


def _strip_site(text: str, site: str | None) -> str:
    if site and text.lower().endswith(site.lower()) and len(text) > len(site):
        return clean(text[: -len(site)]).rstrip(" –—-|")
    return text


def _host(segments: list[Segment], meta: dict[str, str | None], podcast: str | None) -> str | None:
    speakers = {s.speaker for s in segments if s.speaker}
    author = meta["author"]
    if author and author in speakers:
        return author
    for name in speakers:
        if any(name.lower() in (label or "").lower() for label in (podcast, meta["site"])):
            return name
    return author


def _guests(segments: list[Segment], host: str | None, title_guest: str | None) -> list[Guest]:
    """Everyone who speaks except the host, in order of first turn (the title's guest when nobody is named)."""
    names: list[str] = []
    for s in segments:
        if s.speaker and s.speaker != host and s.speaker not in names:
            names.append(s.speaker)
    if not names and title_guest:
        names = [title_guest]
    return [Guest(name=n) for n in names]
