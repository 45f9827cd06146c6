"""The server's header parser gives what gevent's own (email-based) parser gives."""

from __future__ import annotations

import io

import pytest
from gevent import pywsgi
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.http_headers import parse_request_headers

HANDSHAKE = (b"Host: 127.0.0.1:5000\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
             b"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
             b"Cookie: hmp_3=abc; session=x\r\nCookie: second=1\r\nOrigin: http://127.0.0.1\r\n"
             b"X-Empty:\r\nX-Spaces: \t padded value  \r\nUser-Agent: n\xe9ode\r\n\r\nbody")


def both(raw: bytes):
    return parse_request_headers(io.BytesIO(raw)), pywsgi.headers_factory(io.BytesIO(raw))


def assert_same(raw: bytes) -> None:
    ours, gevents = both(raw)
    assert ours.status == gevents.status
    assert ours.items() == gevents.items()
    assert list(ours.headers) == list(gevents.headers)
    for name in ("host", "COOKIE", "content-length", "Connection", "x-spaces", "missing"):
        assert ours.get(name) == gevents.get(name)
        assert ours.get_all(name) == gevents.get_all(name)
    assert ours.typeheader == gevents.typeheader


def test_a_websocket_handshake_parses_as_gevent_parses_it():
    assert_same(HANDSHAKE)
    ours, _ = both(HANDSHAKE)
    assert ours.get_all("cookie") == ["hmp_3=abc; session=x", "second=1"]


@pytest.mark.parametrize("raw", [
    b"\r\n",
    b"",
    b"Content-Type: text/plain\nContent-Length: 12\n\n",
    b"Folded: first\r\n  second\r\nNext: 1\r\n\r\n",       # continuation line
    b" Leading: space\r\nA: 1\r\n\r\n",
    b"No colon here\r\nA: 1\r\n\r\n",
    b": empty name\r\nA: 1\r\n\r\n",
    b"Bad Name: x\r\nA: 1\r\n\r\n",                       # a space in the name ends headers
    b"From someone\r\nA: 1\r\n\r\n",
    b"A: value\rwith cr\r\nB: 2\r\n\r\n",
    b"A: value\x0bvt\r\nB: 2\r\n\r\n",
    b"A: value\x85nel\r\nB: 2\r\n\r\n",
    b"A: value\r\r\nB: 2\r\n\r\n",
    b"Name : spaced\r\n\r\n",
    b"A:\r\n\r\n",
])
def test_unusual_requests_parse_as_gevent_parses_them(raw):
    assert_same(raw)


def test_an_overlong_line_is_marked_as_gevent_marks_it():
    raw = b"A: " + b"x" * 70000 + b"\r\n\r\n"
    assert_same(raw)
    assert parse_request_headers(io.BytesIO(raw)).status == "Line too long"


_LINE = st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")) | st.sampled_from(
    [b"Host: h", b"Cookie: a=b", b" folded", b"X:y", b"\tx", b"Na me: v"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE, max_size=8), st.sampled_from([b"\r\n", b"\n"]))
def test_any_header_block_parses_as_gevent_parses_it(lines, ending):
    assert_same(b"".join(line + ending for line in lines) + ending)
