"""Configuration classes, chosen by HAMANDISHI_CONFIG (development, testing, production)."""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"


def _env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Settings shared by every environment; each one can be overridden from the environment."""

    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'hamandishi.sqlite3'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    # Connections per process to a database server (PostgreSQL's max_connections must hold
    # processes × (pool + overflow) plus maintenance; docs/deployment.md).
    DB_POOL_SIZE = int(os.environ.get("DB_POOL_SIZE", "20"))
    DB_POOL_OVERFLOW = int(os.environ.get("DB_POOL_OVERFLOW", "10"))
    SOCKETIO_MESSAGE_QUEUE = os.environ.get("SOCKETIO_MESSAGE_QUEUE") or None
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "")
    HOST = os.environ.get("HOST", "127.0.0.1")
    PORT = int(os.environ.get("PORT", "5000"))
    NODE_ID = os.environ.get("NODE_ID", "")  # names this process in its socket ids (nginx)
    BABEL_DEFAULT_LOCALE = "fa"
    BABEL_DEFAULT_TIMEZONE = "Asia/Tehran"
    BABEL_TRANSLATION_DIRECTORIES = "translations"
    WTF_CSRF_TIME_LIMIT = None
    MAX_CONTENT_LENGTH = 1024 * 1024
    SOCKET_MAX_MESSAGE_BYTES = 64 * 1024
    SOCKET_PING_INTERVAL = int(os.environ.get("SOCKET_PING_INTERVAL", "10"))
    SOCKET_PING_TIMEOUT = int(os.environ.get("SOCKET_PING_TIMEOUT", "10"))
    # PDF builds at once, each in a niced worker process (workshop/pdfkit/pool.py).
    PDF_WORKERS = int(os.environ.get("PDF_WORKERS", "1"))
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("COOKIE_SECURE", False)
    REMEMBER_COOKIE_SAMESITE = "Lax"
    JOIN_ATTEMPTS_PER_MINUTE = int(os.environ.get("JOIN_ATTEMPTS_PER_MINUTE", "10"))
    LOGIN_FAILURES_PER_MINUTE = int(os.environ.get("LOGIN_FAILURES_PER_MINUTE", "5"))
    SOCKET_COMMANDS_PER_SECOND = int(os.environ.get("SOCKET_COMMANDS_PER_SECOND", "20"))
    # A venue is one NAT address: these ceilings stop a guesser there without stopping the room.
    JOIN_FAILURES_PER_ADDRESS_PER_MINUTE = int(
        os.environ.get("JOIN_FAILURES_PER_ADDRESS_PER_MINUTE", "60"))
    DEVICES_PER_ADDRESS_PER_MINUTE = int(os.environ.get("DEVICES_PER_ADDRESS_PER_MINUTE", "600"))
    LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE = int(
        os.environ.get("LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE", "20"))
    SOCKETS_PER_PARTICIPANT = int(os.environ.get("SOCKETS_PER_PARTICIPANT", "4"))
    # Where rate-limit counts live: memory:// (default), or redis://… shared by all processes.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "")
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    HONOUR_OPERATION_IDS = True  # a test-only switch turns it off to prove the fault test can fail
    ADMIN_EMAIL = os.environ.get("ADMIN_EMAIL", "admin@example.org")
    # Minutes PDF: annotations printed under each focus point; the rest go to an appendix.
    MINUTES_ANNOTATIONS_PER_POINT = int(os.environ.get("MINUTES_ANNOTATIONS_PER_POINT", "5"))
    TESTING = False
    DEBUG = False


class DevelopmentConfig(Config):
    """The embedded default: SQLite under instance/, gevent server."""

    # Only the real-server fault tests set this (F3: prove they can fail); never production.
    HONOUR_OPERATION_IDS = not _env_bool("IGNORE_OPERATION_IDS", False)


class TestingConfig(Config):
    """Fast, isolated settings for pytest; TEST_DATABASE_URL selects PostgreSQL."""

    TESTING = True
    SECRET_KEY = "testing-secret"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = False
    SOCKETIO_MESSAGE_QUEUE = None
    SOCKETIO_ASYNC_MODE = "threading"  # the Flask-SocketIO test client needs no event loop
    HONOUR_OPERATION_IDS = not _env_bool("IGNORE_OPERATION_IDS", False)


class ProductionConfig(Config):
    """Deployed settings: secrets and the database must come from the environment."""

    SESSION_COOKIE_SECURE = _env_bool("COOKIE_SECURE", True)
    SESSION_COOKIE_NAME = "__Host-session" if SESSION_COOKIE_SECURE else "session"

    @classmethod
    def check(cls) -> None:
        """Refuse to start without a real secret key and database URL."""
        missing = [name for name in ("SECRET_KEY", "DATABASE_URL") if not os.environ.get(name)]
        if missing:
            raise RuntimeError(f"production config needs {', '.join(missing)} in the environment")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_env() -> type[Config]:
    """Pick the configuration class named by HAMANDISHI_CONFIG (default: development)."""
    name = os.environ.get("HAMANDISHI_CONFIG", "development")
    if name not in CONFIGS:
        raise RuntimeError(f"HAMANDISHI_CONFIG must be one of {sorted(CONFIGS)}, not {name!r}")
    config = CONFIGS[name]
    if hasattr(config, "check"):
        config.check()
    return config
