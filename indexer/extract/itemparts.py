"""Parts of one recommended item: its label (→ type, relation), title / creator split, quote and attribution,
a timestamp in a link, and whether a line is a buy link."""

from __future__ import annotations

import re
from dataclasses import replace

from indexer.extract.blocks import Block
from indexer.extract.guests import UPPER, looks_like_name
from indexer.textutil import clean, link_seconds, parse_timestamp, slugify

#: Label words → item type.
TYPE_ALIASES: dict[str, str] = {
    "book": "book", "books": "book", "ebook": "book", "e-book": "book", "audiobook": "book", "novel": "book",
    "memoir": "book", "textbook": "book",
    "product": "product", "products": "product", "tool": "product", "tools": "product", "software": "product",
    "gadget": "product", "gear": "product", "device": "product", "service": "product", "hardware": "product",
    "film": "film", "films": "film", "movie": "film", "movies": "film", "documentary": "film",
    "podcast": "podcast", "podcasts": "podcast", "podcast episode": "podcast", "episode": "podcast",
    "paper": "paper", "papers": "paper", "research paper": "paper", "study": "paper", "preprint": "paper",
    "show": "show", "shows": "show", "tv show": "show", "tv series": "show", "series": "show", "tv": "show",
    "app": "app", "apps": "app", "application": "app",
    "article": "article", "articles": "article", "essay": "article", "blog post": "article", "post": "article",
    "album": "album", "albums": "album", "music": "album", "song": "album", "record": "album",
    "game": "game", "games": "game", "video game": "game", "board game": "game",
    "course": "course", "courses": "course", "website": "website", "site": "website", "newsletter": "newsletter",
    "video": "video", "videos": "video", "youtube video": "video", "channel": "channel", "person": "person",
    "other": "other", "misc": "other", "thing": "other", "item": "other", "media": "other", "resource": "other",
}
#: Label words in other languages → item type.
TYPE_ALIASES.update({
    "buch": "book", "bücher": "book", "roman": "book", "livre": "book", "livres": "book", "libro": "book",
    "libros": "book", "libri": "book", "boek": "book", "boeken": "book", "filme": "film", "película": "film",
    "películas": "film", "documental": "film", "documentaire": "film", "dokumentation": "film",
    "artikel": "article", "artículo": "article", "article de presse": "article", "album de musique": "album",
    "disco": "album", "studie": "paper", "étude": "paper", "estudio": "paper", "outil": "product",
    "herramienta": "product", "werkzeug": "product", "série": "show", "serie": "show",
})
KNOWN_TYPES = frozenset(TYPE_ALIASES.values())
#: A leading marker of a list line written as text: a bullet glyph, or an emoji that names the item's type.
EMOJI_TYPES: dict[str, str] = {
    "📚": "book", "📖": "book", "📕": "book", "📗": "book", "📘": "book", "📙": "book", "🎧": "podcast",
    "🎙": "podcast", "🎬": "film", "🎥": "film", "🍿": "film", "📺": "show", "🎵": "album", "🎶": "album",
    "💿": "album", "📀": "album", "📄": "paper", "📑": "paper", "📝": "article", "📰": "article", "📱": "app",
    "🛠": "product", "🔧": "product", "🎮": "game", "🌐": "website", "🔗": "other",
}
_LINE_MARKER = re.compile(r"^\s*(?:(?P<glyph>[•●◦▪▸►‣∙→✓✔])|(?P<emoji>[\U0001F300-\U0001FAFF\u2600-\u27BF])\ufe0f?)\s*")
_TRAILING_TIME = re.compile(r"\s*[(\[](?:at\s+)?(?P<ts>\d{1,2}:\d{2}(?::\d{2})?)[)\]]\s*$")


def line_marker(text: str) -> tuple[str, str | None, bool]:
    """`📚 Title — Author` → (`Title — Author`, `book`, True); `• Title` → (`Title`, None, True)."""
    m = _LINE_MARKER.match(text)
    if not m:
        return text, None, False
    return text[m.end():], EMOJI_TYPES.get(m["emoji"] or ""), True


def trailing_time(text: str) -> tuple[str, int | None]:
    """`Title — Author (12:34)` → (`Title — Author`, 754): where in the episode it comes up."""
    m = _TRAILING_TIME.search(text)
    if not m or m.start() == 0:
        return text, None
    return text[: m.start()], parse_timestamp(m["ts"])

_REL = r"(?P<rel>recommended|guest['’`]?s?\s*own|guests?\s*own|host['’`]?s?\s*pick|mentioned)"
ITEM_LABEL = re.compile(rf"^{_REL}\s*[·:|/•,–—-]?\s*(?P<type>[a-z][a-z -]{{0,24}}?)\s*:?$", re.I)
ITEM_LABEL_REVERSED = re.compile(rf"^(?P<type>[a-z][a-z -]{{0,24}}?)\s*[·:|/•,–—-]?\s*\(?{_REL}\)?:?$", re.I)
#: Anchor texts of buy / info links.
LINK_TEXT = re.compile(
    r"^(find (it|this|them) (on|at|online|here)|buy( it| now)?( on| at)?|get (it|this)( on| at)?|available (on|at)|"
    r"view (it )?on|shop|see (it )?on|order (it )?on|check (it )?out|listen on|watch on|read (it )?on|more info|link|"
    r"amazon|bookshop|goodreads|apple books|audible|website)\b", re.I)
_QUOTE = re.compile(r"^\s*[“\"«„‘'](?P<q>.+)[”\"»“’'](?P<rest>(?:\s*[—–~-].*|\s*[(\[]?\d{1,2}:\d{2}.*|\s*))$", re.S)
_TS = r"\d{1,2}:\d{2}(?::\d{2})?"
_ATTRIB = re.compile(
    rf"^\s*(?:[—–-]+|~)?\s*(?P<speaker>[^\d()\[\]]*?)\s*(?:,|\bat\b|@)?\s*[(\[]?(?P<ts>{_TS})?[)\]]?\s*\.?$")
_WEAK_TYPE_WORDS = frozenset(
    ("record", "site", "post", "series", "episode", "show", "shows", "tv", "study", "music", "song", "service"))
_NOT_TYPES = frozenset(("reading", "by", "for", "in", "on", "this", "listening", "watching", "links", "list",
                        "items", "here", "below", "above", "elsewhere", "too", "also"))
_INFERRED = re.compile(r"\s*[(\[]\s*inferred\s*[)\]]\s*$", re.I)


def label_type(text: str) -> tuple[str, str, str] | None:
    """`RecommendedBook` → (`book`, `recommended`, `Book`); `Guest’s ownBook` → (`book`, `guest_own`, `Book`)."""
    t = clean(text)
    if len(t) > 40:
        return None
    m = ITEM_LABEL.match(t) or ITEM_LABEL_REVERSED.match(t)
    if not m:
        return None
    rel_word = m["rel"].lower()
    relation = "guest_own" if "own" in rel_word else "recommended"
    word = clean(m["type"]).lower().strip("- ")
    if not word:
        return None
    if word not in TYPE_ALIASES and (" " in word or word in _NOT_TYPES or len(word) > 15
                                     or m.re is ITEM_LABEL_REVERSED):
        return None
    return TYPE_ALIASES.get(word, slugify(word).replace("-", "_") or "other"), relation, clean(m["type"])


def is_item_label(text: str) -> bool:
    return label_type(text) is not None


def type_from_heading(heading: str | None) -> str | None:
    """`Books mentioned` → `book`, `Films we loved` → `film`; None when the heading names no type."""
    if not heading:
        return None
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)?", heading.lower())
    candidates = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)] + words
    for w in candidates:
        if w in TYPE_ALIASES and TYPE_ALIASES[w] != "other" and w not in _WEAK_TYPE_WORDS:
            return TYPE_ALIASES[w]
    return None


def split_creator(text: str) -> tuple[str | None, bool]:
    """`David Talbot (inferred)` → (`David Talbot`, True); `by Jane Doe` → (`Jane Doe`, False)."""
    t = clean(text)
    inferred = bool(_INFERRED.search(t))
    t = _INFERRED.sub("", t)
    t = re.sub(r"^(by|from|author:|creator:|maker:|made by|written by|directed by|dir\.|edited by|ed\.|hosted by)\s+",
               "", t, flags=re.I).strip(" ,;–—-")
    return (t or None), inferred


def parse_quote(text: str) -> tuple[str, str | None, int | None] | None:
    """`“…” — Lex Fridman 00:00:31` → (quote, speaker, seconds); None when the text is not a quote."""
    t = clean(text)
    m = _QUOTE.match(t)
    if not m:
        return None
    quote = clean(m["q"])
    if t[0] in "‘'" and m["rest"].strip() == "" and t[-1] not in "’'":
        return None
    speaker, ts = parse_attribution(m["rest"])
    return quote, speaker, ts


def parse_attribution(text: str) -> tuple[str | None, int | None]:
    """`— Lex Fridman 00:00:31` / `(17:39)` / `- Name, 1:02:03` → (speaker, seconds)."""
    t = clean(text)
    if not t:
        return None, None
    m = _ATTRIB.match(t)
    if not m:
        return None, None
    speaker = clean(m["speaker"]).strip(" ,;–—-·•|:") or None
    if speaker and (len(speaker) > 60 or not re.search(r"[A-Za-z]", speaker)):
        speaker = None
    if speaker and "," in speaker:  # `Lex Fridman, host` → the name
        first = speaker.split(",", 1)[0].strip()
        if re.match(rf"^{UPPER}[\w.'’-]*(\s+[\w.'’-]+){{0,4}}$", first):
            speaker = first
    ts = parse_timestamp(m["ts"]) if m["ts"] else None
    return speaker, ts


def time_from_links(block: Block) -> int | None:
    """The first moment any of a block's links points at."""
    return next((t for _, href in block.links if (t := link_seconds(href)) is not None), None)


def buy_link(block: Block) -> tuple[bool, str | None]:
    """Is this block a buy/info link line, and its href (None in text form)."""
    text = block.text
    if LINK_TEXT.match(text) and len(text) <= 60:
        href = next((h for t, h in block.links if h and not h.startswith("#")), None)
        return True, href
    return False, None


def is_link_only(block: Block) -> bool:
    return bool(block.links) and len(block.links) == 1 and clean(block.links[0][0]) == block.text


def is_creator_line(text: str) -> bool:
    """A card line that names a maker (`Sebastian Raschka`, `by Anysphere (inferred)`), not a description."""
    t = clean(text)
    if len(t) > 80 or len(t.split()) > 10:
        return False
    return not (t.endswith((".", "!", "?")) and not re.search(r"\b(Inc|Ltd|Co|Corp|Jr|Sr|[A-Z])\.$", t))


BY_CREATOR = re.compile(r"^(?P<title>.+?)\s*[;,]?\s+by\s+(?P<creator>[^,;()]+?(?:\s*\(inferred\))?)"
                 r"(?:\s*\((?!inferred)[^()]*\))?\s*$", re.I)
DASH_CREATOR = re.compile(r"^(?P<title>.+?)\s+[—–-]\s+(?P<creator>.+)$")
#: `Title von Author`, `Title de Author`, `Title por Author`: `by` in other languages (the last one wins).
_FOREIGN_BY = re.compile(r"^(?P<title>.+)\s+(?:von|de|par|por|di|door|af|av)\s+(?P<creator>[^,;()]+?)\s*$")
_PAREN = re.compile(r"^(?P<title>.+?)\s*\((?P<creator>[^()]+)\)$")


def _creatorish(text: str) -> bool:
    """`Robert Caro`, `Jim O’Shaughnessy (inferred)`, `xAI`, `Ada & Bo Li` — not `Me` (Stand by Me)."""
    t = _INFERRED.sub("", clean(text))
    words = t.split()
    if not words or len(words) > 8:
        return False
    if len(words) == 1:
        return bool(re.match(rf"^[a-z]*{UPPER}[\w.'’-]*$", t)) and t not in _ONE_WORD_NOT_CREATOR and len(t) > 2
    return bool(re.match(rf"^({UPPER}|\()", t) or re.match(rf"^[a-z]+{UPPER}", t))


_ONE_WORD_NOT_CREATOR = frozenset(("Me", "You", "Us", "Night", "Day", "Myself", "Heart", "Design", "Default",
                                   "Candlelight", "Moonlight", "Starlight", "Proxy", "Mail", "Hand"))


def split_title_creator(text: str) -> tuple[str, str | None]:
    """`Title by Author`, `Title; by Author`, `Title — Author`, `Title (Author)` → (title, creator)."""
    t = clean(text)
    m = BY_CREATOR.match(t)
    if m and _creatorish(m["creator"]):
        return m["title"].strip(" ,;:–—-“”\""), m["creator"]
    m = _FOREIGN_BY.match(t)
    if m and len(m["creator"].split()) >= 2 and looks_like_name(m["creator"]):
        return m["title"].strip(" ,;:–—-“”\""), m["creator"]
    m = DASH_CREATOR.match(t)
    if m and not re.match(r"https?://", m["creator"]) and len(m["creator"]) <= 80:
        return m["title"].strip(" ,;:“”\""), m["creator"]
    m = _PAREN.match(t)
    if m and not re.search(r"\d{1,2}:\d{2}|inferred", m["creator"], re.I) and len(m["creator"].split()) <= 6:
        return m["title"].strip(" ,;:“”\""), m["creator"]
    return t, None


_INLINE_BY = re.compile(rf"(?:^|[,;]\s*|\s+)(?:and\s+|&\s+)?(?P<item>[^,;]+?\s+by\s+{UPPER}[\w'’.-]*"
                        rf"(?:\s+{UPPER}[\w'’.-]*){{0,3}})(?=\s*(?:[,;.]|$|\s+and\s|\s*&\s))")


def inline_list(text: str) -> list[str] | None:
    """`A by X, and B by Y.` written as one sentence → [`A by X`, `B by Y`]; None unless it is such a list."""
    t = clean(text).rstrip(".")
    found = [(m.start(), m.end(), m["item"].strip()) for m in _INLINE_BY.finditer(t)]
    if len(found) < 2 or found[0][0] != 0 or found[-1][1] != len(t):
        return None
    return [item for _, _, item in found]


def as_list_lines(blocks: list[Block]) -> list[Block]:
    """`• Title` / `📚 Title — Author` lines of text (<br>-split paragraphs) and `A by X, and B by Y.` sentences:
    list items, one per line or per work."""
    out: list[Block] = []
    for b in blocks:
        parts = inline_list(b.text) if b.kind == "para" else None
        if parts:
            out.extend(replace(b, kind="bullet", text=part, group=None) for part in parts)
        elif b.kind == "para" and line_marker(b.text)[2]:
            out.append(replace(b, kind="bullet", group=None))
        else:
            out.append(b)
    return out
