"""The secretary's minutes and the Persian PDF (being built)."""

from flask import Blueprint

bp = Blueprint("minutes", __name__)
