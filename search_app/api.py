"""The JSON API: search (the interfaces.md shape), episodes, guests, items, suggestions, stats and health."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, jsonify, request, url_for

from indexer.request import InvalidParameter, SearchRequest
from search_app.views import items_request, library

log = logging.getLogger(__name__)

bp = Blueprint("api", __name__)

MAX_PREFIX_CHARS = 100
MAX_SUGGESTIONS = 20


@bp.get("/api/search")
def search() -> Response:
    req = SearchRequest.from_params(request.args.getlist)
    return jsonify(library().search(req))


@bp.get("/api/episodes/<episode_id>")
def episode(episode_id: str) -> Response:
    doc = library().episode(episode_id)
    if doc is None:
        abort(404, description=f"There is no episode with the id “{episode_id}”.")
    return jsonify(doc)


@bp.get("/api/guests/<path:name>")
def guest(name: str) -> Response:
    info = library().guest(name)
    if info is None:
        abort(404, description=f"No episode has a guest named “{name}”.")
    return jsonify(info)


@bp.get("/api/items")
def items() -> Response:
    types, page, per_page = items_request()
    return jsonify(library().items(types=types, page=page, per_page=per_page))


@bp.get("/api/stats")
def stats() -> Response:
    return jsonify(library().stats())


def suggestion_href(suggestion: dict[str, Any]) -> str:
    """Where choosing a completion leads: the episode for a title, a filtered search for a guest or topic."""
    kind, value = suggestion.get("kind"), str(suggestion.get("value", ""))
    if kind == "title" and suggestion.get("episode_id"):
        return url_for("views.episode", episode_id=suggestion["episode_id"])
    if kind in ("guest", "topic"):
        return "/?" + urlencode({kind: value})
    return "/?" + urlencode({"q": value})


def suggest_limit() -> int:
    raw = request.args.get("limit", "8")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_SUGGESTIONS:
        raise InvalidParameter("limit", f"must be a whole number between 1 and {MAX_SUGGESTIONS}")
    return int(raw)


@bp.get("/api/suggest")
def suggest() -> Response:
    prefix = (request.args.get("q") or "").strip()
    if len(prefix) > MAX_PREFIX_CHARS:
        raise InvalidParameter("q", f"longer than {MAX_PREFIX_CHARS} characters")
    limit = suggest_limit()
    found = library().suggest(prefix, limit) if prefix else []
    if request.args.get("format") == "opensearch":
        # The OpenSearch suggestions extension: [query, [completions]], what browsers' address bars read.
        return jsonify([prefix, [s["value"] for s in found]])
    return jsonify({"q": prefix, "suggestions": [{**s, "url": suggestion_href(s)} for s in found]})


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    try:
        stats = library().stats()
    except Exception:  # noqa: BLE001 - any failure to read the index means "unhealthy", reported not raised
        log.exception("health check could not read the index")
        return jsonify({"status": "unavailable", "error": "the index cannot be read"}), 503
    body = {
        "status": "ok",
        "episodes": stats.get("episodes"),
        "passages": stats.get("passages"),
        "guests": stats.get("guests"),
        "index_built_at": stats.get("index_built_at"),
        "index_age_s": stats.get("index_age_s"),
    }
    return jsonify(body), 200
