"""The Socket.IO packet class the server uses: UTF-8 JSON payloads, never binary attachments.

python-socketio walks every payload it sends (each list and dict, recursively) to find bytes
that would need a binary packet. Our events and acks are JSON only, so the walk is pure cost:
on a reconnect storm it runs once per snapshot, and once per vote ack. And its JSON escapes
every non-ASCII character: a Persian letter took six bytes (`\\u0627`) instead of UTF-8's two,
so a Persian snapshot crossed the venue's Wi-Fi at about three times its size.
"""

from __future__ import annotations

import json

from engineio import json as engineio_json
from socketio.packet import Packet

from workshop.realtime.encoded import dumps, encode


class Utf8Json:
    """The JSON module for packets: engine.io's guarded `loads`, `dumps` writing UTF-8 text."""

    loads = staticmethod(engineio_json.loads)

    @staticmethod
    def dumps(value, **options) -> str:
        if options.get("separators") != (",", ":"):
            return json.dumps(value, ensure_ascii=False, **options)
        if type(value) is list and value and value[0] == "snapshot":
            return encode(value)  # shared sections spliced in, encoded once (encoded.py)
        return dumps(value)


class JsonPacket(Packet):
    """A Socket.IO packet whose payload is known to hold no bytes."""

    uses_binary_events = False
    json = Utf8Json
