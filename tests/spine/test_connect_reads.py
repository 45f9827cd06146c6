"""The connect path's workshop read: never stale, and each session's copy is its own."""

from __future__ import annotations

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models import Workshop
from workshop.workshops.reads import workshop_for_connect


def _fresh(app, workshop_id: int) -> Workshop:
    db.session.remove()
    return workshop_for_connect(workshop_id)


def test_a_changed_row_is_read_again_even_without_a_version_bump(app, make_workshop):
    w = make_workshop()
    with app.app_context():
        assert _fresh(app, w["id"]).title == db.session.get(Workshop, w["id"]).title
        db.session.execute(sa.update(Workshop).where(Workshop.id == w["id"])
                           .values(title="عنوان تازه", expected_headcount=40))
        db.session.commit()
        again = _fresh(app, w["id"])
        assert (again.title, again.expected_headcount) == ("عنوان تازه", 40)
        assert again.version == db.session.get(Workshop, w["id"]).version
        db.session.remove()


def test_settings_changed_in_one_session_do_not_leak_into_the_next(app, make_workshop):
    w = make_workshop()
    with app.app_context():
        first = _fresh(app, w["id"])
        first.settings["anonymous_proposals"] = "changed in place"
        second = _fresh(app, w["id"])
        assert second.settings["anonymous_proposals"] != "changed in place"
        assert second.program.id == second.program_id  # relationships still load
        db.session.remove()
