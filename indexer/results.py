"""Parse outcomes as values: documents plus warnings, or a failure with a reason (feedparser's bozo model)."""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.document import Episode


@dataclass
class ParseResult:
    """What one source gave: its episodes and warnings, or an error saying why it could not be read."""

    location: str
    episodes: list[Episode] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @classmethod
    def failure(cls, location: str, reason: str) -> ParseResult:
        return cls(location=location, error=reason)
