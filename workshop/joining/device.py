"""The phone's signed device cookie: join limits per device, one participant per device.

A phone gets a random device id in a signed, HttpOnly cookie the first time it reaches a join
page. Wrong join codes are counted per device, so one guesser does not lock out the other
phones behind the venue's single NAT address; the address only has a ceiling sized for a
venue (see `limits`). Clearing cookies gives a new device: docs/joining.md says what that
can and cannot prevent.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app, g, request
from itsdangerous import BadSignature, URLSafeSerializer

from workshop.ratelimit import new_devices
from workshop.security import client_ip

COOKIE = "hmd"
MAX_AGE = 400 * 24 * 3600  # the longest lifetime browsers keep


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="device")


def _cookie_device() -> str | None:
    raw = request.cookies.get(COOKIE)
    if not raw or len(raw) > 200:
        return None
    try:
        value = _serializer().loads(raw)
    except BadSignature:
        return None
    return value if isinstance(value, str) and 16 <= len(value) <= 64 else None


def known_device() -> str | None:
    """The device id this request arrived with (None for a phone seen for the first time)."""
    if "known_device" not in g:
        g.known_device = _cookie_device()
    return g.known_device


def current_device() -> str | None:
    """This phone's device id; a new one (cookie set on the response) if it had none and the
    address has not been handed too many new devices this minute."""
    device = known_device() or g.get("new_device")
    if device is None and new_devices.hit(client_ip(),
                                          current_app.config["DEVICES_PER_ADDRESS_PER_MINUTE"]):
        device = g.new_device = secrets.token_urlsafe(18)
    return device


def set_cookie(response):
    """After a request that issued a device id, hand it to the phone."""
    device = g.pop("new_device", None)
    if device is not None and known_device() is None:
        response.set_cookie(COOKIE, _serializer().dumps(device), max_age=MAX_AGE, httponly=True,
                            samesite="Lax", secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def device_key(workshop_id: int, device: str) -> str:
    """What a participant row stores: keyed per workshop, so devices are not linkable across
    workshops from the database."""
    key = current_app.config["SECRET_KEY"].encode()
    message = f"device:{workshop_id}:{device}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:40]
