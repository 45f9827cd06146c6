"""Configuration: class selection, production refusals, SQLite durability, dependency floors."""

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import sqlalchemy as sa
from packaging.version import Version

import config
from config import CONFIGS, TestingConfig, config_from_env

ROOT = Path(__file__).resolve().parent.parent
APP_VARIABLES = ("HAMANDISHI_CONFIG", "SECRET_KEY", "DATABASE_URL", "TEST_DATABASE_URL",
                 "IGNORE_OPERATION_IDS", "COOKIE_SECURE", "SOCKETIO_MESSAGE_QUEUE")


def _python(code: str, **env) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter (config is read at import) with only `env` set."""
    clean = {k: v for k, v in os.environ.items() if k not in APP_VARIABLES}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean | env, timeout=120,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("name", ["development", "testing", "production"])
def test_config_class_is_chosen_by_hamandishi_config(monkeypatch, name):
    monkeypatch.setenv("HAMANDISHI_CONFIG", name)
    monkeypatch.setenv("SECRET_KEY", "s" * 64)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg2://u@127.0.0.1/db")
    assert config_from_env() is CONFIGS[name]


def test_development_is_the_default_and_unknown_names_are_refused(monkeypatch):
    monkeypatch.delenv("HAMANDISHI_CONFIG", raising=False)
    assert config_from_env() is config.DevelopmentConfig
    monkeypatch.setenv("HAMANDISHI_CONFIG", "staging")
    with pytest.raises(RuntimeError, match="HAMANDISHI_CONFIG"):
        config_from_env()


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL"])
def test_production_refuses_to_start_without_secret_key_or_database_url(monkeypatch, missing):
    monkeypatch.setenv("HAMANDISHI_CONFIG", "production")
    monkeypatch.setenv("SECRET_KEY", "s" * 64)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg2://u@127.0.0.1/db")
    monkeypatch.delenv(missing)
    with pytest.raises(RuntimeError, match=missing):
        config_from_env()


def test_production_server_process_exits_with_a_clear_message():
    done = _python("import runpy; runpy.run_path('run.py', run_name='__main__')",
                   HAMANDISHI_CONFIG="production")
    assert done.returncode != 0
    assert "production config needs SECRET_KEY, DATABASE_URL" in done.stderr


def test_production_cookies_are_secure_by_default():
    done = _python("import json, config; c = config.ProductionConfig; print(json.dumps("
                   "[c.SESSION_COOKIE_SECURE, c.SESSION_COOKIE_NAME, c.SESSION_COOKIE_HTTPONLY,"
                   " c.SESSION_COOKIE_SAMESITE]))")
    assert json.loads(done.stdout) == [True, "__Host-session", True, "Lax"]


def test_only_an_explicit_variable_turns_operation_ids_off_and_never_in_production():
    code = ("import json, config; print(json.dumps({n: c.HONOUR_OPERATION_IDS "
            "for n, c in config.CONFIGS.items()}))")
    assert json.loads(_python(code).stdout) == dict.fromkeys(CONFIGS, True)
    ignored = json.loads(_python(code, IGNORE_OPERATION_IDS="1").stdout)
    assert ignored == {"development": False, "testing": False, "production": True}


def test_sqlite_connections_are_durable_and_strict(tmp_path):
    from workshop import create_app
    from workshop.extensions import db

    url = f"sqlite:///{tmp_path / 'pragmas.sqlite3'}"
    app = create_app(type("PragmaConfig", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": url}))
    with app.app_context():
        with db.engine.connect() as conn:
            pragma = {name: conn.execute(sa.text(f"PRAGMA {name}")).scalar()
                      for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
        db.engine.dispose()
    assert pragma["journal_mode"] == "wal"
    assert pragma["synchronous"] == 2  # FULL: committed votes survive a power cut
    assert pragma["foreign_keys"] == 1
    assert pragma["busy_timeout"] >= 5000


@pytest.mark.parametrize(("package", "floor"), [
    ("python-socketio", "5.16.2"),  # CVE fixes in the message-queue and packet parser
    ("python-engineio", "4.13.2"),
    ("reportlab", "3.6.13"),  # CVE-2023-33733 (code execution through rich text)
    ("Flask-SocketIO", "5.6"),
])
def test_dependency_floors_for_known_vulnerabilities(package, floor):
    assert Version(version(package)) >= Version(floor)


def test_served_app_runs_on_gevent_and_accepts_only_same_origin(tmp_path):
    code = ("import json, run; s = run.app.extensions['socketio'].server; print(json.dumps("
            "[s.async_mode, s.eio.cors_allowed_origins.__qualname__,"
            " s.eio.max_http_buffer_size,"
            " type(s.manager).__name__]))")
    done = _python(code, HAMANDISHI_CONFIG="development",
                   DATABASE_URL=f"sqlite:///{tmp_path / 'served.sqlite3'}")
    assert done.returncode == 0, done.stderr
    mode, origins, max_bytes, manager = json.loads(done.stdout.splitlines()[-1])
    assert mode == "gevent"
    # Same origin only, by our check (forwarded headers count only behind TRUSTED_PROXIES);
    # "*" or [] would switch the check off.
    assert origins == "make_origin_check.<locals>.allowed"
    assert max_bytes == 64 * 1024
    assert manager == "Manager"  # no message queue unless SOCKETIO_MESSAGE_QUEUE is set


def test_a_database_server_gets_a_pool_as_wide_as_a_busy_process_needs():
    from workshop import create_app
    from workshop.extensions import db

    server = type("ServerConfig", (TestingConfig,), {
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg2://nobody@127.0.0.1:9/none",
        "DB_POOL_SIZE": 12, "DB_POOL_OVERFLOW": 3})
    app = create_app(server)
    with app.app_context():
        assert db.engine.pool.size() == 12
        assert db.engine.pool._max_overflow == 3
        assert not db.engine.pool._pre_ping  # pinged only after sitting idle (pool_ping.py)
        assert app.config["DB_PING_WHEN_IDLE"]
    local = create_app(type("LocalConfig", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": "sqlite://"}))
    assert "pool_size" not in local.config["SQLALCHEMY_ENGINE_OPTIONS"]
