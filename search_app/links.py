"""URLs the pages link to: search permalinks, facet toggles, timestamp deep links into episode media."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from indexer.request import FACETS, SearchRequest

_YOUTUBE_HOSTS = re.compile(r"(^|\.)(youtube\.com|youtu\.be|youtube-nocookie\.com)$")


def search_href(req: SearchRequest, path: str = "/", **changes: object) -> str:
    """A permalink to `path` for `req` with `changes`; any change other than `page` goes back to page 1."""
    if changes and "page" not in changes:
        changes["page"] = 1
    query = urlencode(req.to_params(**changes))
    return f"{path}?{query}" if query else path


def toggle_href(req: SearchRequest, facet: str, value: str, path: str = "/") -> str:
    """The permalink with `value` added to or removed from facet `facet`."""
    current = list(getattr(req, facet))
    chosen = [v for v in current if v != value] if value in current else [*current, value]
    return search_href(req, path, **{facet: chosen})


def chips(req: SearchRequest) -> list[dict[str, str]]:
    """Every active filter as {label, facet, value, href}, the href leading to the same search without it."""
    out = []
    for facet in FACETS:
        for value in getattr(req, facet):
            out.append({"facet": facet, "value": value, "href": toggle_href(req, facet, value)})
    if req.date_from:
        out.append({"facet": "from", "value": req.date_from, "href": search_href(req, date_from=None)})
    if req.date_to:
        out.append({"facet": "to", "value": req.date_to, "href": search_href(req, date_to=None)})
    return out


def clear_filters_href(req: SearchRequest) -> str:
    """The same query and sort with no filter at all."""
    cleared: dict[str, object] = {facet: [] for facet in FACETS}
    return search_href(req, date_from=None, date_to=None, **cleared)


def time_href(episode: dict, t: int | None) -> str | None:
    """A link to second `t` of the episode's media (or page), in the form that player understands, or None."""
    if t is None:
        return None
    base = episode.get("media_url") or episode.get("url")
    if not base or not re.match(r"https?://", base):
        return None
    try:
        parts = urlsplit(base)
        hostname = parts.hostname
    except ValueError:  # a feed's "http://[::1/ep" is stored as given; no link beats a broken page
        return None
    if _YOUTUBE_HOSTS.search(hostname or ""):
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ("t", "start")]
        query.append(("t", f"{int(t)}s"))
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
    # Media fragments (W3C) are what browsers' own audio/video players seek with.
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, f"t={int(t)}"))


def page_window(page: int, pages: int, width: int = 2) -> list[int | None]:
    """Page numbers to show around `page`: first, last and `width` either side, None marking a gap."""
    shown = sorted({1, pages, *range(max(1, page - width), min(pages, page + width) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out
