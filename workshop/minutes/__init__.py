"""The secretary's minutes and the Persian PDF: workspace, attendance, final versions."""

from flask import Blueprint

bp = Blueprint("minutes", __name__)

from workshop.minutes import attendance, events, items, routes, snapshot  # noqa: E402,F401
