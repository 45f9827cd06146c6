"""Voting rounds over focus points and live results through the disciplinary lens."""

from flask import Blueprint

bp = Blueprint("voting", __name__)

from workshop.voting import events, routes, snapshot  # noqa: E402,F401
