"""The same-origin rule for Socket.IO handshakes (docs/realtime.md §1, "Who may connect").

A browser attaches its cookies to any handshake, also one a foreign page starts; the Origin
header tells them apart. So: a handshake with an Origin must come from the app's own origin;
one without an Origin may carry no cookie, unless it sends the `X-Hamandishi-Live` header that
only our own script sets (a browser's same-origin polling request sends no Origin, and a
foreign page cannot add a custom header without a CORS preflight we never grant). Forwarded
host and scheme headers count only behind `TRUSTED_PROXIES` proxies, as for everything else.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from workshop.errors import NotAllowed

LIVE_HEADER = "HTTP_X_HAMANDISHI_LIVE"


def _forwarded(environ: dict, name: str, hops: int) -> str | None:
    """The value the outermost trusted proxy set (ProxyFix's rule), or None."""
    values = [v.strip() for v in environ.get(name, "").split(",") if v.strip()]
    return values[-hops] if hops and len(values) >= hops else None


def own_origins(environ: dict, hops: int, public_url: str = "") -> set[str]:
    """The origins this request may legitimately come from."""
    scheme, host = environ.get("wsgi.url_scheme", "http"), environ.get("HTTP_HOST", "")
    scheme = _forwarded(environ, "HTTP_X_FORWARDED_PROTO", hops) or scheme
    host = _forwarded(environ, "HTTP_X_FORWARDED_HOST", hops) or host
    origins = {f"{scheme}://{host}"} if host else set()
    if public_url:
        parts = urlsplit(public_url)
        origins.add(f"{parts.scheme}://{parts.netloc}")
    return origins


def make_origin_check(config) -> Callable[..., bool]:
    """The `cors_allowed_origins` callable for Engine.IO, bound to this app's settings."""
    hops, public_url = int(config.get("TRUSTED_PROXIES", 0)), config.get("PUBLIC_BASE_URL", "")

    def allowed(origin, environ=None) -> bool:
        return bool(origin) and environ is not None and origin in own_origins(
            environ, hops, public_url)

    return allowed


def check_handshake(environ: dict, config) -> None:
    """Refuse a foreign Origin, and a cookie-carrying handshake that proves no origin at all."""
    origin = environ.get("HTTP_ORIGIN")
    if origin:
        if not make_origin_check(config)(origin, environ):
            raise NotAllowed("forbidden")
        return
    if environ.get("HTTP_COOKIE") and not environ.get(LIVE_HEADER):
        raise NotAllowed("forbidden")
