"""Stage moves with countdowns, and the roster (invite, admit, remove) through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.spine.helpers import fingerprint, participant, user_actor
from workshop.errors import WorkshopError
from workshop.extensions import db
from workshop.joining import roster, services
from workshop.models import StageChange, Workshop
from workshop.workshops import stages


def _move(app, w, to, countdown=None):
    with app.app_context():
        return stages.move_stage(user_actor(w["facilitator"]), w["id"], to, countdown)


def _refused(app, fn, *args) -> str:
    before = fingerprint(app)
    with app.app_context(), pytest.raises(WorkshopError) as refused:
        fn(*args)
    assert fingerprint(app) == before
    return refused.value.code


def test_forward_and_back_are_recorded_on_the_timeline(app, make_workshop):
    w = make_workshop()
    for to in ("propose", "discuss", "propose", "discuss", "vote", "results", "closed"):
        assert _move(app, w, to)["stage"] == to
    with app.app_context():
        workshop = db.session.get(Workshop, w["id"])
        assert workshop.status == "closed"
        moves = db.session.execute(sa.select(StageChange.from_stage, StageChange.to_stage)
                                   .order_by(StageChange.id)).all()
        assert moves[2] == ("discuss", "propose")
        assert len(moves) == 7


@pytest.mark.parametrize(("to", "code"), [
    ("vote", "invalid_transition"), ("closed", "invalid_transition"),
    ("lobby", "invalid_transition"), ("party", "invalid_transition"),
    (None, "invalid_transition"), (3, "invalid_transition"),
])
def test_illegal_or_unknown_transitions_are_refused(app, make_workshop, to, code):
    w = make_workshop()
    with app.app_context():
        actor = user_actor(w["facilitator"])
    assert _refused(app, stages.move_stage, actor, w["id"], to) == code


def test_a_countdown_sets_a_deadline_and_can_be_changed_or_cleared(app, make_workshop):
    w = make_workshop()
    moved = _move(app, w, "propose", 300)
    with app.app_context():
        workshop = db.session.get(Workshop, w["id"])
        assert workshop.stage_deadline - workshop.stage_started_at == timedelta(seconds=300)
        assert moved["stage_deadline"] == workshop.stage_deadline.isoformat()
        actor = user_actor(w["facilitator"])
        assert stages.set_countdown(actor, w["id"], 60)["stage_deadline"] is not None
        assert stages.set_countdown(actor, w["id"], None)["stage_deadline"] is None


@pytest.mark.parametrize("seconds", [-1, 4 * 3600 + 1, 1.5, "abc", True])
def test_bad_countdowns_are_refused(app, make_workshop, seconds):
    w = make_workshop()
    with app.app_context():
        actor = user_actor(w["facilitator"])
    code = _refused(app, stages.set_countdown, actor, w["id"], seconds)
    assert code in ("invalid_value", "bad_payload")


def test_no_countdown_on_a_closed_workshop(app, make_workshop):
    w = make_workshop()
    for to in ("propose", "discuss", "vote", "results", "closed"):
        _move(app, w, to)
    with app.app_context():
        actor = user_actor(w["facilitator"])
    assert _refused(app, stages.set_countdown, actor, w["id"], 60) == "closed"


def test_invite_admit_and_remove(app, make_workshop, disciplines):
    w = make_workshop(roster_mode=True)
    with app.app_context():
        actor = user_actor(w["facilitator"])
        invited = roster.invite(actor, w["id"], {"name": "نیلوفر",
                                                 "discipline_id": disciplines["health"]})
        workshop = db.session.get(Workshop, w["id"])
        walk_in, _token = services.join(workshop, {"name": "Reza",
                                                   "discipline_id": disciplines["other"]})
        assert walk_in.status == "pending"
        assert roster.admit(actor, w["id"], walk_in.id)["status"] == "admitted"
        guest, token = services.accept_invite(workshop, invited["invite"])
        assert guest.id == invited["participant"]
        assert guest.status == "admitted"
        roster.remove(actor, w["id"], guest.id)
        assert participant(guest.id).token_hash is None
        assert services.participant_for_token(workshop, token) is None


def test_roster_refusals_change_nothing(app, make_workshop, join_phone):
    w, other = make_workshop(roster_mode=True), make_workshop()
    join_phone(other)
    with app.app_context():
        actor = user_actor(w["facilitator"])
        stranger = db.session.scalar(sa.text("SELECT id FROM participant"))
    assert _refused(app, roster.admit, actor, w["id"], stranger) == "not_found"
    assert _refused(app, roster.remove, actor, w["id"], "1") == "bad_payload"
    assert _refused(app, roster.invite, actor, w["id"], {"name": "", "discipline_id": 1}) \
        == "required"


def test_a_removed_invitee_cannot_use_their_link_again(app, make_workshop, disciplines):
    w = make_workshop(roster_mode=True)
    with app.app_context():
        actor = user_actor(w["facilitator"])
        invited = roster.invite(actor, w["id"], {"name": "Sima",
                                                 "discipline_id": disciplines["health"]})
        roster.remove(actor, w["id"], invited["participant"])
        workshop = db.session.get(Workshop, w["id"])
        with pytest.raises(WorkshopError) as refused:
            services.accept_invite(workshop, invited["invite"])
    assert refused.value.code == "removed"
