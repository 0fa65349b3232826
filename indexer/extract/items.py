"""Recommended items: labelled cards (`RecommendedBook` / title / creator / quote / buy link) and simple lists
(`Title by Author`, `Title — Author`, `Title; by Author`)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from indexer.document import Item
from indexer.extract.blocks import Block
from indexer.extract.guests import UPPER
from indexer.textutil import clean, parse_timestamp, slugify

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
KNOWN_TYPES = frozenset(TYPE_ALIASES.values())

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
    words = re.findall(r"[a-z]+(?:-[a-z]+)?", heading.lower())
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
    t = re.sub(r"^(by|from|author:|creator:|maker:|made by|written by)\s+", "", t, flags=re.I).strip(" ,;–—-")
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
    for _, href in block.links:
        q = urlparse(href)
        raw = (parse_qs(q.query).get("t") or [None])[0]
        if raw is None and "t=" in q.fragment:
            raw = q.fragment.split("t=", 1)[1].split("&")[0]
        if raw:
            raw = raw.strip()
            if raw.isdigit():
                return int(raw)
            value = parse_timestamp(raw)
            if value is None:
                value = parse_timestamp(raw.rstrip("s"))
            if value is not None:
                return value
    return None


def _buy_link(block: Block) -> tuple[bool, str | None]:
    """Is this block a buy/info link line, and its href (None in text form)."""
    text = block.text
    if LINK_TEXT.match(text) and len(text) <= 60:
        href = next((h for t, h in block.links if h and not h.startswith("#")), None)
        return True, href
    return False, None


def _is_link_only(block: Block) -> bool:
    return bool(block.links) and len(block.links) == 1 and clean(block.links[0][0]) == block.text


class _Card:
    def __init__(self, label: tuple[str, str, str] | None) -> None:
        self.label = label
        self.fields: list[str] = []
        self.quote: str | None = None
        self.speaker: str | None = None
        self.t: int | None = None
        self.link: str | None = None

    def add(self, b: Block) -> None:
        text = b.text
        is_link, href = _buy_link(b)
        if not is_link and self.fields and _is_link_only(b) and len(text) <= 30 and not parse_quote(text):
            is_link, href = True, b.links[0][1]
        if is_link:
            if href and self.link is None and not href.startswith("#"):
                self.link = href
            return
        if b.quote or b.form == "blockquote":
            q = parse_quote(text)
            if q:
                self.quote, sp, ts = q
            else:
                self.quote = clean((b.quote or text).strip("“”\"«»„"))
                sp, ts = None, None
                rest = text.replace(b.quote or "", "", 1) if b.quote and b.quote in text else ""
                if rest.strip():
                    sp, ts = parse_attribution(rest)
            self.speaker = self.speaker or sp
            self.t = self.t if self.t is not None else (ts if ts is not None else time_from_links(b))
            return
        q = parse_quote(text)
        if q and (len(self.fields) >= 1 or len(q[0]) > 40):
            self.quote, sp, ts = q
            self.speaker = self.speaker or sp
            if ts is None:
                ts = time_from_links(b)
            self.t = self.t if self.t is not None else ts
            return
        if self.quote is not None and (self.speaker is None or self.t is None):
            sp, ts = parse_attribution(text)
            if ts is not None or (sp and re.match(r"^\s*[—–~-]", text)):
                self.speaker = self.speaker or sp
                self.t = self.t if self.t is not None else (ts if ts is not None else time_from_links(b))
                return
        if self.label is None and is_item_label(text):
            self.label = label_type(text)
            return
        self.fields.append(text)
        if b.links and self.link is None:
            href = b.links[0][1]
            if href and not href.startswith("#") and len(self.fields) == 1:
                self.link = href

    def item(self, default_type: str) -> Item | None:
        if not self.fields:
            return None
        title = self.fields[0]
        creator_text = next((f for f in self.fields[1:] if _creator_line(f)), None)
        if creator_text is None:
            title, creator_text = split_title_creator(title)
        creator, inferred = split_creator(creator_text) if creator_text else (None, False)
        title = clean(title).strip("“”\"")
        if not title:
            return None
        type_, relation = (self.label[0], self.label[1]) if self.label else (default_type, "recommended")
        return Item(type=type_, relation=relation, title=title, creator=creator, creator_inferred=inferred,
                    speaker=self.speaker, t=self.t, quote=self.quote, link=self.link)


def _creator_line(text: str) -> bool:
    """A card line that names a maker (`Sebastian Raschka`, `by Anysphere (inferred)`), not a description."""
    t = clean(text)
    if len(t) > 80 or len(t.split()) > 10:
        return False
    return not (t.endswith((".", "!", "?")) and not re.search(r"\b(Inc|Ltd|Co|Corp|Jr|Sr|[A-Z])\.$", t))


_BY = re.compile(r"^(?P<title>.+?)\s*[;,]?\s+by\s+(?P<creator>[^,;()]+?(?:\s*\(inferred\))?)"
                 r"(?:\s*\((?!inferred)[^()]*\))?\s*$", re.I)
_DASH = re.compile(r"^(?P<title>.+?)\s+[—–-]\s+(?P<creator>.+)$")
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
    m = _BY.match(t)
    if m and _creatorish(m["creator"]):
        return m["title"].strip(" ,;:–—-“”\""), m["creator"]
    m = _DASH.match(t)
    if m and not re.match(r"https?://", m["creator"]) and len(m["creator"]) <= 80:
        return m["title"].strip(" ,;:“”\""), m["creator"]
    m = _PAREN.match(t)
    if m and not re.search(r"\d{1,2}:\d{2}|inferred", m["creator"], re.I) and len(m["creator"].split()) <= 6:
        return m["title"].strip(" ,;:“”\""), m["creator"]
    return t, None


def _line_item(b: Block, default_type: str) -> Item | None:
    """One bullet or line: `Title by Author`, `Book: Title — Author`, `Title - https://…`."""
    text = clean(b.text)
    if not text:
        return None
    type_ = default_type
    relation = "recommended"
    m = re.match(r"^(?P<label>[A-Za-z’' ]{2,30}?)\s*:\s+(?P<rest>.+)$", text)
    if m:
        lt = label_type(m["label"]) or (
            (TYPE_ALIASES[m["label"].lower()], "recommended", m["label"]) if m["label"].lower() in TYPE_ALIASES
            else None)
        if lt:
            type_, relation = lt[0], lt[1]
            text = m["rest"]
    link = None
    url = re.search(r"\s*[-–—:|]?\s*(https?://\S+)\s*$", text)
    if url and url.start() > 0:
        link = url[1]
        text = text[: url.start()].strip()
    quote = speaker = t = None
    qm = re.search(r"\s+[—–-]\s+[“\"]", text)
    if qm:
        parsed = parse_quote(text[qm.end() - 1:])
        if parsed:
            quote, speaker, t = parsed
            text = text[: qm.start()]
    title, creator_text = split_title_creator(text)
    creator, inferred = split_creator(creator_text) if creator_text else (None, False)
    if link is None and b.links:
        href = b.links[0][1]
        if href and not href.startswith("#"):
            link = href
    if t is None:
        t = time_from_links(b)
        if t is not None and link and ("t=" in link):
            link = None if link == next((h for _, h in b.links), None) and _is_link_only(b) else link
    title = title.strip(" “”\"")
    if not title or len(title) > 200:
        return None
    return Item(type=type_, relation=relation, title=title, creator=creator, creator_inferred=inferred,
                speaker=speaker, t=t, quote=quote, link=link)


#: Table column headers → item fields.
COLUMN_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("label", re.compile(r"^(type|kind|label|category|format|media|what kind|relation)$", re.I)),
    ("title", re.compile(r"^(title|name|item|what|book|product|work|recommendation|pick|thing)$", re.I)),
    ("creator", re.compile(r"^(by|author|authors|creator|maker|made by|director|artist|brand|company|host|"
                           r"publisher|developer|from)$", re.I)),
    ("quote", re.compile(r"^(quote|what was said|said|endorsement|comment|why|in their words|context|"
                         r"what they said|note|notes)$", re.I)),
    ("speaker", re.compile(r"^(who|speaker|said by|recommended by|mentioned by|who said it|by whom)$", re.I)),
    ("t", re.compile(r"^(when|time|timestamp|at|time ?code|minute|where in the episode)$", re.I)),
    ("link", re.compile(r"^(link|links|buy|where|url|get it|shop|where to find it|find it)$", re.I)),
)


def _column_field(header: str) -> str | None:
    h = clean(header).strip(" :").lower()
    for name, pattern in COLUMN_FIELDS:
        if pattern.match(h):
            return name
    return None


def _record_item(b: Block, default_type: str, warnings: list[str]) -> Item | None:
    """One table row under named columns (Type | Title | By | Quote | Who | When | Link)."""
    values: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    for header, text, links in b.cells:
        f = _column_field(header)
        if f and f not in values:
            values[f] = (text, links)
    if "title" not in values or not values["title"][0]:
        return None
    type_, relation = default_type, "recommended"
    label = values.get("label", ("", []))[0]
    if label:
        lt = label_type(label)
        if lt:
            type_, relation = lt[0], lt[1]
        else:
            word = clean(label).lower()
            m = re.match(r"^(?P<rel>guest['’`]?s?\s*own|recommended)?\s*(?P<type>[a-z][a-z -]*)$", word)
            w = m["type"].strip() if m else word
            if w in TYPE_ALIASES:
                type_ = TYPE_ALIASES[w]
            elif w:
                type_ = slugify(w).replace("-", "_") or default_type
                warnings.append(f"unknown item label {label!r}")
            if m and m["rel"] and "own" in m["rel"]:
                relation = "guest_own"
    creator, inferred = split_creator(values["creator"][0]) if values.get("creator", ("", []))[0] else (None,
                                                                                                        False)
    quote = speaker = None
    t = None
    if values.get("quote", ("", []))[0]:
        q = parse_quote(values["quote"][0])
        if q:
            quote, speaker, t = q
        else:
            quote = clean(values["quote"][0]).strip("“”\"")
    if values.get("speaker", ("", []))[0]:
        speaker = clean(values["speaker"][0]).lstrip("—–- ") or speaker
    if values.get("t", ("", []))[0]:
        t = parse_timestamp(values["t"][0].strip("()[] ")) if t is None else t
    link = None
    for f in ("link", "title"):
        links = values.get(f, ("", []))[1]
        if links:
            link = links[0][1]
            break
    if t is None:
        t = time_from_links(Block("para", "", links=[lk for _, lk in values.values() for lk in lk]))
    if creator in ("—", "-", "–"):
        creator = None
    return Item(type=type_, relation=relation, title=clean(values["title"][0]).strip("“”\""), creator=creator,
                creator_inferred=inferred, speaker=speaker, t=t, quote=quote, link=link)


def items_from_blocks(blocks: list[Block], heading: str | None = None,
                      warnings: list[str] | None = None) -> list[Item]:
    """Items of a recommendations section, in page order."""
    warnings = warnings if warnings is not None else []
    default_type = type_from_heading(heading) or "other"
    records = [b for b in blocks if b.cells and any(_column_field(h) == "title" for h, _, _ in b.cells)]
    if records:
        return [it for b in records if (it := _record_item(b, default_type, warnings)) is not None]
    labelled = [b for b in blocks if is_item_label(b.text)]
    if labelled and all(b.kind == "bullet" for b in labelled):
        labelled = []  # `- Recommended book` bullets are lines, not card labels
    for b in labelled:
        lt = label_type(b.text)
        if lt and lt[0] not in KNOWN_TYPES:
            warnings.append(f"unknown item label {b.text!r}")
    cards: list[_Card] = []
    if labelled:
        by_element = _cards_by_element(blocks, labelled)
        if by_element is not None:
            for card_blocks in by_element:
                card = _Card(None)
                for b in card_blocks:
                    card.add(b)
                cards.append(card)
            return [it for c in cards if (it := c.item(default_type)) is not None]
        grouped = _by_group(blocks)
        if grouped is not None and all(sum(is_item_label(b.text) for b in g) == 1 for g in grouped if
                                       any(is_item_label(b.text) for b in g)) and \
                sum(1 for g in grouped if any(is_item_label(b.text) for b in g)) == len(labelled):
            for g in grouped:
                if not any(is_item_label(b.text) for b in g):
                    continue
                card = _Card(None)
                for b in g:
                    card.add(b)
                cards.append(card)
        else:
            card = None
            for b in blocks:
                lt = label_type(b.text)
                if lt:
                    card = _Card(lt)
                    cards.append(card)
                    continue
                if card is not None:
                    card.add(b)
        return [it for c in cards if (it := c.item(default_type)) is not None]

    grouped = _by_group(blocks)
    if grouped is not None and sum(1 for g in grouped if len(g) >= 2) >= max(1, len(grouped) // 2):
        out = []
        for g in grouped:
            if len(g) == 1:
                it = _line_item(g[0], default_type)
            else:
                card = _Card(None)
                for b in g:
                    card.add(b)
                it = card.item(default_type)
            if it is not None:
                out.append(it)
        return out

    bullets = [b for b in blocks if b.kind == "bullet"]
    lines = bullets or [b for b in blocks if b.kind != "heading" and _plausible_item_line(b)]
    return [it for b in lines if (it := _line_item(b, default_type)) is not None]


def _plausible_item_line(b: Block) -> bool:
    t = b.text
    if len(t) > 160 or _buy_link(b)[0]:
        return False
    if _BY.match(t) or (_DASH.match(t) and not t.endswith((".", "!", "?"))):
        return True
    return bool(b.links) and len(t) <= 100


def _cards_by_element(blocks: list[Block], labels: list[Block]) -> list[list[Block]] | None:
    """HTML cards: for each label, the largest element around it that holds no other label; its blocks are
    the card, wherever the label sits in it (a badge after the title works as well as one before)."""
    if not all(b.path for b in labels):
        return None
    label_ids = {id(b) for b in labels}
    containers: list[int] = []
    for lab in labels:
        chosen = None
        for element in reversed(lab.path):  # innermost first
            if sum(1 for other in labels if element in other.path) == 1:
                chosen = element
            else:
                break
        if chosen is None:
            return None
        containers.append(chosen)
    cards = [[b for b in blocks if c in b.path] for c in containers]
    if any(sum(1 for b in card if id(b) in label_ids) != 1 for card in cards):
        return None
    if all(len(card) <= 1 for card in cards):
        return None  # labels alone in their elements: the page is flat, split by labels instead
    return cards


def _by_group(blocks: list[Block]) -> list[list[Block]] | None:
    """Consecutive blocks of the same list item / card; None when the section has no groups."""
    if not any(b.group is not None for b in blocks):
        return None
    groups: list[list[Block]] = []
    last = object()
    for b in blocks:
        if b.group is None:
            continue
        if b.group != last:
            groups.append([])
            last = b.group
        groups[-1].append(b)
    return groups
