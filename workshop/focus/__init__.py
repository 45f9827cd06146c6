"""Focus points: propose, annotate, moderate, merge."""

from flask import Blueprint

bp = Blueprint("focus", __name__)


def init_feature(app) -> None:
    """Template helper for no-JS forms: a fresh operation id per rendered form."""
    from workshop.focus.forms import new_op_id

    app.jinja_env.globals["focus_op_id"] = new_op_id


from workshop.focus import events, routes, snapshot  # noqa: E402,F401
