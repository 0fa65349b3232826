"""A whole notes page (HTML or text) → one Episode: structured data first, the visible text fills the rest."""

from __future__ import annotations

import re

from indexer.document import Episode, Guest
from indexer.extract.blocks import html_blocks
from indexer.extract.chrome import content_root, drop_other_articles, drop_teaser_runs, make_soup, strip_chrome
from indexer.extract.decoding import decode_bytes, normalize_newlines
from indexer.extract.frontmatter import property_table_fields, strip_header
from indexer.extract.guests import looks_like_name
from indexer.extract.head import Head, host_anywhere, scan_head
from indexer.extract.metadata import Metadata, extract_metadata, first_time_datetime
from indexer.extract.notes import Notes, notes_from_blocks
from indexer.extract.sections import section_name
from indexer.extract.textblocks import text_blocks
from indexer.extract.titles import TitleParts, merge_topics, parse_title_line
from indexer.results import ParseResult
from indexer.textutil import clean, episode_id, parse_date, parse_duration

#: Sections whose absence is worth a warning, with the heading a reader would look for.
EXPECTED_SECTIONS: tuple[tuple[str, str], ...] = (
    ("guests", "The guest"), ("gist", "The gist"), ("reveals", "Big reveals"),
    ("facts", "Things worth remembering"), ("items", "Recommended in this episode"),
)


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


def _apply_declared(declared: dict, title: TitleParts, head: Head, notes: Notes) -> None:
    """Fields the page declares outright (front matter, a properties table) win over what was read from lines."""
    if declared.get("podcast"):
        title.podcast = declared["podcast"]
    episode = str(declared.get("episode") or "").strip().lstrip("#")
    if episode.isdigit():
        title.number = int(episode)
    if declared.get("host"):
        head.host = declared["host"]
    if declared.get("date"):
        head.date = parse_date(declared["date"]) or head.date
    if declared.get("duration"):
        head.duration_s = parse_duration(declared["duration"]) or head.duration_s
    if not notes.guests and declared.get("guests"):
        notes.guests = [Guest(name=n, bio=None) for n in declared["guests"]]
    notes.topics = merge_topics(notes.topics, declared.get("topics") or [])


# --------------------------------------------------------------------------------------------------------------
# Text pages


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
    url, declared, text = strip_header(text)
    blocks = text_blocks(text)
    notes = notes_from_blocks(blocks)
    head = scan_head(notes.head, declared.get("title"))
    title_line = declared.get("title") or head.title_line
    if not title_line:
        return ParseResult.failure(location, "no title: the page has no line that reads as an episode title")
    title = parse_title_line(title_line, known_podcast=declared.get("podcast"))
    if title.number is None:
        title.number = head.number
    title.podcast = title.podcast or head.podcast
    _apply_declared(declared, title, head, notes)
    head.host = head.host or host_anywhere(notes.head)
    notes.summary = head.summary or declared.get("summary")
    warnings = list(notes.warnings) + _section_warnings(notes)
    ep = _episode(title, notes, head, None, url, "episode")
    ep.media_url = declared.get("media_url")
    return ParseResult(location=location, episodes=[ep], warnings=warnings)


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
    drop_other_articles(root, h1)
    drop_teaser_runs(root, h1)
    declared = property_table_fields(root)
    if meta.article_date is None:
        meta.article_date = first_time_datetime(root)
    blocks = html_blocks(root)
    notes = notes_from_blocks(blocks)
    h1_text = clean(h1.get_text(" ")) if h1 is not None else None
    head = scan_head(notes.head, h1_text)

    title = _title(meta, h1_text, head)
    if title is None:
        return ParseResult.failure(location, "no title: no JSON-LD name, og:title, <h1>, <title> or title line")
    _apply_declared(declared, title, head, notes)
    head.host = head.host or host_anywhere(notes.head)
    notes.summary = _summary(meta, head, notes) or declared.get("summary")
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
    site = meta.site_name or _site_from_title_suffix(h1_text, meta.html_title)
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


def _site_from_title_suffix(h1_text: str | None, html_title: str | None) -> str | None:
    """`<title>Folge 23: Moorland Memory | Hörweite</title>` over `<h1>Folge 23: Moorland Memory</h1>`: what the
    <title> adds after a separator is the site's name."""
    if not h1_text or not html_title or not html_title.startswith(h1_text):
        return None
    m = re.fullmatch(r"\s*(?:[|·•]|\s[–—-])\s*(.+)", html_title[len(h1_text):])
    return clean(m[1]) if m and len(m[1].split()) <= 6 and not re.search(r"[:?!]", m[1]) else None


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
