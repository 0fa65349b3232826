"""The HTML pages: search with facets, episode, guest, items and stats; all server-rendered, JS optional."""

from __future__ import annotations

import math
from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from indexer.library import Library
from indexer.request import FACETS, SearchRequest
from search_app import links
from search_app.filters import FACET_LABELS

bp = Blueprint("views", __name__)

# Facet values shown before "show more"; the rest sit in a <details> so they work without JavaScript.
FACET_VISIBLE = 8
ITEMS_PER_PAGE = 50
# How many of the most common topics, guests and podcasts the empty state offers as ways in.
EXAMPLES_PER_FACET = {"topic": 3, "guest": 2, "podcast": 1}


def library() -> Library:
    """The app's one Library (opened by create_app)."""
    return current_app.extensions["podnotes"]


def facet_groups(result: dict[str, Any], req: SearchRequest) -> list[dict[str, Any]]:
    """Each facet as {name, label, shown, more}; selected values always sit in the shown part."""
    groups = []
    for name in FACETS:
        values = [dict(v) for v in result.get("facets", {}).get(name) or []]
        selected = getattr(req, name)
        known = {v["value"] for v in values}
        # A selected value with no matches left still needs its checkbox, or it could not be unticked.
        values += [{"value": v, "count": 0, "selected": True} for v in selected if v not in known]
        for i, v in enumerate(values):
            v["selected"] = v.get("selected") or v["value"] in selected
            v["id"] = f"f-{name}-{i}"
        chosen = [v for v in values if v["selected"]]
        rest = [v for v in values if not v["selected"]]
        room = max(FACET_VISIBLE - len(chosen), 0)
        groups.append({
            "name": name,
            "label": FACET_LABELS[name],
            "shown": chosen + rest[:room],
            "more": rest[room:],
        })
    return [g for g in groups if g["shown"]]


def example_searches() -> dict[str, list[dict[str, Any]]]:
    """The most common topics, guests and podcasts in the index, each a link that is sure to find episodes.

    Taken from the index rather than written down, so the empty state never suggests a search that also
    finds nothing in whatever corpus this server holds."""
    facets = library().search(SearchRequest(per_page=1)).get("facets", {})
    return {
        name: [{"value": v["value"], "count": v["count"], "href": url_for("views.search", **{name: v["value"]})}
               for v in (facets.get(name) or [])[:n] if v.get("count")]
        for name, n in EXAMPLES_PER_FACET.items()
    }


def page_count(total: int, per_page: int) -> int:
    return max(1, math.ceil(total / per_page)) if per_page else 1


@bp.get("/")
def search() -> str:
    req = SearchRequest.from_params(request.args.getlist)
    result = library().search(req)
    pages = page_count(result.get("total", 0), req.per_page)
    return render_template(
        "search.html",
        req=req,
        result=result,
        facets=facet_groups(result, req),
        chips=links.chips(req),
        clear_href=links.clear_filters_href(req),
        pages=pages,
        page_window=links.page_window(req.page, pages),
        examples=example_searches() if not result.get("hits") else {},
        feed_href=links.search_href(req, "/search.atom", page=1),
        json_href=links.search_href(req, "/api/search", page=req.page),
    )


@bp.get("/episodes/<episode_id>")
def episode(episode_id: str) -> str:
    doc = library().episode(episode_id)
    if doc is None:
        abort(404, description=f"There is no episode with the id “{episode_id}”.")
    recommended = [i for i in doc.get("items", []) if i.get("relation") != "guest_own"]
    own = [i for i in doc.get("items", []) if i.get("relation") == "guest_own"]
    json_href = url_for("api.episode", episode_id=episode_id)
    return render_template("episode.html", ep=doc, recommended=recommended, own=own, json_href=json_href)


@bp.get("/guests/<path:name>")
def guest(name: str) -> str:
    info = library().guest(name)
    if info is None:
        abort(404, description=f"No episode has a guest named “{name}”.")
    return render_template("guest.html", guest=info, recommended=info["recommended"], own=info["own"],
                           json_href=url_for("api.guest", name=name))


def items_request() -> tuple[list[str], int, int]:
    """Item types, page and page size from the query string, checked like a search's (400 on bad values)."""
    req = SearchRequest.from_params(request.args.getlist)
    per_page = req.per_page if request.args.get("limit") else ITEMS_PER_PAGE
    return req.type, req.page, per_page


@bp.get("/items")
def items() -> str:
    types, page, per_page = items_request()
    data = library().items(types=types, page=page, per_page=per_page)
    req = SearchRequest(type=types, page=page)
    pages = page_count(data.get("total", 0), per_page)
    return render_template(
        "items.html",
        data=data,
        req=req,
        pages=pages,
        page_window=links.page_window(page, pages),
        json_href=links.search_href(req, "/api/items", page=page),
    )


@bp.get("/stats")
def stats() -> str:
    return render_template("stats.html", stats=library().stats(), json_href=url_for("api.stats"))


@bp.get("/favicon.ico")
def favicon() -> Response:
    # Browsers ask for /favicon.ico whatever the page says; point them at the SVG instead of a 404.
    return redirect(url_for("static", filename="favicon.svg"), code=301)
