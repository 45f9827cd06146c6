"""Clients for a real server: a browser-like HTTP session (CSRF-aware) and a /live socket."""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
import uuid
from typing import Any

import requests
import socketio
import websocket

# Waits end on the awaited event or ack; the bound only stops a broken run (generous, so a busy
# machine makes a test slower, not red). TEST_WAIT_SCALE=2 doubles it.
WAIT_S = 30 * float(os.environ.get("TEST_WAIT_SCALE", "1"))
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
NAMESPACE = "/live"

# engine.io's client drops a websocket it opened when the handshake then fails (a server that is
# stopping answers a reconnect attempt and goes): nothing closes it, and its socket raises a
# ResourceWarning wherever the garbage collector finds it, in some later test. Every websocket
# opened in the test process is noted here, and closed when the clients of its server close.
_OPENED: list[tuple[str, Any]] = []
_OPENED_LOCK = threading.Lock()
_create_connection = websocket.create_connection


def _noted_connection(url, *args, **kwargs):
    ws = _create_connection(url, *args, **kwargs)
    with _OPENED_LOCK:
        _OPENED.append((url, ws))
    return ws


websocket.create_connection = _noted_connection


def close_websockets_to(base_url: str) -> None:
    """Close every websocket opened to this server (its clients have all closed)."""
    prefix = base_url.replace("http", "ws", 1)
    with _OPENED_LOCK:
        mine = [(u, ws) for u, ws in _OPENED if u.startswith(prefix)]
        _OPENED[:] = [(u, ws) for u, ws in _OPENED if not u.startswith(prefix)]
    for _, ws in mine:
        with contextlib.suppress(Exception):
            ws.shutdown()


class WebClient:
    """One browser: a cookie jar plus helpers to post Flask-WTF forms with their CSRF token."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()

    def get(self, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", WAIT_S)
        return self.session.get(self.base_url + path, **kwargs)

    def post(self, path: str, data: dict | None = None, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", WAIT_S)
        kwargs.setdefault("allow_redirects", False)
        return self.session.post(self.base_url + path, data=data, **kwargs)

    def csrf_token(self, page: str) -> str:
        """The CSRF token of the first form on `page`."""
        html = self.get(page).text
        match = CSRF.search(html)
        if match is None:
            raise AssertionError(f"no csrf_token on {page}:\n{html[:500]}")
        return match.group(1)

    def submit(self, page: str, data: dict, action: str | None = None) -> requests.Response:
        """Open `page`, then post `data` (plus its CSRF token) to `action` (default: page)."""
        token = self.csrf_token(page)
        return self.post(action or page, {**data, "csrf_token": token})

    def cookie_header(self) -> str:
        """The cookies as a Cookie header, as they are now (later changes are not sent)."""
        return "; ".join(f"{c.name}={c.value}" for c in self.session.cookies)

    def cookie(self, name: str) -> str | None:
        return self.session.cookies.get(name)


class LiveSocket:
    """A python-socketio client on /live that records every event it receives."""

    def __init__(self, base_url: str, headers: dict[str, str], auth: dict, reconnect: bool):
        self.base_url, self.headers, self.auth = base_url, headers, auth
        self.workshop_id = auth.get("workshop")
        self.client = socketio.Client(reconnection=reconnect, reconnection_delay=0.2,
                                      reconnection_delay_max=1, randomization_factor=0)
        self.events: list[tuple[str, Any, float]] = []
        self.refusal: Any = None
        self._dropped: list = []
        self._changed = threading.Condition()
        self.client.on("*", self._record, namespace=NAMESPACE)
        self.client.on("connect", lambda: self._note("__connect__", None), namespace=NAMESPACE)
        self.client.on("disconnect", lambda reason=None: self._note("__disconnect__", reason),
                       namespace=NAMESPACE)
        self.client.on("connect_error", self._refused, namespace=NAMESPACE)

    def connect(self, timeout: float = WAIT_S) -> LiveSocket:
        """Open the websocket; raises socketio.exceptions.ConnectionError if refused."""
        self.client.connect(self.base_url, headers=self.headers, auth=self.auth,
                            namespaces=[NAMESPACE], transports=["websocket"],
                            wait_timeout=timeout)
        return self

    def _record(self, event, *args) -> None:
        self._note(event, args[0] if args else None)

    def _refused(self, data=None) -> None:
        self.refusal = data
        self._note("__refused__", data)

    def _note(self, name: str, data) -> None:
        with self._changed:
            self.events.append((name, data, time.monotonic()))
            self._changed.notify_all()

    def count(self, name: str) -> int:
        """How many `name` events arrived so far."""
        with self._changed:
            return sum(1 for n, _, _ in self.events if n == name)

    def received(self, name: str) -> list:
        """Payloads of every `name` event so far."""
        with self._changed:
            return [d for n, d, _ in self.events if n == name]

    def wait_for(self, name: str, timeout: float = WAIT_S, after: int = 0, predicate=None):
        """The first `name` event beyond the first `after` ones (matching `predicate`).

        Returns as soon as it arrived; the timeout only bounds a broken run (a busy machine
        must make a test slower, not red).
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                seen = [(d, t) for n, d, t in self.events if n == name][after:]
                hits = [d for d, _ in seen if predicate is None or predicate(d)]
                if hits:
                    return hits[0]
                left = deadline - time.monotonic()
                if left <= 0:
                    got = [n for n, _, _ in self.events]
                    raise AssertionError(f"no {name!r} within {timeout}s; got {got}")
                self._changed.wait(left)

    def time_of(self, name: str, after: int = 0) -> float:
        """When (time.monotonic) the (after+1)-th `name` event arrived."""
        with self._changed:
            return [t for n, _, t in self.events if n == name][after]

    def command(self, name: str, args: dict | None = None, op: str | None = None,
                timeout: float = WAIT_S) -> dict:
        """Send a command with an operation id and this socket's workshop; return the ack."""
        payload = {"workshop": self.workshop_id, "op": op or uuid.uuid4().hex, **(args or {})}
        return self.client.call(name, payload, namespace=NAMESPACE, timeout=timeout)

    def snapshot(self, timeout: float = WAIT_S) -> dict:
        """Ask for a fresh snapshot (what a client does when it sees a version gap)."""
        ack = self.client.call("snapshot", {}, namespace=NAMESPACE, timeout=timeout)
        assert ack["ok"], ack
        return ack["result"]

    def drop(self) -> None:
        """Cut the TCP connection with no close frame (a phone losing Wi-Fi)."""
        import socket as stdlib_socket

        raw = self.client.eio.ws.sock
        raw.shutdown(stdlib_socket.SHUT_RDWR)
        self._dropped.append(raw)  # closed in close(); the client opens a new one

    @property
    def connected(self) -> bool:
        return self.client.connected

    def close(self) -> None:
        """Disconnect and stop reconnecting."""
        with contextlib.suppress(Exception):  # already gone: nothing to close
            self.client.shutdown()
        ws = getattr(self.client.eio, "ws", None)
        if ws is not None:  # a transport the server closed is never closed by the client
            with contextlib.suppress(Exception):
                ws.close(timeout=1)
            ws.shutdown()
        for raw in self._dropped:
            raw.close()
