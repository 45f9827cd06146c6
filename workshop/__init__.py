"""Hamandishi: real-time co-thinking workshops. The application factory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT_DIR = PACKAGE_DIR.parent
# Feature packages, each a blueprint with routes, socket commands and snapshot sections.
FEATURES = ("main", "auth", "workshops", "joining", "focus", "voting", "minutes", "programs",
            "register", "plan")


def create_app(config_class=None) -> Flask:
    """Build the app: config, extensions, features, realtime, CLI, error pages."""
    from config import config_from_env
    from workshop.realtime.app_class import WorkshopFlask

    app = WorkshopFlask(__name__, template_folder=str(ROOT_DIR / "templates"),
                static_folder=str(ROOT_DIR / "static"), instance_path=str(ROOT_DIR / "instance"))
    app.config.from_object(config_class or config_from_env())
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(str(p) for p in translation_dirs())
    Path(app.instance_path).mkdir(exist_ok=True)
    _init_extensions(app)
    _register_features(app)
    return app


def translation_dirs() -> list[Path]:
    """The shared catalog plus one per feature package (merged by Flask-Babel)."""
    dirs = [PACKAGE_DIR / "translations"]
    dirs += sorted(p for p in PACKAGE_DIR.glob("*/translations") if p.is_dir())
    return dirs


def _init_extensions(app: Flask) -> None:
    from workshop import compression, database, i18n, ratelimit, security
    from workshop.extensions import csrf, db, login_manager, migrate, socketio
    from workshop.main import errors
    from workshop.realtime import nodes

    database.engine_options(app)
    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT_DIR / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    compression.init_app(app)
    ratelimit.init_app(app)
    errors.init_app(app)
    _init_login(app, login_manager)
    socketio.server_options.pop("client_manager", None)  # never reuse another app's queue
    socketio.init_app(app, **_socketio_options(app))
    nodes.init_app(app, socketio)


def _init_login(app: Flask, login_manager) -> None:
    from flask_babel import lazy_gettext as _l

    from workshop.auth.services import load_user

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to open this page.")
    login_manager.user_loader(load_user)


def _socketio_options(app: Flask) -> dict:
    from workshop.realtime.managers import client_manager_for
    from workshop.realtime.origin import make_origin_check
    from workshop.realtime.packets import JsonPacket

    queue = app.config.get("SOCKETIO_MESSAGE_QUEUE")
    manager = client_manager_for(queue)
    return {
        "async_mode": app.config.get("SOCKETIO_ASYNC_MODE", "gevent"),
        "message_queue": queue,
        **({"client_manager": manager} if manager else {}),
        "cors_allowed_origins": make_origin_check(app.config),
        "max_http_buffer_size": app.config["SOCKET_MAX_MESSAGE_BYTES"],
        "ping_interval": app.config["SOCKET_PING_INTERVAL"],
        "ping_timeout": app.config["SOCKET_PING_TIMEOUT"],
        "manage_session": False,
        "serializer": JsonPacket,
    }


def _register_features(app: Flask) -> None:
    import importlib

    from workshop.cli import init_app as init_cli
    from workshop.extensions import socketio
    from workshop.realtime.namespace import init_app as init_realtime

    for name in FEATURES:
        module = importlib.import_module(f"workshop.{name}")
        app.register_blueprint(module.bp)
        for hook in ("init_feature",):
            if hasattr(module, hook):
                getattr(module, hook)(app)
    init_realtime(socketio)
    init_cli(app)
