"""What a feed item's title says beyond its title: the episode number and the guests it names."""

from __future__ import annotations

import re

from indexer.document import Guest
from indexer.textutil import clean

_NUMBER_PREFIX = re.compile(
    r"^\s*(?P<open>[\[(])?\s*(?P<mark>#|No\.?\s*|Ep(?:isode)?\.?\s*|E(?=\d))?(?P<n>\d{1,5})(?![.,]\d)\s*"
    r"(?(open)[\])]\s*(?:[:.|–—-]\s*)?|(?:[:.|–—-]|\s[–—-]))\s*(?=\S)",
    re.I,
)
# `S2E12: Title`, `S02 E12 - Title`, `[S2 Ep 12] Title`
_SEASON_PREFIX = re.compile(
    r"^\s*[\[(]?\s*S(?:eason)?\s*(?P<s>\d{1,3})\s*[,:.]?\s*E(?:p(?:isode)?)?\.?\s*(?P<n>\d{1,5})\s*[\])]?"
    r"\s*(?:[:.|–—-]\s*)?(?=\S)",
    re.I,
)
# `Title | Ep. 12`, `Title (Episode 12)`, `Title - #12`, `Title [E12]`, `Title #12`
_NUMBER_SUFFIX = re.compile(
    r"\s*(?:[|–—-]\s*|(?=[\[(])|(?=#))[\[(]?\s*(?:#|Ep(?:isode)?\.?\s*|E(?=\d)|No\.\s*)(?P<n>\d{1,5})\s*[\])]?\s*$",
    re.I,
)
_LENNY_SUFFIX = re.compile(r"^(?P<title>.+?)\s+\|\s+(?P<people>[^|]+)$")
_WITH_TAIL = re.compile(r"(?:^|[\s,(])(?:with|featuring|feat\.|ft\.)\s+(?P<people>[^:|()\[\]]+?)\s*\)?$", re.I)
_DASH_HEAD = re.compile(r"^(?P<name>[^:–—|]+?)\s+[–—]\s+(?P<topic>.+)$")
_COLON_HEAD = re.compile(r"^(?P<name>[^:–—|]+?):\s+(?P<topic>.+)$")
_SPLIT_PEOPLE = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s&\s|\s+and\s+)\s*")

_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.\-]*|[A-Z]\.)$")
_PARTICLES = {"de", "da", "van", "von", "der", "den", "del", "la", "le", "bin", "al", "di", "du", "st."}
# Capitalized words that start show segments or describe roles rather than name a person.
_NOT_NAMES = {
    "the", "a", "an", "of", "and", "or", "in", "on", "for", "to", "our", "my", "your", "we", "i", "is", "what",
    "why", "how", "who", "when", "where", "show", "podcast", "episode", "part", "live", "special", "bonus",
    "prize", "winner", "news", "update", "edition", "mailbag", "interview", "debate", "review", "season",
    "trailer", "introducing", "announcing", "best", "top", "year", "week", "weekly", "daily", "ai", "tech",
    "q&a", "ama", "panel", "roundtable", "finale", "premiere", "encore", "rerun", "replay", "classic", "new",
    "reading", "additional", "links", "resources", "sponsors", "credits", "summit", "conference", "festival",
}
_ROLES = {
    "chair", "chairman", "chairwoman", "ceo", "cto", "coo", "cfo", "founder", "co-founder", "senator", "sen.",
    "rep.", "representative", "congressman", "congresswoman", "governor", "gov.", "president", "vice",
    "dr.", "dr", "professor", "prof.", "author", "journalist", "former", "secretary", "mayor", "judge",
    "general", "gen.", "ambassador", "director", "host", "comedian", "historian", "economist", "reporter",
    "editor", "writer", "actor", "actress", "filmmaker", "musician", "investor", "activist", "special",
    "guest", "guests", "correspondent", "attorney", "lawyer", "physicist", "scientist", "doctor",
}


def number_from_title(title: str) -> tuple[int | None, str]:
    """(number, rest) for titles that open with `#123 –`, `416:`, `Ep 2:`, `Episode 12 -` or end `| Ep. 12`."""
    _season, number, rest = numbers_from_title(title)
    return number, rest


def numbers_from_title(title: str) -> tuple[int | None, int | None, str]:
    """(season, number, rest of the title) from a numbered title; (None, None, title) when it has no number."""
    m = _SEASON_PREFIX.match(title)
    if m and clean(title[m.end():]):
        return int(m["s"]), int(m["n"]), clean(title[m.end():])
    m = _NUMBER_PREFIX.match(title)
    if m:
        rest = clean(title[m.end():])
        number = int(m["n"])
        # `2024: The year in review` names a year, not episode 2024 (a `#`/`Ep` mark says otherwise).
        is_year = not m["mark"] and 1900 <= number <= 2100 and len(m["n"]) == 4
        if rest and not is_year:
            return None, number, rest
    m = _NUMBER_SUFFIX.search(title)
    if m and clean(title[: m.start()]):
        return None, int(m["n"]), clean(title[: m.start()]).rstrip(" |–—-:")
    return None, None, title


def looks_like_name(text: str) -> bool:
    """True for 2–5 capitalized words that could be a person's name (`Ada Lovelace`, `M. Rabbani`)."""
    tokens = clean(text).split(" ")
    if not 2 <= len(tokens) <= 5 or any(ch.isdigit() for ch in text):
        return False
    if tokens[0].lower() in _PARTICLES or tokens[-1].lower() in _PARTICLES:
        return False
    for token in tokens:
        low = token.lower()
        if low in _PARTICLES:
            continue
        if low in _NOT_NAMES or low in _ROLES or not _NAME_TOKEN.match(token):
            return False
        if low.endswith(("'s", "’s")) or token.isupper() and len(token) > 2:
            return False
    return True


def strip_roles(text: str) -> str:
    """`DNC Chair Ken Martin` → `Ken Martin`: drop leading role words and acronyms before a name."""
    tokens = clean(text).split(" ")
    while len(tokens) > 2 and (tokens[0].lower() in _ROLES or (tokens[0].isupper() and len(tokens[0]) > 1)):
        tokens = tokens[1:]
    return " ".join(tokens)


def people_in(text: str) -> list[Guest]:
    """Guests from `A`, `A and B`, `A, B & C`, each optionally followed by `(role)` as their bio."""
    text = clean(text)
    shared_bio = None
    m = re.search(r"\(([^()]+)\)\s*$", text)
    if m and "(" not in text[: m.start()]:
        shared_bio = clean(m[1])
        text = clean(text[: m.start()])
    guests = []
    for part in _SPLIT_PEOPLE.split(text):
        bio = shared_bio
        pm = re.match(r"^(.+?)\s*\(([^()]+)\)$", part)
        if pm:
            part, bio = pm[1], clean(pm[2])
        name = strip_roles(part)
        if looks_like_name(name):
            guests.append(Guest(name=name, bio=bio))
    return guests


def guests_from_title(title: str) -> tuple[str, list[Guest]]:
    """(title without a guest suffix, guests) from `Title | Name (role)`, `Name: Topic`, `Name — Topic`, `with Name`."""
    m = _LENNY_SUFFIX.match(title)
    if m:
        guests = people_in(m["people"])
        if guests:
            return clean(m["title"]), guests
    for pattern in (_COLON_HEAD, _DASH_HEAD):
        m = pattern.match(title)
        if m:
            guests = people_in(m["name"])
            if guests and len(guests) == len(_SPLIT_PEOPLE.split(m["name"])):
                return title, guests
    m = _WITH_TAIL.search(title)
    if m:
        guests = people_in(m["people"])
        if guests:
            return title, guests
    return title, []
