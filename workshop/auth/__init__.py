"""Staff accounts: login, logout and the `flask users` command."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from workshop.auth import cli, routes  # noqa: E402,F401
