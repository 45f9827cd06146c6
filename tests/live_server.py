"""Real-server fixtures: `python run.py` (gevent) in a subprocess on a free port.

Each server gets its own migrated, bootstrapped database: a copy of a SQLite template, or,
when TEST_DATABASE_URL is set, a database created from a template in that PostgreSQL
cluster (never the one the conftest truncates). Fixtures: `live_server` (per test),
`live_server_module` (per module) and `live_servers` (a factory for several servers, e.g.
two processes on one database behind Redis). Env overrides: `live_servers(env={...})` or
`@pytest.mark.live_env(IGNORE_OPERATION_IDS="1")` on the test or module.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from tests.live_clients import LiveSocket, WebClient, close_websockets_to
from tests.live_setup import PASSWORD, ROOT, STAFF, Databases, run_python, server_env
from tests.postgres import free_port

__all__ = ["PASSWORD", "Databases", "LiveServer", "ServerFactory", "start_server",
           "live_databases", "live_servers", "live_server", "live_server_module"]

# Accounts handed out so far, per database (servers sharing a database share the count).
_STAFF_USED: dict[str, dict[str, int]] = {}


@dataclass
class LiveServer:
    """A running `python run.py` and helpers to drive it over HTTP and Socket.IO."""

    port: int
    database_url: str
    log_path: Path
    process: subprocess.Popen | None = None
    sockets: list[LiveSocket] = field(default_factory=list)
    browsers: list[WebClient] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_ready(self, timeout: float = 30) -> None:
        """Poll /healthz until it answers; fail with the server log if the process died."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"run.py exited with {self.process.returncode}:\n{self.log()}")
            try:
                if requests.get(self.base_url + "/healthz", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError(f"run.py not ready after {timeout}s:\n{self.log()}")

    def close_clients(self) -> None:
        """Disconnect every socket and browser opened through this object so far."""
        for sock in self.sockets:
            sock.close()
        for web in self.browsers:
            web.session.close()
        self.sockets.clear()
        self.browsers.clear()
        close_websockets_to(self.base_url)

    def stop(self) -> None:
        """Close our clients, then end the server's process group (SIGTERM, then SIGKILL)."""
        self.close_clients()
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    # --- helpers over HTTP -----------------------------------------------------------

    def web(self) -> WebClient:
        """A fresh browser (empty cookie jar)."""
        web = WebClient(self.base_url)
        self.browsers.append(web)
        return web

    def create_user(self, role: str = "facilitator") -> str:
        """A staff account nobody used yet (ready-made, else `flask users create`): its email."""
        used = _STAFF_USED.setdefault(self.database_url, {})
        n = used[role] = used.get(role, 0) + 1
        email = f"{role}{n}@example.org"
        if n > dict(STAFF).get(role, 0):
            run_python(self.database_url, "-m", "flask", "users", "create", "--email", email,
                    "--name", f"{role.title()} {n}", "--role", role, "--password", PASSWORD)
        return email

    def login(self, email: str) -> WebClient:
        """A browser logged in as `email`."""
        web = self.web()
        response = web.submit("/login", {"email": email, "password": PASSWORD})
        assert response.status_code == 302, response.text[:500]
        return web

    def staff(self, role: str = "facilitator") -> WebClient:
        """A new staff account, logged in."""
        return self.login(self.create_user(role))

    def create_workshop(self, staff: WebClient, **fields) -> dict:
        """Create a workshop with the staff form; returns {"id", "code"}."""
        page = "/staff/workshops/new"
        phase = re.search(r'name="phase_id"[^>]*>\s*<option[^>]*value="(\d+)"',
                          staff.get(page).text)
        data = {"title": "بازآفرینی محله‌های تاریخی", "guiding_question": "چه باید کرد؟",
                "phase_id": phase.group(1), "language": "fa", "results_visible": "y", **fields}
        response = staff.submit(page, {k: v for k, v in data.items() if v is not None})
        assert response.status_code == 302, response.text[:1000]
        workshop_id = int(re.search(r"/staff/workshops/(\d+)", response.headers["Location"])[1])
        console = staff.get(f"/staff/workshops/{workshop_id}").text
        code = re.search(r'class="join-code"><bdi[^>]*>([^<]+)<', console)[1]
        return {"id": workshop_id, "code": code.strip()}

    def join(self, workshop: dict, name: str = "مریم", discipline_id: int | None = None,
             organisation: str = "") -> WebClient:
        """A phone that joined `workshop` by code (holds the participant cookie)."""
        phone, page = self.web(), f"/j/{workshop['code']}"
        html = phone.get(page).text
        if discipline_id is None:
            options = re.search(r'name="discipline_id".*?<option[^>]*value="(\d+)"', html, re.S)
            discipline_id = int(options.group(1))
        response = phone.submit(page, {"name": name, "discipline_id": discipline_id,
                                       "organisation": organisation})
        assert response.status_code == 302, response.text[:1000]
        assert phone.cookie(f"hmp_{workshop['id']}"), "no participant cookie"
        return phone

    # --- helpers over Socket.IO ------------------------------------------------------

    def socket(self, web: WebClient, workshop: dict, view: str = "phone",
               reconnect: bool = False, connect: bool = True) -> LiveSocket:
        """A /live client with `web`'s cookies (as of now) and auth {workshop, view}."""
        # websocket-client sends this page's Origin itself; a second Origin header would be
        # merged into "a,a" by the server and refused.
        sock = LiveSocket(self.base_url, {"Cookie": web.cookie_header()},
                          {"workshop": workshop["id"], "view": view}, reconnect)
        self.sockets.append(sock)
        return sock.connect() if connect else sock


def start_server(database_url: str, env: dict[str, str] | None, log_dir: Path,
                 script: str = "run.py") -> LiveServer:
    """Start `python run.py` (or another server script) on a free port and wait until
    /healthz answers."""
    port = free_port()
    server = LiveServer(port, database_url, log_dir / f"{Path(script).stem}-{port}.log")
    env = server_env(database_url, {"PORT": str(port), **(env or {})})
    with server.log_path.open("wb") as log:
        server.process = subprocess.Popen(
            [sys.executable, script], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        server.wait_ready()
    except BaseException:
        server.stop()
        raise
    return server


@pytest.fixture(scope="session")
def live_databases(tmp_path_factory):
    """One template database per test run; a copy per server."""
    databases = Databases(tmp_path_factory.mktemp("live"), os.environ.get("TEST_DATABASE_URL"))
    yield databases
    databases.cleanup()


class ServerFactory:
    """Starts servers for one test or module and stops them all at the end."""

    def __init__(self, databases: Databases, log_dir: Path, env: dict[str, str]):
        self.databases, self.log_dir, self.env = databases, log_dir, env
        self.servers: list[LiveServer] = []

    def __call__(self, env: dict[str, str] | None = None,
                 database_url: str | None = None) -> LiveServer:
        """A new server; pass another server's `database_url` to share its database."""
        url = database_url or self.databases.new()
        server = start_server(url, {**self.env, **(env or {})}, self.log_dir)
        self.servers.append(server)
        return server

    def stop_all(self) -> None:
        for server in self.servers:
            server.stop()


def _marker_env(request) -> dict[str, str]:
    marker = request.node.get_closest_marker("live_env")
    return {k: str(v) for k, v in (marker.kwargs if marker else {}).items()}


def _factory(request, live_databases, tmp_path_factory):
    return ServerFactory(live_databases, tmp_path_factory.mktemp("logs"), _marker_env(request))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember whether the test body failed, so its servers' logs can be shown."""
    report = yield
    if report.when == "call" and report.failed:
        item.live_failed = True
    return report


@pytest.fixture
def live_servers(request, live_databases, tmp_path_factory):
    """Factory: live_servers(env=None, database_url=None) -> LiveServer (stopped after)."""
    factory = _factory(request, live_databases, tmp_path_factory)
    yield factory
    factory.stop_all()
    if getattr(request.node, "live_failed", False):
        for server in factory.servers:
            print(f"--- log of the server on port {server.port} ---\n{server.log()[-4000:]}")


@pytest.fixture
def live_server(live_servers):
    """One real server for this test, on its own fresh database."""
    return live_servers()


@pytest.fixture(scope="module")
def live_server_module(request, live_databases, tmp_path_factory):
    """One real server shared by every test of a module (make each test use new workshops)."""
    factory = _factory(request, live_databases, tmp_path_factory)
    yield factory()
    factory.stop_all()
