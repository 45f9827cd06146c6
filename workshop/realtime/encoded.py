"""JSON encoded once for values that many packets carry (a snapshot's shared parts).

A reconnect storm sends a thousand snapshots that differ only in a few small per-phone parts;
encoding each whole snapshot was the largest cost of a connect. Values that are shared and never
changed after they are built (cached snapshot sections, results views, public counts) are
marked with `share`; a snapshot packet is then written by splicing their JSON text, encoded on
first use, into the few per-phone parts around them.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict

HELD = 512  # shared values remembered (each held alive, so its id is never reused meanwhile)
DEPTH = 4  # [event, snapshot] → section → part → value: how deep a packet is looked into
_HELD: OrderedDict[int, list] = OrderedDict()
_LOCK = threading.Lock()


def share(value):
    """Mark `value` as shared and never changed again; returns it."""
    with _LOCK:
        _HELD[id(value)] = [value, None]
        _HELD.move_to_end(id(value))
        while len(_HELD) > HELD:
            _HELD.popitem(last=False)
    return value


_UTF8 = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_ESCAPED = json.JSONEncoder(separators=(",", ":"))
_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(value) -> str:
    """JSON as packets carry it: compact, UTF-8 text rather than escapes (escapes only for a
    lone surrogate, which UTF-8 cannot carry)."""
    text = _UTF8.encode(value)
    return _ESCAPED.encode(value) if _SURROGATE.search(text) else text


def _shared_text(value) -> str | None:
    held = _HELD.get(id(value))
    if held is None or held[0] is not value:
        return None
    if held[1] is None:
        held[1] = dumps(value)
    return held[1]


_SCALARS = {type(None): lambda v: "null", bool: lambda v: "true" if v else "false",
            int: int.__repr__}
_KEYS: dict[str, str] = {}  # object keys seen in packets (section and part names) as JSON


def _key(key: str) -> str:
    text = _KEYS.get(key)
    if text is None:
        text = dumps(key)
        if len(_KEYS) < HELD:
            _KEYS[key] = text
    return text


def encode(value, depth: int = 0) -> str:
    """`dumps(value)`, with every shared value found down to DEPTH spliced in as encoded."""
    kind = type(value)
    scalar = _SCALARS.get(kind)
    if scalar is not None:
        return scalar(value)
    text = _shared_text(value)
    if text is not None:
        return text
    if depth < DEPTH and kind is dict:
        items = []
        for key, item in value.items():
            if type(key) is not str:
                return dumps(value)
            items.append(f"{_key(key)}:{encode(item, depth + 1)}")
        return "{" + ",".join(items) + "}"
    if depth < DEPTH and kind is list:
        return "[" + ",".join([encode(item, depth + 1) for item in value]) + "]"
    return dumps(value)
