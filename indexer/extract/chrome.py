"""Chrome removal: what a reader does not consider part of the episode notes (lists as data), and the content root.

The lists are module-level tuples, trafilatura-style, so a new kind of site furniture is a data change.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Tag

from indexer.textutil import clean

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
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


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
    if el.has_attr("hidden") or el.has_attr("fallback") or el.get("aria-hidden") == "true":
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


def drop_other_articles(root: Tag, main_heading: Tag | None) -> None:
    """Remove `<article>` teasers of other episodes (post cards under or beside the one holding the title).

    Only when the page's title sits in an article of its own: then every article that neither holds it nor
    sits around it is another post's card, however its class is named."""
    if main_heading is None:
        return
    own = main_heading.find_parent("article")
    if own is None:
        return
    around = {id(p) for p in main_heading.parents}
    for other in root.find_all("article"):
        if id(other) not in around and own not in other.parents and other.decomposed is False:
            other.decompose()


#: An episode marker in a teaser card (`#30 –`, `Ep. 56:`, `Folge 7:`).
_EPISODE_MARK = re.compile(r"(?:^|\s)(?:#\d{1,4}\b|(?:ep\.?|episode|épisode|episodio|folge|aflevering|puntata)"
                           r"\s*#?\d{1,4}\b)", re.I)


def drop_teaser_runs(root: Tag, main_heading: Tag | None) -> None:
    """Remove runs of two or more sibling cards that each link to another episode and name it by number or
    date (a sidebar or rail of teasers, whatever its class and with no `Recent episodes` heading over it)."""
    from indexer.extract.head import find_date  # head → titles → …: imported late to keep chrome a leaf

    def teaser(el: Tag) -> bool:
        text = clean(el.get_text(" "))
        return el.name not in ("p", "a", "span") and el.find("a", href=True) is not None and 0 < len(text) <= 160 \
            and (main_heading is None or (el is not main_heading and main_heading not in el.descendants)) \
            and bool(_EPISODE_MARK.search(text) or find_date(text))

    doomed: list[Tag] = []
    for parent in root.find_all(True):
        run: list[Tag] = []
        for child in [c for c in parent.children if isinstance(c, Tag)] + [None]:
            if child is not None and teaser(child):
                run.append(child)
                continue
            if len(run) >= 2:
                doomed.extend(run)
            run = []
    for el in doomed:
        if not el.decomposed:
            el.decompose()
