"""Recommended items of a section: labelled cards (`RecommendedBook` / title / creator / quote / buy link),
table rows under named columns, and simple lists (`Title by Author`, `Title — Author`, `Title; by Author`)."""

from __future__ import annotations

import re

from indexer.document import Item
from indexer.extract.blocks import Block
from indexer.extract.itemparts import (
    BY_CREATOR,
    DASH_CREATOR,
    KNOWN_TYPES,
    TYPE_ALIASES,
    as_list_lines,
    buy_link,
    is_creator_line,
    is_item_label,
    is_link_only,
    label_type,
    line_marker,
    parse_attribution,
    parse_quote,
    split_creator,
    split_title_creator,
    time_from_links,
    trailing_time,
    type_from_heading,
)
from indexer.textutil import clean, parse_timestamp, slugify


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
        is_link, href = buy_link(b)
        if not is_link and self.fields and is_link_only(b) and len(text) <= 30 and not parse_quote(text):
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
        creator_text = next((f for f in self.fields[1:] if is_creator_line(f)), None)
        if creator_text is None:
            title, creator_text = split_title_creator(title)
        creator, inferred = split_creator(creator_text) if creator_text else (None, False)
        title = clean(title).strip("“”\"")
        if not title:
            return None
        type_, relation = (self.label[0], self.label[1]) if self.label else (default_type, "recommended")
        return Item(type=type_, relation=relation, title=title, creator=creator, creator_inferred=inferred,
                    speaker=self.speaker, t=self.t, quote=self.quote, link=self.link)



#: A trailing `(guest's own book)` / `(their own)` after a list item.
_OWN_MARK = re.compile(r"\s*[(\[]\s*(?:the\s+)?(?:guest['’]?s|host['’]?s|their|her|his)\s+own"
                       r"(?:\s+(?P<type>[a-z]+))?\s*[)\]]\s*$", re.I)


_TYPE_IN_PARENS = re.compile(r"\s*\((?P<word>[A-Za-z][a-z -]{1,20})\)\s*$")


def _strip_time_links(text: str, b: Block, t: int | None) -> tuple[str, int | None, set[str]]:
    """`… — [watch at 41:07](…?t=2467)` at the end of a line: a jump into the episode, not part of the title and
    not the item's link → (text without it, its time, the hrefs of such jumps)."""
    jumps: set[str] = set()
    for anchor, href in b.links:
        at = time_from_links(Block("para", anchor, links=[(anchor, href)])) if anchor else None
        m = re.search(r"\s*[-–—|,]?\s*" + re.escape(anchor) + r"\s*$", text) if at is not None else None
        if m and m.start() > 0:
            text, jumps = text[: m.start()], jumps | {href}
            t = t if t is not None else at
    return text, t, jumps


def _line_item(b: Block, default_type: str) -> Item | None:
    """One bullet or line: `Title by Author`, `Book: Title — Author`, `Title - https://…`."""
    text, marked_type, _ = line_marker(clean(b.text))
    text, t_at = trailing_time(text)
    if not text:
        return None
    type_ = marked_type or default_type
    relation = "recommended"
    m = re.match(r"^(?P<label>[A-Za-z’' ]{2,30}?)\s*:\s+(?P<rest>.+)$", text)
    if m:
        lt = label_type(m["label"]) or (
            (TYPE_ALIASES[m["label"].lower()], "recommended", m["label"]) if m["label"].lower() in TYPE_ALIASES
            else None)
        if lt:
            type_, relation = lt[0], lt[1]
            text = m["rest"]
    own = _OWN_MARK.search(text)
    if own:  # `Daylight Debt by Hedda Ivanova-Marsh (guest's own book)`
        relation = "guest_own"
        word = (own["type"] or "").lower()
        type_ = TYPE_ALIASES.get(word, type_)
        text = text[: own.start()].rstrip()
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
    text, t, jumps = _strip_time_links(text, b, t)
    kind = _TYPE_IN_PARENS.search(text)
    if kind and kind["word"].lower() in TYPE_ALIASES:  # `Cathedral Light (documentary)`: a type, not a maker
        type_ = TYPE_ALIASES[kind["word"].lower()]
        text = text[: kind.start()]
    t = t if t is not None else t_at
    title, creator_text = split_title_creator(text)
    creator, inferred = split_creator(creator_text) if creator_text else (None, False)
    if link is None and b.links:
        href = next((h for _, h in b.links if h not in jumps), "")
        if href and not href.startswith("#"):
            link = href
    if t is None:
        t = time_from_links(b)
        if t is not None and link and ("t=" in link):
            link = None if link == next((h for _, h in b.links), None) and is_link_only(b) else link
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
    blocks = as_list_lines(blocks)
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

    titled = _cards_under_titles(blocks)
    if titled is not None:
        return [it for card in titled if (it := _card_of(card).item(default_type)) is not None]

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


def _card_of(blocks: list[Block]) -> _Card:
    card = _Card(None)
    for b in blocks:
        card.add(b)
    return card


def _cards_under_titles(blocks: list[Block]) -> list[list[Block]] | None:
    """Unlabelled cards whose titles are sub-headings (`<h4>The Patient Loaf</h4><p>by Ilse Marrow</p>…`): each
    heading and the blocks up to the next one; None when the section is not laid out that way (an intro
    paragraph above the first card is not an item)."""
    if any(b.kind == "bullet" for b in blocks):
        return None
    starts = [i for i, b in enumerate(blocks) if b.kind == "heading" and len(b.text) <= 120]
    if not starts:
        return None
    cards = [blocks[i: j] for i, j in zip(starts, starts[1:] + [len(blocks)], strict=True)]
    if not all(len(card) >= 2 for card in cards):
        return None  # bare headings without a body are sub-section names, not cards
    return cards


def _plausible_item_line(b: Block) -> bool:
    t = b.text
    if len(t) > 160 or buy_link(b)[0]:
        return False
    if BY_CREATOR.match(t) or (DASH_CREATOR.match(t) and not t.endswith((".", "!", "?"))):
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
