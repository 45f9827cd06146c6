"""Programmes, their phases and disciplines: seeding and editing."""

from flask import Blueprint

bp = Blueprint("programs", __name__)

from workshop.programs import routes  # noqa: E402,F401
