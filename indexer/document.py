"""The normalized episode document (see docs/episode-schema.md): dataclasses, dict round-trip, validation."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

import jsonschema


@dataclass
class Guest:
    name: str
    bio: str | None = None


@dataclass
class Item:
    type: str
    title: str
    relation: str = "recommended"
    creator: str | None = None
    creator_inferred: bool = False
    speaker: str | None = None
    t: int | None = None
    quote: str | None = None
    link: str | None = None


@dataclass
class Chapter:
    t: int
    title: str


@dataclass
class Segment:
    t: int | None
    speaker: str | None
    text: str


@dataclass
class Source:
    kind: str
    location: str
    sha256: str


@dataclass
class Episode:
    id: str
    title: str
    podcast: str | None = None
    number: int | None = None
    host: str | None = None
    date: str | None = None
    duration_s: int | None = None
    summary: str | None = None
    guests: list[Guest] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    gist: str | None = None
    reveals: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    transcript: list[Segment] = field(default_factory=list)
    url: str | None = None
    source: Source | None = None
    media_url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The document as plain JSON data, in the schema's field order."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "source" and value is None:
                continue
            if f.name == "media_url" and value is None:
                continue
            out[f.name] = _plain(value)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Episode:
        """Build an episode from its dict form (unknown keys are ignored)."""
        src = data.get("source")
        return cls(
            id=data["id"],
            title=data["title"],
            podcast=data.get("podcast"),
            number=data.get("number"),
            host=data.get("host"),
            date=data.get("date"),
            duration_s=data.get("duration_s"),
            summary=data.get("summary"),
            guests=[Guest(**_known(Guest, g)) for g in data.get("guests") or []],
            topics=list(data.get("topics") or []),
            gist=data.get("gist"),
            reveals=list(data.get("reveals") or []),
            facts=list(data.get("facts") or []),
            items=[Item(**_known(Item, i)) for i in data.get("items") or []],
            chapters=[Chapter(**_known(Chapter, c)) for c in data.get("chapters") or []],
            transcript=[Segment(**_known(Segment, s)) for s in data.get("transcript") or []],
            url=data.get("url"),
            source=Source(**_known(Source, src)) if src else None,
            media_url=data.get("media_url"),
        )

    @property
    def guest_names(self) -> list[str]:
        return [g.name for g in self.guests]


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


_NULLABLE_STR = {"type": ["string", "null"]}
_NULLABLE_INT = {"type": ["integer", "null"], "minimum": 0}

EPISODE_JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": [
        "id", "podcast", "number", "title", "host", "date", "duration_s", "summary", "guests",
        "topics", "gist", "reveals", "facts", "items", "chapters", "transcript", "url",
    ],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"},
        "podcast": _NULLABLE_STR,
        "number": _NULLABLE_INT,
        "title": {"type": "string", "minLength": 1},
        "host": _NULLABLE_STR,
        "date": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "duration_s": _NULLABLE_INT,
        "summary": _NULLABLE_STR,
        "guests": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "bio"],
                "properties": {"name": {"type": "string", "minLength": 1}, "bio": _NULLABLE_STR},
            },
        },
        "topics": {"type": "array", "items": {"type": "string"}},
        "gist": _NULLABLE_STR,
        "reveals": {"type": "array", "items": {"type": "string"}},
        "facts": {"type": "array", "items": {"type": "string"}},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "relation", "title", "creator", "creator_inferred", "quote",
                             "speaker", "t", "link"],
                "properties": {
                    "type": {"type": "string", "pattern": "^[a-z][a-z_-]*$"},
                    "relation": {"enum": ["recommended", "guest_own"]},
                    "title": {"type": "string", "minLength": 1},
                    "creator": _NULLABLE_STR,
                    "creator_inferred": {"type": "boolean"},
                    "quote": _NULLABLE_STR,
                    "speaker": _NULLABLE_STR,
                    "t": _NULLABLE_INT,
                    "link": _NULLABLE_STR,
                },
            },
        },
        "chapters": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["t", "title"],
                "properties": {"t": {"type": "integer", "minimum": 0}, "title": {"type": "string"}},
            },
        },
        "transcript": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["t", "speaker", "text"],
                "properties": {"t": _NULLABLE_INT, "speaker": _NULLABLE_STR, "text": {"type": "string"}},
            },
        },
        "url": _NULLABLE_STR,
        "source": {
            "type": "object",
            "required": ["kind", "location", "sha256"],
            "properties": {
                "kind": {"enum": ["html", "text", "feed", "json"]},
                "location": {"type": "string"},
                "sha256": {"type": "string"},
            },
        },
    },
}

_VALIDATOR = jsonschema.Draft202012Validator(EPISODE_JSON_SCHEMA)


def validation_errors(data: dict[str, Any]) -> list[str]:
    """Human-readable schema violations of a document dict (empty when valid)."""
    errors = sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(document)'}: {e.message}" for e in errors]
