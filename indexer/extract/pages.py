"""A whole notes page (HTML or text) → one Episode: structured data first, the visible text fills the rest."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.document import Episode, Guest
from indexer.extract.blocks import (
    Block,
    content_root,
    decode_bytes,
    html_blocks,
    make_soup,
    normalize_newlines,
    strip_chrome,
    text_blocks,
)
from indexer.extract.guests import UPPER, looks_like_name
from indexer.extract.metadata import Metadata, extract_metadata, first_time_datetime
from indexer.extract.notes import Notes, notes_from_blocks
from indexer.extract.sections import section_name
from indexer.extract.titles import NUMBER, TitleParts, merge_topics, parse_title_line
from indexer.results import ParseResult
from indexer.textutil import clean, episode_id, parse_date, parse_duration

#: Sections whose absence is worth a warning, with the heading a reader would look for.
EXPECTED_SECTIONS: tuple[tuple[str, str], ...] = (
    ("guests", "The guest"), ("gist", "The gist"), ("reveals", "Big reveals"),
    ("facts", "Things worth remembering"), ("items", "Recommended in this episode"),
)
#: Lines in a page head that are site chrome, not the episode (text pages keep them).
HEAD_CHROME = re.compile(
    r"^(home\b.*|skip to (main )?content|menu|search|subscribe|sign in|log in|accept( all)? cookies.*|"
    r"we use cookies.*|share|listen on .*|podcast|podcasts|episodes?|épisodes|all episodes|back to .*|"
    r"previous episode|next episode|transcript|show notes|scroll (down|up)\b.*|click here\b.*|download\b.*|"
    r"find (us|\w+( \w+)?) on (apple|spotify|google|youtube|stitcher)\b.*|listen (on|to|now)\b.*|"
    r"(watch|play) (on|now|episode)\b.*)$", re.I)
_SEPARATED = re.compile(r"\s+[·•|]\s+|\s+[—–]\s+|\s*·\s*")
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_IN_TEXT = re.compile(
    rf"\b(\d{{4}}-\d{{2}}-\d{{2}})|\b({_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})|"
    rf"\b(\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}})|\b(\d{{1,2}}/\d{{1,2}}/\d{{4}})", re.I)
DURATION_ONLY = re.compile(
    r"^(?:duration|length|runtime|run time|time)?\s*[:\-–]?\s*(?:\d+\s*(?:h|hr|hrs|hours?|m|min|mins|minutes?|s|"
    r"sec|secs|seconds?)\.?\s*(?:et|and|,)?\s*){1,3}$|^(?:duration|length|runtime)\s*[:\-–]?\s*\d{1,2}:\d{2}(?::\d{2})?$",
    re.I)
HOST_LINE = re.compile(r"^(?:hosted by|host(?:ed)?\s*[:–—-]|your host[:,]?|with host|presented by|host)\s+"
                       r"(?P<name>[^,(@|·•]+)", re.I)
DATE_LABEL = re.compile(
    r"^(?:episode\s+)?(?:published|posted|released|aired|air date|date|release date|recorded|first aired)\s*(?:on)?"
    r"\s*[:–—-]?\s*", re.I)


# --------------------------------------------------------------------------------------------------------------
# Page head: title line, byline, summary


@dataclass
class Head:
    title_line: str | None = None
    title_index: int | None = None
    summary: str | None = None
    host: str | None = None
    date: str | None = None
    duration_s: int | None = None
    byline_index: int | None = None
    number: int | None = None
    author: str | None = None  # a bare `By Name` line: the host when nothing better says so


def _unglyph(text: str) -> str:
    return re.sub(r"^[^\w(#]+", "", text).strip()


def find_date(text: str) -> str | None:
    m = DATE_IN_TEXT.search(text)
    return parse_date(m[0]) if m else None


def parse_byline(text: str) -> tuple[str | None, str | None, int | None] | None:
    """`Lex Fridman · 2026-01-31 · 4h 25m` → (host, date, seconds); None unless it reads as a byline."""
    t = clean(text)
    if len(t) > 140:
        return None
    parts = [p.strip() for p in _SEPARATED.split(t) if p.strip()]
    if len(parts) < 2:
        return None
    host = date = None
    duration = None
    for p in parts:
        p2 = re.sub(r"^(by|with|hosted by|host:?|presented by)\s+", "", p, flags=re.I)
        d = parse_date(p2) if DATE_IN_TEXT.search(p2) else None
        if d and date is None:
            date = d
            continue
        if DURATION_ONLY.match(p2) or re.fullmatch(r"\d{1,2}:\d{2}:\d{2}", p2):
            duration = parse_duration(re.sub(r"^(duration|length|runtime)\s*[:\-–]?\s*", "", p2, flags=re.I))
            continue
        if host is None and looks_like_name(p2) and len(p2.split()) <= 4:
            host = p2
    if date is None and duration is None:
        return None
    return host, date, duration


def _is_title_like(b: Block) -> bool:
    t = b.text
    if len(t) < 4 or len(t) > 250 or HEAD_CHROME.match(t):
        return False
    if parse_byline(t) or DURATION_ONLY.match(t) or re.fullmatch(r"-?[\d:]+", t):
        return False
    return not (find_date(t) and len(t) < 30)


def _choose_title_line(candidates: list[tuple[int, Block]], known_title: str | None) -> tuple[int, Block] | None:
    """The block that is the title line. With a title known from elsewhere (front matter, an h1, JSON-LD) only a
    line showing that title qualifies; otherwise the best of: an h1, a line naming a number (`| Show #490`,
    `171: Title`), a heading, the first short line that is not a sentence."""
    if known_title:
        kt = known_title.lower()
        return next(((i, b) for i, b in candidates if kt in b.text.lower()), None)
    tests = (
        lambda b: b.kind == "heading" and b.level == 1,
        lambda b: len(b.text) <= 200 and (
            NUMBER.search(b.text) and re.search(r"\s[|–—-]\s|^#|\.\s|:", b.text)
            or re.match(r"^\d{1,4}[:.]\s+\S", b.text) and not re.match(r"^(19|20)\d\d", b.text)),
        lambda b: b.kind == "heading" and b.level <= 3,
        lambda b: len(b.text.split()) >= 2 and len(b.text) <= 200 and not b.text.endswith("."),
        lambda b: True,
    )
    for test in tests:
        found = next(((i, b) for i, b in candidates if test(b)), None)
        if found is not None:
            return found
    return None


def scan_head(head: list[Block], known_title: str | None = None) -> Head:
    """Title line, byline (host · date · duration) and the one-line summary from the blocks above the notes."""
    out = Head()
    # the title line: one naming a show / number, else a heading, else the first title-like line
    chosen = _choose_title_line([(i, b) for i, b in enumerate(head) if _is_title_like(b)], known_title)
    if chosen is not None:
        out.title_index, out.title_line = chosen[0], chosen[1].text
    # byline, host, date, duration, a number on its own line (`Episode 31`)
    date_is_recorded = False  # a `Recorded:` date gives way to a `Released:` one
    for i, b in enumerate(head):
        if out.number is None and len(b.text) <= 24:
            m = re.fullmatch(r"(?:episode|ep\.?|no\.|#)\s*#?\s*(\d{1,5})", b.text.strip(), re.I)
            if m:
                out.number = int(m[1])
                continue
        bl = parse_byline(b.text)
        if bl and out.byline_index is None:
            out.byline_index = i
            host, date, duration = bl
            out.host = out.host or host
            out.date = out.date or date
            out.duration_s = out.duration_s if out.duration_s is not None else duration
            continue
        m = HOST_LINE.match(b.text)
        if m and out.host is None and looks_like_name(clean(m["name"])):
            out.host = clean(m["name"])
            continue
        if (out.date is None or date_is_recorded) and len(b.text) <= 80 and (
                DATE_LABEL.match(b.text) or find_date(b.text) and len(b.text) <= 30):
            found = find_date(b.text)
            if found:
                recorded = bool(re.match(r"^(episode\s+)?recorded", b.text, re.I))
                if out.date is None or not recorded:
                    out.date, date_is_recorded = found, recorded
            continue
        if out.date is None and DATE_LABEL.match(b.text):
            out.date = find_date(b.text[:60])
        if out.duration_s is None and DURATION_ONLY.match(_unglyph(b.text)):
            out.duration_s = parse_duration(re.sub(r"^(duration|length|runtime|run time|time)\s*[:\-–]?\s*", "",
                                                   _unglyph(b.text), flags=re.I))
            continue
        m = re.match(r"^by\s+(?P<name>[^,|·•(]+)$", _unglyph(b.text), re.I)
        if m and out.author is None and looks_like_name(clean(m["name"])):
            out.author = clean(m["name"])
    # the summary: the first real paragraph after the title line (not the byline, not the title again)
    start = (out.title_index + 1) if out.title_index is not None else 0
    title_low = (out.title_line or "").lower()
    for i in range(start, len(head)):
        b = head[i]
        t = b.text
        if i == out.byline_index or t.lower() == title_low or HEAD_CHROME.match(t):
            continue
        if b.kind == "heading" and b.level <= 6 or len(t) < 15 or len(t.split()) < 3 or parse_byline(t) \
                or HOST_LINE.match(t):
            continue
        if DURATION_ONLY.match(t) or (find_date(t) and len(t) < 40) or _FILE_NAME.search(t):
            continue
        out.summary = t
        break
    return out


def _host_anywhere(blocks: list[Block]) -> str | None:
    for b in blocks:
        if len(b.text) > 160:
            continue
        m = HOST_LINE.match(b.text)
        if m and looks_like_name(clean(m["name"])):
            return clean(m["name"])
        m = re.search(rf"\bhost(?:ed)?\s*(?:by|:|–|—)\s*(?P<name>{UPPER}[\w.'’-]+(?:\s+{UPPER}[\w.'’-]+){{0,3}})",
                      b.text)
        if m and looks_like_name(m["name"]):
            return m["name"]
    return None


def _section_warnings(notes: Notes) -> list[str]:
    return [f"no {label!r} section" for name, label in EXPECTED_SECTIONS if name not in notes.found]


def _episode(title: TitleParts, notes: Notes, head: Head, meta: Metadata | None, url: str | None,
             fallback_id: str) -> Episode:
    podcast = (meta.series if meta else None) or title.podcast or (meta.site_name if meta else None)
    number = meta.number if meta and meta.number is not None else title.number
    guests = notes.guests
    if not guests and meta and meta.guests:
        guests = [Guest(name=n, bio=None) for n in meta.guests]
    if not guests and "guests" not in notes.found and title.guest_hint and looks_like_name(title.guest_hint):
        guests = [Guest(name=title.guest_hint, bio=None)]  # `Topic | Guest Name | Episode 147`
    host = head.host or notes.host or (meta.host if meta else None) or head.author
    if host is None and meta and meta.article_author and looks_like_name(meta.article_author):
        host = meta.article_author
    topics = merge_topics(title.topics, meta.keywords if meta else [], notes.topics)
    ep_title = title.title
    date = (meta.date if meta else None) or head.date or (meta.article_date if meta else None)
    duration = meta.duration_s if meta and meta.duration_s is not None else head.duration_s
    ep = Episode(
        id="x", title=ep_title, podcast=podcast, number=number, host=host, date=date, duration_s=duration,
        summary=notes.summary, guests=guests, topics=topics, gist=notes.gist, reveals=notes.reveals,
        facts=notes.facts, items=notes.items, chapters=notes.chapters, url=url,
        media_url=meta.media_url if meta else None,
    )
    ep.id = episode_id(podcast, number, ep_title, url) or fallback_id
    return ep


# --------------------------------------------------------------------------------------------------------------
# Text pages

_FILE_NAME = re.compile(r"^\S.{0,80}\.(png|jpe?g|gif|webp|svg|mp3|m4a|pdf)$", re.I)
_HEADER_FIELD = re.compile(r"^(URL|Source|Retrieved|Title|Date|Podcast|Show|Host|Episode)\s*:\s*(.*)$", re.I)


def parse_text(data: bytes, location: str) -> ParseResult:
    """A notes page saved as text (or markdown) → one episode; never raises on bad input."""
    try:
        return _parse_text(data, location)
    except Exception as exc:  # the parser must not stop a batch
        return ParseResult.failure(location, f"could not parse text page: {type(exc).__name__}: {exc}")


def _parse_text(data: bytes, location: str) -> ParseResult:
    text = normalize_newlines(decode_bytes(data))
    if not text.strip():
        return ParseResult.failure(location, "empty page: no text at all")
    url, declared, text = _strip_header(text)
    blocks = text_blocks(text)
    notes = notes_from_blocks(blocks)
    head = scan_head(notes.head, declared.get("title"))
    title_line = declared.get("title") or head.title_line
    if not title_line:
        return ParseResult.failure(location, "no title: the page has no line that reads as an episode title")
    title = parse_title_line(title_line, known_podcast=declared.get("podcast"))
    if declared.get("podcast"):
        title.podcast = declared["podcast"]
    if title.number is None:
        title.number = head.number
    episode = str(declared.get("episode") or "").strip().lstrip("#")
    if episode.isdigit():
        title.number = int(episode)
    if declared.get("host"):
        head.host = declared["host"]
    if declared.get("date"):
        head.date = parse_date(declared["date"]) or head.date
    if declared.get("duration"):
        head.duration_s = parse_duration(declared["duration"]) or head.duration_s
    head.host = head.host or _host_anywhere(notes.head)
    notes.summary = head.summary or declared.get("summary")
    if not notes.guests and declared.get("guests"):
        notes.guests = [Guest(name=n, bio=None) for n in declared["guests"]]
    notes.topics = merge_topics(notes.topics, declared.get("topics") or [])
    warnings = list(notes.warnings) + _section_warnings(notes)
    ep = _episode(title, notes, head, None, url, "episode")
    ep.media_url = declared.get("media_url")
    return ParseResult(location=location, episodes=[ep], warnings=warnings)


#: Front-matter keys (YAML-ish `key: value` between `---` lines) → what they declare.
FRONT_MATTER_KEYS: dict[str, str] = {
    "title": "title", "name": "title", "date": "date", "published": "date", "pubdate": "date",
    "publishdate": "date", "release_date": "date", "podcast": "podcast", "show": "podcast", "series": "podcast",
    "podcast_name": "podcast", "show_name": "podcast", "episode": "episode", "episode_number": "episode",
    "number": "episode", "ep": "episode", "host": "host", "hosts": "host", "author": "host", "guests": "guests",
    "guest": "guests", "tags": "topics", "topics": "topics", "keywords": "topics", "duration": "duration",
    "length": "duration", "url": "url", "permalink": "url", "canonical": "url", "canonical_url": "url",
    "link": "url", "summary": "summary", "description": "summary", "subtitle": "summary", "excerpt": "summary",
    "audio": "media_url", "mp3": "media_url", "enclosure": "media_url", "media": "media_url",
}


def _front_matter(lines: list[str]) -> tuple[dict, int] | None:
    """`---` / `key: value` lines (lists as `[a, b]` or `- a` lines) / `---` → (fields, lines used)."""
    if not lines or lines[0].strip() != "---":
        return None
    end = next((i for i in range(1, min(len(lines), 120)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return None
    fields: dict = {}
    key = None
    for raw in lines[1:end]:
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", raw)
        if m:
            key = FRONT_MATTER_KEYS.get(m[1].lower().replace("-", "_"))
            value = m[2].strip().strip("\"'")
            if key and value:
                if value.startswith("[") and value.endswith("]"):
                    value = [v.strip().strip("\"'") for v in value[1:-1].split(",") if v.strip()]
                fields.setdefault(key, value)
            continue
        m = re.match(r"^\s+-\s+(.*)$", raw)
        if m and key:
            item = m[1].strip().strip("\"'")
            item = re.sub(r"^name\s*:\s*", "", item).strip("\"'")
            current = fields.get(key)
            fields[key] = (current if isinstance(current, list) else []) + [item]
    for list_key in ("guests", "topics"):
        if isinstance(fields.get(list_key), str):
            fields[list_key] = [v.strip() for v in re.split(r"\s*[,;]\s*", fields[list_key]) if v.strip()]
    for one_key in ("title", "date", "podcast", "episode", "host", "duration", "url", "summary", "media_url"):
        if isinstance(fields.get(one_key), list):
            fields[one_key] = fields[one_key][0] if fields[one_key] else None
    return fields, end + 1


def _strip_header(text: str) -> tuple[str | None, dict, str]:
    """Front matter (`---` … `---`) or a `URL: …` / `Retrieved: …` / `---` header → (url, declared, the rest)."""
    lines = text.split("\n")
    front = _front_matter(lines)
    if front is not None:
        fields, used = front
        url = fields.get("url") if re.match(r"https?://", str(fields.get("url") or "")) else None
        return url, fields, "\n".join(lines[used:])
    declared: dict = {}
    url = None
    i = 0
    while i < len(lines) and i < 12:
        m = _HEADER_FIELD.match(lines[i].strip())
        if not m:
            break
        key, value = m[1].lower(), m[2].strip()
        if key in ("url", "source") and re.match(r"https?://", value):
            url = value
        elif key in ("title", "date", "podcast", "show", "host", "episode") and value:
            declared["podcast" if key == "show" else key] = value
        i += 1
    if i == 0:
        return None, {}, text
    if i < len(lines) and re.fullmatch(r"\s*-{3,}\s*", lines[i]):
        i += 1
    return url, declared, "\n".join(lines[i:])


# --------------------------------------------------------------------------------------------------------------
# HTML pages


def parse_html(data: bytes, location: str) -> ParseResult:
    """A notes page as HTML → one episode; never raises on bad input."""
    try:
        return _parse_html(data, location)
    except Exception as exc:  # the parser must not stop a batch
        return ParseResult.failure(location, f"could not parse HTML page: {type(exc).__name__}: {exc}")


def _section_heading_text(text: str) -> bool:
    return section_name(text) not in (None, "stop")


def _parse_html(data: bytes, location: str) -> ParseResult:
    text = decode_bytes(data, html=True)
    if not text.strip():
        return ParseResult.failure(location, "empty page: no HTML at all")
    soup = make_soup(text)
    meta = extract_metadata(soup)
    root = content_root(soup)
    h1 = _main_heading(soup, root, meta)
    if h1 is not None and h1 is not root and root not in h1.parents and h1 not in root.descendants:
        # the title block (h1, byline, standfirst) sits above <main>/<article>: read from where both meet
        root = _common_ancestor(h1, root)
    strip_chrome(root, protect=h1, section_test=_section_heading_text)
    if meta.article_date is None:
        meta.article_date = first_time_datetime(root)
    blocks = html_blocks(root)
    notes = notes_from_blocks(blocks)
    h1_text = clean(h1.get_text(" ")) if h1 is not None else None
    head = scan_head(notes.head, h1_text)

    title = _title(meta, h1_text, head)
    if title is None:
        return ParseResult.failure(location, "no title: no JSON-LD name, og:title, <h1>, <title> or title line")
    head.host = head.host or _host_anywhere(notes.head)
    notes.summary = _summary(meta, head, notes)
    url = meta.canonical or meta.og_url or meta.url
    if url and not re.match(r"https?://", url):
        url = url if url.startswith("/") is False else None
    if not url and re.match(r"https?://", location):
        url = location
    warnings = list(notes.warnings) + _section_warnings(notes)
    ep = _episode(title, notes, head, meta, url, "episode")
    return ParseResult(location=location, episodes=[ep], warnings=warnings)


def _common_ancestor(a, b):
    above = {id(p) for p in a.parents}
    for p in b.parents:
        if id(p) in above:
            return p
    return b


def _main_heading(soup, root, meta: Metadata):
    """The page's h1 (the one matching og:title / JSON-LD name when there are several)."""
    h1s = [h for h in soup.find_all("h1") if clean(h.get_text(" "))]
    if not h1s:
        return None
    wanted = [t.lower() for t in (meta.title, meta.og_title) if t]
    for h in h1s:
        t = clean(h.get_text(" ")).lower()
        if any(t == w or t in w or w in t for w in wanted):
            return h
    inside = [h for h in h1s if h in root.descendants]
    return (inside or h1s)[0]


def _title(meta: Metadata, h1_text: str | None, head: Head) -> TitleParts | None:
    site = meta.site_name
    known = meta.series
    if h1_text and _is_site_name(h1_text, meta):
        h1_text = None
    candidates = [c for c in (meta.title, h1_text, head.title_line, meta.og_title, meta.html_title) if c]
    if not candidates:
        return None
    parsed = [parse_title_line(c, site_name=site, known_podcast=known) for c in candidates]
    bare = re.compile(r"^(?:episode|ep\.?|no\.|#)?\s*#?\s*\d{1,5}$", re.I)
    if bare.match(parsed[0].title):  # `<h1>Episode 31</h1>`: the words of the title are elsewhere
        worded = next((p for p in parsed[1:] if not bare.match(p.title)), None)
        if worded is not None:
            number = parsed[0].number if parsed[0].number is not None else _bare_number(parsed[0].title)
            parsed.remove(worded)
            parsed.insert(0, worded)
            if worded.number is None:
                worded.number = number
    best = parsed[0]
    # the number and the show may only be in another form of the title (`<title>… | Show #490</title>`)
    for p in parsed[1:]:
        if best.number is None and p.number is not None:
            best.number = p.number
        if p.podcast is not None and (best.podcast is None or (site and best.podcast.lower() == site.lower()
                                                               and p.podcast.lower() != site.lower())):
            best.podcast = p.podcast
        if not best.topics and p.topics and p.title == best.title:
            best.topics = p.topics
    if best.podcast and site and best.podcast.lower() == site.lower() and known:
        best.podcast = known
    if best.number is None:
        best.number = head.number
    return best


def _bare_number(text: str) -> int | None:
    m = re.search(r"\d{1,5}", text)
    return int(m[0]) if m else None


def _is_site_name(text: str, meta: Metadata) -> bool:
    """An h1 that names the site (a logo in the header), not the episode."""
    t = clean(text).lower()
    if meta.site_name and t == meta.site_name.lower():
        return True
    others = [clean(x).lower() for x in (meta.og_title, meta.html_title, meta.title) if x]
    if not others or any(t in o and not o.endswith(t) for o in others) or any(t == o for o in others):
        return False
    # `<title>Episode title – Site</title>` with `<h1>Site</h1>`: the h1 is only ever a suffix
    return any(o.endswith(t) and len(o) > len(t) + 3 for o in others)


def _summary(meta: Metadata, head: Head, notes: Notes) -> str | None:
    visible = head.summary
    structured = [d for d in (meta.description, meta.og_description, meta.meta_description) if d]
    for d in structured:
        if len(d) > 400 or d.endswith(("…", "...")) or (notes.gist and clean(notes.gist).startswith(clean(d)[:80])):
            continue
        if visible and (visible.startswith(d.rstrip(".…")) or d == visible):
            return visible
        return d
    return visible
