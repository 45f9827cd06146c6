"""Small helpers for socket tests."""

import itertools

_ops = itertools.count(1)


def op() -> str:
    """A fresh client operation id."""
    return f"test-op-{next(_ops):06d}"


def events(sock, name=None):
    """Received events on /live, optionally only those called `name`."""
    got = sock.get_received("/live")
    return [e for e in got if name is None or e["name"] == name]


def payload(event):
    return event["args"][0] if event["args"] else None
