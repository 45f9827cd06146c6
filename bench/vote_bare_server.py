"""The bare reference: Flask-SocketIO on gevent + gevent-websocket doing only "insert the vote,
coalesce a tally broadcast" (bench/README.md), with the app's SQLite settings.

Run: BARE_DB=/tmp/bare.sqlite3 PORT=5099 python bench/vote_bare_server.py
BARE_SYNC=NORMAL switches SQLite to synchronous=NORMAL (the app uses FULL).
BARE_DATABASE_URL=postgresql+psycopg2://… writes to PostgreSQL instead (one transaction a
vote, as a plain Flask-SocketIO app would), and SOCKETIO_MESSAGE_QUEUE=redis://… lets several
of these processes share rooms behind nginx (bench/deployments.py), as the app's processes do.
A client joins the room named in its `auth` ({"room": …}; "room" if none): each room has its
own tally and its own coalesced broadcast, as each workshop does in the app.
On SQLite a vote also adds one to its room's counter row (one writer at a time anyway); on
PostgreSQL that row would be a hot lock held through every commit's flush, so there a vote is
one INSERT and the coalesced broadcast counts the room's votes: the leanest durable vote.
"""

from gevent import monkey

monkey.patch_all()

import os  # noqa: E402
import socket  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

import sqlalchemy as sa  # noqa: E402
from flask import Flask, request  # noqa: E402
from flask_socketio import SocketIO, emit, join_room  # noqa: E402
from gevent.pywsgi import WSGIServer  # noqa: E402
from geventwebsocket.handler import WebSocketHandler  # noqa: E402

URL = os.environ.get("BARE_DATABASE_URL") or f"sqlite:///{os.environ['BARE_DB']}"
POSTGRES = URL.startswith("postgresql")
if POSTGRES:  # queries wait through gevent's loop, as in run.py
    from psycogreen.gevent import patch_psycopg

    patch_psycopg()

app = Flask(__name__)
socketio = SocketIO(app, async_mode="gevent", manage_session=False,
                    message_queue=os.environ.get("SOCKETIO_MESSAGE_QUEUE") or None)
ENGINE = sa.create_engine(URL, **({"pool_size": 20, "max_overflow": 40} if POSTGRES else {}))
SYNC = os.environ.get("BARE_SYNC", "FULL")
ROOM = "room"
_busy, _dirty, _lock = set(), set(), threading.Lock()
_rooms: dict[str, str] = {}  # sid -> its room
TABLES = (
    "CREATE TABLE IF NOT EXISTS bare_vote (id {serial} PRIMARY KEY, option INTEGER NOT NULL, "
    "client TEXT NOT NULL, room TEXT)",
    "CREATE TABLE IF NOT EXISTS bare_tally (room TEXT NOT NULL, option INTEGER NOT NULL, "
    "n INTEGER NOT NULL, PRIMARY KEY (room, option))",
)
if POSTGRES:  # the broadcast counts a room's votes (SQLite keeps counter rows instead)
    TABLES += ("CREATE INDEX IF NOT EXISTS bare_vote_room ON bare_vote (room, option)",)
INSERT = sa.text("INSERT INTO bare_vote (option, client, room) VALUES (:o, :c, :r) RETURNING id")
COUNT = sa.text("INSERT INTO bare_tally (room, option, n) VALUES (:r, :o, 1) "
                "ON CONFLICT (room, option) DO UPDATE SET n = bare_tally.n + 1")


@sa.event.listens_for(ENGINE, "connect")
def _pragmas(dbapi_connection, record):
    if POSTGRES:
        return
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", f"synchronous={SYNC}", "busy_timeout=10000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def setup() -> None:
    """Create the two tables (several processes may start at once: retry a lost race)."""
    serial = "SERIAL" if POSTGRES else "INTEGER"
    for attempt in range(5):
        try:
            with ENGINE.begin() as conn:
                for statement in TABLES:
                    conn.execute(sa.text(statement.format(serial=serial)))
            return
        except sa.exc.DBAPIError:
            if attempt == 4:
                raise
            time.sleep(0.2)


COUNTED = sa.text("SELECT option, COUNT(*) FROM bare_vote WHERE room = :r GROUP BY option"
                  if POSTGRES else "SELECT option, n FROM bare_tally WHERE room = :r")


def tally(room: str) -> dict:
    with ENGINE.connect() as conn:
        counts = dict(conn.execute(COUNTED, {"r": room}).all())
        through = conn.execute(sa.text("SELECT MAX(id) FROM bare_vote")).scalar() or 0
    return {"counts": counts, "through": through}


def _cycle(room: str) -> None:
    while True:
        socketio.emit("tally", tally(room), to=room)
        socketio.sleep(0.2)
        with _lock:
            if room not in _dirty:
                _busy.discard(room)
                return
            _dirty.discard(room)


def touch(room: str) -> None:
    """At most one tally per 200 ms a room, leading and trailing edge (as the app's coalescer)."""
    with _lock:
        if room in _busy:
            _dirty.add(room)
            return
        _busy.add(room)
    socketio.start_background_task(_cycle, room)


@app.route("/healthz")
def healthz():
    return "ok"


@socketio.on("connect")
def on_connect(auth=None):
    """Join the room and get the current state (the app sends its snapshot here)."""
    room = str(auth.get("room") or ROOM) if isinstance(auth, dict) else ROOM
    _rooms[request.sid] = room
    join_room(room)
    emit("snapshot", tally(room))


@socketio.on("disconnect")
def on_disconnect(reason=None):
    _rooms.pop(request.sid, None)


@socketio.on("vote")
def on_vote(data):
    option, room = int(data.get("option", 0)) % 4, _rooms.get(request.sid, ROOM)
    with ENGINE.begin() as conn:
        vote_id = conn.execute(INSERT, {"o": option, "c": str(data.get("op", "")),
                                        "r": room if POSTGRES else None}).scalar()
        if not POSTGRES:
            conn.execute(COUNT, {"r": room, "o": option})
            conn.execute(sa.text("SELECT option, n FROM bare_tally WHERE room = :r"),
                         {"r": room}).all()
    touch(room)
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
