"""HTTP views of background previews: start one, follow its progress, download it."""

from __future__ import annotations

from flask import Response, jsonify, request, url_for
from flask_login import current_user, login_required

from workshop.actors import Actor
from workshop.errors import WorkshopError

from . import bp, previews

BASE = "/staff/workshops/<int:workshop_id>/minutes/preview"


def _answer(workshop_id: int, status: dict) -> Response:
    """The preview's state as JSON; a ready one carries the URL of its PDF."""
    if status["state"] == "ready":
        status["url"] = url_for("minutes.preview_ready", workshop_id=workshop_id,
                                digest=status["digest"], lang=status["lang"])
    return jsonify({"ok": True, "error": None, "message": "", "result": status})


def _refusal(error: WorkshopError) -> tuple[Response, int]:
    return jsonify(error.to_ack()), 404 if error.code == "not_found" else 400


@bp.route(BASE, methods=["POST"])
@login_required
def preview_start(workshop_id):
    """Start building (or join the build of) the draft's preview; answers at once."""
    actor = Actor(user=current_user._get_current_object())
    try:
        return _answer(workshop_id, previews.start_preview(actor, workshop_id,
                                                           request.args.get("lang")))
    except WorkshopError as error:
        return _refusal(error)


@bp.route(BASE + "/status")
@login_required
def preview_state(workshop_id):
    actor = Actor(user=current_user._get_current_object())
    try:
        return _answer(workshop_id, previews.preview_status(actor, workshop_id,
                                                            request.args.get("lang")))
    except WorkshopError as error:
        return _refusal(error)


@bp.route(BASE + "/<digest>.pdf")
@login_required
def preview_ready(workshop_id, digest):
    actor = Actor(user=current_user._get_current_object())
    download = previews.preview_download(actor, workshop_id, digest, request.args.get("lang"))
    response = Response(download.body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{download.filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
