"""The programme register: programme-level focus points across all a programme's workshops."""

from flask import Blueprint

bp = Blueprint("register", __name__)

from workshop.register import (  # noqa: E402,F401
    routes,
    routes_items,
    routes_outputs,
    routes_public,
    routes_sources,
)
from workshop.register.cli import init_feature  # noqa: E402,F401
