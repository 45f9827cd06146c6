"""The landing page, error pages and health check."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from workshop.main import routes  # noqa: E402,F401
