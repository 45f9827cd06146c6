"""A real server for the spine's browser test: migrated temp SQLite, a facilitator, run.py.

Kept small on purpose; tests/live_server.py is the shared fixture once it exists.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FACILITATOR = ("facilitator@example.org", "correct horse battery")


@dataclass
class SpineServer:
    """A running server and how to reach it."""

    url: str
    process: subprocess.Popen
    env: dict

    def flask(self, *args: str) -> str:
        """Run a `flask` CLI command against the server's database; returns its output."""
        return _flask(self.env, *args)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _flask(env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "flask", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    if done.returncode:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _wait_healthy(url: str, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not become healthy")


def start(tmp: Path) -> SpineServer:
    """Migrate a fresh database, seed it, add a facilitator and serve it with run.py."""
    port = _free_port()
    env = os.environ | {
        "FLASK_APP": "workshop:create_app", "HAMANDISHI_CONFIG": "development",
        "DATABASE_URL": f"sqlite:///{tmp / 'browser.sqlite3'}", "PORT": str(port),
        "HOST": "127.0.0.1", "SECRET_KEY": "browser-test", "PYTHONUNBUFFERED": "1",
    }
    _flask(env, "db", "upgrade")
    _flask(env, "bootstrap")
    email, password = FACILITATOR
    _flask(env, "users", "create", "--email", email, "--name", "Fatemeh Facilitator",
           "--role", "facilitator", "--password", password)
    with (tmp / "server.log").open("w") as log:
        process = subprocess.Popen([sys.executable, "run.py"], cwd=ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
    except RuntimeError:
        stop(SpineServer(url, process, env))
        raise
    return SpineServer(url, process, env)


def stop(server: SpineServer) -> None:
    """Stop the server process this module started."""
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)
