"""The app's Flask class: what live sockets need of it that plain Flask makes costly.

Each socket event runs inside `app.request_context(environ)` of the socket's handshake
(Flask-SocketIO). That path (/socket.io/) has no route, so each event's context matched the URL
map, failed and kept the NotFound with its traceback on the request: a reference cycle per
event (exception → frames → context → request → exception) holding the whole context, plus
werkzeug's recursive matcher closure, another cycle. Only the garbage collector frees cycles,
and under a 10-workshop load they were most of what each young-generation collection freed,
in pauses of 30–100 ms during which no socket was served. Events run no view, so the lookup
is skipped; `url_for` still builds URLs (building needs no match).

gevent-websocket asks the WSGI application for `current_app.on_close` whenever a closed
websocket is read or written, and without one it defines a new class each time (more cyclic
garbage, a thousand classes after a reconnect storm): the app answers with a no-op.
"""

from __future__ import annotations

from flask import Flask
from flask.ctx import RequestContext

ENGINEIO_PATH = "/socket.io"  # Flask-SocketIO's default `path`, which the app keeps


class SocketEventContext(RequestContext):
    """The context of one socket event: the handshake's request, no route."""

    def match_request(self) -> None:
        """No view runs for a socket event: there is no route to find, and no NotFound to keep."""


class ClosedWebsocketHook:
    """gevent-websocket's callback for a closed websocket; Engine.IO notices the close itself."""

    def on_close(self, *args) -> None:
        """Nothing to do here: Engine.IO's reader ends and reports the disconnect."""


class WorkshopFlask(Flask):
    """Flask, with socket events' contexts that skip the route lookup."""

    current_app = ClosedWebsocketHook()  # read by gevent-websocket as `application.current_app`

    def request_context(self, environ: dict) -> RequestContext:
        path = environ.get("PATH_INFO", "")
        if path == ENGINEIO_PATH or path.startswith(ENGINEIO_PATH + "/"):
            return SocketEventContext(self, environ)
        return super().request_context(environ)
