"""The Socket.IO packet class the server uses: JSON payloads, never binary attachments.

python-socketio walks every payload it sends (each list and dict, recursively) to find bytes
that would need a binary packet. Our events and acks are JSON only, so the walk is pure cost:
on a reconnect storm it runs once per snapshot, and once per vote ack.
"""

from __future__ import annotations

from socketio.packet import Packet


class JsonPacket(Packet):
    """A Socket.IO packet whose payload is known to hold no bytes."""

    uses_binary_events = False
