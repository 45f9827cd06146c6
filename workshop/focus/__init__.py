"""Focus points: propose, annotate, moderate, merge (being built)."""

from flask import Blueprint

bp = Blueprint("focus", __name__)
