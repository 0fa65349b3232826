"""HTML → a flat list of reader-visible blocks (heading / paragraph / bullet) in reading order.

Everything downstream (sections, items, guests, chapters) works on these blocks, so a page's markup only
matters here (and in `chrome`, which removes site furniture first; `textblocks` does the same for text pages).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from indexer.textutil import clean

BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "ul", "caption",
))
HEADING_TAGS = {f"h{i}": i for i in range(1, 7)}
#: Level given to things that look like headings without being h1–h6 (bold paragraphs, dt, th, styled divs).
PSEUDO_LEVEL = 7
_STYLED_HEADING = re.compile(
    r"(?:^|[\s_-])(heading|headline|title|label|section-title|subhead|kicker)(?:$|[\s_-])", re.I)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)



@dataclass
class Block:
    """One line or paragraph a reader sees."""

    kind: str  # "heading" | "para" | "bullet"
    text: str
    level: int = 0  # 1–6 for h1–h6, PSEUDO_LEVEL for bold/dt/th/styled headings, 0 otherwise
    form: str = "line"  # the markup that made it: h2, strong, dt, th, styled, li, p, blockquote, line, md …
    links: list[tuple[str, str]] = field(default_factory=list)  # (anchor text, href)
    quote: str | None = None  # text of a <q> / <blockquote> inside it
    group: int | None = None  # blocks of one list item / card share a group
    times: list[str] = field(default_factory=list)  # datetime attributes of <time> inside it
    cells: list[tuple[str, str, list[tuple[str, str]]]] = field(default_factory=list)  # (column, text, links)
    path: tuple[int, ...] = ()  # ids of the elements it sits in, outermost first (HTML only)
    lead: str | None = None  # a bold lead-in at its start (`<strong>The gist</strong> In this …`)


def _is_block(el: Tag) -> bool:
    return el.name in BLOCK_TAGS


_BLOCK_MEMO = threading.local()


def _has_block_child(el: Tag) -> bool:
    """Does any descendant start a new block? (memoized per walk: the walk asks about every level)"""
    memo: dict[int, bool] | None = getattr(_BLOCK_MEMO, "memo", None)
    if memo is not None:
        cached = memo.get(id(el))
        if cached is not None:
            return cached
    result = any(isinstance(c, Tag) and (_is_block(c) or _has_block_child(c)) for c in el.children)
    if memo is not None:
        memo[id(el)] = result
    return result


#: What a <br> becomes inside collected inline text (source newlines are only whitespace).
BR = "\x1e"


class _Run:
    """Inline content collected between block elements."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.quotes: list[str] = []
        self.times: list[str] = []
        self.bold_chars = 0
        self.first_bold: str | None = None  # text of a leading <strong>/<b>
        self.started = False

    def text(self) -> str:
        return "".join(self.parts)


def _collect_inline(node, run: _Run, bold: bool = False) -> None:
    if isinstance(node, PreformattedString):  # comments, doctype, CDATA, processing instructions
        return
    if isinstance(node, NavigableString):
        s = str(node)
        run.parts.append(s)
        if s.strip():
            if bold:
                run.bold_chars += len(clean(s))
            run.started = True
        return
    if not isinstance(node, Tag):
        return
    if node.name == "br":
        run.parts.append(BR)
        return
    if node.name in ("img", "picture", "source", "wbr"):
        return
    is_bold = bold or node.name in ("strong", "b") or bool(_BOLD_STYLE.search(node.get("style") or ""))
    if node.name in ("strong", "b") and not run.started and run.first_bold is None:
        run.first_bold = clean(node.get_text())
    if node.name == "a" and node.get("href"):
        run.links.append((clean(node.get_text(" ")), node["href"].strip()))
    if node.name == "q":
        run.quotes.append(clean(node.get_text(" ")))
    if node.name == "time":
        run.times.append(node.get("datetime") or clean(node.get_text(" ")))
    for child in node.children:
        _collect_inline(child, run, is_bold)


class _PathList(list):
    """Blocks that remember which elements they were found in (so item cards can be told apart)."""

    def __init__(self, stack: list[int]) -> None:
        super().__init__()
        self._stack = stack

    def append(self, block: Block) -> None:  # type: ignore[override]
        block.path = tuple(self._stack)
        super().append(block)


class _Flattener:
    def __init__(self) -> None:
        self.stack: list[int] = []
        self.blocks: list[Block] = _PathList(self.stack)
        self._group_seq = 0

    def new_group(self) -> int:
        self._group_seq += 1
        return self._group_seq

    def emit_run(self, run: _Run, el: Tag | None, kind: str, group: int | None, form: str,
                 level: int = 0) -> None:
        raw = run.text()
        lines = [clean(x) for x in raw.split(BR)]
        lines = [x for x in lines if x]
        if not lines:
            return
        total = len(clean(raw.replace(BR, " ")))
        styled = el is not None and _looks_styled_heading(el)
        bold_all = run.bold_chars >= total * 0.95 and total > 0
        if len(lines) > 1 and group is None:
            group = self.new_group()
        quote = run.quotes[0] if run.quotes else None
        for i, line in enumerate(lines):
            k, lev, f = kind, level, form
            if k == "para" and len(lines) == 1 and len(line) <= 100 and (bold_all or styled):
                k, lev, f = "heading", PSEUDO_LEVEL, "strong" if bold_all else "styled"
            elif k == "para" and i == 0 and run.first_bold and len(lines) == 1 and line.startswith(run.first_bold) \
                    and (run.first_bold.endswith(":") or line[len(run.first_bold):].lstrip().startswith(":")):
                # <p><strong>The gist:</strong> In this episode …</p> → heading + paragraph
                head = run.first_bold.rstrip(":").strip()
                rest = clean(line[len(run.first_bold):]).lstrip(":—–- ").strip()
                if rest and len(head) <= 60:
                    self.blocks.append(Block("heading", head, PSEUDO_LEVEL, "strong-lead", [], None, group,
                                             []))
                    self.blocks.append(Block("para", rest, 0, form, list(run.links), quote, group,
                                             list(run.times)))
                    continue
            links = [lk for lk in run.links if lk[0] and lk[0] in line] or (run.links if len(lines) == 1 else [])
            self.blocks.append(Block(k, line, lev, f, links, quote if len(lines) == 1 or i == 0 else None,
                                     group, list(run.times),
                                     lead=run.first_bold if i == 0 and k != "heading" else None))

    def walk(self, el: Tag, group: int | None = None, kind: str = "para") -> None:
        self.stack.append(id(el))
        first = len(self.blocks)
        try:
            self._walk(el, group, kind)
        finally:
            self.stack.pop()
        if el.name == "a" and el.get("href") and len(self.blocks) > first:
            # a link wrapped around blocks (`<a href><div>Find it on Bookshop</div></a>`): they carry its href
            for b in self.blocks[first:]:
                if not b.links:
                    b.links = [(b.text, el["href"].strip())]

    def _walk(self, el: Tag, group: int | None = None, kind: str = "para") -> None:
        name = el.name
        if el.get("role") == "heading" and not _has_block_child(el):
            run = _Run()
            _collect_inline(el, run)
            text = clean(run.text().replace(BR, " "))
            level = str(el.get("aria-level") or "")
            if text:
                self.blocks.append(Block("heading", text, int(level) if level.isdigit() and 1 <= int(level) <= 6
                                         else PSEUDO_LEVEL, "role", run.links, None, group, run.times))
            return
        if name in HEADING_TAGS:
            run = _Run()
            _collect_inline(el, run)
            text = clean(run.text().replace(BR, " "))
            if text:
                self.blocks.append(Block("heading", text, HEADING_TAGS[name], name, run.links, None, group,
                                         run.times))
            return
        if name in ("dt", "th", "summary", "caption", "legend") and not _has_block_child(el):
            run = _Run()
            _collect_inline(el, run)
            text = clean(run.text().replace(BR, " "))
            if text:
                self.blocks.append(Block("heading", text, PSEUDO_LEVEL, name, run.links, None, group, run.times))
            return
        if name == "blockquote":
            run = _Run()
            _collect_inline(el, run)
            text = clean(run.text().replace(BR, " "))
            attribution = el.find(["footer", "cite", "figcaption"])
            quote = text
            if attribution is not None:
                attr_text = clean(attribution.get_text(" "))
                if attr_text and text.endswith(attr_text):
                    quote = clean(text[: -len(attr_text)])
            if text:
                self.blocks.append(Block("para", text, 0, "blockquote", run.links, quote, group, run.times))
            return
        if name == "li":
            g = self.new_group()
            if not _has_block_child(el) or _single_para_li(el):
                run = _Run()
                _collect_inline(el, run)
                self.emit_run(run, None, "bullet", g, "li")
                return
            self._walk_children(el, g, "bullet")
            return
        if name == "table":
            self._table(el, group)
            return
        if name in ("ul", "ol", "dl", "tbody", "thead", "tfoot"):
            self._walk_children(el, group, kind)
            return
        if name == "dd":
            self._walk_children(el, group, "para")
            return
        self._walk_children(el, group, kind)

    def _table(self, table: Tag, group: int | None) -> None:
        caption = table.find("caption")
        if caption is not None and caption.find_parent("table") is table:
            self.walk(caption, group)
        rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        headers: list[str] = []
        if rows:
            first = [c for c in rows[0].find_all(["td", "th"], recursive=False)]
            in_thead = rows[0].find_parent("thead") is not None
            if len(first) >= 2 and (all(c.name == "th" for c in first) or in_thead):
                headers = [clean(c.get_text(" ")) for c in first]
                rows = rows[1:]
        for tr in rows:
            cells = [c for c in tr.find_all(["td", "th"], recursive=False)]
            if not cells:
                continue
            inline = not any(_has_block_child(c) for c in cells)
            if len(cells) >= 2 and inline and (headers or all(c.name == "td" for c in cells)):
                record = []
                for i, c in enumerate(cells):
                    text = clean(c.get_text(" "))
                    links = [(clean(a.get_text(" ")), a["href"].strip()) for a in c.find_all("a", href=True)]
                    record.append((headers[i] if i < len(headers) else "", text, links))
                texts = [t for _, t, _ in record if t and t not in ("—", "-", "–")]
                links = [lk for _, _, lks in record for lk in lks]
                if texts:
                    self.blocks.append(Block("para", " — ".join(texts), 0, "tr", links, None, self.new_group(),
                                             [], record))
                continue
            for c in cells:
                self.walk(c, group, "para")

    def _walk_children(self, el: Tag, group: int | None, kind: str) -> None:
        run = _Run()
        first = True
        for child in el.children:
            if isinstance(child, Tag) and (_is_block(child) or _has_block_child(child)):
                self.emit_run(run, el if first else None, "bullet" if kind == "bullet" and first else "para",
                              group, el.name if el.name else "div")
                if run.started:
                    first = False
                run = _Run()
                self.walk(child, group, "para" if kind == "bullet" else kind)
                first = False
            else:
                _collect_inline(child, run)
        if kind == "bullet" and first:
            self.emit_run(run, None, "bullet", group, "li")
        else:
            self.emit_run(run, el, "para", group, el.name or "div")


def _single_para_li(el: Tag) -> bool:
    blocks = [c for c in el.children if isinstance(c, Tag) and (_is_block(c) or _has_block_child(c))]
    return len(blocks) == 1 and blocks[0].name in ("p", "div", "span") and not _has_block_child(blocks[0])


def _looks_styled_heading(el: Tag) -> bool:
    if el.name not in ("div", "p", "span", "section"):
        return False
    if el.get("role") == "heading":
        return True
    cls = el.get("class") or []
    cls = " ".join(cls) if isinstance(cls, list) else str(cls)
    if _STYLED_HEADING.search(cls) or _STYLED_HEADING.search(el.get("id") or ""):
        return True
    return bool(_BOLD_STYLE.search(el.get("style") or ""))


#: Deeper nesting than this is flattened before the (recursive) walk; real pages stay far below it.
MAX_DEPTH = 150


def cap_depth(root: Tag, limit: int = MAX_DEPTH) -> None:
    """Unwrap elements nested deeper than `limit` (their text stays, in place), so pathological pages parse."""
    deep: list[Tag] = []
    stack: list[tuple[Tag, int]] = [(root, 0)]
    while stack:
        el, depth = stack.pop()
        if depth > limit:
            deep.append(el)
        stack.extend((c, depth + 1) for c in el.children if isinstance(c, Tag))
    soup = next((p for p in [root, *root.parents] if isinstance(p, BeautifulSoup)), None)
    for el in deep:
        if soup is not None and (el.name in BLOCK_TAGS or el.name in HEADING_TAGS):
            el.insert_after(soup.new_tag("br"))  # keep the line break the block made
        el.unwrap()


def html_blocks(root: Tag) -> list[Block]:
    """Flatten an (already de-chromed) element into blocks in reading order."""
    cap_depth(root)
    flat = _Flattener()
    _BLOCK_MEMO.memo = {}
    try:
        flat.walk(root)
    finally:
        _BLOCK_MEMO.memo = None
    return [b for b in flat.blocks if b.text]
