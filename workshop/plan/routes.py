"""Plan pages: dashboard, traceability, exports, import and the planners' edit forms."""

from __future__ import annotations

from flask import Response, abort, flash, render_template, request, url_for
from flask_login import login_required

from workshop.errors import WorkshopError
from workshop.forms import EmptyForm, attempt
from workshop.register import labels
from workshop.register.web import actor
from workshop.transaction import rollback

from . import bp, checks, display, documents, edit, outputs, portfolio, transfer
from .refusal import TITLES, SentForm

BASE = "/staff/programmes/<int:program_id>/plan"
bp.context_processor(labels.context)
bp.context_processor(display.context)


@bp.route(BASE)
@login_required
def dashboard(program_id):
    return render_template("plan/dashboard.html", **outputs.dashboard(actor(), program_id))


@bp.route(f"{BASE}/trace")
@login_required
def trace(program_id):
    return render_template("plan/trace.html", **outputs.traceability(actor(), program_id))


@bp.route(f"{BASE}/trace/<int:item_id>")
@login_required
def trace_item(program_id, item_id):
    return render_template("plan/trace_item.html",
                           **outputs.trace_item(actor(), program_id, item_id))


@bp.route(f"{BASE}/indicators/<int:indicator_id>")
@login_required
def indicator(program_id, indicator_id):
    return render_template("plan/indicator.html",
                           **outputs.indicator_page(actor(), program_id, indicator_id))


@bp.route(f"{BASE}/projects/<int:project_id>")
@login_required
def project(program_id, project_id):
    return render_template("plan/project.html",
                           **outputs.project_page(actor(), program_id, project_id))


@bp.route(f"{BASE}/values.<fmt>")
@login_required
def export(program_id, fmt):
    return _table(transfer.export, program_id, fmt, "plan-values")


@bp.route(f"{BASE}/portfolio.<fmt>")
@login_required
def portfolio_export(program_id, fmt):
    return _table(portfolio.export, program_id, fmt, "plan-portfolio")


@bp.route(f"{BASE}.json")
@login_required
def export_json(program_id):
    body = documents.plan_json(actor(), program_id)
    return _download(body, "application/json", f"plan-{program_id}.json")


@bp.route(f"{BASE}.pdf")
@login_required
def pdf(program_id):
    body = documents.plan_pdf(actor(), program_id)
    return Response(body, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="plan-{program_id}.pdf"'})


def _table(export_fn, program_id: int, fmt: str, stem: str) -> Response:
    """A CSV or XLSX download of one of the plan's tables."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    body, mimetype = export_fn(actor(), program_id, fmt)
    return _download(body, mimetype, f"{stem}-{program_id}.{fmt}")


def _download(body: bytes, mimetype: str, name: str) -> Response:
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route(f"{BASE}/import", methods=["POST"])
@login_required
def import_values(program_id):
    form, upload = EmptyForm(), request.files.get("file")
    result = {"ok": False, "errors": []}
    try:
        if not form.validate_on_submit() or upload is None:
            raise _bad()
        result = transfer.import_values(actor(), program_id, upload.read(),
                                        upload.filename or "")
    except WorkshopError as error:
        rollback()
        if error.status == 404:
            abort(404)
        if error.status == 403:
            abort(403)
        result["errors"] = [{"line": "", "column": "", "reason": error.message}]
    status = 200 if result["ok"] else 400
    return render_template("plan/import.html", program_id=program_id, result=result,
                           summary=checks.describe(result) if result["ok"] else ""), status


def _bad():
    from workshop.errors import BadInput

    return BadInput("bad_payload")


@bp.route(f"{BASE}/edit")
@login_required
def edit_page(program_id):
    return _edit_page(program_id)


def _edit_page(program_id, refused: SentForm | None = None, status: int = 200):
    """The planners' forms; a refused one shows again as typed, its error beside the input."""
    return render_template("plan/edit.html", **edit.page(actor(), program_id), form=EmptyForm(),
                           titles=TITLES, refused=refused), status


@bp.route(f"{BASE}/edit/<action>", methods=["POST"])
@login_required
def edit_action(program_id, action):
    service = edit.ACTIONS.get(action)
    if service is None:
        abort(404)
    sent = SentForm.sent(action, request.form)

    def again(status: int):
        flash(sent.summary(), "error")
        return _edit_page(program_id, sent, status)

    if not EmptyForm().validate_on_submit():
        sent.expired()
        return again(400)
    return attempt(lambda: service(actor(), program_id, edit.form_data(request.form)),
                   back=url_for("plan.edit_page", program_id=program_id), page=again,
                   keep=sent.keep, done=str(edit.SAVED))
