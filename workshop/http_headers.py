"""Request headers for the gevent server, parsed without the email package.

gevent's handler parses each request's headers with `http.client.parse_headers`, which runs
the email package's feed parser: about a tenth of the server's time in a reconnect storm (every
phone's websocket handshake is one request). Ordinary header lines — `Name: value`, the name
visible ASCII without a colon — are split here directly into the same message object with the
same values; a request with any other line (folded continuation, no colon, odd characters) is
handed to gevent's own parser, so nothing unusual is interpreted differently.
"""

from __future__ import annotations

import io
import re
from http import client

from gevent import pywsgi

# The email feed parser's header line, restricted to what the fast path handles.
_PLAIN = re.compile(r"([\x21-\x39\x3b-\x7e]+):([^\r\n\x0b\x0c\x1c-\x1e\x85]*)\Z")
_ENDINGS = ("\r\n", "\n")


def parse_request_headers(rfile, *args):
    """The request's headers as gevent's `OldMessage` (what `WSGIHandler.MessageClass` gives)."""
    try:
        lines = _read_lines(rfile)
    except client.LineTooLong:
        message = pywsgi.OldMessage()
        message.status = "Line too long"
        return message
    return _plain_message(lines) or pywsgi.headers_factory(io.BytesIO(b"".join(lines)))


def _read_lines(rfile) -> list[bytes]:
    """Raw header lines up to the blank line, with http.client's limits."""
    lines = []
    while True:
        line = rfile.readline(client._MAXLINE + 1)
        if len(line) > client._MAXLINE:
            raise client.LineTooLong("header line")
        lines.append(line)
        if len(lines) > client._MAXHEADERS:
            raise client.HTTPException(f"got more than {client._MAXHEADERS} headers")
        if line in (b"\r\n", b"\n", b""):
            return lines


def _plain_message(lines: list[bytes]):
    """The message when every line is plain, else None (the caller falls back)."""
    message = pywsgi.OldMessage()
    for raw in lines[:-1]:
        line = raw.decode("iso-8859-1")
        for ending in _ENDINGS:
            if line.endswith(ending):
                line = line[: -len(ending)]
                break
        match = _PLAIN.match(line)
        if match is None:
            return None
        message._headers.append((match[1], match[2].lstrip(" \t")))
    return message
