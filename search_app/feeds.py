"""Machine-readable entry points: the OpenSearch description and an Atom feed of any search."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from flask import Blueprint, Response, render_template, request

from indexer.request import SearchRequest
from search_app import links
from search_app.filters import FACET_LABELS
from search_app.views import library

bp = Blueprint("feeds", __name__)

# Characters XML 1.0 forbids even as escapes: a stray bell or escape byte in a scraped title would otherwise
# make the whole feed unreadable to every feed reader.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@bp.get("/opensearch.xml")
def opensearch() -> Response:
    body = render_template("opensearch.xml", base=request.host_url.rstrip("/"))
    return Response(body, mimetype="application/opensearchdescription+xml")


def feed_title(req: SearchRequest) -> str:
    """What the feed follows, in words: the query and each filter."""
    parts = [f"“{req.q}”"] if req.q else []
    for chip in links.chips(req):
        parts.append(f"{FACET_LABELS.get(chip['facet'], chip['facet'])}: {chip['value']}")
    return "podnotes — " + (", ".join(parts) if parts else "all episodes")


def atom_time(iso_date: str | None) -> str | None:
    """An RFC 3339 timestamp for an episode date (midnight UTC), or None."""
    return f"{iso_date}T00:00:00Z" if iso_date else None


@bp.get("/search.atom")
def search_atom() -> Response:
    req = SearchRequest.from_params(request.args.getlist)
    # A feed is followed for what is new, so it is always newest first whatever the page asked.
    req.sort = "date"
    result = library().search(req)
    dates = [h["episode"].get("date") for h in result.get("hits", []) if h["episode"].get("date")]
    updated = atom_time(max(dates)) if dates else datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = render_template(
        "search.atom.xml",
        req=req,
        result=result,
        title=feed_title(req),
        updated=updated,
        atom_time=atom_time,
        base=request.host_url.rstrip("/"),
        self_href=links.search_href(req, "/search.atom", page=req.page),
        html_href=links.search_href(req, "/", page=req.page),
    )
    return Response(_NOT_XML.sub("", body), mimetype="application/atom+xml")
