"""Error responses: 400 naming the bad parameter, 404, and a 500 that never shows a traceback; JSON under /api."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.index import DamagedIndex, NoIndex
from indexer.request import InvalidParameter

log = logging.getLogger(__name__)


def wants_json() -> bool:
    """API clients get JSON errors; people get pages."""
    return request.path.startswith("/api/") or request.path == "/healthz"


def error_response(status: int, title: str, message: str, param: str | None = None) -> tuple[Response | str, int]:
    """The error as JSON or as the error page, with `status`."""
    if wants_json():
        body: dict[str, object] = {"error": title, "message": message, "status": status}
        if param:
            body["param"] = param
        return jsonify(body), status
    return render_template("error.html", status=status, title=title, message=message, param=param), status


def bad_parameter(exc: InvalidParameter) -> tuple[Response | str, int]:
    # The message is either "'abc' is not a whole number" or "must be between 1 and 100": name the
    # parameter as a label so both read as a sentence.
    return error_response(400, "Bad parameter", f"Parameter “{exc.param}”: {exc.message}.", exc.param)


def http_error(exc: HTTPException) -> tuple[Response | str, int]:
    status = exc.code or 500
    if status == 404:
        return error_response(404, "Not found", exc.description or "There is nothing at this address.")
    return error_response(status, exc.name, exc.description or exc.name)


def no_index(exc: NoIndex) -> tuple[Response | str, int]:
    # Not a crash: the operator has not built the index yet, and the page says how to.
    log.warning("%s", exc)
    return error_response(503, "No index yet", "The search index has not been built yet: run `podnotes index`.")


def damaged_index(exc: DamagedIndex) -> tuple[Response | str, int]:
    # The operator can repair it (`podnotes index`); readers get a 503 saying so, the log gets the detail.
    log.error("%s", exc)
    return error_response(503, "Index unavailable",
                          "The search index is damaged: run `podnotes index` to repair it.")


def server_error(exc: Exception) -> tuple[Response | str, int]:
    # The traceback goes to the log for whoever runs the server, never to the client.
    log.exception("unhandled error on %s", request.path, exc_info=exc)
    return error_response(500, "Something went wrong", "The server could not answer this request. Try again later.")


def register(app: Flask) -> None:
    app.register_error_handler(InvalidParameter, bad_parameter)
    app.register_error_handler(NoIndex, no_index)
    app.register_error_handler(DamagedIndex, damaged_index)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, server_error)
