"""The page head above the notes: the title line, the byline (host · date · duration) and the one-line summary."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.extract.blocks import Block
from indexer.extract.guests import UPPER, looks_like_name
from indexer.extract.titles import NUMBER, parse_title_line
from indexer.textutil import clean, parse_date, parse_duration

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
#: A line naming a file (an image caption, a download): never the summary.
_FILE_NAME = re.compile(r"^\S.{0,80}\.(png|jpe?g|gif|webp|svg|mp3|m4a|pdf)$", re.I)


#: A blog's post furniture: reading time, relative date (`2 min read`, `3 days ago`) — never the summary.
_POST_META = re.compile(r"(?<!\d)\d+\s*(?:min|minute)s?\s+read(?![a-z])|(?<!\d)\d+\s*(?:seconds?|minutes?|hours?|"
                        r"days?|weeks?|months?|years?)\s+ago(?![a-z])", re.I)  # spans run together: no \b
#: `Runtime: 48 minutes` inside a sentence of the intro.
_RUNTIME_IN_TEXT = re.compile(r"\b(?:runtime|run time|running time|duration|length)\s*[:–—-]\s*"
                              r"(\d[\d:]*\s*(?:h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)?\b"
                              r"(?:\s*\d+\s*(?:m|mins?|minutes?|s|secs?|seconds?)\b)?)", re.I)


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
    podcast: str | None = None  # from a masthead line above the title (`SHOW — EPISODE 7`)
    author: str | None = None  # a bare `By Name` line: the host when nothing better says so


def _unglyph(text: str) -> str:
    return re.sub(r"^[^\w(#]+", "", text).strip()


#: Month names of the languages podcast sites are most often set in → English (dateutil reads English only).
FOREIGN_MONTHS: dict[str, str] = {
    "januar": "January", "jänner": "January", "janvier": "January", "enero": "January", "gennaio": "January",
    "februar": "February", "février": "February", "febrero": "February", "febbraio": "February",
    "märz": "March", "mars": "March", "marzo": "March", "maart": "March",
    "avril": "April", "abril": "April", "aprile": "April",
    "mai": "May", "mayo": "May", "maggio": "May", "mei": "May",
    "juni": "June", "juin": "June", "junio": "June", "giugno": "June",
    "juli": "July", "juillet": "July", "julio": "July", "luglio": "July",
    "août": "August", "agosto": "August", "augustus": "August",
    "septembre": "September", "septiembre": "September", "settembre": "September",
    "oktober": "October", "octobre": "October", "octubre": "October", "ottobre": "October",
    "novembre": "November", "noviembre": "November",
    "dezember": "December", "décembre": "December", "diciembre": "December", "dicembre": "December",
}
_FOREIGN_MONTH = re.compile(r"\b(" + "|".join(FOREIGN_MONTHS) + r")\b", re.I)
#: Duration labels in other languages (`Dauer: 52 Min.`, `Durée : 1 h 05`).
_FOREIGN_LABELS = re.compile(r"^(?:dauer|länge|laufzeit|durée|duración|durata|duur|längd)\s*(?::|(?=\d))", re.I)


def in_english(text: str) -> str:
    """`Veröffentlicht am 3. März 2024` → `… 3 March 2024`; `Dauer: 52 Min.` → `Duration: 52 Min.`."""
    t = _FOREIGN_MONTH.sub(lambda m: FOREIGN_MONTHS[m[1].lower()], text)
    t = re.sub(r"\b(\d{1,2})\.\s+(?=[A-Z][a-z])", r"\1 ", t)  # German `3. March`
    t = re.sub(r"\b(\d{1,2}) de ([A-Z][a-z]+) de (\d{4})", r"\1 \2 \3", t)  # Spanish `3 de March de 2024`
    t = re.sub(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b",  # `04.02.2026`: day first, as wherever dots are used
               lambda m: f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}" if int(m[2]) <= 12 else m[0], t)
    return _FOREIGN_LABELS.sub("Duration: ", t).replace("Duration:  ", "Duration: ")


def find_date(text: str) -> str | None:
    text = in_english(text)
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
        p2 = re.sub(r"^(by|with|hosted by|host:?|presented by|von|par|por|di|door)\s+", "", in_english(p), flags=re.I)
        d = parse_date(p2) if DATE_IN_TEXT.search(p2) else None
        if d and date is None:
            date = d
            continue
        if DURATION_ONLY.match(p2) or re.fullmatch(r"\d{1,2}:\d{2}:\d{2}|\d{2,3}:\d{2}", p2):
            duration = parse_duration(re.sub(r"^(duration|length|runtime)\s*[:\-–]?\s*", "", p2, flags=re.I))
            continue
        if host is None and looks_like_name(p2) and len(p2.split()) <= 4:
            host = p2
    if date is None and duration is None:
        return None
    return host, date, duration


_BYLINE_NUMBER = re.compile(r"(?:^|[·•|—–]\s*)(?:episode|ep\.?|no\.|#)\s*#?\s*(\d{1,5})\s*(?=$|[·•|—–])", re.I)


def byline_number(text: str) -> int | None:
    """`Episode 57 · 1 hr 5 min` → 57: a number that is one part of a byline."""
    m = _BYLINE_NUMBER.search(clean(text))
    return int(m[1]) if m else None


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


def _show_line(head: list[Block], i: int) -> tuple[str, int] | None:
    """(show, number) when line `i` only names the show and number and the title line follows it."""
    parsed = parse_title_line(head[i].text)
    if parsed.number is None or parsed.podcast is not None or len(parsed.title.split()) > 6 or i + 1 >= len(head):
        return None
    nxt = head[i + 1]
    if not _is_title_like(nxt) or nxt.text.endswith(".") or len(nxt.text) > 120 or \
            parse_title_line(nxt.text).number is not None:
        return None
    return parsed.title, parsed.number


def scan_head(head: list[Block], known_title: str | None = None) -> Head:
    """Title line, byline (host · date · duration) and the one-line summary from the blocks above the notes."""
    out = Head()
    # the title line: one naming a show / number, else a heading, else the first title-like line
    chosen = _choose_title_line([(i, b) for i, b in enumerate(head) if _is_title_like(b)], known_title)
    if chosen is not None:
        out.title_index, out.title_line = chosen[0], chosen[1].text
        show_line = _show_line(head, chosen[0]) if known_title is None else None
        if show_line is not None:  # `THE NIGHT SHIFT DISPATCH — EPISODE 7` over the title: a masthead
            out.podcast, out.number = show_line
            out.title_index, out.title_line = chosen[0] + 1, head[chosen[0] + 1].text
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
            out.number = out.number if out.number is not None else byline_number(b.text)
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
        m = _RUNTIME_IN_TEXT.search(b.text) if out.duration_s is None else None
        if m:  # `… two of the last keepers in Europe. Runtime: 48 minutes.`
            out.duration_s = parse_duration(m[1])
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
        if DURATION_ONLY.match(t) or (find_date(t) and len(t) < 40) or _FILE_NAME.search(t) or \
                len(t) < 80 and _POST_META.search(t):
            continue
        out.summary = t
        break
    return out


def host_anywhere(blocks: list[Block]) -> str | None:
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
