"""The secretary's minutes and the Persian PDF: workspace, attendance, final versions."""

from flask import Blueprint

bp = Blueprint("minutes", __name__)

from workshop.minutes import (  # noqa: E402,F401
    attendance,
    events,
    items,
    preview_routes,
    routes,
    snapshot,
)
