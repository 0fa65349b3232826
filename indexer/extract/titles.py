"""Title lines: `Title | Show #490`, `Title – Site name`, `#490 – Title`, `Episode 12: Title`, `Show Ep. 12 – Title`
→ the episode's own title, the show, the number and the topics after the colon."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.textutil import clean

#: Episode-number markers: `#490`, `Episode 490`, `Ep. 12`, `EP12`, `No. 7`, `E12` (and `Folge 23`, `Épisode 4` …).
NUMBER = re.compile(r"(?:(?<![\w&])#\s?|\b(?:Episode|Folge|Épisode|Episodio|Epizoda|Aflevering|Avsnitt|Jakso|Odcinek)"
                    r"\s*#?\s*|\bEp\.?\s*#?\s*|\bEps?\s*#?\s*(?=\d)|\bNo\.\s*|"
                    r"\bE(?=\d{1,4}\b)|\bS\d{1,2}\s?E(?=\d{1,4}\b))(\d{1,5})\b", re.I)
#: Separators between a title and a show / site suffix.
SUFFIX_SEPARATORS = re.compile(r"\s+[|¦·•]\s+|\s+[–—]\s+|\s+-\s+|\s+::\s+|\s*\|\s*")
_TRANSCRIPT_PREFIX = re.compile(r"^(transcript|show notes|notes)\s+(for|of|:)\s*", re.I)


@dataclass
class TitleParts:
    title: str
    podcast: str | None = None
    number: int | None = None
    topics: list[str] = field(default_factory=list)
    guest_hint: str | None = None  # `Title | Guest | Episode 12` → the middle part


def _number_in(text: str) -> tuple[int | None, str]:
    """Number and the text without the marker (`Lex Fridman Podcast #490` → 490, `Lex Fridman Podcast`)."""
    m = NUMBER.search(text)
    if not m:
        return None, text
    rest = clean((text[: m.start()] + " " + text[m.end():]).strip(" ,.:;-–—|"))
    return int(m[1]), rest


def _is_number_segment(seg: str) -> bool:
    """A segment that is (mostly) a show name plus an episode number."""
    n, rest = _number_in(seg)
    if n is not None and _NUMBERED_TITLE.match(seg):
        return False  # `Episode 31: Cooking in Zero-G` is a numbered title, not `Show #31`
    return n is not None and len(rest.split()) <= 6 and not re.search(r"[:?!]", rest)


#: A segment that opens with the number and goes on with the title after a colon or dash.
_NUMBERED_TITLE = re.compile(rf"^(?:{NUMBER.pattern})\s*[:.–—-]\s+(?P<rest>\S.*)$", re.I)


def parse_title_line(text: str, site_name: str | None = None, known_podcast: str | None = None) -> TitleParts:
    """Split a title line into title / podcast / number / topics."""
    raw = clean(text)
    raw = _TRANSCRIPT_PREFIX.sub("", raw)
    parts = TitleParts(title=raw)
    if not raw:
        return parts
    segments = [s for s in SUFFIX_SEPARATORS.split(raw) if s.strip()]
    title = raw
    podcast: str | None = None
    number: int | None = None
    site_keys = {k.lower() for k in (site_name, known_podcast) if k}
    site_podcast: str | None = None  # a site-name suffix: the show only when nothing better names it

    # 1. suffix segments: `Title | Show #490`, `Title | Guest | Episode 147`, `Title – Site`
    if len(segments) > 1:
        kept = list(segments)
        # `Title | by Author | Publication | Medium`: after the byline comes the publication (the show), then
        # the platform
        by = next((i for i, seg in enumerate(kept) if i > 0 and re.match(r"^by\s+\S", seg.strip(), re.I)), None)
        if by is not None:
            after = [seg for seg in kept[by + 1:] if seg.strip().lower() not in site_keys]
            if after and len(after[0].split()) <= 6:
                podcast = after[0].strip()
            kept = kept[:by]
        # `Title | Show #58 | Network`: everything after the show-and-number segment is site furniture
        numbered = [i for i, seg in enumerate(kept) if i > 0 and _is_number_segment(seg)]
        if numbered and numbered[-1] < len(kept) - 1 and all(
                len(x.split()) <= 5 and ":" not in x for x in kept[numbered[-1] + 1:]):
            kept = kept[: numbered[-1] + 1]
        while len(kept) > 1:
            last = kept[-1].strip()
            if _is_number_segment(last) and number is None:
                number, rest = _number_in(last)
                if rest and not re.fullmatch(r"(?i)(episode|ep\.?|podcast)", rest):
                    podcast = podcast or rest
                kept.pop()
                continue
            if last.lower() in site_keys or (site_name and last.lower() == site_name.lower()):
                site_podcast = known_podcast if known_podcast else last
                kept.pop()
                continue
            if re.search(r"(?i)\b(podcast|show|radio|hour|cast|talks?|interviews?)$", last) and \
                    len(last.split()) <= 6 and len(kept) > 1 and not re.search(r"[:?!]", last):
                podcast = podcast or last
                kept.pop()
                continue
            break
        # a prefix segment that is only a number or `Show #N`: `#979 - Name - Topic`, `Episode 12 – Title`
        while len(kept) > 1 and _is_number_segment(kept[0]) and number is None:
            number, rest = _number_in(kept[0])
            if rest and not re.fullmatch(r"(?i)(episode|ep\.?)", rest):
                podcast = podcast or rest
            kept.pop(0)
        # `Show — Episode 31: Title`: the show first, the number opening the title
        m = _NUMBERED_TITLE.match(kept[-1]) if len(kept) == 2 and number is None else None
        if m and len(kept[0].split()) <= 5 and _number_in(kept[0])[0] is None and not re.search(r"[:?!]", kept[0]):
            number, podcast = int(m[1]), podcast or kept[0]
            kept = [m["rest"]]
        # `Title | Guest | Episode 147`: a middle short name-like segment is the guest, not the title
        if len(kept) == 2 and number is not None and len(segments) >= 3 and \
                re.search(re.escape(kept[0]) + r"\s*\|\s*" + re.escape(kept[1]), raw):
            parts.guest_hint = kept[1]
            kept = kept[:1]
        title = _rejoin(raw, kept)
    # 2. a number prefix in the title itself: `#490 – Title`, `Episode 12: Title`, `TRJ #18. Title`, `12. Title`
    if number is None:
        m = re.match(rf"^(?P<show>[\w&'’ .%!?+]{{0,40}}?)\s*(?:{NUMBER.pattern})\s*[.:–—|-]?\s+(?P<rest>.+)$",
                     title, re.I)
        if m:
            number = int(m[2])
            show = clean(m["show"])
            if show and not re.fullmatch(r"(?i)(episode|ep\.?)", show):
                podcast = podcast or show
            title = m["rest"]
        elif (m := re.match(r"^(\d{1,4})\s*[:.]\s+(?P<rest>\S.*)$", title)) and not 1900 <= int(m[1]) <= 2100:
            number = int(m[1])  # `171: Pirate Politics`, `12. The Long Game`
            title = m["rest"]
        else:
            m = re.search(rf"\s*(?:[(\[,]|\s)\s*(?:{NUMBER.pattern})\s*[)\]]?\s*$", title, re.I)
            if m:
                number = int(m[1])
                title = title[: m.start()]
    podcast = podcast or site_podcast
    title = clean(title).strip(" |–—-:")
    parts.title = title or raw
    parts.podcast = clean(podcast) or None if podcast else None
    parts.number = number
    parts.topics = topics_from_title(parts.title)
    m = _WITH_GUEST.search(parts.title)
    if m and parts.guest_hint is None:
        parts.guest_hint = m[1]  # `The Cedar Ledger with Anouk Feyzi`: the guest, when the page names no other
    return parts


_WITH_GUEST = re.compile(r"\s(?:with|feat\.?|featuring|ft\.|avec|mit|con|com|met)\s+"
                         r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3})$")


def _rejoin(raw: str, kept: list[str]) -> str:
    """The original text spanning the kept segments (so separators inside the title survive)."""
    if not kept:
        return raw
    start = raw.find(kept[0])
    end_seg = kept[-1]
    end = raw.rfind(end_seg)
    if start < 0 or end < 0:
        return " ".join(kept)
    return raw[start: end + len(end_seg)]


def topics_from_title(title: str) -> list[str]:
    """The comma list after the title's colon: `State of AI in 2026: LLMs, Coding, AGI` → the three."""
    if ":" not in title:
        return []
    after = title.split(":", 1)[1]
    parts = [clean(p) for p in re.split(r"\s*,\s*", after)]
    parts = [re.sub(r"^(and|&)\s+", "", p, flags=re.I).strip(" .") for p in parts]
    parts = [p for p in parts if p]
    if len(parts) < 2 or any(len(p.split()) > 5 for p in parts):
        return []
    return parts


def merge_topics(*lists: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for lst in lists:
        for t in lst:
            key = clean(t).lower()
            if key and key not in seen:
                seen.add(key)
                out.append(clean(t))
    return out
