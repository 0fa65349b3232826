"""The Flask app factory: one Library per app, HTML and JSON blueprints, security headers and error pages."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

from indexer.library import Library

REPO_ROOT = Path(__file__).resolve().parent.parent


def default_config() -> dict[str, Any]:
    """Paths from the environment (as the CLI sets them), else the repository's own corpus and index."""
    return {
        "PODNOTES_INDEX": os.environ.get("PODNOTES_INDEX") or str(REPO_ROOT / "var" / "index"),
        "PODNOTES_CORPUS": os.environ.get("PODNOTES_CORPUS") or str(REPO_ROOT / "corpus"),
        "TESTING": False,
    }


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the web app; the Library is opened once here and shared by every request."""
    app = Flask(__name__)
    app.config.update(default_config())
    app.config.update(config or {})
    # Templates end in .html/.xml/.atom; autoescape all of them so document text can never become markup.
    app.jinja_env.autoescape = True
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.json.sort_keys = False
    # A caller may hand in a ready Library (tests, the CLI); otherwise open the configured index.
    app.extensions["podnotes"] = app.config.get("PODNOTES_LIBRARY") or Library(app.config["PODNOTES_INDEX"])

    from search_app import api, errors, feeds, filters, security, views

    filters.register(app)
    security.register(app)
    errors.register(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feeds.bp)
    return app
