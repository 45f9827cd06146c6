"""The pool worker's own small Flask app: database and translations, no Socket.IO, no routes.

A builder that reads the database (a draft preview, the programme dossier) collects its data
in the worker, so the server's event loop never pays for the reads, the hashing or the JSON of
a whole workshop. The app is made once per worker from the config the owning app sent when the
pool started the worker (pool.worker_config), so it always reads the same database as the server
that asked, whether that is a test's temporary file or production PostgreSQL.
"""

from __future__ import annotations

import json

from flask import Flask

from workshop import ROOT_DIR

# The worker reads one document at a time: one connection, one spare (PostgreSQL).
SMALL_POOL = {"pool_size": 1, "max_overflow": 1}
_apps: dict[str, Flask] = {}


def app_for(config: dict) -> Flask:
    """The worker's app for this config (made on the first database job)."""
    key = json.dumps(config, sort_keys=True, default=str)
    if key not in _apps:
        _apps.clear()
        _apps[key] = make_app(config)
    return _apps[key]


def make_app(config: dict) -> Flask:
    """A Flask app with the owning app's settings, its database and its catalogs."""
    from workshop import database, i18n
    from workshop.extensions import db

    if not config.get("SQLALCHEMY_DATABASE_URI"):
        raise RuntimeError("this PDF worker was started without a database")
    app = Flask("workshop", root_path=str(ROOT_DIR / "workshop"),
                template_folder=str(ROOT_DIR / "templates"))
    app.config.update(config)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(config)
    db.init_app(app)
    database.init_app(app)
    i18n.init_app(app)
    return app


def engine_options(config: dict) -> dict:
    """The server's engine options, with a small pool on a database server."""
    options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if not config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        options.update(SMALL_POOL)
    return options
