"""Joining from phones: join codes, QR links, roster invitations and the lobby."""

from flask import Blueprint

bp = Blueprint("joining", __name__)

from workshop.joining import events, routes, snapshot  # noqa: E402,F401
