"""No-JavaScript pages for phones: the same services through plain form posts (with op ids)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, redirect, render_template, request, url_for

from workshop.actors import Actor
from workshop.extensions import db
from workshop.forms import choice
from workshop.i18n import current_lang
from workshop.i18n.formatting import whole_number
from workshop.joining.services import participant_for_token
from workshop.models.annotation import Annotation
from workshop.realtime.commands import run_command
from workshop.realtime.connect import participant_cookie
from workshop.workshops.services import get_workshop

from . import bp, rules, services
from .forms import AnnotationForm, OpForm, PointForm, new_op_id
from .loading import point_in
from .themes import themes_for


def _phone(workshop_id: int):
    """The workshop and the participant whose cookie this phone holds, or a redirect."""
    workshop = get_workshop(workshop_id)
    participant = participant_for_token(
        workshop, request.cookies.get(participant_cookie(workshop.id)))
    return workshop, participant


def _run(name: str, workshop, participant, form, **args) -> dict:
    payload = {"op": form.op.data or new_op_id(), "workshop": workshop.id, **args}
    return run_command(Actor(participant=participant), name, payload)


def _refused(form, ack: dict) -> None:
    """Show a refusal next to its field, with a fresh op id for the corrected retry."""
    field = getattr(form, ack.get("fields", {}).get("field", ""), None)
    if field is None or field.name == "op":
        form.form_errors.append(ack["message"])
    else:
        field.errors = [*field.errors, ack["message"]]
    form.op.data = new_op_id()


def _point_form(workshop, data=None) -> PointForm:
    form = PointForm(data=data) if data else PointForm()
    form.tags.choices = [choice(t.id, t.name(current_lang()))
                         for t in themes_for(workshop.program_id)]
    return form


def _page(template: str, workshop, participant, status: int = 200, **context):
    if participant is None or participant.status != "admitted":
        return redirect(url_for("joining.join", code=workshop.join_code))
    disciplines = {d.id: d for d in workshop.program.disciplines}
    themes = {t.id: t for t in themes_for(workshop.program_id)}
    return render_template(template, workshop=workshop, participant=participant,
                           disciplines=disciplines, themes=themes,
                           rules=rules.rules_payload(workshop), **context), status


@bp.route("/w/<int:workshop_id>/focus", methods=["GET", "POST"])
def points(workshop_id):
    workshop, participant = _phone(workshop_id)
    form = _point_form(workshop)
    status = 200
    if participant is not None and form.validate_on_submit():
        ack = _run("propose_point", workshop, participant, form, title=form.title.data,
                   description=form.description.data, tags=form.tags.data or [])
        if ack["ok"]:
            return redirect(url_for("focus.points", workshop_id=workshop.id) + "#points")
        _refused(form, ack)
        status = 400
    return _page("focus/points.html", workshop, participant, status, form=form,
                 points=services.points_for(workshop, "phone"),
                 mine=_mine(workshop, participant))


def _mine(workshop, participant) -> set[int]:
    if participant is None:
        return set()
    return {p.id for p in services.visible_points(workshop) if p.author_id == participant.id}


@bp.route("/w/<int:workshop_id>/focus/<int:point_id>", methods=["GET", "POST"])
def point(workshop_id, point_id):
    workshop, participant = _phone(workshop_id)
    found = point_in(workshop, point_id)
    if found.status != "visible":
        abort(404)
    form, status = AnnotationForm(), 200
    if participant is not None and form.validate_on_submit():
        ack = _run("add_annotation", workshop, participant, form, point=found.id,
                   kind=form.kind.data, body=form.body.data, source_url=form.source_url.data,
                   parent=whole_number(form.parent.data))
        if ack["ok"]:
            return redirect(url_for("focus.point", workshop_id=workshop.id, point_id=found.id))
        _refused(form, ack)
        status = 400
    notes = [a for a in services.annotations_for(workshop, "phone") if a["point_id"] == found.id]
    return _page("focus/point.html", workshop, participant, status, form=form,
                 point=services.point_summary(found, "phone"), notes=notes,
                 mine_point=participant is not None and found.author_id == participant.id,
                 mine_notes=_my_notes(participant), action_form=OpForm())


def _my_notes(participant) -> set[int]:
    if participant is None:
        return set()
    return set(db.session.scalars(sa.select(Annotation.id).where(
        Annotation.author_id == participant.id)))


@bp.route("/w/<int:workshop_id>/focus/<int:point_id>/edit", methods=["GET", "POST"])
def edit(workshop_id, point_id):
    workshop, participant = _phone(workshop_id)
    found = point_in(workshop, point_id)
    data = {"title": found.title, "description": found.description,
            "tags": [t.id for t in found.tags]}
    form = _point_form(workshop, None if request.method == "POST" else data)
    status = 200
    if participant is not None and form.validate_on_submit():
        ack = _run("edit_my_point", workshop, participant, form, point=found.id,
                   title=form.title.data, description=form.description.data,
                   tags=form.tags.data or [])
        if ack["ok"]:
            return redirect(url_for("focus.point", workshop_id=workshop.id, point_id=found.id))
        _refused(form, ack)
        status = 400
    return _page("focus/edit.html", workshop, participant, status, form=form, point=found)


@bp.route("/w/<int:workshop_id>/focus/<int:point_id>/withdraw", methods=["POST"])
def withdraw(workshop_id, point_id):
    workshop, participant = _phone(workshop_id)
    form = OpForm()
    if participant is None or not form.validate_on_submit():
        abort(400)
    ack = _run("withdraw_point", workshop, participant, form, point=point_id)
    if not ack["ok"]:
        return _page("focus/refused.html", workshop, participant, 400, message=ack["message"])
    return redirect(url_for("focus.points", workshop_id=workshop.id))


@bp.route("/w/<int:workshop_id>/focus/annotations/<int:annotation_id>/delete", methods=["POST"])
def delete_note(workshop_id, annotation_id):
    workshop, participant = _phone(workshop_id)
    form = OpForm()
    if participant is None or not form.validate_on_submit():
        abort(400)
    ack = _run("delete_annotation", workshop, participant, form, annotation=annotation_id)
    if not ack["ok"]:
        return _page("focus/refused.html", workshop, participant, 400, message=ack["message"])
    back = whole_number(request.form.get("next_point"))
    if back is not None:
        return redirect(url_for("focus.point", workshop_id=workshop.id, point_id=back))
    return redirect(url_for("focus.points", workshop_id=workshop.id))
