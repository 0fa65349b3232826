"""Render the example episode in randomly combined markups (heading forms, synonyms, bullet styles, item card
layouts, quote and attribution styles, title and byline forms, chrome) for the variant tests."""

from __future__ import annotations

import html as _html
import json
import random
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent / "fixtures" / "pages" / "000_d6705ca9813b8c93.expected.json"
D = json.loads(EXAMPLE.read_text(encoding="utf-8"))
e = _html.escape

SYNONYMS = {
    "guests": ["The guest", "The guests", "Guests", "About the guests", "Guest"],
    "gist": ["The gist", "Summary", "Overview", "Episode summary", "TL;DR"],
    "reveals": ["Big reveals", "Key takeaways", "Highlights", "Takeaways"],
    "facts": ["Things worth remembering", "Notable facts", "Key facts", "Fun facts"],
    "items": ["Recommended in this episode", "Recommendations", "Resources", "Mentioned in this episode"],
}
CHROME = [
    '<nav class="top"><a href="/">Home</a> <a href="/episodes">Episodes</a> <a href="/about">About us</a></nav>',
    '<div id="cookie-consent">We use cookies. <a href="#">Accept cookies</a></div>',
    '<div class="newsletter-box"><p>Subscribe to our newsletter</p></div>',
    '<aside class="sidebar"><h3>Popular</h3><ul><li>Another show #12</li></ul></aside>',
    '<div class="share-buttons"><a>Share on X</a><a>Share on Facebook</a></div>',
]
FOOTER = '<footer><p>© 2026 Notes Site. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>'


def hms(t: int) -> str:
    return f"{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d}"


def _case(rng: random.Random, text: str) -> str:
    text = rng.choice([text, text.upper(), text.title(), text.lower()])
    return text + rng.choice(["", ":", " :"]) if not text.endswith(":") else text


def heading(rng: random.Random, text: str, style: str) -> str:
    t = e(_case(rng, text))
    return {
        "h2": f"<h2>{t}</h2>", "h3": f"<h3>{t}</h3>", "h4": f"<h4 class='wp-block-heading'>{t}</h4>",
        "strong": f"<p><strong>{t}</strong></p>", "b": f"<p><b>{t}</b></p>",
        "div": f'<div class="section-title">{t}</div>', "styled": f'<div style="font-weight:700">{t}</div>',
        "role": f'<div role="heading" aria-level="2">{t}</div>',
    }[style]


def bullets(rng: random.Random, items: list[str], style: str) -> str:
    if style == "ul":
        return "<ul>" + "".join(f"<li>{e(x)}</li>" for x in items) + "</ul>"
    if style == "ol":
        return "<ol>\n" + "\n".join(f"  <li>{e(x)}" for x in items) + "\n</ol>"  # unclosed li
    if style == "lip":
        return "<ul>" + "".join(f"<li><p>{e(x)}</p></li>" for x in items) + "</ul>"
    if style == "div":
        return "".join(f'<div class="row">{rng.choice(["•", "–", "-", "*"])} {e(x)}</div>' for x in items)
    if style == "p":
        return "".join(f"<p>{e(x)}</p>" for x in items)
    return "<p>" + "<br>\n".join(f"• {e(x)}" for x in items) + "</p>"


GUEST_LINE = "Sebastian Raschka and Nathan Lambert — " + " ".join(g["bio"] for g in D["guests"])


def guests(rng: random.Random) -> str:
    style = rng.choice(["line", "dl", "names", "bold-names"])
    if style == "line":
        return f"<p>{e(GUEST_LINE)}</p>"
    if style == "dl":
        return "<dl>" + "".join(f"<dt>{e(g['name'])}</dt><dd>{e(g['bio'])}</dd>" for g in D["guests"]) + "</dl>"
    if style == "names":
        return "".join(f"<h4>{e(g['name'])}</h4><p>{e(g['bio'])}</p>" for g in D["guests"])
    return "<p>Sebastian Raschka and Nathan Lambert</p>" + "".join(f"<p>{e(g['bio'])}</p>" for g in D["guests"])


def _label(it: dict, rng: random.Random) -> tuple[str, str]:
    rel = ("Guest’s own" if rng.random() < 0.5 else "Guest's own") if it["relation"] == "guest_own" else "Recommended"
    return rel, it["type"].capitalize()


def _creator(it: dict) -> str:
    return it["creator"] + (" (inferred)" if it["creator_inferred"] else "")


def _quote_html(rng: random.Random, it: dict, style: str) -> str:
    q, sp, t = e(it["quote"]), e(it["speaker"]), it["t"]
    link = f"https://www.youtube.com/watch?v=abc&amp;t={t}s"
    return {
        "blockquote-footer": f"<blockquote><p>“{q}”</p><footer>— {sp} {hms(t)}</footer></blockquote>",
        "blockquote-cite": f"<blockquote>“{q}” <cite>{sp}, {hms(t)}</cite></blockquote>",
        "q": f'<p><q>{q}</q> — {sp} <a href="{link}">{hms(t)}</a></p>',
        "p-curly": f"<p>“{q}” — {sp} {hms(t)}</p>",
        "p-straight": f'<p>"{q}" - {sp} ({hms(t)})</p>',
        "separate": f'<p class="quote">“{q}”</p><p class="who">{sp} · {hms(t)}</p>',
        "link-only": f'<p class="quote">“{q}”</p><p>— <a href="{link}">{sp}</a></p>',
    }[style]


def items(rng: random.Random) -> str:
    layout = rng.choice(["cards", "badge-after", "table", "lines", "br"])
    qstyle = rng.choice(["blockquote-footer", "blockquote-cite", "q", "p-curly", "p-straight", "separate",
                         "link-only"])
    intro = "<p>Books, products and media the guest or host genuinely endorsed here.</p>"
    out = [intro] if rng.random() < 0.7 else []
    if layout == "table":
        out.append("<table><thead><tr><th>Type</th><th>Title</th><th>Author</th><th>Quote</th><th>Speaker</th>"
                   "<th>Time</th></tr></thead><tbody>")
        for it in D["items"]:
            rel, typ = _label(it, rng)
            out.append(f"<tr><td>{e(rel)} {e(typ.lower())}</td><td>{e(it['title'])}</td><td>{e(_creator(it))}</td>"
                       f"<td>“{e(it['quote'])}”</td><td>{e(it['speaker'])}</td><td>{hms(it['t'])}</td></tr>")
        out.append("</tbody></table>")
        return "\n".join(out)
    if layout == "lines":
        out.append("<ul>")
        for it in D["items"]:
            rel, typ = _label(it, rng)
            out.append(f"<li><strong>{e(rel)} {e(typ.lower())}:</strong> <em>{e(it['title'])}</em> by "
                       f"{e(_creator(it))} — “{e(it['quote'])}” — {e(it['speaker'])} ({hms(it['t'])})</li>")
        out.append("</ul>")
        return "\n".join(out)
    for it in D["items"]:
        rel, typ = _label(it, rng)
        sep = rng.choice(["", " "])
        label = f'<div class="label"><span>{e(rel)}</span>{sep}<span>{e(typ)}</span></div>'
        title = rng.choice([f"<h3>{e(it['title'])}</h3>", f"<p><strong>{e(it['title'])}</strong></p>",
                            f'<div class="title">{e(it["title"])}</div>'])
        creator = rng.choice([f"<p>{e(_creator(it))}</p>", f'<p class="by">by {e(_creator(it))}</p>'])
        buy = '<p><a href="https://shop.example/x">Find it on Amazon</a></p>'
        if layout == "br":
            q = f"“{e(it['quote'])}” — {e(it['speaker'])} {hms(it['t'])}"
            out.append(f"<p><b>{e(rel)}{sep}{e(typ)}</b><br>{e(it['title'])}<br>{e(_creator(it))}<br>{q}<br>"
                       f'<a href="https://shop.example/x">Find it on Amazon</a></p>')
            continue
        body = _quote_html(rng, it, qstyle)
        parts = [title, label] if layout == "badge-after" else [label, title]
        out.append(f'<div class="rec">{"".join(parts)}{creator}{body}{buy}</div>')
    return "\n".join(out)


TITLE_FULL = f"{D['title']} | Lex Fridman Podcast #490"
CHAPTERS = [(0, "Introduction"), (754, "Who is winning: US vs China"), (3723, "Scaling laws & RLVR"),
            (9000, "AGI timelines?")]
JUNK = [
    "<h3>Sponsors</h3><ul><li>Acme: go to acme.example/lex for 20% off</li><li>Zeta Bank — zeta.example</li></ul>",
    "<h2>Episode links</h2><ul><li><a href='https://x.example/seb'>Sebastian's X</a></li>"
    "<li><a href='https://x.example/nat'>Nathan's blog</a></li></ul>",
    "<h2>Transcript</h2><p>Lex: Welcome back. This is a long transcript paragraph that must not leak.</p>",
    "<section><h2>3 Comments</h2><div><p>Great episode! Loved the part on RLVR.</p></div></section>",
    "<p><strong>Support the show:</strong> Become a patron at patron.example.</p>",
]


def chapters(rng: random.Random) -> str:
    style = rng.choice(["lead", "paren", "trail", "bracket", "oneline", "table", "links"])
    if style == "oneline":
        return "<p>" + " ".join(f"{hms(t)} {e(x)}" for t, x in CHAPTERS) + "</p>"
    if style == "table":
        return ("<table><tr><th>Time</th><th>Topic</th></tr>"
                + "".join(f"<tr><td>{hms(t)}</td><td>{e(x)}</td></tr>" for t, x in CHAPTERS) + "</table>")
    if style == "links":
        return "<ul>" + "".join(f'<li><a href="https://youtu.be/abc?t={t}">{e(x)}</a></li>' for t, x in CHAPTERS) \
            + "</ul>"
    fmt = {"lead": "{ts} – {x}", "paren": "({ts}) {x}", "trail": "{x} ({ts})", "bracket": "[{ts}] - {x}"}[style]
    return "<ul>" + "".join(f"<li>{e(fmt.format(ts=hms(t), x=x))}</li>" for t, x in CHAPTERS) + "</ul>"


def page(seed: int) -> str:
    rng = random.Random(seed)
    hstyle = rng.choice(["h2", "h3", "h4", "strong", "b", "div", "styled", "role"])
    bstyle = rng.choice(["ul", "ol", "lip", "div", "p", "br"])
    tstyle = rng.choice(["h1-suffix", "h1-plain", "jsonld", "og-div"])
    bystyle = rng.choice(["dots", "pipes", "lines", "time"])
    head = ['<meta charset="utf-8">']
    body_top = []
    if tstyle == "h1-suffix":
        head.append(f"<title>{e(TITLE_FULL)} – Notes Site</title>")
        body_top.append(f"<h1>{e(TITLE_FULL)}</h1>")
    elif tstyle == "h1-plain":
        head.append(f"<title>{e(TITLE_FULL)}</title>")
        body_top.append(f"<h1 class='entry-title'>{e(D['title'])}</h1>")
    elif tstyle == "jsonld":
        ld = {"@context": "https://schema.org", "@type": "PodcastEpisode", "name": D["title"], "episodeNumber": 490,
              "partOfSeries": {"@type": "PodcastSeries", "name": "Lex Fridman Podcast"}}
        head.append(f'<script type="application/ld+json">{json.dumps(ld)}</script><title>Notes Site</title>')
        body_top.append(f"<h1>{e(D['title'])}</h1>")
    else:
        head.append(f'<meta property="og:title" content="{e(TITLE_FULL)}"><title>{e(TITLE_FULL)}</title>')
        body_top.append(f'<div class="ep-title" style="font-size:30px">{e(TITLE_FULL)}</div>')
    if bystyle == "dots":
        body_top.append('<p class="byline">Lex Fridman · 2026-01-31 · 4h 25m</p>')
    elif bystyle == "pipes":
        body_top.append('<div class="meta">By Lex Fridman | Jan 31, 2026 | 4h 25m</div>')
    elif bystyle == "lines":
        body_top.append("<p>Hosted by Lex Fridman</p><p>Published: January 31, 2026</p><p>Duration: 4:25:00</p>")
    else:
        body_top.append('<p>Lex Fridman — <time datetime="2026-01-31">Jan 31</time> — 265 min</p>')
    body_top.append(f'<p class="summary">{e(D["summary"])}</p>')
    sections = [
        heading(rng, rng.choice(SYNONYMS["guests"]), hstyle) + guests(rng),
        heading(rng, rng.choice(SYNONYMS["gist"]), hstyle) + f"<p>{e(D['gist'])}</p>",
        heading(rng, rng.choice(SYNONYMS["reveals"]), hstyle) + bullets(rng, D["reveals"], bstyle),
        heading(rng, rng.choice(SYNONYMS["facts"]), hstyle) + bullets(rng, D["facts"], bstyle),
        heading(rng, rng.choice(SYNONYMS["items"]), hstyle) + items(rng),
    ]
    with_chapters = rng.random() < 0.5
    if with_chapters:
        sections.append(heading(rng, rng.choice(["Chapters", "Timestamps", "Outline", "Episode timestamps"]),
                                hstyle) + chapters(rng))
    if rng.random() < 0.5:
        rng.shuffle(sections)
    for junk in rng.sample(JUNK, k=rng.randint(0, 3)):
        sections.insert(rng.randint(0, len(sections)), junk)
    if rng.random() < 0.2:
        sections = [f"<details open><summary>{s.split('>', 1)[1].split('<', 1)[0]}</summary>"
                    f"{s.split('</', 1)[1].split('>', 1)[1]}</details>" if s.startswith("<h") else s
                    for s in sections]
    chrome = rng.sample(CHROME, k=rng.randint(1, len(CHROME)))
    wrap = rng.choice(["article", "main", "div", "none"])
    content = "\n".join(body_top + sections)
    if wrap != "none":
        content = f'<{wrap} class="post">{content}</{wrap}>'
    before, after = chrome[: len(chrome) // 2], chrome[len(chrome) // 2:]
    return (f"<!DOCTYPE html><html><head>{''.join(head)}</head><body>{''.join(before)}\n{content}\n"
            f"{''.join(after)}{FOOTER}</body></html>"), with_chapters


def expected(with_chapters: bool = False) -> dict:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    if with_chapters:
        doc["chapters"] = [{"t": t, "title": x} for t, x in CHAPTERS]
    return doc


def text_page(seed: int) -> tuple[str, bool]:
    """The example as a text or markdown page, in randomly combined line styles."""
    rng = random.Random(seed)
    md = rng.random() < 0.5

    def head(text: str) -> str:
        text = rng.choice([text, text.upper(), text.lower()]) + rng.choice(["", ":"])
        if md:
            return rng.choice([f"## {text}", f"### {text}", f"**{text}**"])
        return text

    glyph = rng.choice(["•", "*", "-", "–", "1."])

    def bl(xs: list[str]) -> list[str]:
        return [f"  {glyph} {x}" if glyph != "1." else f"{i}. {x}" for i, x in enumerate(xs, 1)]

    lines = [f"# {TITLE_FULL}" if md else TITLE_FULL, "",
             rng.choice(["Lex Fridman · 2026-01-31 · 4h 25m", "By Lex Fridman | Jan 31, 2026 | 4h 25m"]), "",
             D["summary"], ""]
    blocks = [
        [head(rng.choice(SYNONYMS["guests"])), "", GUEST_LINE, ""],
        [head(rng.choice(SYNONYMS["gist"])), "", D["gist"], ""],
        [head(rng.choice(SYNONYMS["reveals"])), ""] + bl(D["reveals"]) + [""],
        [head(rng.choice(SYNONYMS["facts"])), ""] + bl(D["facts"]) + [""],
    ]
    items = [head(rng.choice(SYNONYMS["items"])), ""]
    for it in D["items"]:
        rel = "Guest’s own" if it["relation"] == "guest_own" else "Recommended"
        items += [f"{rel}{rng.choice(['', ' '])}{it['type'].capitalize()}", it["title"], _creator(it),
                  rng.choice([f"“{it['quote']}” — {it['speaker']} {hms(it['t'])}",
                              f"\"{it['quote']}\" - {it['speaker']} ({hms(it['t'])})"]),
                  "Find it on Amazon", ""]
    blocks.append(items)
    with_chapters = rng.random() < 0.5
    if with_chapters:
        fmt = rng.choice(["{ts} – {x}", "({ts}) {x}", "{x} ({ts})", "[{ts}] - {x}"])
        blocks.append([head(rng.choice(["Chapters", "Timestamps", "Outline"])), ""]
                      + [fmt.format(ts=hms(t), x=x) for t, x in CHAPTERS] + [""])
    if rng.random() < 0.5:
        rng.shuffle(blocks)
    if rng.random() < 0.5:
        blocks.insert(rng.randint(0, len(blocks)), ["Sponsors:", "", "- Acme: acme.example/lex", ""])
    text = "\n".join(lines + [ln for b in blocks for ln in b])
    if rng.random() < 0.3:
        text = text.replace("\n", "\r\n")
    return text, with_chapters
