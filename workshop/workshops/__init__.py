"""Workshops: creating and editing them, the console, the projector and live stages."""

from flask import Blueprint

bp = Blueprint("workshops", __name__)

from workshop.workshops import events, routes, snapshot  # noqa: E402,F401
