"""Programme outputs: coverage matrix, dashboard, exports and the dossier PDF."""

from flask import Response, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from workshop.register import access, bp, coverage, dashboard, dossier, exports, structure
from workshop.register.web import actor, number, page_arg

BASE = "/staff/programmes/<int:program_id>"
FORMATS = ("csv", "json", "xlsx")


@bp.route(f"{BASE}/coverage")
@login_required
def coverage_page(program_id):
    data = coverage.matrix(actor(), program_id, number(request.args.get("part")), page_arg())
    planned = [w for w in structure.workshops_of(data["program"]) if w.status == "scheduled"]
    chosen = number(request.args.get("workshop"))
    invite = coverage.invitees_for(actor(), program_id, chosen) if chosen else None
    return render_template("register/coverage.html", **data, planned=planned, chosen=chosen,
                           invite=invite, planner=access.is_planner(actor(), data["program"]))


@bp.route(f"{BASE}/dashboard")
@login_required
def dashboard_page(program_id):
    return render_template("register/dashboard.html", **dashboard.dashboard(actor(), program_id))


@bp.route(f"{BASE}/register.<fmt>")
@login_required
def export(program_id, fmt):
    if fmt not in FORMATS:
        return render_template("errors/error.html", status=404, message=""), 404
    body, mimetype = exports.export(actor(), program_id, fmt)
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="register-{program_id}.{fmt}"'})


@bp.route(f"{BASE}/dossier.pdf")
@login_required
def dossier_pdf(program_id):
    body = dossier.dossier(actor(), program_id)
    return Response(body, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="dossier-{program_id}.pdf"'})


@bp.route(f"{BASE}/coverage/required", methods=["POST"])
@login_required
def set_required(program_id):
    from workshop.forms import EmptyForm, refused
    from workshop.register.web import act

    back = url_for("register.coverage_page", program_id=program_id)
    form = EmptyForm()
    if not form.validate_on_submit():
        return refused(form, back)
    chosen = [number(v) for v in request.form.getlist("disciplines")]
    return act(coverage.set_required, program_id, chosen, back=back, done=_("Saved."))
