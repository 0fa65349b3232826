"""Transcript pages (`Speaker (hh:mm:ss) text` turns, a timed table of contents) → one episode document."""

from __future__ import annotations

import re
from typing import Any

import lxml.html
from lxml import etree

from indexer.document import Chapter, Episode, Guest, Segment
from indexer.feedtitles import looks_like_name, numbers_from_title
from indexer.results import ParseResult
from indexer.textutil import clean, episode_id, parse_date
from indexer.timedtext import BREAK, STAMP, classify, looks_like_transcript_text, parse_transcript_lines

_BLOCK_TAG = re.compile(rb"<(?:/?(?:p|div|li|br|h[1-6]|tr|dd|dt|section|article|blockquote|pre)\b)[^>]*>", re.I)
_ANY_TAG = re.compile(rb"<[^>]+>")
_TITLE_TAG = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)

_TRANSCRIPT_URL = re.compile(rb"<(?:link|meta)[^>]+(?:canonical|og:url)[^>]+transcript|"
                             rb"<(?:link|meta)[^>]+transcript[^>]+(?:canonical|og:url)", re.I)
_SHOW_NUMBER = re.compile(r"^(?P<show>.+?)\s*(?:#|Episode\s+|Ep\.?\s*|No\.\s*)(?P<number>\d{1,5})\b", re.I)
_MARK = r"(?:#|Episode\s+|Ep\.?\s*|No\.\s*)(?P<number>\d{1,5})"
# `Show Ep. 27: Title`, `Title #41 – Show`, `Title #41` (the show is then the site)
_SHOW_FIRST = re.compile(rf"^(?P<show>[^:|–—]+?)\s*[,:–—-]?\s*{_MARK}\s*[:|–—-]\s*(?P<title>.+)$", re.I)
_SHOW_LAST = re.compile(rf"^(?P<title>.+?)\s*(?:[–—-]\s*)?{_MARK}\s+[|–—-]\s+(?P<show>.+)$", re.I)
_NUMBER_LAST = re.compile(rf"^(?P<title>.+?)\s*(?:[–—-]\s*)?{_MARK}$", re.I)
_NUMBERED = re.compile(r"(?:#|\bEp(?:isode)?\.?\s*|\bNo\.\s*)\d", re.I)
_DASH = re.compile(r"\s+[–—-]\s+")
_TRANSCRIPT_WORD = re.compile(
    r"^\s*(?:full\s+)?transcript\s*(?:for|of|:|-|–|—|\|)?\s*|\s*(?:[(\[]\s*(?:full\s+)?transcript\s*[)\]]|"
    r"[-–—|:]\s*(?:full\s+|episode\s+)?transcript)\s*$",
    re.I,
)

_BLOCKS = {"div", "p", "li", "section", "article", "blockquote", "dd", "dt", "td", "tr", "ul", "ol", "table",
           "h1", "h2", "h3", "h4", "h5", "h6", "pre", "main", "header", "footer", "aside", "nav", "form", "figure"}
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
    """Cheap check: many timed turns among a few recurring speakers, fewer when title or URL says `transcript`."""
    head = data[:200_000]
    title = _TITLE_TAG.search(head)
    stamps = len(re.findall(rb"[(\[]" + STAMP.encode() + rb"[)\]]", data))
    said = bool(title and b"transcript" in title[1].lower())
    if said and stamps >= 5:
        return True
    said = said or bool(_TRANSCRIPT_URL.search(head))
    text = _ANY_TAG.sub(b" ", _BLOCK_TAG.sub(b"\n", data)).decode("utf-8", errors="replace")
    return looks_like_transcript_text(text, min_turns=5 if said else 20)


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
        return ParseResult.failure(location, "no transcript turns (`Speaker (hh:mm:ss) text`, `00:12:03 Speaker: "
                                             "text`, `Speaker 0:00` over a paragraph) found on the page")
    return _result(location, meta, segments, toc or heading_chapters)


def parse_transcript_text(data: bytes, location: str) -> ParseResult:
    """A plain-text transcript: its first line the title, then an optional chapter list and timed turns."""
    text = decode_page(data).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line for line in text.split("\n") if clean(line)]
    if not lines:
        return ParseResult.failure(location, "empty transcript")
    segments, toc = parse_transcript_lines("\n".join(lines[1:]))
    if not segments:
        return ParseResult.failure(location, "no transcript turns (`00:12:03 Speaker: text`, `Speaker 0:00` over a "
                                             "paragraph) found in the text")
    meta: dict[str, str | None] = {"title": clean(lines[0]), "url": None, "date": None, "author": None, "site": None}
    return _result(location, meta, segments, toc)


def _result(
    location: str, meta: dict[str, str | None], segments: list[Segment], chapters: list[Chapter]
) -> ParseResult:
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
        chapters=chapters,
        transcript=segments,
        url=meta["url"],
    )
    warnings = [] if chapters else ["no table of contents or section headings: no chapters"]
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
    full = clean(title_el.text_content()) if title_el is not None else ""
    # The <title> wins when the h1 lacks what it adds: the `| Show #N` part, or a number around the same words.
    if not title or full and "|" not in title and (
            "|" in full or title.lower() in full.lower() and _NUMBERED.search(full) and not _NUMBERED.search(title)):
        title = full or title
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
    return classify(page_units(root), continue_all=False)


def page_units(root: Any) -> list[tuple[str, str]]:
    """The page as (kind, text) lines in reading order: `heading`, `entry` (li/p/td…), `line` (div/pre…)."""
    for br in root.iter("br"):
        br.tail = BREAK + (br.tail or "")
    units: list[tuple[str, str]] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in _HEADINGS:
            units.append(("heading", clean(el.text_content())))
            continue
        if tag not in _BLOCKS or tag in ("ul", "ol", "table") or _has_block_child(el):
            continue
        kind = "entry" if tag in ("li", "p", "dd", "dt", "td") else "line"
        raw = el.text_content()
        parts = raw.replace("\n", BREAK).split(BREAK) if tag == "pre" else raw.split(BREAK)
        units.extend((kind, clean(part)) for part in parts if clean(part))
    return units


def transcript_segments(data: bytes) -> list[Segment]:
    """The turns of an HTML transcript (a `podcast:transcript` of type text/html); [] when it has none."""
    try:
        doc = lxml.html.document_fromstring(decode_page(data))
    except (etree.ParserError, ValueError):
        return []
    _drop_chrome(doc)
    return read_blocks(content_root(doc))[0]


def _has_block_child(el: Any) -> bool:
    return any(isinstance(child.tag, str) and child.tag.lower() in _BLOCKS for child in el.iterdescendants())


def split_title(text: str, site: str | None) -> tuple[str, str | None, int | None, str | None]:
    """(title, show, number, trailing guest) from `Transcript for Title – Guest | Show #N – Site`,
    `Show Ep. 27: Title (Transcript)`, `Title #41 – Show`, `Episode 9: Title`."""
    text = clean(text)
    for _ in range(2):
        text = clean(_TRANSCRIPT_WORD.sub("", text))
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
        m = _SHOW_FIRST.match(head) or _SHOW_LAST.match(head)
        if m and clean(m["show"]) and clean(m["title"]):
            podcast, number, head = clean(m["show"]), int(m["number"]), clean(m["title"])
        else:
            _season, number, head = numbers_from_title(head)
            m = _NUMBER_LAST.match(head) if number is None else None
            if m:
                number, head = int(m["number"]), clean(m["title"])
            podcast = site if number is not None else None
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
    """The page's author when they speak, a speaker named like the show, else whoever says the show's name."""
    speakers = {s.speaker for s in segments if s.speaker}
    author = meta["author"]
    if author and author in speakers:
        return author
    for name in speakers:
        if any(name.lower() in (label or "").lower() for label in (podcast, meta["site"])):
            return name
    show = (podcast or meta["site"] or "").lower()
    for s in segments[:20]:  # `This is The Garage Hour, …` / `Welcome to …` opens the show
        if show and s.speaker and show in s.text.lower():
            return s.speaker
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
