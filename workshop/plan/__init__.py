"""The plan: goals, strategies, operational plans, projects, indicators and yearly monitoring."""

from flask import Blueprint

bp = Blueprint("plan", __name__)

from workshop.plan import routes  # noqa: E402,F401
