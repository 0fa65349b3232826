"""HTML or plain text → a flat list of reader-visible blocks (heading / paragraph / bullet), chrome removed.

Everything downstream (sections, items, guests, chapters) works on these blocks, so a page's markup only
matters here. The lists of what counts as chrome are data (module-level tuples), trafilatura-style.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import PreformattedString

from indexer.textutil import clean

# --------------------------------------------------------------------------------------------------------------
# Chrome: what a reader does not consider part of the episode notes.

#: Elements dropped wherever they are.
DROP_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "form", "button",
    "select", "input", "textarea", "nav", "aside", "footer", "dialog", "audio", "video", "map", "link", "meta",
)
#: Dropped tags that are kept inside a <blockquote> or <figure> (where they carry the quote's attribution).
KEEP_INSIDE_QUOTE: tuple[str, ...] = ("footer",)
#: Elements dropped unless they hold the page's main heading (a site header vs an article's own header).
DROP_UNLESS_TITLE_TAGS: tuple[str, ...] = ("header",)
#: Words in class / id / role / aria-label that mark chrome (matched as whole words of the attribute).
CHROME_WORDS: tuple[str, ...] = (
    "nav", "navbar", "navigation", "menu", "menubar", "submenu", "cookie", "cookies", "consent", "gdpr", "banner",
    "footer", "sidebar", "side-bar", "related", "share", "sharing", "sharer", "social", "comment", "comments",
    "respond", "advert", "advertisement", "ad", "ads", "adsense", "sponsored-content", "promo", "newsletter",
    "subscribe", "subscription", "signup", "popup", "modal", "breadcrumb", "breadcrumbs", "widget", "skip",
    "skiplink", "masthead", "site-header", "site-footer", "toolbar", "pagination", "pager", "author-box",
    "authorbox", "disqus", "recommended-posts", "more-episodes", "tags-list", "jump",
)
#: Fragments that mark chrome anywhere inside a class or id (`jp-relatedposts`, `sharedaddy`, `cookie_notice`).
CHROME_FRAGMENTS: tuple[str, ...] = (
    "cookie", "consent", "gdpr", "relatedpost", "related-post", "related_post", "newsletter", "sidebar",
    "breadcrumb", "advert", "sharedaddy", "sharing", "share-", "social-", "popup", "subscribe", "signup",
    "sign-up", "comment-", "comments", "disqus", "skip-link", "menu-", "-menu", "navbar", "site-nav",
)
#: ARIA roles that mark chrome.
CHROME_ROLES: tuple[str, ...] = (
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar",
)
_CHROME_WORD_SET = frozenset(CHROME_WORDS)
#: Classes that hide text from sighted readers.
HIDDEN_WORDS: tuple[str, ...] = ("sr-only", "visually-hidden", "screen-reader-text", "hidden", "d-none", "hide")
#: Containers preferred as the content root, best first.
CONTENT_ROOT_SELECTORS: tuple[str, ...] = (
    "main", "[role=main]", "article", "#content", ".entry-content", ".post-content", ".content",
)

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
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


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

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"


# --------------------------------------------------------------------------------------------------------------
# Decoding

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def decode_bytes(data: bytes, html: bool = False) -> str:
    """Text from raw bytes: BOM, then a declared charset, then UTF-8, then cp1252 (never raises)."""
    boms = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    for bom, enc in boms:
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    declared = None
    if html:
        m = _META_CHARSET.search(data[:8192]) or _XML_ENCODING.search(data[:512])
        if m:
            declared = m[1].decode("ascii", "ignore").lower()
    if declared:
        if declared in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso8859-1", "l1"):
            declared = "cp1252"  # what browsers do, and a superset for printable text
        try:
            codecs.lookup(declared)
        except LookupError:
            declared = None
    if declared and declared not in ("utf-8", "utf8"):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------------------------------------------
# HTML


def make_soup(text: str) -> BeautifulSoup:
    """BeautifulSoup with lxml; html.parser when lxml cannot cope."""
    try:
        soup = BeautifulSoup(text, "lxml")
        if soup.find(True) is not None or not text.strip():
            return soup
    except Exception:  # lxml refuses some inputs; the stdlib parser takes anything
        pass
    return BeautifulSoup(text, "html.parser")


def _attr_words(el: Tag) -> set[str]:
    words: set[str] = set()
    for attr in ("class", "id"):
        value = el.get(attr)
        if not value:
            continue
        if isinstance(value, list):
            value = " ".join(value)
        for token in str(value).lower().split():
            words.add(token)
            words.update(p for p in re.split(r"[-_:]+", token) if p)
            # also joined neighbours, so "site-footer" or "cookie_banner" match as one word
            parts = [p for p in re.split(r"[-_:]+", token) if p]
            words.update("-".join(parts[i:i + 2]) for i in range(len(parts) - 1))
    return words


def _is_hidden(el: Tag) -> bool:
    if el.has_attr("hidden") or el.get("aria-hidden") == "true":
        return True
    style = el.get("style") or ""
    if style and _HIDDEN_STYLE.search(style):
        return True
    return bool(_attr_words(el) & set(HIDDEN_WORDS))


def is_chrome(el: Tag) -> bool:
    """Does this element's class, id or role say navigation, cookie banner, footer, sharing, comments …?"""
    if el.name in ("html", "body", "main", "article"):
        return False
    role = (el.get("role") or "").lower()
    if role in CHROME_ROLES:
        return True
    words = _attr_words(el)
    if words & _CHROME_WORD_SET:
        return True
    joined = " ".join(words)
    if any(f in joined for f in CHROME_FRAGMENTS):
        return True
    label = (el.get("aria-label") or "").lower()
    return bool(label) and bool(set(re.split(r"\W+", label)) & _CHROME_WORD_SET)


def _text_len(el: Tag) -> int:
    return len(clean(el.get_text(" ")))


def strip_chrome(root: Tag, protect: Tag | None = None, section_test=None) -> None:
    """Remove chrome elements from `root` in place.

    An element whose class says chrome survives when it is the protected element (the page's h1), holds it,
    holds two or more recognised section headings (`section_test` says which texts are headings), or holds
    most of the page's text: a content wrapper that happens to be called `share-enabled` is not a share bar.
    """
    for node in root.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    drop = set(DROP_TAGS)
    total = None
    marked: set[int] = set()
    doomed: list[Tag] = []

    def inside_marked(el: Tag) -> bool:
        p = el.parent
        while p is not None and p is not root:
            if id(p) in marked:
                return True
            p = p.parent
        return False

    for el in root.find_all(True):  # document order: an element comes before its descendants
        if marked and inside_marked(el):
            continue
        remove = False
        if el.name in drop:
            # <blockquote>…<footer>— Name 01:02</footer></blockquote> is the attribution, not a page footer;
            # <button>The gist</button> over an accordion panel is a heading, not a control
            remove = not (el.name in KEEP_INSIDE_QUOTE and el.find_parent(("blockquote", "figure")) is not None
                          or el.name == "button" and section_test is not None and section_test(el.get_text(" ")))
        elif el.name in DROP_UNLESS_TITLE_TAGS:
            # a site header goes; an article's own header (title, byline, date) stays
            inside_content = el.find_parent(("article", "main")) is not None
            remove = el.find("h1") is None and not _holds_sections(el, section_test) and (
                not inside_content or is_chrome(el))
        elif _is_hidden(el) and el.name not in ("html", "body"):
            remove = True
        elif is_chrome(el) and not (protect is not None and (el is protect or protect in el.descendants)):
            if total is None:
                total = max(_text_len(root), 1)
            remove = not (_holds_sections(el, section_test) or _text_len(el) > 0.5 * total)
        if remove:
            marked.add(id(el))
            doomed.append(el)
    for el in doomed:
        el.decompose()


def _holds_sections(el: Tag, section_test) -> bool:
    if section_test is None:
        return False
    hits = 0
    for h in el.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "dt", "th", "strong", "b"]):
        if section_test(h.get_text(" ")):
            hits += 1
            if hits >= 2:
                return True
    return False


def content_root(soup: BeautifulSoup) -> Tag:
    """The element holding the episode notes: <main>, the <article> with the h1 or the most text, else <body>."""
    body = soup.body or soup
    mains = [m for m in soup.find_all("main") if _text_len(m) > 0]
    if not mains:
        mains = [m for m in soup.find_all(attrs={"role": "main"}) if _text_len(m) > 0]
    if mains:
        return max(mains, key=_text_len)
    articles = [a for a in soup.find_all("article") if _text_len(a) > 0]
    if articles:
        with_h1 = [a for a in articles if a.find("h1") is not None]
        best = max(with_h1 or articles, key=_text_len)
        if _text_len(best) >= 0.3 * max(_text_len(body), 1):
            return best
    return body


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
        try:
            self._walk(el, group, kind)
        finally:
            self.stack.pop()

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


# --------------------------------------------------------------------------------------------------------------
# Plain text (and markdown-ish text)

BULLET_GLYPHS: tuple[str, ...] = ("•", "●", "◦", "▪", "▸", "►", "‣", "∙", "·", "*", "-", "–", "—", "+", "→")
_BULLET = re.compile(r"^\s*(?:[•●◦▪▸►‣∙·*+→]|[-–—](?!-)|\d{1,2}[.)](?=\s+\D))\s+(?=\S)")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((\S+?)\)")
_MD_EMPH = re.compile(
    r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])")
_BARE_URL = re.compile(r"https?://\S+")
_RULE = re.compile(r"^\s*([-*_=~]\s*){3,}$")


def _strip_md(text: str) -> tuple[str, list[tuple[str, str]], bool]:
    """Markdown inline → plain text, links, and whether the whole line was bold."""
    links = [(clean(t), u) for t, u in _MD_LINK.findall(text)]
    text = _MD_LINK.sub(lambda m: m[1], text)
    stripped = text.strip()
    whole_bold = bool(re.fullmatch(r"(\*\*|__)(.+?)\1:?", stripped))
    text = _MD_EMPH.sub(lambda m: m[2] or m[3] or m[4] or "", text)
    for url in _BARE_URL.findall(text):
        links.append((url, url.rstrip(".,);")))
    return text, links, whole_bold


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text file breaks its lines at (None when lines run as long as they like)."""
    lengths = [len(x.rstrip()) for x in lines if x.strip()]
    if len(lengths) < 8:
        return None
    best, best_near = None, 0
    for width in range(50, 101):
        near = sum(1 for n in lengths if width - 15 <= n <= width)
        longer = sum(1 for n in lengths if n > width)
        if longer <= 0.1 * len(lengths) and near > best_near:
            best, best_near = width, near
    return best if best is not None and best_near >= 0.4 * len(lengths) else None


def unwrap(text: str) -> str:
    """Join the lines of hard-wrapped paragraphs (a bullet's continuation lines join the bullet)."""
    lines = normalize_newlines(text).split("\n")
    width = _wrap_width(lines)
    if width is None:
        return "\n".join(lines)
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        starts_new = (not line.strip() or _BULLET.match(line) or _MD_HEADING.match(line)
                      or line.lstrip().startswith(">") or _RULE.match(line))
        if out and prev.strip() and not starts_new and len(prev.rstrip()) >= width - 20 \
                and not _MD_HEADING.match(prev):
            joiner = "" if re.search(r"[^\W\d]-$", prev.rstrip()) else " "  # `over-` / `optimization`
            out[-1] = prev.rstrip() + joiner + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def text_blocks(text: str) -> list[Block]:
    """Lines of a text page → blocks: `#` headings, glyph bullets, paragraphs (one block per line)."""
    blocks: list[Block] = []
    group = 0
    for raw in unwrap(text).split("\n"):
        if not raw.strip() or _RULE.match(raw):
            continue
        m = _MD_HEADING.match(raw)
        if m:
            body, links, _ = _strip_md(m[2])
            body = clean(body)
            if body:
                blocks.append(Block("heading", body, len(m[1]), "md", links))
            continue
        if raw.lstrip().startswith(">"):
            body, links, _ = _strip_md(re.sub(r"^\s*(>\s?)+", "", raw))
            body = clean(body)
            if body:
                q = re.match(r"^[“\"](.+?)[”\"]", body)
                blocks.append(Block("para", body, 0, "blockquote", links, q[0] if q else body))
            continue
        m = _BULLET.match(raw)
        if m:
            body, links, _ = _strip_md(raw[m.end():])
            body = clean(body)
            if body:
                group += 1
                blocks.append(Block("bullet", body, 0, "line", links, group=-group))
            continue
        body, links, whole_bold = _strip_md(raw)
        body = clean(body)
        if not body:
            continue
        if whole_bold and len(body) <= 100:
            blocks.append(Block("heading", body.rstrip(":").strip() + (":" if body.endswith(":") else ""),
                                PSEUDO_LEVEL, "md-bold", links))
            continue
        lead = re.match(r"^\s*(\*\*|__)(.+?)\1", raw)
        blocks.append(Block("para", body, 0, "line", links, lead=clean(lead[2]) if lead else None))
    return blocks
