"""Browser hardening headers, CSP nonces and the client address used for rate limits."""

from __future__ import annotations

import secrets

from flask import Flask, current_app, g, request


def client_ip() -> str:
    """The client's address; X-Forwarded-For is trusted only behind configured proxies."""
    return request.remote_addr or "unknown"


def csp_nonce() -> str:
    """A per-response nonce for the few inline scripts the templates need."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def _headers(response):
    nonce = g.get("csp_nonce", "")
    script = f"'self' 'nonce-{nonce}'" if nonce else "'self'"
    response.headers.setdefault(
        "Content-Security-Policy",
        f"default-src 'self'; script-src {script}; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if request.endpoint and not request.endpoint.startswith("static"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    """Add the headers to every response, keep `<int:…>` ids in 64 bits, and trust proxies
    only when configured."""
    from workshop.bounds import BoundedIntConverter

    app.url_map.converters["int"] = BoundedIntConverter
    hops = app.config.get("TRUSTED_PROXIES", 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.after_request(_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
