"""Plain text and markdown-ish pages → blocks: `#` headings, glyph bullets, bold lines, hard wraps undone."""

from __future__ import annotations

import re

from indexer.extract.blocks import PSEUDO_LEVEL, Block
from indexer.extract.decoding import normalize_newlines
from indexer.textutil import clean

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
