"""Voting rounds and live results (being built)."""

from flask import Blueprint

bp = Blueprint("voting", __name__)
