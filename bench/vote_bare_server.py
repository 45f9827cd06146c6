"""The bare reference: Flask-SocketIO on gevent + gevent-websocket doing only "insert the vote,
coalesce a tally broadcast" (realtime-limits.md §1), with the app's SQLite settings.

Run: BARE_DB=/tmp/bare.sqlite3 PORT=5099 python bench/vote_bare_server.py
BARE_SYNC=NORMAL switches SQLite to synchronous=NORMAL (the app uses FULL).
"""

from gevent import monkey

monkey.patch_all()

import os  # noqa: E402
import socket  # noqa: E402
import threading  # noqa: E402

import sqlalchemy as sa  # noqa: E402
from flask import Flask  # noqa: E402
from flask_socketio import SocketIO, emit, join_room  # noqa: E402
from gevent.pywsgi import WSGIServer  # noqa: E402
from geventwebsocket.handler import WebSocketHandler  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode="gevent", manage_session=False)
ENGINE = sa.create_engine(f"sqlite:///{os.environ['BARE_DB']}")
SYNC = os.environ.get("BARE_SYNC", "FULL")
ROOM = "room"
_busy, _dirty, _lock = set(), set(), threading.Lock()


@sa.event.listens_for(ENGINE, "connect")
def _pragmas(dbapi_connection, record):
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", f"synchronous={SYNC}", "busy_timeout=10000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def setup() -> None:
    with ENGINE.begin() as conn:
        conn.execute(sa.text("CREATE TABLE IF NOT EXISTS vote (id INTEGER PRIMARY KEY, "
                             "option INTEGER NOT NULL, client TEXT NOT NULL)"))
        conn.execute(sa.text("CREATE TABLE IF NOT EXISTS tally (option INTEGER PRIMARY KEY, "
                             "n INTEGER NOT NULL)"))
        conn.execute(sa.text("INSERT OR IGNORE INTO tally VALUES (0,0),(1,0),(2,0),(3,0)"))


def tally() -> dict:
    with ENGINE.connect() as conn:
        counts = dict(conn.execute(sa.text("SELECT option, n FROM tally")).all())
        through = conn.execute(sa.text("SELECT MAX(id) FROM vote")).scalar() or 0
    return {"counts": counts, "through": through}


def _cycle() -> None:
    while True:
        socketio.emit("tally", tally(), to=ROOM)
        socketio.sleep(0.2)
        with _lock:
            if ROOM not in _dirty:
                _busy.discard(ROOM)
                return
            _dirty.discard(ROOM)


def touch() -> None:
    """At most one tally per 200 ms, leading and trailing edge (as the app's coalescer)."""
    with _lock:
        if ROOM in _busy:
            _dirty.add(ROOM)
            return
        _busy.add(ROOM)
    socketio.start_background_task(_cycle)


@socketio.on("connect")
def on_connect(auth=None):
    """Join the room and get the current state (the app sends its snapshot here)."""
    join_room(ROOM)
    emit("snapshot", tally())


@socketio.on("vote")
def on_vote(data):
    option = int(data.get("option", 0)) % 4
    with ENGINE.begin() as conn:
        vote_id = conn.execute(sa.text("INSERT INTO vote (option, client) VALUES (:o, :c)"),
                               {"o": option, "c": str(data.get("op", ""))}).lastrowid
        conn.execute(sa.text("UPDATE tally SET n = n + 1 WHERE option = :o"), {"o": option})
        conn.execute(sa.text("SELECT option, n FROM tally")).all()
    touch()
    return {"ok": True, "result": {"ballot": vote_id}}


class NodelayHandler(WebSocketHandler):
    def __init__(self, sock, address, server, rfile=None):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().__init__(sock, address, server, rfile)


def main() -> None:
    setup()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    listener.bind(("127.0.0.1", int(os.environ.get("PORT", "5099"))))
    listener.listen(2048)
    print("bare server ready", flush=True)
    WSGIServer(listener, app, handler_class=NodelayHandler, log=None).serve_forever()


if __name__ == "__main__":
    main()
