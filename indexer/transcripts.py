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
_BLOCK_TAG = re.compile(rb"<(?:/?(?:p|div|li|br|h[1-6]|tr|dd|dt|section|article|blockquote|pre)\b)[^>]*>", re.I)
_ANY_TAG = re.compile(rb"<[^>]+>")
_TITLE_TAG = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)

# A speaker label: one to five words, a letter first (`Lex Fridman`, `Speaker 2`, `Dr. Chidi Okafor`).
_NAME = r"[^\W\d_][\w.'’\-]*(?: [\w.'’\-]+){0,4}?"
_TS = rf"[(\[]?(?P<t>{_STAMP})[)\]]?"
# `Speaker (hh:mm:ss) text` / `(hh:mm:ss) text`: the bracketed time makes it a turn, whatever the name.
_SEGMENT = re.compile(
    rf"^(?:(?P<speaker>[^\W\d_][^()\[\]:]{{0,60}}?)\s*:?\s*)?[(\[](?P<t>{_STAMP})[)\]]\s*:?\s*(?P<text>.+)$", re.S
)
# Forms that are turns only when their label is a known speaker (one that takes several turns):
_TS_FIRST = re.compile(rf"^{_TS}\s*[-–—|]?\s*(?P<speaker>{_NAME})\s*:\s*(?P<text>.+)$", re.S)  # 00:12:03 Ann: hi
_NAME_TS_TEXT = re.compile(rf"^(?P<speaker>{_NAME})\s*:?\s+(?P<t>{_STAMP})\s+(?P<text>.+)$", re.S)  # Ann 0:00 hi
_HEADER = re.compile(  # `Ann  0:00`, `Ann (00:12:03):`, `00:12:03 Ann` alone, the words in the next block
    rf"^(?:(?P<speaker>{_NAME})\s*:?\s*{_TS}|[(\[]?(?P<t2>{_STAMP})[)\]]?\s*[-–—|]?\s*(?P<speaker2>{_NAME}))\s*:?$"
)
_BARE_TS = re.compile(rf"^(?:Starting point is\s+)?[(\[]?(?P<t>{_STAMP})[)\]]?$", re.I)  # a time, words below it
_CHAPTER = re.compile(rf"^[(\[]?(?P<t>{_STAMP})[)\]]?\s*(?:[–—-]\s*)?(?P<title>\S.{{0,150}})$", re.S)
_SHOW_NUMBER = re.compile(r"^(?P<show>.+?)\s*(?:#|Episode\s+|Ep\.?\s*|No\.\s*)(?P<number>\d{1,5})\b", re.I)
_DASH = re.compile(r"\s+[–—-]\s+")
_TRANSCRIPT_WORD = re.compile(
    r"^\s*(?:full\s+)?transcript\s*(?:for|of|:|-|–|—|\|)?\s*|\s*(?:[(\[]\s*(?:full\s+)?transcript\s*[)\]]|"
    r"[-–—|:]\s*(?:full\s+|episode\s+)?transcript)\s*$",
    re.I,
)
_BREAK = "\x00"  # stands for <br> while a block's text is read, so its lines can be told apart

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
    """Cheap check: a `Transcript …` title with timestamps, or many timed turns among a few recurring speakers."""
    title = _TITLE_TAG.search(data[:200_000])
    stamps = len(re.findall(rb"[(\[]" + _STAMP.encode() + rb"[)\]]", data))
    if title and b"transcript" in title[1].lower() and stamps >= 5:
        return True
    text = _ANY_TAG.sub(b" ", _BLOCK_TAG.sub(b"\n", data)).decode("utf-8", errors="replace")
    return looks_like_transcript_text(text)


def looks_like_transcript_text(text: str) -> bool:
    """True for text whose lines are mostly timed turns of recurring speakers (or bare times over paragraphs)."""
    labels: list[str] = []
    bare = 0
    for line in text.splitlines():
        line = clean(line)
        if not line or len(line) > 5000:
            continue
        if _BARE_TS.match(line):
            bare += 1
            continue
        for pattern in (_SEGMENT, _TS_FIRST, _NAME_TS_TEXT, _HEADER):
            m = pattern.match(line)
            if m and (m.groupdict().get("speaker") or m.groupdict().get("speaker2")):
                labels.append(clean(m.group("speaker") or m.groupdict().get("speaker2")))
                break
    if bare >= 20 and bare >= len(labels):
        return True
    if len(labels) < 20:
        return False
    # A conversation repeats its speakers; a chapter list (`Intro 0:00 …`) does not.
    top_two = sum(n for _, n in Counter(labels).most_common(2))
    return top_two >= len(labels) / 2


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
    return classify(page_units(root), continue_all=False)


def page_units(root: Any) -> list[tuple[str, str]]:
    """The page as (kind, text) lines in reading order: `heading`, `entry` (li/p/td…), `line` (div/pre…)."""
    for br in root.iter("br"):
        br.tail = _BREAK + (br.tail or "")
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
        parts = raw.replace("\n", _BREAK).split(_BREAK) if tag == "pre" else raw.split(_BREAK)
        units.extend((kind, clean(part)) for part in parts if clean(part))
    return units


def classify(units: list[tuple[str, str]], continue_all: bool) -> tuple[list[Segment], list[Chapter], list[Chapter]]:
    """Turns, table-of-contents chapters and heading chapters from text units.

    A label counts as a speaker when it takes several turns; a turn opened by a bare `Speaker 0:00` header
    (and every turn when `continue_all`, as in wrapped plain text) takes the lines that follow it."""
    speakers = _known_speakers(units)
    segments: list[Segment] = []
    toc: list[Chapter] = []
    heading_chapters: list[Chapter] = []
    pending_heading: str | None = None
    open_turn: Segment | None = None
    for kind, text in units:
        if kind == "heading":
            pending_heading, open_turn = text or None, None
            continue
        turn, opens = _turn(text, speakers)
        if turn is None and (kind == "entry" or not segments and not open_turn):
            chapter = _chapter(text)
            if chapter:
                toc.append(chapter)
                open_turn = None
                continue
        if turn is None:
            if open_turn is not None:
                open_turn.text = clean(f"{open_turn.text} {text}")
            continue
        segments.append(turn)
        open_turn = turn if opens or continue_all else None
        if pending_heading and turn.t is not None:
            heading_chapters.append(Chapter(t=turn.t, title=pending_heading))
        pending_heading = None
    segments = [s for s in segments if s.text]
    return segments, _unique_chapters(toc), _unique_chapters(heading_chapters)


def _known_speakers(units: list[tuple[str, str]]) -> set[str]:
    counts: Counter[str] = Counter()
    for kind, text in units:
        if kind == "heading":
            continue
        for pattern in (_TS_FIRST, _NAME_TS_TEXT, _HEADER):
            m = pattern.match(text)
            if m:
                counts[clean(m.group("speaker") or m.groupdict().get("speaker2"))] += 1
                break
    return {name for name, n in counts.items() if n >= 2 and name.lower() not in _NOT_SPEAKERS}


_NOT_SPEAKERS = {"chapters", "timestamps", "contents", "table of contents", "outline", "intro", "introduction"}


def _turn(text: str, speakers: set[str]) -> tuple[Segment | None, bool]:
    """(the turn a line starts, whether its words follow on the next lines) or (None, False)."""
    m = _TS_FIRST.match(text)
    if m and clean(m["speaker"]) in speakers:
        return Segment(t=parse_timestamp(m["t"]), speaker=clean(m["speaker"]), text=clean(m["text"])), False
    m = _HEADER.match(text)
    if m and clean(m["speaker"] or m["speaker2"]) in speakers:
        return Segment(t=parse_timestamp(m["t"] or m["t2"]), speaker=clean(m["speaker"] or m["speaker2"]),
                       text=""), True
    m = _NAME_TS_TEXT.match(text)
    if m and clean(m["speaker"]) in speakers:
        return Segment(t=parse_timestamp(m["t"]), speaker=clean(m["speaker"]), text=clean(m["text"])), False
    m = _BARE_TS.match(text)
    if m:
        return Segment(t=parse_timestamp(m["t"]), speaker=None, text=""), True
    segment = _segment(text)
    return segment, False


def transcript_segments(data: bytes) -> list[Segment]:
    """The turns of an HTML transcript (a `podcast:transcript` of type text/html); [] when it has none."""
    try:
        doc = lxml.html.document_fromstring(decode_page(data))
    except (etree.ParserError, ValueError):
        return []
    _drop_chrome(doc)
    return read_blocks(content_root(doc))[0]


def text_segments(text: str) -> list[Segment]:
    """The turns of a plain-text transcript (`00:12:03 Ann: …`, `Ann  0:00` over a paragraph, `Ann (0:00) …`)."""
    return parse_transcript_lines(text)[0]


def parse_transcript_lines(text: str) -> tuple[list[Segment], list[Chapter]]:
    """(turns, chapters) of a plain-text transcript; lines before the first turn may be its chapter list."""
    units = [("line", clean(line)) for line in text.replace("\r\n", "\n").split("\n") if clean(line)]
    segments, toc, _ = classify(units, continue_all=True)
    return segments, toc


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
