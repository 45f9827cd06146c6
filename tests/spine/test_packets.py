"""Socket.IO packets carry Persian as UTF-8 text, and decode as before."""

from __future__ import annotations

from socketio import packet

from workshop.realtime.packets import JsonPacket


def test_persian_is_sent_as_utf8_not_escapes():
    data = ["snapshot", {"title": "بازآفرینی محله‌های تاریخی", "n": 3}]
    encoded = JsonPacket(packet.EVENT, data=data, namespace="/live").encode()
    assert "بازآفرینی محله‌های تاریخی" in encoded
    assert "\\u" not in encoded
    escaped = packet.Packet(packet.EVENT, data=data, namespace="/live").encode()
    assert len(encoded.encode("utf-8")) < len(escaped.encode("utf-8"))
    assert JsonPacket(encoded_packet=encoded).data == data


def test_bytes_are_never_looked_for():
    assert JsonPacket(packet.EVENT, data=["x", {"deep": [[[{"a": 1}]]]}]).packet_type == \
        packet.EVENT


def test_a_lone_surrogate_is_escaped_rather_than_breaking_the_socket():
    encoded = JsonPacket(packet.EVENT, data=["x", {"bad": "a\ud800b"}]).encode()
    encoded.encode("utf-8")
    assert "\\ud800" in encoded
