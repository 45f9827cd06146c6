"""A workshop with a facilitator and an assigned secretary, ready for minutes tests."""

from __future__ import annotations

import pytest

from workshop.actors import Actor
from workshop.extensions import db
from workshop.models import User
from workshop.workshops.services import set_staff


@pytest.fixture
def env(app, make_user, make_workshop):
    """{"workshop": id, "code", "facilitator": user id, "secretary": user id}."""
    facilitator = make_user("facilitator")
    secretary = make_user("secretary")
    w = make_workshop(facilitator, location="تالار شهر اصفهان")
    with app.app_context():
        set_staff(Actor(user=db.session.get(User, facilitator)), w["id"], [secretary],
                  "secretary")
    return {"workshop": w["id"], "code": w["code"], "facilitator": facilitator,
            "secretary": secretary, "w": w}


@pytest.fixture
def ctx(app):
    """A request context (services, and localised messages) for service-level tests."""
    with app.test_request_context():
        yield
        db.session.remove()
