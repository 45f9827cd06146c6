"""Voting rounds over focus points and live results through the disciplinary lens."""

from flask import Blueprint

bp = Blueprint("voting", __name__)


def init_feature(app) -> None:
    """Template helpers for the round form (shown on the console and the rounds page)."""
    from workshop.voting.forms import RoundForm
    from workshop.voting.settings import visible_points

    app.jinja_env.globals.update(voting_round_form=RoundForm, voting_candidates=visible_points)


from workshop.voting import events, routes, snapshot  # noqa: E402,F401
