"""The user's query string → plain parts (words, phrases, exclusions, field filters), never Whoosh syntax."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FIELDS = ("guest", "type", "topic", "podcast", "year", "date")

_TOKEN = re.compile(
    r"""(?P<neg>-)?
        (?:(?P<field>[A-Za-z]+):)?
        (?:
            "(?P<quoted>[^"]*)"?            # "a phrase" (an unclosed quote runs to the end)
          | \[(?P<range>[^\]]*)\]?          # [2024 TO 2025]
          | (?P<word>[^\s"]+)
        )""",
    re.X,
)


@dataclass
class ParsedQuery:
    words: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded_words: list[str] = field(default_factory=list)
    excluded_phrases: list[list[str]] = field(default_factory=list)
    fields: dict[str, list[str]] = field(default_factory=dict)  # guest/type/topic/podcast/year → raw values
    date_from: str | None = None
    date_to: str | None = None
    any_of: bool = False  # the user wrote OR between words

    @property
    def has_text(self) -> bool:
        return bool(self.words or self.phrases)


def parse_query(text: str) -> ParsedQuery:
    """Split a query into its parts. Unknown `name:` prefixes are kept as ordinary words."""
    parsed = ParsedQuery()
    for m in _TOKEN.finditer(text or ""):
        neg, name, quoted, rng, word = m["neg"], (m["field"] or "").lower(), m["quoted"], m["range"], m["word"]
        if name and name not in FIELDS:
            word = f"{m['field']}:{word or quoted or rng or ''}"
            name = ""
        if name:
            _add_field(parsed, name, quoted if quoted is not None else (rng if rng is not None else word or ""))
            continue
        if quoted is not None:
            words = quoted.split()
            if words:
                (parsed.excluded_phrases if neg else parsed.phrases).append(words)
            continue
        if rng is not None:
            word = rng
        if not word:
            continue
        if word in ("OR", "||"):
            parsed.any_of = True
            continue
        if word in ("AND", "&&"):
            continue
        (parsed.excluded_words if neg else parsed.words).append(word)
    return parsed


def _add_field(parsed: ParsedQuery, name: str, value: str) -> None:
    value = value.strip()
    if not value:
        return
    if name == "date" or (name == "year" and " TO " in value.upper()):
        parts = re.split(r"\s+TO\s+", value, maxsplit=1, flags=re.I)
        low, high = (parts[0], parts[1]) if len(parts) == 2 else (value, value)
        parsed.date_from = _date_bound(low, start=True) or parsed.date_from
        parsed.date_to = _date_bound(high, start=False) or parsed.date_to
        return
    parsed.fields.setdefault(name, []).append(value)


def _date_bound(text: str, start: bool) -> str | None:
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", text or "")
    if not m:
        return None
    year, month, day = m[1], m[2], m[3]
    if start:
        return f"{year}-{int(month or 1):02d}-{int(day or 1):02d}"
    return f"{year}-{int(month or 12):02d}-{int(day or 31):02d}"
