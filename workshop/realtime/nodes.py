"""Engine.IO session ids that name their server process, so nginx can route polling by sid.

With several processes behind nginx, every request of one polling session must reach the
process that opened it. Client addresses cannot decide that (a venue's phones share one NAT
address), so each process prefixes its session ids with its `NODE_ID` and a dot, and nginx
maps `$arg_sid` to that process (deploy/nginx.conf.template).
"""

from __future__ import annotations

import re

NODE_ID = re.compile(r"[A-Za-z0-9]{1,16}")


def node_of(sid: str) -> str | None:
    """The NODE_ID a session id carries (None for an unprefixed id)."""
    head, dot, _rest = sid.partition(".")
    return head if dot else None


def init_app(app, socketio) -> None:
    """Prefix this process's Engine.IO session ids with NODE_ID (no-op when unset)."""
    node = app.config.get("NODE_ID") or ""
    if not node:
        return
    if not NODE_ID.fullmatch(node):
        raise RuntimeError(f"NODE_ID must be 1-16 letters or digits, not {node!r}")
    eio = socketio.server.eio
    plain = type(eio).generate_id.__get__(eio)
    eio.generate_id = lambda: f"{node}.{plain()}"
