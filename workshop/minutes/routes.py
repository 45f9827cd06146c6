"""HTTP views of the minutes: the workspace page, JSON autosave, no-JS forms and downloads."""

from __future__ import annotations

from flask import Response, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from workshop.actors import Actor
from workshop.errors import WorkshopError
from workshop.i18n.formatting import whole_number
from workshop.joining.services import participant_for_token
from workshop.realtime.connect import participant_cookie
from workshop.workshops.services import get_workshop

from . import bp, exports, finalise, state, workspace
from .forms import CorrectionForm, FinaliseForm, UnitForm
from .refusal import keep_typed

BASE = "/staff/workshops/<int:workshop_id>/minutes"


def _staff_actor() -> Actor:
    return Actor(user=current_user._get_current_object())


def _reader() -> Actor:
    """Staff by login, or the participant whose phone cookie is for this workshop."""
    if current_user.is_authenticated:
        return Actor(user=current_user._get_current_object())
    workshop = get_workshop(request.view_args["workshop_id"])
    token = request.cookies.get(participant_cookie(workshop.id))
    return Actor(participant=participant_for_token(workshop, token))


def _back(workshop_id: int, anchor: str = "") -> Response:
    return redirect(url_for("minutes.workspace_page", workshop_id=workshop_id) + anchor)


@bp.route(BASE)
@login_required
def workspace_page(workshop_id):
    actor = _staff_actor()
    data = state.workspace_state(actor, workshop_id)
    return render_template("minutes/workspace.html", workshop=get_workshop(workshop_id),
                           state=data, form=UnitForm(), finalise_form=FinaliseForm(),
                           correction_form=CorrectionForm())


@bp.route(BASE + "/state")
@login_required
def state_json(workshop_id):
    return jsonify(state.workspace_state(_staff_actor(), workshop_id))


@bp.route(BASE + "/edit", methods=["POST"])
@login_required
def edit_json(workshop_id):
    """The page's autosave: one change as JSON, answered like a socket acknowledgement.

    A refusal (conflict, finalised...) is an expected answer, not a failed request: it comes
    with status 200 and ok=false, as over the socket; only unreadable JSON is a 400.
    """
    actor, change = _staff_actor(), request.get_json(silent=True)
    if not isinstance(change, dict):
        return jsonify(WorkshopError("bad_payload").to_ack()), 400
    try:
        result = workspace.edit(actor, workshop_id, change)
    except WorkshopError as error:
        return jsonify(error.to_ack()), 404 if error.code == "not_found" else 200
    return jsonify({"ok": True, "error": None, "message": "", "result": result})


@bp.route(BASE + "/save", methods=["POST"])
@login_required
def save_form(workshop_id):
    """The same change as a plain form post (no JavaScript)."""
    actor, form = _staff_actor(), UnitForm()
    if not form.validate_on_submit():
        abort(400)
    change = form.change()
    try:
        workspace.edit(actor, workshop_id, change)
    except WorkshopError as error:
        if error.code in ("not_found", "forbidden", "finalised"):
            flash(error.message, "error")
            return _back(workshop_id)
        # Refused: the same page again, with everything typed and the error at its field.
        data = keep_typed(state.workspace_state(actor, workshop_id), change, error)
        return render_template("minutes/workspace.html", workshop=get_workshop(workshop_id),
                               state=data, form=form, finalise_form=FinaliseForm(),
                               correction_form=CorrectionForm()), 400
    flash(_("Saved."), "success")
    return _back(workshop_id, f"#{form.kind.data or ''}")


@bp.route(BASE + "/finalise", methods=["POST"])
@login_required
def finalise_form(workshop_id):
    """Build and store the final PDF here, in an HTTP request, never in a socket handler."""
    actor, form = _staff_actor(), FinaliseForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        revision = whole_number(form.revision.data)
        result = finalise.finalise(actor, workshop_id, revision)
        flash(_("The minutes are final. SHA-256: %(sha)s", sha=result["sha256"]), "success")
    except WorkshopError as error:
        flash(error.message, "error")
    return _back(workshop_id)


@bp.route(BASE + "/correct", methods=["POST"])
@login_required
def correct_form(workshop_id):
    actor, form = _staff_actor(), CorrectionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        finalise.start_correction(actor, workshop_id, form.reason.data)
        flash(_("A new draft version was opened for the correction."), "success")
    except WorkshopError as error:
        flash(error.message, "error")
    return _back(workshop_id)


def _pdf_response(download: exports.Download) -> Response:
    response = Response(download.body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response.headers["X-Content-SHA256"] = download.sha256
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route(BASE + "/preview.pdf")
@login_required
def preview_pdf(workshop_id):
    return _pdf_response(exports.draft_preview(_staff_actor(), workshop_id,
                                               request.args.get("lang")))


@bp.route("/workshops/<int:workshop_id>/minutes/v<int:number>.pdf")
def version_pdf(workshop_id, number):
    """Staff download any version; a participant of the workshop only final ones."""
    return _pdf_response(exports.version_pdf(_reader(), workshop_id, number,
                                             request.args.get("lang")))


@bp.route(BASE + "/v<int:number>.json")
@login_required
def version_json(workshop_id, number):
    data = exports.version_archive(_staff_actor(), workshop_id, number)
    response = jsonify(data)
    name = f"minutes-{workshop_id}-v{number}.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.app_template_filter("fromiso")
def from_iso(value: str | None):
    """ISO text (as the workspace state carries dates) back to a datetime for display filters."""
    from datetime import datetime

    return datetime.fromisoformat(value) if value else None
