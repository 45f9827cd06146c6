"""Voting pages: no-JS round controls, a results page, exports and a no-JS phone vote."""

from __future__ import annotations

import json
import uuid

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from workshop.actors import Actor
from workshop.errors import WorkshopError
from workshop.forms import EmptyForm, choice
from workshop.i18n import current_lang
from workshop.joining.services import participant_for_token
from workshop.permissions import require_staff
from workshop.realtime.commands import run_command
from workshop.realtime.connect import participant_cookie
from workshop.text.normalize import validate_int
from workshop.voting import bp, exports, rounds
from workshop.voting.forms import RoundForm
from workshop.voting.results import results_for
from workshop.workshops.services import get_workshop

ACTIONS = {"open": "open_round", "close": "close_round", "delete": "delete_round",
           "reveal": "set_results_hidden", "hide": "set_results_hidden"}


def _actor() -> Actor:
    return Actor(user=current_user._get_current_object())


def _console(workshop_id: int):
    return redirect(url_for("workshops.console", workshop_id=workshop_id) + "#voting")


def _number(text, field: str):
    text = (text or "").strip()
    return validate_int(text, field=field, min_value=0, max_value=10_000) if text else None


def round_data(form: RoundForm) -> dict:
    """Plain service data from the no-JS form (digits may be Persian)."""
    criteria = [line.strip() for line in (form.criteria.data or "").splitlines() if line.strip()]
    data = {"title": form.title.data or "", "method": form.method.data,
            "anonymous": bool(form.anonymous.data),
            "results_hidden": bool(form.results_hidden.data),
            "points": form.points.data or None, "criteria": criteria or None}
    for name in ("max_yes", "budget", "per_point_cap", "top_k"):
        data[name] = _number(getattr(form, name).data, name)
    return data


def _run(actor: Actor, name: str, payload: dict) -> dict:
    """Run a command with a fresh op id (a form post is one user action)."""
    return run_command(actor, name, {"op": uuid.uuid4().hex, **payload})


@bp.route("/staff/workshops/<int:workshop_id>/rounds", methods=["POST"])
@login_required
def create(workshop_id):
    form = RoundForm()
    form.points.choices = [choice(p, p) for p in request.form.getlist("points", type=int)]
    if form.validate_on_submit():
        try:
            ack = _run(_actor(), "create_round", {"workshop": workshop_id, **round_data(form)})
        except WorkshopError as error:
            ack = error.to_ack()
        if not ack["ok"]:
            flash(ack["message"], "error")
    return _console(workshop_id)


@bp.route("/staff/workshops/<int:workshop_id>/rounds/<int:round_id>/<action>",
          methods=["POST"])
@login_required
def act(workshop_id, round_id, action):
    if action not in ACTIONS or not EmptyForm().validate_on_submit():
        abort(400)
    payload = {"workshop": workshop_id, "round": round_id}
    if action in ("reveal", "hide"):
        payload["hidden"] = action == "hide"
    ack = _run(_actor(), ACTIONS[action], payload)
    if not ack["ok"]:
        flash(ack["message"], "error")
    return _console(workshop_id)


def _labels() -> dict:
    """Localised names of methods, statuses and actions for the staff pages."""
    from workshop.voting.forms import METHOD_NAMES

    return {
        "method_names": METHOD_NAMES,
        "status_names": {"draft": _("Draft"), "open": _("Open"), "closed": _("Voting closed")},
        "raw_names": {"approval": _("Yes votes"), "dots": _("Dots"), "scores": _("Mean score"),
                      "ranking": _("Borda points")},
        "action_names": {"open": _("Open voting"), "close": _("Close voting"),
                         "reveal": _("Reveal results"), "hide": _("Hide results"),
                         "delete": _("Delete draft")},
    }


@bp.route("/staff/workshops/<int:workshop_id>/rounds")
@login_required
def rounds_index(workshop_id):
    workshop = get_workshop(workshop_id)
    require_staff(_actor(), workshop)
    return render_template("voting/rounds.html", workshop=workshop,
                           voting_rounds=rounds.rounds_of(workshop), **_labels())


def _staff_round(workshop_id: int, round_id: int):
    workshop = get_workshop(workshop_id)
    require_staff(_actor(), workshop)
    return workshop, rounds.get_round(workshop, round_id)


@bp.route("/staff/workshops/<int:workshop_id>/rounds/<int:round_id>")
@login_required
def results(workshop_id, round_id):
    workshop, voting_round = _staff_round(workshop_id, round_id)
    return render_template("voting/results.html", workshop=workshop, voting_round=voting_round,
                           results=results_for(voting_round, "staff"), r=voting_round,
                           **_labels())


@bp.route("/staff/workshops/<int:workshop_id>/rounds/<int:round_id>/export.<fmt>")
@login_required
def export(workshop_id, round_id, fmt):
    workshop, voting_round = _staff_round(workshop_id, round_id)
    what = request.args.get("what", "results")
    if fmt not in ("csv", "json") or what not in ("results", "ballots"):
        abort(404)
    name = f"workshop-{workshop.id}-round-{voting_round.number}-{what}.{fmt}"
    if fmt == "json":
        body = json.dumps(exports.export_json(voting_round, current_lang()), ensure_ascii=False,
                          indent=1)
        mimetype = "application/json"
    else:
        maker = exports.ballots_csv if what == "ballots" else exports.results_csv
        body, mimetype = maker(voting_round, current_lang()), "text/csv"
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/w/<int:workshop_id>/rounds/<int:round_id>/vote", methods=["POST"])
def phone_vote(workshop_id, round_id):
    """A phone without JavaScript marks a point; the form's op id makes a resubmit harmless."""
    workshop = get_workshop(workshop_id)
    participant = participant_for_token(workshop,
                                        request.cookies.get(participant_cookie(workshop.id)))
    if participant is None or not EmptyForm().validate_on_submit():
        abort(403)
    args = {"workshop": workshop.id, "round": round_id, "op": request.form.get("op", ""),
            "point": request.form.get("point", type=int)}
    for name in ("value", "delta"):
        if request.form.get(name) not in (None, ""):
            args[name] = request.form.get(name, type=int)
    if request.form.get("criterion"):
        args["criterion"] = request.form["criterion"]
    name = "cast_vote"
    if "ranking" in request.form:  # the whole new order, as the no-JS ballot's button says it
        name, args["ranking"] = "cast_ranking", _id_list(request.form["ranking"])
    ack = run_command(Actor(participant=participant), name, args)
    flash(_("Your vote is saved.") if ack["ok"] else ack["message"],
          "success" if ack["ok"] else "error")
    return redirect(url_for("joining.phone", workshop_id=workshop.id) + "#voting")


def _id_list(text: str) -> list:
    """"3,5,7" -> [3, 5, 7]; anything else is passed on for the service to refuse."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    return [int(p) if p.isdecimal() else p for p in parts]
