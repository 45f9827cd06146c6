"""Several app processes behind nginx: PostgreSQL, Redis, N × `python run.py`, nginx.

The production shape of docs/deployment.md on free loopback ports, without root where the
programs allow it: nginx runs from the configuration deploy/render_nginx.py renders from
deploy/nginx.conf.template (the file the docs ship), with its pid, logs and temp files in a
private prefix. Used by tests/test_realserver_cluster.py and bench/load_cluster.py.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import redis
import requests

from deploy.render_nginx import Node, render_site, write_standalone
from tests.live_server import LiveServer, start_server
from tests.live_setup import Databases
from tests.postgres import ThrowawayPostgres, free_port, pg_bin_dir

NODE_IDS = "abcdefgh"


def missing_binaries(postgres: bool) -> list[str]:
    """The programs a cluster needs that are not installed (apt-get install …)."""
    missing = [name for name in ("redis-server", "nginx") if _which(name) is None]
    if postgres and pg_bin_dir() is None:
        missing.append("postgresql (initdb, pg_ctl)")
    return missing


def _which(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")


def wait_until(check, timeout: float, what: str, process=None) -> None:
    """Poll `check()` until it is true; fail early if `process` died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what}: the process exited with {process.returncode}")
        with contextlib.suppress(Exception):
            if check():
                return
        time.sleep(0.05)
    raise RuntimeError(f"{what}: not ready after {timeout}s")


class RedisServer:
    """A private redis-server on 127.0.0.1 and a free port, without persistence."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [_which("redis-server"), "--bind", "127.0.0.1", "--port", str(self.port),
             "--save", "", "--appendonly", "no", "--dir", str(workdir),
             "--protected-mode", "yes", "--maxclients", "10000"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url)
        try:
            wait_until(client.ping, 10, "redis-server", self.process)
        finally:
            client.close()

    def stop(self) -> None:
        stop_process(self.process)


class Nginx:
    """Debian's nginx with the rendered site config, in its own prefix (no root needed)."""

    def __init__(self, prefix: Path, nodes: list[Node]):
        self.port = free_port()
        self.prefix = prefix
        site = render_site(nodes, f"127.0.0.1:{self.port}",
                           command="tests/cluster.py (test cluster)")
        conf = write_standalone(prefix, site)
        base = [_which("nginx"), "-p", str(prefix), "-c", str(conf),
                "-e", str(prefix / "error.log")]
        checked = subprocess.run([*base, "-t"], capture_output=True, text=True)
        if checked.returncode:
            raise RuntimeError(f"nginx -t failed:\n{checked.stderr}")
        self.process = subprocess.Popen([*base, "-g", "daemon off;"], stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        wait_until(lambda: requests.get(self.url + "/healthz", timeout=1).ok, 15, "nginx",
                   self.process)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        path = self.prefix / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        stop_process(self.process)


def stop_process(process: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL after 10 s."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


class Cluster:
    """PostgreSQL (given or throwaway) + Redis + N app processes + nginx in front."""

    def __init__(self, processes: int = 2, pg_url: str | None = None,
                 env: dict[str, str] | None = None, tmp: Path | None = None,
                 launcher=start_server):
        """`launcher(database_url, env, log_dir)` starts one process (the app's `run.py` unless
        a benchmark puts its bare reference server behind the same nginx)."""
        self.tmp = tmp or Path(tempfile.mkdtemp(prefix="hamandishi-cluster-"))
        self.count, self.pg_url, self.extra_env = processes, pg_url, env or {}
        self.launcher = launcher
        self.postgres: ThrowawayPostgres | None = None
        self.redis: RedisServer | None = None
        self.nginx: Nginx | None = None
        self.databases: Databases | None = None
        self.servers: dict[str, LiveServer] = {}

    def start(self) -> Cluster:
        """Start everything; on failure stop what was started and raise."""
        try:
            if self.pg_url is None:
                self.postgres = ThrowawayPostgres().start()
                self.pg_url = self.postgres.url
            self.redis = RedisServer(self.tmp)
            self.databases = Databases(self.tmp, self.pg_url)
            self.database_url = self.databases.new()
            self.start_nodes(NODE_IDS[:self.count])
            nodes = [Node(n, f"127.0.0.1:{s.port}") for n, s in self.servers.items()]
            self.nginx = Nginx(self.tmp / "nginx", nodes)
            self.front = LiveServer(self.nginx.port, self.database_url, self.tmp / "front.log")
        except BaseException:
            self.stop()
            raise
        return self

    def env(self, node: str) -> dict[str, str]:
        """What every process gets: the queue (and with it the rate-limit storage) and its id."""
        return {"SOCKETIO_MESSAGE_QUEUE": self.redis.url, "NODE_ID": node,
                "TRUSTED_PROXIES": "1", **self.extra_env}

    def start_node(self, node: str) -> LiveServer:
        """(Re)start the app process `node` on a free port."""
        server = self.launcher(self.database_url, self.env(node), self.tmp)
        self.servers[node] = server
        return server

    def start_nodes(self, nodes: str) -> None:
        """Start several app processes at once (each waits for its own /healthz)."""
        with ThreadPoolExecutor(len(nodes)) as pool:
            for node, server in zip(nodes, pool.map(self._start, nodes), strict=True):
                self.servers[node] = server

    def _start(self, node: str) -> LiveServer:
        return self.launcher(self.database_url, self.env(node), self.tmp)

    def kill(self, node: str) -> None:
        """SIGKILL one app process (a crash: nothing is drained)."""
        process = self.servers[node].process
        process.kill()
        process.wait(timeout=10)

    def logs(self) -> str:
        parts = [f"--- {n} (port {s.port}) ---\n{s.log()[-3000:]}" for n, s in self.servers.items()]
        if self.nginx:
            parts.append(f"--- nginx ---\n{self.nginx.log()[-2000:]}")
        return "\n".join(parts)

    def stop(self) -> None:
        """Stop everything that was started and drop the databases."""
        if getattr(self, "front", None):
            self.front.close_clients()
        for server in self.servers.values():
            server.stop()
        for part in (self.nginx, self.redis):
            if part is not None:
                part.stop()
        if self.databases is not None:
            with contextlib.suppress(Exception):
                self.databases.cleanup()
        if self.postgres is not None:
            self.postgres.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)


def create_workshop(front: LiveServer, staff) -> dict:
    """Create a workshop with the staff form; {"id", "code"} (the code read from the database)."""
    import re

    import sqlalchemy as sa

    page = "/staff/workshops/new"
    phase = re.search(r'name="phase_id"[^>]*>\s*<option[^>]*value="(\d+)"', staff.get(page).text)
    response = staff.submit(page, {"title": "بازآفرینی محله‌های تاریخی", "phase_id": phase[1],
                                   "guiding_question": "چه باید کرد؟", "language": "fa",
                                   "results_visible": "y"})
    assert response.status_code == 302, response.text[:1000]
    workshop_id = int(re.search(r"/staff/workshops/(\d+)", response.headers["Location"])[1])
    engine = sa.create_engine(front.database_url)
    try:
        with engine.connect() as conn:
            code = conn.execute(sa.text("SELECT join_code FROM workshop WHERE id = :i"),
                                {"i": workshop_id}).scalar_one()
    finally:
        engine.dispose()
    return {"id": workshop_id, "code": code}
