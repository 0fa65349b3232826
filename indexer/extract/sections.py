"""Find the notes' sections by the heading text a reader sees, whatever element carries it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from indexer.extract.blocks import PSEUDO_LEVEL, Block
from indexer.extract.guests import looks_like_name
from indexer.extract.itemparts import TYPE_ALIASES, label_type

#: Heading texts (normalized: lower case, no trailing colon) for each section, as data.
SECTION_SYNONYMS: dict[str, tuple[str, ...]] = {
    "gist": (
        # other languages
        "zusammenfassung", "worum es geht", "überblick", "in dieser folge", "über diese folge", "résumé",
        "en bref", "dans cet épisode", "à propos de cet épisode", "resumen", "en este episodio",
        "sobre este episodio", "riassunto", "sommario", "in questa puntata", "samenvatting", "in deze aflevering",
        "the gist", "gist", "summary", "overview", "episode summary", "episode overview", "tl;dr", "tldr",
        "tl dr", "synopsis", "about this episode", "about the episode", "in this episode", "episode description",
        "description", "the short version", "in brief", "abstract", "what it's about", "what this episode is about",
        "the summary", "quick summary", "executive summary", "episode notes", "about",
    ),
    "reveals": (
        "das wichtigste", "wichtigste erkenntnisse", "erkenntnisse", "kernaussagen", "highlights der folge",
        "points clés", "à retenir", "les points clés", "ce qu'il faut retenir", "lo más destacado", "lo destacado",
        "puntos clave", "ideas clave", "conclusiones", "punti chiave", "belangrijkste inzichten",
        "big reveals", "the big reveals", "reveals", "key takeaways", "takeaways", "the takeaways", "main takeaways",
        "top takeaways", "highlights", "key highlights", "episode highlights", "key insights", "insights",
        "key points", "main points", "key moments", "biggest reveals", "what we learned", "big ideas",
        "key ideas", "big takeaways", "lessons", "key lessons", "surprises", "big surprises",
    ),
    "facts": (
        "fakten", "zahlen und fakten", "gut zu wissen", "le saviez-vous", "chiffres clés", "datos",
        "datos curiosos", "en cifras",
        "things worth remembering", "worth remembering", "notable facts", "key facts", "facts", "fun facts",
        "facts and figures", "facts & figures", "by the numbers", "numbers", "notable numbers", "stats",
        "key stats", "key numbers", "good to know", "remember", "things to remember", "noteworthy",
        "notable details", "details worth remembering", "trivia", "memorable facts",
    ),
    "items": (
        "empfehlungen", "buchempfehlungen", "erwähnte bücher", "erwähnt", "in der folge erwähnt", "links und bücher",
        "bücher", "literatur", "livres recommandés", "livres", "recommandations", "ressources", "mentionné",
        "cités dans l'épisode", "libros", "libros recomendados", "recomendaciones", "recursos", "libros y recursos",
        "mencionados", "libri consigliati", "consigli", "aanbevelingen", "boeken",
        "recommended in this episode", "recommended", "recommendations", "recommended books", "books mentioned",
        "books", "book recommendations", "recommended reading", "reading list", "resources", "resources mentioned",
        "mentioned in this episode", "mentioned in the episode", "things mentioned", "referenced", "references",
        "referenced in this episode", "links mentioned", "what we mentioned", "products mentioned",
        "media mentioned", "items mentioned", "mentioned", "picks", "our picks", "the picks", "recommended items",
        "recommended media", "books and resources", "books & resources", "resources and links",
        "resources & links", "show links", "gear", "tools mentioned", "works mentioned", "further reading",
        "endorsements", "what we recommend", "guest recommendations", "recommended by the guest",
    ),
    "chapters": (
        "kapitel", "kapitelmarken", "zeitstempel", "chapitres", "horodatage", "sommaire", "capítulos",
        "marcas de tiempo", "índice", "capitoli", "hoofdstukken",
        "chapters", "timestamps", "time stamps", "outline", "show notes", "episode outline", "episode chapters",
        "episode timestamps", "contents", "table of contents", "timeline", "chapter markers", "chapter list",
        "episode breakdown", "topics and timestamps", "timecodes", "time codes", "key timestamps", "segments",
        "in this episode we cover", "what we cover", "episode guide", "transcript chapters",
        "outline of the episode", "sections",
    ),
    "guests": (
        "gast", "gäste", "unser gast", "über den gast", "invité", "invitée", "invités", "notre invité",
        "notre invitée", "invitado", "invitada", "invitados", "nuestro invitado", "nuestra invitada", "ospite",
        "ospiti",
        "the guest", "the guests", "guest", "guests", "about the guest", "about the guests", "about our guest",
        "about our guests", "guest bio", "guest bios", "featuring", "featured guest", "featured guests",
        "today's guest", "today's guests", "who's talking", "meet the guest", "meet the guests", "with",
        "panelists", "speakers", "guest info", "about today's guest", "our guest", "our guests",
    ),
    "host": (
        "moderation", "gastgeber", "animé par", "presentado por", "conducido por",
        "host", "the host", "hosts", "the hosts", "your host", "hosted by", "presented by", "presenter",
        "your hosts", "about the host", "about your host",
    ),
    "topics": ("tags", "topics", "keywords", "tagged", "topics covered", "subjects", "themes", "filed under"),
    # Headings that close whatever section came before them (and hold nothing we keep).
    "stop": (
        "unterstützen", "unterstütze uns", "folge uns", "abonnieren", "werbung", "impressum", "datenschutz",
        "kommentare", "weitere folgen", "nous suivre", "suivez-nous", "soutenir", "nous soutenir", "s'abonner",
        "commentaires", "épisodes récents", "à lire aussi", "síguenos", "suscríbete", "apóyanos", "comentarios",
        "episodios recientes", "patrocinadores", "seguici", "iscriviti", "commenti",
        "sponsors", "sponsor", "our sponsors", "thank you to our sponsors", "thanks to our sponsors", "support",
        "support the show", "support the podcast", "subscribe", "subscribe to the podcast", "links",
        "important links", "episode links", "connect", "connect with us", "follow", "follow us", "find us",
        "transcript", "full transcript", "read the transcript", "comments", "discussion", "related",
        "related episodes", "more episodes", "you may also like", "you might also like", "share", "share this",
        "share this episode", "about the podcast", "about the show", "disclaimer", "disclaimers",
        "disclaimer & disclosures", "listen", "listen on", "listen now",
        "where to listen", "credits", "newsletter", "affiliate disclosure", "tjp links", "contact",
        "leave a comment", "leave a reply", "latest episodes", "recent episodes", "popular episodes",
        "categories", "episode credits", "production", "legal", "privacy", "cookie settings", "watch",
        "watch on youtube", "more from", "advertise", "ads", "advertisements", "get in touch", "support us",
        "feedback", "reviews", "read next", "up next", "keep reading", "more like this", "related posts",
        "related articles", "popular posts", "recent posts", "latest posts", "about the author",
    ),
}

#: Looser patterns tried after the exact synonyms (heading must still be short).
SECTION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("stop", re.compile(r"^(\w+\s+){0,2}links$|^(contact|connect with|follow|support|subscribe to|"
                        r"listen to|watch)\b|^\d+\s+(comments?|responses?|replies|thoughts)\b")),
    ("items", re.compile(r"^(recommended|recommendations|books?|resources|references|mentioned|products?|"
                         r"reading|films?|movies?|podcasts?|papers?|apps?|tools?|albums?|music|media)\b"
                         r".*\b(mentioned|recommended|referenced|episode|discussed|list|reading|cited)\b")),
    ("items", re.compile(r"^(books?|films?|movies?|papers?|products?|apps?|tools?|albums?|podcasts?|shows?|"
                         r"articles?|things|stuff|resources|links|works)\s+(mentioned|recommended|referenced|"
                         r"discussed|cited|listing|list|featured|reviewed|covered|picks|we (love|loved|like))\b")),
    ("items", re.compile(r"^(recommended|mentioned|referenced)\s+(in|on|during)\b")),
    ("chapters", re.compile(r"^(episode\s+)?(chapters?|timestamps?|time\s*stamps?|outline|time\s*codes?)\b")),
    ("items", re.compile(r"^(recommended|favou?rite|suggested|mentioned|our|guest's|host's)\s+(books?|films?|"
                         r"movies?|papers?|products?|apps?|tools?|albums?|podcasts?|shows?|articles?|reading|"
                         r"resources|links|media|picks|gear)$")),
    ("reveals", re.compile(r"^(key|main|top|big|biggest)\s+(takeaways?|reveals?|insights?|highlights?|points?)\b")),
    ("facts", re.compile(r"^(notable|key|fun|interesting|memorable)\s+(facts?|figures|numbers|stats)\b")),
    ("gist", re.compile(r"^(episode\s+)?(summary|overview|synopsis)\b")),
    ("guests", re.compile(r"^(about\s+(the|our|today's|this week's)\s+)?guests?(\s+(bios?|info|profiles?|details|"
                          r"list|speakers?))?$|^(meet|about)\s+(the|our)\s+(guests?|speakers?|panel)$")),
    ("stop", re.compile(r"^(sponsors?|sponsored by|thanks? to our sponsors?|support (the|this|our)|subscribe|"
                        r"follow|connect with|listen (on|to)|related|more episodes|comments|transcript|"
                        r"share (this|on)|about the (show|podcast)|disclaimer)\b")),
)

_LEAD_NUMBER = re.compile(r"^(\d{1,2}|[ivx]{1,4})[.)]\s+", re.I)
_GLYPHS = re.compile(r"^[^\w(]+|[^\w)?!.]+$")


def normalize_heading(text: str) -> str:
    """`Big Reveals:` / `## THE GIST` / `★ Key takeaways —` → `big reveals` / `the gist` / `key takeaways`."""
    t = text.replace("’", "'").replace("‘", "'").replace("&amp;", "&").lower()
    t = re.sub(r"\s+", " ", t).strip()
    t = _LEAD_NUMBER.sub("", t)
    t = _GLYPHS.sub("", t).strip()
    t = re.sub(r"\s*\(\d+\)$", "", t)  # "Chapters (12)"
    t = t.rstrip(":.—–- ").strip()
    return t


_SYNONYM_INDEX = {syn: name for name, syns in SECTION_SYNONYMS.items() for syn in syns}


def section_name(text: str, max_words: int = 8) -> str | None:
    """Which section a heading text names (`gist`, `reveals`, `facts`, `items`, `chapters`, `guests`,
    `stop`), or None."""
    t = normalize_heading(text)
    if not t or len(t.split()) > max_words or len(t) > 70:
        return None
    if t in _SYNONYM_INDEX:
        return _SYNONYM_INDEX[t]
    t2 = re.sub(r"\s+(in|from|on|of)\s+(this|the|today's)\s+(episode|conversation|show|interview|podcast)$", "", t)
    t2 = re.sub(r"^(this|today's)\s+(episode's|week's)\s+", "", t2)
    if t2 in _SYNONYM_INDEX:
        return _SYNONYM_INDEX[t2]
    for name, pattern in SECTION_PATTERNS:
        if pattern.search(t):
            return name
    # `The gist — in 60 seconds`, `Key takeaways (quick read)`, `Chapters: jump to a moment`
    m = re.match(r"^(.{3,40}?)\s*(?:\s[—–-]\s|:\s|\s\(|\s\|\s)", t)
    if m and m[1] in _SYNONYM_INDEX:
        return _SYNONYM_INDEX[m[1]]
    return None


@dataclass
class Section:
    name: str
    heading: Block | None
    blocks: list[Block] = field(default_factory=list)


_MID_HEADING = re.compile(r"(?<=[.!?])\s+(?P<h>[A-Z][^.!?:]{2,38}):\s+(?P<rest>\S.+)$")
_TIMESTAMP_START = re.compile(r"^\(?\[?\d{1,2}:\d{2}")
_HEADINGLIKE_LINE = re.compile(r"^[^.!?]{2,60}:$")


def _is_label(text: str) -> bool:
    """An item label (`RecommendedBook`), not a heading (`Recommended books`)."""
    lt = label_type(text)
    if lt is None:
        return False
    word = lt[2].lower()
    return not (word.endswith("s") and word[:-1] in TYPE_ALIASES)


def heading_candidate(block: Block) -> str | None:
    """The section a block opens, if it is a heading-like block whose text names one."""
    if block.kind == "bullet" or _is_label(block.text):
        return None
    if block.kind == "heading" or len(block.text) <= 70:
        return section_name(block.text)
    return None


def is_unknown_heading(block: Block) -> bool:
    """A heading the reader sees but that names no known section (it still closes the section before it)."""
    if block.kind == "heading":
        return not _is_label(block.text)
    if block.form == "line" and _HEADINGLIKE_LINE.match(block.text) and not _TIMESTAMP_START.match(block.text):
        return len(block.text.split()) <= 6
    return False


def split_inline_headings(blocks: list[Block]) -> list[Block]:
    """`Timestamps 00:00 Intro 05:12 …` or `Summary: In this episode …` in one block → heading + body."""
    out: list[Block] = []
    for b in blocks:
        lead = (b.lead or "").rstrip(":").strip()
        if b.kind == "para" and lead and b.text.startswith(lead) and len(b.text) > len(lead) + 2 \
                and section_name(lead) not in (None, "stop") and not label_type(lead):
            rest = b.text[len(lead):].lstrip(" :—–-")
            out.append(Block("heading", lead, PSEUDO_LEVEL, "strong-lead", [], None, b.group, path=b.path))
            out.append(Block(b.kind, rest, b.level, b.form, b.links, b.quote, b.group, b.times, b.cells, b.path))
            continue
        if b.kind == "para" and len(b.text) > 12:
            m = re.match(r"^(.{3,40}?)(?::\s+|\s+(?=\(?\[?\d{1,2}:\d{2}))(.+)$", b.text)
            if m and section_name(m[1]) not in (None, "stop") and not label_type(m[1]):
                out.append(Block("heading", m[1].strip(), PSEUDO_LEVEL, "inline", [], None, b.group))
                out.append(Block(b.kind, m[2].strip(), b.level, b.form, b.links, b.quote, b.group, b.times))
                continue
        m = _MID_HEADING.search(b.text) if b.kind == "para" else None
        if m and section_name(m["h"]) == "items" and not _is_label(m["h"]):
            # `… nobody painted over. Books mentioned: *A* by X, and *B* by Y.` → prose, heading, the list
            out.append(replace(b, text=b.text[: m.start()].strip(), lead=None))
            out.append(Block("heading", m["h"].strip(), PSEUDO_LEVEL, "inline", [], None, b.group))
            out.append(Block(b.kind, m["rest"].strip(), b.level, b.form, b.links, None, b.group, b.times))
            continue
        out.append(b)
    return out


def find_sections(blocks: list[Block]) -> tuple[list[Block], list[Section]]:
    """Split blocks at recognised headings.

    Returns the blocks before the first section (the page head: title, byline, summary) and the sections in
    page order (a name can occur more than once: `Books mentioned` then `Films mentioned`).
    A section ends at the next recognised heading, at a real heading of the same or a higher level, or at an
    unrecognised heading of the same form (another bold paragraph, dt or th).
    """
    head: list[Block] = []
    sections: list[Section] = []
    current: Section | None = None
    real_levels = [b.level for b in blocks if 1 <= b.level <= 6 and heading_candidate(b) not in (None, "stop")]
    section_level = max(real_levels) if real_levels else 2
    prev: Block | None = None
    blocks = _merge_split_labels(blocks)
    for i, b in enumerate(blocks):
        last, prev = prev, b
        name = heading_candidate(b)
        if name == "stop" and b.kind == "para" and b.form not in _TEXT_FORMS and \
                not any(s.name != "stop" for s in sections):
            continue  # `Follow`, `Share`, `Listen` as plain elements in an HTML page head are buttons, not headings
        if name is not None:
            if current is not None and name == current.name and current.heading is not None \
                    and current.heading.level < b.level:
                current.blocks.append(b)  # a sub-heading repeating the section's name
                continue
            current = Section(name, b)
            sections.append(current)
            continue
        if current is None:
            if not any(s.name != "stop" for s in sections):
                head.append(b)  # still above the notes (a closed `Sponsors` block does not end the head)
            continue
        if _closes(current, b, last, section_level, blocks[i + 1: i + 4]):
            current = None
            continue
        current.blocks.append(b)
    return head, [s for s in sections if s.name != "stop"]


def merged(sections: list[Section]) -> dict[str, Section]:
    """One section per name: the blocks of repeated headings appended to the first."""
    out: dict[str, Section] = {}
    for s in sections:
        if s.name in out:
            out[s.name].blocks.extend(s.blocks)
        else:
            out[s.name] = Section(s.name, s.heading, list(s.blocks))
    return out


def _merge_split_labels(blocks: list[Block]) -> list[Block]:
    """`Recommended` and `Book` on two lines (two elements) → one `RecommendedBook` label block."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if i + 1 < len(blocks) and normalize_heading(b.text) in _LABEL_RELATIONS and b.kind != "bullet":
            nxt = blocks[i + 1]
            joined = f"{b.text.strip(' :')} {nxt.text.strip(' :')}"
            if nxt.text.strip(" :").lower() in TYPE_ALIASES and _is_label(joined):
                out.append(Block("para", joined, 0, b.form, b.links + nxt.links, None, b.group, [], [], b.path))
                i += 2
                continue
        out.append(b)
        i += 1
    return out


#: Block forms of text pages, where every heading is a plain line.
_TEXT_FORMS = frozenset(("line", "md", "md-bold", "inline", "blockquote"))
_LABEL_RELATIONS = frozenset(("recommended", "guest's own", "guests own", "guest own", "mentioned"))


def _closes(section: Section, b: Block, prev: Block | None = None, section_level: int = 2,
            upcoming: list[Block] | None = None) -> bool:
    h = section.heading
    if h is None or not is_unknown_heading(b):
        return False
    if section.name == "items" and prev is not None and _is_label(prev.text):
        return False  # the title under a `RecommendedBook` label
    if section.name == "items" and any(_is_label(u.text) for u in upcoming or []):
        return False  # a card's title set above its label
    if section.name == "items" and b.kind == "heading" and b.level >= PSEUDO_LEVEL:
        return False  # item cards often set their titles and labels in bold or in a styled div
    if section.name == "guests" and looks_like_name(b.text):
        return False  # a list of guest names in bold / dt
    if 1 <= b.level <= 6:
        if 1 <= h.level <= 6:
            return b.level <= h.level
        return b.level <= section_level
    if b.form == "line":
        return h.form in ("line", "inline", "md", "md-bold")
    return b.form == h.form
