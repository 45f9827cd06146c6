"""Pages, scripts and stylesheets go out gzip-compressed to clients that accept it (issue 9:
the phone's first load); anything else, and clients that do not ask, get the plain bytes."""

from __future__ import annotations

import gzip

GZIP = {"Accept-Encoding": "gzip, deflate"}


def fetch(client, path: str, headers=None):
    """The response with its body read and its file closed."""
    response = client.get(path, headers=headers or {})
    response.get_data()
    response.close()
    return response


def test_static_script_is_gzipped_once_and_decompresses_to_the_file(client):
    plain = fetch(client, "/static/js/live.js")
    packed = fetch(client, "/static/js/live.js", GZIP)
    again = fetch(client, "/static/js/live.js", GZIP)
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.data) == plain.data
    assert len(packed.data) < len(plain.data) / 2
    assert again.data == packed.data
    assert int(packed.headers["Content-Length"]) == len(packed.data)


def test_pages_are_gzipped_but_fonts_and_small_answers_are_not(client):
    page = client.get("/", headers=GZIP)
    assert page.headers["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(page.data)
    font = fetch(client, "/static/vendor/vazirmatn/Vazirmatn.woff2", GZIP)
    assert "Content-Encoding" not in font.headers
    assert "Content-Encoding" not in client.get("/healthz", headers=GZIP).headers
