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


INJECTIONS = ("<b>پررنگ", '<img src="/etc/hostname">',
              '<a href="javascript:alert(1)">پیوند</a>')


def populate(env: dict, anonymous_round: bool = True) -> dict:
    """A finished workshop: attendance, timeline, points (one merged), annotations, rounds."""
    from workshop.models import utcnow
    from workshop.models.focus import FocusPoint, FocusPointMerge

    from .factory import (
        add_annotation,
        add_participant,
        add_point,
        add_round,
        run_timeline,
    )

    wid = env["workshop"]
    run_timeline(wid)
    people = [add_participant(wid, name, discipline, joined=joined, left=left,
                              organisation=org)
              for name, discipline, joined, left, org in (
                  ("سارا محمدی", "transport", 0, None, "شهرداری اصفهان"),
                  (INJECTIONS[0], "transport", 20, None, ""),
                  ("Ali Rezaei", "environment", 0, 60, "Isfahan University"),
                  (INJECTIONS[1], "environment", 0, None, INJECTIONS[2]),
                  ("مریم کریمی", "citizens", 0, None, ""),
                  ("رضا احمدی", "citizens", 5, None, ""))]
    titles = ("پیاده‌راه‌سازی محور چهارباغ", "توسعهٔ خط ۲ مترو (Metro Line 2)",
              INJECTIONS[2], "کاهش آلودگی هوا تا ۲۰٪", "چهارباغ پیاده")
    points = [add_point(wid, t, author_id=people[i], discipline="transport")
              for i, t in enumerate(titles)]
    survivor, merged = db.session.get(FocusPoint, points[0]), db.session.get(FocusPoint,
                                                                             points[4])
    merged.status, merged.merged_into_id = "merged", survivor.id
    db.session.add(FocusPointMerge(workshop_id=wid, survivor_id=survivor.id,
                                   merged_id=merged.id, at=utcnow()))
    db.session.commit()
    pinned = add_annotation(wid, points[0], "موافقم چون ترافیک (Traffic) کم می‌شود.",
                            author_id=people[0], pinned=True)
    add_annotation(wid, points[1], "منبع: گزارش ۱۴۰۴", kind="evidence", author_id=people[2])
    add_annotation(wid, points[2], INJECTIONS[0], kind="concern", author_id=people[3])
    add_annotation(wid, points[0], "بله", kind="reply", parent_id=pinned, author_id=people[4])
    votes = {p: {points[0]: 1, points[1]: i % 2, points[2]: 0, points[3]: 1}
             for i, p in enumerate(people)}
    add_round(wid, "approval", points[:4], votes, title="اولویت‌ها (Priorities)")
    scores = {p: {pt: {"importance": 1 + (i + j) % 5, "urgency": 3,
                       "feasibility": 1 + (i * j) % 5} for j, pt in enumerate(points[:4])}
              for i, p in enumerate(people)}
    add_round(wid, "scores", points[:4], scores, anonymous=anonymous_round,
              title="ماتریس اثر")
    return env | {"people": people, "points": points}


@pytest.fixture
def full(env, app):
    """The env workshop, populated and closed."""
    with app.app_context():
        data = populate(env)
        db.session.remove()
    return data
