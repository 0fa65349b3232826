"""A search request as plain data: parsed and checked from query-string style parameters, and back."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

FACETS = ("guest", "type", "topic", "podcast", "year")
SORTS = ("relevance", "date")
MAX_PER_PAGE = 100
MAX_PAGE = 1000
MAX_QUERY_CHARS = 500
# Each selected value is rendered as a checkbox whose link carries all the others: unbounded, a page grows
# quadratically (2,000 guests took 18 s and 30 MB). No real selection comes near these.
MAX_FILTER_VALUES = 50
MAX_VALUE_CHARS = 300


class InvalidParameter(ValueError):
    """A parameter the user gave cannot be used; `param` names it for the error message."""

    def __init__(self, param: str, message: str):
        super().__init__(f"invalid parameter {param!r}: {message}")
        self.param = param
        self.message = message


@dataclass
class SearchRequest:
    q: str = ""
    guest: list[str] = field(default_factory=list)
    type: list[str] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    podcast: list[str] = field(default_factory=list)
    year: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10

    def filters(self) -> dict[str, list[str]]:
        """The active facet selections, facet name → selected values."""
        return {name: list(getattr(self, name)) for name in FACETS}

    @classmethod
    def from_params(cls, get_list: Callable[[str], list[str]]) -> SearchRequest:
        """Build from a multi-valued parameter getter (Flask's `request.args.getlist`); raises InvalidParameter."""

        def one(name: str) -> str | None:
            values = [v for v in get_list(name) if v.strip()]
            if len(values) > 1:
                raise InvalidParameter(name, "give it at most once")
            return values[0].strip() if values else None

        q = (one("q") or "")
        if len(q) > MAX_QUERY_CHARS:
            raise InvalidParameter("q", f"longer than {MAX_QUERY_CHARS} characters")
        req = cls(q=q)
        for name in FACETS:
            setattr(req, name, _checked_values(name, get_list(name)))
        for year in req.year:
            if not re.fullmatch(r"\d{4}", year):
                raise InvalidParameter("year", f"{year!r} is not a four-digit year")
        req.date_from = _checked_date("from", one("from"))
        req.date_to = _checked_date("to", one("to"))
        if req.date_from and req.date_to and req.date_to < req.date_from:
            raise InvalidParameter("to", f"{req.date_to} is before 'from' ({req.date_from})")
        req.sort = one("sort") or "relevance"
        if req.sort not in SORTS:
            raise InvalidParameter("sort", f"must be one of {', '.join(SORTS)}")
        req.page = _checked_int("page", one("page"), 1, 1, MAX_PAGE)
        req.per_page = _checked_int("limit", one("limit"), 10, 1, MAX_PER_PAGE)
        return req

    def to_params(self, **changes: object) -> list[tuple[str, str]]:
        """Query-string pairs for this request (with `changes` applied), defaults left out: a permalink."""
        data = {**self.__dict__, **changes}
        pairs: list[tuple[str, str]] = []
        if data["q"]:
            pairs.append(("q", str(data["q"])))
        for name in FACETS:
            pairs.extend((name, str(v)) for v in data[name])
        if data["date_from"]:
            pairs.append(("from", str(data["date_from"])))
        if data["date_to"]:
            pairs.append(("to", str(data["date_to"])))
        if data["sort"] != "relevance":
            pairs.append(("sort", str(data["sort"])))
        if data["per_page"] != 10:
            pairs.append(("limit", str(data["per_page"])))
        if data["page"] != 1:
            pairs.append(("page", str(data["page"])))
        return pairs


def _checked_values(param: str, raw: list[str]) -> list[str]:
    """A filter's distinct non-blank values, in order; too many or too long ones are an InvalidParameter."""
    values: list[str] = []
    for value in raw:
        value = value.strip()
        if len(value) > MAX_VALUE_CHARS:
            raise InvalidParameter(param, f"a value longer than {MAX_VALUE_CHARS} characters")
        if value and value not in values:
            values.append(value)
    if len(values) > MAX_FILTER_VALUES:
        raise InvalidParameter(param, f"give at most {MAX_FILTER_VALUES} values")
    return values


def _checked_int(param: str, raw: str | None, default: int, low: int, high: int) -> int:
    if raw is None:
        return default
    if not re.fullmatch(r"\d+", raw):
        raise InvalidParameter(param, f"{raw!r} is not a whole number")
    value = int(raw) if len(raw) <= 9 else high + 1  # thousands of digits would not even convert
    if not low <= value <= high:
        raise InvalidParameter(param, f"must be between {low} and {high}")
    return value


def _checked_date(param: str, raw: str | None) -> str | None:
    if raw is None:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", raw)
    if not m:
        raise InvalidParameter(param, f"{raw!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = m[1], m[2], m[3]
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise InvalidParameter(param, f"{raw!r} is not a real date") from None
    if param == "from":
        return f"{year}-{month or '01'}-{day or '01'}"
    return f"{year}-{month or '12'}-{day or '31'}"
