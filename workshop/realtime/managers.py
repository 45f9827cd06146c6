"""Socket.IO client managers that can close every socket of a room, in every process."""

from __future__ import annotations

import socketio

DISCONNECT_FLAG = "hamandishi_disconnect"


def disconnect_local(manager, room: str, namespace: str) -> None:
    """Close the sockets of `room` that this process holds."""
    for sid, _eio in list(manager.get_participants(namespace, room)):
        manager.server.disconnect(sid, namespace=namespace, ignore_queue=True)


class RoomClosingRedisManager(socketio.RedisManager):
    """Redis manager whose `disconnect_room` reaches the sockets of every server process.

    It rides on python-socketio's own `close_room` message with an extra flag, so each
    process closes the room's sockets it holds (a removed participant, a logged-out user).
    """

    def disconnect_room(self, room: str, namespace: str) -> None:
        message = {"method": "close_room", "room": room, "namespace": namespace,
                   "host_id": self.host_id, DISCONNECT_FLAG: True}
        self._handle_close_room(message)
        self._publish(message)

    def _handle_close_room(self, message):
        if message.get(DISCONNECT_FLAG):
            disconnect_local(self, message.get("room"), message.get("namespace"))
            return
        super()._handle_close_room(message)


def client_manager_for(url: str | None):
    """The manager to use for a message-queue URL (None: python-socketio's in-process one)."""
    if url and url.startswith(("redis://", "rediss://")):
        return RoomClosingRedisManager(url, channel="flask-socketio")
    return None


def disconnect_room(server, room: str, namespace: str = "/live") -> None:
    """Close every socket in a room, across processes when a queue supports it."""
    manager = server.manager
    if hasattr(manager, "disconnect_room"):
        manager.disconnect_room(room, namespace)
    else:
        disconnect_local(manager, room, namespace)
