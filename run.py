"""Serve Hamandishi with gevent + gevent-websocket (the measured-best stack here)."""

from gevent import monkey

monkey.patch_all()

import gc  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402

from gevent.pywsgi import WSGIServer  # noqa: E402
from geventwebsocket.handler import WebSocketHandler  # noqa: E402

from workshop import create_app  # noqa: E402
from workshop.http_headers import parse_request_headers  # noqa: E402


def cooperative_postgres() -> None:
    """PostgreSQL queries wait through gevent's loop. psycopg2 is C code that blocks: without
    this, every query and every commit's fsync stopped every socket of the process (acks,
    broadcasts, connects), which capped several processes on PostgreSQL far below their CPU."""
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        return  # no PostgreSQL driver installed: the SQLite set-up
    from psycogreen.gevent import patch_psycopg

    patch_psycopg()


cooperative_postgres()
app = create_app()


def make_listener(host: str, port: int) -> socket.socket:
    """A listening socket with TCP_NODELAY, inherited by accepted sockets (no Nagle delay)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    listener.bind((host, port))
    listener.listen(2048)
    return listener


class NodelayHandler(WebSocketHandler):
    """Sets TCP_NODELAY on each accepted socket too (some kernels do not inherit it)."""

    def __init__(self, sock, address, server, rfile=None):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().__init__(sock, address, server, rfile)

    def MessageClass(self, *args):  # noqa: N802 (gevent's name)
        """Headers split directly: the email parser was a tenth of a reconnect storm."""
        return parse_request_headers(*args)

    def upgrade_websocket(self):
        """Refuse a cross-origin websocket with 400: gevent-websocket answers 101 before
        the app runs, so Engine.IO's own origin check could only close it afterwards."""
        if not origin_allowed(self.environ):
            self.start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [b"Not an accepted origin."]
        return super().upgrade_websocket()


def origin_allowed(environ) -> bool:
    """Engine.IO's same-origin rule, applied before the websocket handshake."""
    from workshop.extensions import socketio

    origin, eio = environ.get("HTTP_ORIGIN"), socketio.server.eio
    if not origin or eio.cors_allowed_origins == []:
        return True
    allowed = eio._cors_allowed_origins(environ)
    return allowed is None or origin in allowed


# A connect leaves objects alive for as long as Engine.IO's ping task sleeps (a socket's ping
# interval after it closes), so a reconnect storm holds a few hundred thousand of them. With
# Python's default first threshold (700) a storm of 1,000 phones ran 4 full collections of
# 0.1-0.3 s each, every one stopping all sockets (a third of the storm's time). Collecting
# the young generation every 20,000 net new objects instead keeps garbage cycles bounded (a
# few MB) and leaves full collections to the rare case.
GC_THRESHOLDS = (20_000, 10, 10)


def serve() -> None:
    """Run the app until interrupted."""
    host, port = app.config["HOST"], int(os.environ.get("PORT", app.config["PORT"]))
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))
    quiet = os.environ.get("ACCESS_LOG", "0") != "1"
    server = WSGIServer(make_listener(host, port), app, handler_class=NodelayHandler,
                        log=None if quiet else "default")
    print(f"Hamandishi is serving on http://{host}:{port}", flush=True)
    # Everything loaded so far lives as long as the process: keep it out of every later
    # collection, so a full collection (which stops all sockets) only walks live data.
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    stop_on_sigterm(server)
    server.serve_forever()


def stop_on_sigterm(server: WSGIServer) -> None:
    """SIGTERM (systemd, a deploy) first drains the votes in flight (realtime/shutdown.py)."""
    import gevent

    from workshop.realtime.shutdown import stop_gracefully

    def handler():
        if not getattr(server, "stopping", False):
            server.stopping = True
            gevent.spawn(stop_gracefully, app, server)

    gevent.signal_handler(signal.SIGTERM, handler)


if __name__ == "__main__":
    serve()
