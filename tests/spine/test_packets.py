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


def test_a_snapshot_packet_splices_shared_parts_and_equals_plain_json():
    import json

    from workshop.realtime.encoded import encode, share

    points = share([{"id": i, "title": f"نقطهٔ {i}", "share": i / 3} for i in range(4)])
    results = share({"through": 9, "points": points})
    snapshot = {"v": 3, "focus": {"points": points, "mine": {"points": [1, 2]}},
                "voting": {"results": {"7": results}, "voted": [7]}, "me": None,
                "presence": share({"total": 2, "by_discipline": [{"id": 1, "count": 2}]}),
                "deep": {"a": {"b": {"c": {"d": [1, {"e": "f"}]}}}}, "n": {1: "int key"}}
    packet_data = ["snapshot", snapshot]
    plain = json.dumps(packet_data, ensure_ascii=False, separators=(",", ":"))
    assert encode(packet_data) == plain
    assert JsonPacket(packet.EVENT, data=packet_data, namespace="/live").encode() == \
        f"2/live,{plain}"
