"""gzip for pages, stylesheets, scripts and SVG, so a phone on venue Wi-Fi loads the room
page in a fraction of the bytes (the font is already compressed). Static files are compressed
once per version and kept; pages are compressed per response (a few tenths of a millisecond).
Behind nginx with its own gzip the response arrives compressed and nginx passes it on."""

from __future__ import annotations

import gzip

from flask import Flask, Response, request

from workshop.lru import BoundedCache

TYPES = frozenset({"text/html", "text/css", "text/javascript", "application/javascript",
                   "image/svg+xml"})
MIN_BYTES = 1024
_STATIC = BoundedCache(256)


def _wanted(response: Response) -> bool:
    """Compress only complete 200 answers of a text type to a client that accepts gzip."""
    streamed = response.is_streamed and not response.direct_passthrough  # files are fine
    return (response.status_code == 200 and response.mimetype in TYPES and not streamed
            and "Content-Encoding" not in response.headers
            and "gzip" in request.headers.get("Accept-Encoding", "").lower())


def _compressed(response: Response) -> bytes:
    """The gzip body; a static file's is computed once per ETag."""
    key = (request.path, response.headers.get("ETag")) if request.endpoint == "static" else None
    if key and (hit := _STATIC.get(key)) is not None:
        return hit
    body = gzip.compress(response.get_data(), compresslevel=6, mtime=0)
    if key:
        _STATIC.put(key, body)
    return body


def compress(response: Response) -> Response:
    """after_request: swap the body for its gzip form when that is worth it."""
    response.vary.add("Accept-Encoding")
    if not _wanted(response):
        return response
    source = response.response
    response.direct_passthrough = False  # send_file hands over a file wrapper: read it
    size = len(response.get_data())
    if hasattr(source, "close"):
        source.close()  # read into memory now; the file itself is done with
    if size < MIN_BYTES:
        return response
    response.set_data(_compressed(response))
    response.headers["Content-Encoding"] = "gzip"
    return response


def init_app(app: Flask) -> None:
    """Compress every eligible response of the app."""
    app.after_request(compress)
