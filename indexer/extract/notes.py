"""Section extraction shared by notes pages and feed show notes: blocks → gist, reveals, facts, items, chapters,
guests."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.document import Chapter, Guest, Item
from indexer.extract.blocks import Block, html_blocks
from indexer.extract.chapters import chapter_runs, chapters_from_blocks
from indexer.extract.chrome import content_root, make_soup, strip_chrome
from indexer.extract.guests import guests_from_blocks, host_from_blocks
from indexer.extract.itemparts import is_item_label
from indexer.extract.items import items_from_blocks
from indexer.extract.sections import Section, find_sections, merged, section_name, split_inline_headings
from indexer.extract.textblocks import text_blocks
from indexer.textutil import clean


@dataclass
class Notes:
    """What the sections of a page (or a feed item's show notes) say."""

    summary: str | None = None
    gist: str | None = None
    reveals: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    guests: list[Guest] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    host: str | None = None
    #: blocks before the first recognised section (title, byline, summary live here on a page)
    head: list[Block] = field(default_factory=list)
    #: names of the sections found
    found: list[str] = field(default_factory=list)


_GLYPH = re.compile(r"^\s*(?:[•●◦▪▸►‣∙·*+→✓✔☑️]|[-–—](?=\s)|\d{1,2}[.)](?=\s))\s*")


def _bullet_texts(section: Section) -> list[str]:
    """Bullets of a section; paragraphs when it has no bullets (one fact per paragraph)."""
    blocks = [b for b in section.blocks if b.kind != "heading" or len(b.text) > 80]
    bullets = [b for b in blocks if b.kind == "bullet"]
    chosen = bullets or blocks
    out = []
    for b in chosen:
        t = clean(_GLYPH.sub("", b.text))
        if t:
            out.append(t)
    return out


def topics_from_blocks(blocks: list[Block]) -> list[str]:
    """`Tags: AI, China, GPUs` (or one tag per bullet / link) → the tags."""
    out: list[str] = []
    for b in blocks[:12]:
        parts = re.split(r"\s*[,;|·•#]\s*|\s{2,}", b.text) if b.kind != "bullet" else [b.text]
        for p in parts:
            p = clean(p).strip(" .#")
            if p and len(p) <= 40 and len(p.split()) <= 5 and p.lower() not in (t.lower() for t in out):
                out.append(p)
    return out


def _paragraphs(section: Section) -> str | None:
    texts = [clean(b.text) for b in section.blocks if b.kind != "heading" or len(b.text) > 80]
    texts = [t for t in texts if t]
    return "\n\n".join(texts) or None


def notes_from_blocks(blocks: list[Block], *, with_runs: bool = True) -> Notes:
    """Run the section extraction on blocks in reading order."""
    blocks = split_inline_headings(blocks)
    head, ordered = find_sections(blocks)
    sections = merged(ordered)
    notes = Notes(head=head, found=list(sections))
    if "gist" in sections:
        notes.gist = _paragraphs(sections["gist"])
    if "reveals" in sections:
        notes.reveals = _bullet_texts(sections["reveals"])
    if "facts" in sections:
        notes.facts = _bullet_texts(sections["facts"])
    if "topics" in sections:
        notes.topics = topics_from_blocks(sections["topics"].blocks)
    if "host" in sections:
        notes.host = host_from_blocks(sections["host"].blocks)
    if "guests" in sections:
        notes.guests = guests_from_blocks(sections["guests"].blocks)
    for sec in ordered:
        if sec.name == "items":
            notes.items.extend(items_from_blocks(sec.blocks, sec.heading.text if sec.heading else None,
                                                 notes.warnings))
    if "chapters" in sections:
        notes.chapters = chapters_from_blocks(sections["chapters"].blocks)
    if not notes.chapters and with_runs:
        outside = [b for b in blocks if not is_item_label(b.text)]
        notes.chapters = chapter_runs(_outside_items(outside, sections))
    return notes


def _outside_items(blocks: list[Block], sections: dict[str, Section]) -> list[Block]:
    skip = set()
    if "items" in sections:
        skip = {id(b) for b in sections["items"].blocks}
    return [b for b in blocks if id(b) not in skip]


def notes_from_html(html: str) -> Notes:
    """Section extraction on an HTML fragment or page (a feed item's `content:encoded` / `description`).

    Never raises: notes it cannot read come back as their plain text in `gist`, with a warning."""
    if not html or not html.strip():
        return Notes()
    try:
        return _notes_from_html(html)
    except Exception as exc:  # one odd item must not sink a whole feed
        text = clean(re.sub(r"<[^>]+>", " ", html))
        return Notes(gist=text or None, warnings=[f"could not read the show notes: {type(exc).__name__}: {exc}"])


def _notes_from_html(html: str) -> Notes:
    if "<" not in html:
        return notes_from_blocks(text_blocks(html))
    soup = make_soup(html)
    root = content_root(soup)
    strip_chrome(root, section_test=lambda t: section_name(t) not in (None, "stop"))
    blocks = html_blocks(root)
    notes = notes_from_blocks(blocks)
    if notes.summary is None:
        first = next((b for b in notes.head if b.kind == "para" and len(b.text) > 20), None)
        if first is not None:
            notes.summary = first.text
    return notes
