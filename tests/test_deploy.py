"""Deployment pieces without servers: socket ids that name their process, the nginx template,
and refusals of the backup commands."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import threading
from contextlib import closing
from types import SimpleNamespace

import pytest

from config import TestingConfig
from deploy.render_nginx import Node, main, parse_backend, render_site, write_standalone
from workshop import create_app
from workshop.backup import BackupError, restore_sqlite
from workshop.realtime import nodes
from workshop.realtime.nodes import node_of

NODES = [Node("5001", "127.0.0.1:5001"), Node("5002", "127.0.0.1:5002")]


def _app(**settings):
    return create_app(type("NodeConfig", (TestingConfig,), settings))


def test_socket_ids_start_with_the_node_id():
    from workshop.extensions import socketio

    _app(NODE_ID="b7")
    sids = {socketio.server.eio.generate_id() for _ in range(50)}
    assert len(sids) == 50
    assert {node_of(sid) for sid in sids} == {"b7"}
    _app(NODE_ID="")
    assert node_of(socketio.server.eio.generate_id()) is None


@pytest.mark.parametrize("bad", ["a.b", "5001 ", "x" * 17, "ناحیه"])
def test_a_node_id_nginx_cannot_route_is_refused(bad):
    with pytest.raises(RuntimeError, match="NODE_ID"):
        nodes.init_app(SimpleNamespace(config={"NODE_ID": bad}), socketio=None)


def test_the_site_balances_by_connections_and_routes_polling_by_sid():
    site = render_site(NODES, "443", "workshop.example.org", ("/c.pem", "/k.pem"))
    assert "least_conn;" in site
    assert "ip_hash" not in site.replace("Never ip_hash", "")
    assert '"~^5001\\." hamandishi_5001;' in site
    assert '"~^5002\\." hamandishi_5002;' in site
    assert "proxy_pass http://$hamandishi_backend;" in site
    assert "listen 443 ssl http2;" in site
    assert "return 301 https://$host$request_uri;" in site
    assert "ssl_certificate /c.pem;" in site


def test_backends_are_node_id_and_address():
    assert parse_backend("a=127.0.0.1:5001") == Node("a", "127.0.0.1:5001")
    assert parse_backend("127.0.0.1:5002") == Node("5002", "127.0.0.1:5002")
    with pytest.raises(SystemExit):
        main(["--backend", "a.b=127.0.0.1:1"])


@pytest.mark.skipif(shutil.which("nginx", path="/usr/sbin:/usr/bin") is None,
                    reason="nginx is not installed")
def test_nginx_accepts_the_rendered_configuration(tmp_path):
    conf = write_standalone(tmp_path, render_site(NODES, "127.0.0.1:8080"))
    nginx = shutil.which("nginx", path="/usr/sbin:/usr/bin")
    done = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(conf),
                           "-e", str(tmp_path / "error.log")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_restore_refuses_a_file_that_is_not_a_hamandishi_database(tmp_path):
    foreign, target = tmp_path / "foreign.sqlite3", tmp_path / "target.sqlite3"
    with closing(sqlite3.connect(foreign)) as db:
        db.execute("CREATE TABLE notes (body TEXT)")
    with closing(sqlite3.connect(target)) as db:
        db.execute("CREATE TABLE alembic_version (version_num TEXT)")
        db.execute("INSERT INTO alembic_version VALUES ('kept')")
        db.commit()
    with pytest.raises(BackupError, match="not a Hamandishi database"):
        restore_sqlite(foreign, target)
    with closing(sqlite3.connect(target)) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [("kept",)]


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")
def test_many_commands_at_once_wait_for_a_redis_connection(tmp_path):
    """200 commands checking their limit at the same moment (as greenlets do behind a busy
    process): each waits for a pooled connection; none fails (it did at the 101st)."""
    from tests.cluster import RedisServer
    from workshop import ratelimit

    redis_server = RedisServer(tmp_path)
    ratelimit.init_app(SimpleNamespace(config={"RATELIMIT_STORAGE_URI": redis_server.url}))
    barrier, errors = threading.Barrier(200), []

    def command(i: int) -> None:
        barrier.wait()
        try:
            for _ in range(5):
                ratelimit.socket_commands.take(f"phone-{i}", 20)
        except Exception as error:  # any failure is what this test counts
            errors.append(type(error).__name__)

    threads = [threading.Thread(target=command, args=(i,)) for i in range(200)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert errors == []
    finally:
        ratelimit.init_app(SimpleNamespace(config={}))  # back to memory
        redis_server.stop()
