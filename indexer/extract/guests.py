"""Guests from a guest section: `A and B — A is … B is …`, `A, B and C`, a list of names and bios, one guest."""

from __future__ import annotations

import re

from indexer.document import Guest
from indexer.extract.blocks import Block
from indexer.textutil import clean

#: Any upper-case letter (Python's re has no \p{Lu}): names like Łukasz, Émile, Øystein are names too.
UPPER = "[" + "".join(re.escape(chr(c)) for c in range(0x250) if chr(c).isupper()) + \
    "".join(re.escape(chr(c)) for c in range(0x370, 0x530) if chr(c).isupper()) + "]"
_NAME_WORD = rf"(?:{UPPER}[\w'’.\-]*|de|da|van|von|der|den|del|la|le|di|bin|al|ibn|y|Mc\w+|O['’]\w+)"
_NAME = re.compile(rf"^(?:(?:Dr|Prof|Sir|Dame|Mr|Mrs|Ms|Mx)\.?\s+)?{UPPER}[\w'’.\-]*(?:\s+{_NAME_WORD}){{0,5}}$")
_HEAD_SPLIT = re.compile(r"\s+[—–]\s+|\s+-\s+|:\s+|\s*—\s*")
_AND = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")
_TITLES = re.compile(r"^(?:Dr|Prof|Professor|Sir|Dame|Mr|Mrs|Ms|Mx)\.?\s+")
_SENTENCE_START = r"(?:^|(?<=[.!?])['\"”’)]?\s+|(?<=[.!?]['\"”’)])\s+)"


def looks_like_name(text: str) -> bool:
    t = clean(text).strip(" ,;:")
    if not t or len(t) > 60 or len(t.split()) > 6:
        return False
    return bool(_NAME.match(t)) and not re.search(r"\b(The|This|In|We|Our|About|Guest|Guests)\b", t.split()[0])


def split_names(text: str) -> list[str] | None:
    """`A and B`, `A, B and C`, `A & B` → names; None unless every part looks like a person's name."""
    t = clean(text).strip(" ,;:")
    parts = [p.strip() for p in _AND.split(t) if p and p.strip()]
    if not parts or not all(looks_like_name(p) for p in parts):
        return None
    return parts


def _name_keys(name: str) -> list[str]:
    base = _TITLES.sub("", name)
    words = base.split()
    keys = [name, base]
    if len(words) >= 2:
        keys += [words[-1], words[0]]
    return [k for k in dict.fromkeys(keys) if k]


def split_bios(names: list[str], text: str) -> list[str | None]:
    """Give each guest the sentences from where a sentence starts with their name up to the next guest's."""
    text = clean(text)
    if len(names) == 1:
        return [text or None]
    starts: list[int | None] = []
    for name in names:
        pos = None
        for key in _name_keys(name):
            m = re.search(_SENTENCE_START + re.escape(key) + r"(?=[\s,'’])", text)
            if m:
                pos = m.end() - len(key)
                break
        starts.append(pos)
    order = sorted((p, i) for i, p in enumerate(starts) if p is not None)
    bios: list[str | None] = [None] * len(names)
    for n, (pos, i) in enumerate(order):
        end = order[n + 1][0] if n + 1 < len(order) else len(text)
        bios[i] = clean(text[pos:end]) or None
    if order and order[0][0] > 0:
        lead = clean(text[: order[0][0]])
        if lead:  # a shared opening sentence goes to the first guest
            i = order[0][1]
            bios[i] = clean(f"{lead} {bios[i] or ''}")
    return bios


def _from_head_line(text: str) -> list[Guest] | None:
    """`A and B — A is … B is …` → guests with their own bio sentences."""
    m = _HEAD_SPLIT.search(text)
    if not m:
        return None
    names = split_names(text[: m.start()])
    if not names:
        return None
    bios = split_bios(names, text[m.end():])
    return [Guest(name=n, bio=b) for n, b in zip(names, bios, strict=True)]


_LEAD_NAME = re.compile(rf"^((?:(?:Dr|Prof|Sir|Dame)\.?\s+)?{UPPER}[\w'’.\-]*(?:\s+{_NAME_WORD}){{0,4}}?)"
                        r"(?:\s*\([^)]{1,40}\))?"
                        r"(?P<sep>,|\s+(?:is|was|has|who|serves|works|leads|runs|hosts|founded|co-founded|teaches|"
                        r"writes|studies|joins|returns|spent|built|created|directs|researches|"
                        r"es|est|ist|è|era|war|était|fue|trabaja|travaille|arbeitet|leitet|dirige|enseña|enseigne|"
                        # any other present-tense verb (`designs`, `composes`): a bio's usual opening
                        r"[a-z]{3,}(?<!ss)s(?=\s+[a-z]))\b)")


def _lead_name(text: str) -> str | None:
    m = _LEAD_NAME.match(clean(text))
    if m and looks_like_name(m[1]):
        return m[1]
    return None


def _lead_bio(text: str) -> str:
    """`Jane Doe, marine biologist` → `marine biologist`; a sentence (`Jane Doe is …`) stays whole."""
    t = clean(text)
    m = _LEAD_NAME.match(t)
    if m and m["sep"] == ",":
        return t[m.end():].strip() or t
    return t


def guests_from_blocks(blocks: list[Block]) -> list[Guest]:
    """Guests of a guest section in any of the common shapes."""
    blocks = [b for b in blocks if b.text]
    if not blocks:
        return []
    # one line naming everybody, then their bios: `A and B — A is … B is …`
    first = blocks[0]
    guests = _from_head_line(first.text) if first.kind != "bullet" else None
    if guests:
        rest = " ".join(b.text for b in blocks[1:] if b.kind != "heading")
        if rest and len(guests) == 1:
            guests[0].bio = clean(f"{guests[0].bio or ''} {rest}") or None
        return guests
    # names on their own (dt / heading / bold / short line), bios after each
    out: list[Guest] = []
    current: Guest | None = None
    pending_names: list[str] = []
    for b in blocks:
        names = split_names(b.text) if len(b.text) <= 80 and not b.text.endswith(".") else None
        if names:
            if current is None and pending_names and not out:
                pass
            for n in names:
                current = Guest(name=n, bio=None)
                out.append(current)
            pending_names = names
            continue
        head = _from_head_line(b.text) if b.kind == "bullet" or len(b.text) < 600 else None
        if head and (b.kind == "bullet" or current is None or current.bio):
            out.extend(head)
            current = head[-1]
            pending_names = []
            continue
        if pending_names and len(pending_names) > 1:
            bios = split_bios(pending_names, b.text)
            for g, bio in zip(out[-len(pending_names):], bios, strict=True):
                g.bio = clean(f"{g.bio or ''} {bio or ''}") or None
            pending_names = []
            continue
        if current is not None and (current.bio is None or b.kind != "bullet"):
            current.bio = clean(f"{current.bio or ''} {b.text}")
            pending_names = []
            continue
        lead = _lead_name(b.text)
        if lead:
            current = Guest(name=lead, bio=_lead_bio(b.text))
            out.append(current)
            pending_names = []
    return out


def host_from_blocks(blocks: list[Block]) -> str | None:
    """The host named under a `Host` heading: a bare name, `Name (@handle)`, or `Name is …`."""
    for b in blocks[:3]:
        t = re.sub(r"\s*[(\[].*?[)\]]", "", clean(b.text)).strip(" ,;:–—-")
        t = re.sub(r"^(hosted by|with|by)\s+", "", t, flags=re.I)
        if looks_like_name(t):
            return t
        names = split_names(t)
        if names:
            return names[0]
        lead = _lead_name(t)
        if lead:
            return lead
    return None
