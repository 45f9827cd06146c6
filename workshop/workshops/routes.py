"""Staff pages: workshop list and form, the live console and the projector."""

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from workshop.actors import Actor
from workshop.auth.services import staff_users
from workshop.errors import WorkshopError
from workshop.forms import choice
from workshop.i18n import use_workshop_language
from workshop.i18n.formatting import (
    format_gregorian_as_jalali_input,
    parse_jalali_datetime,
    whole_number,
)
from workshop.permissions import require_facilitator, require_staff, staff_role
from workshop.workshops import bp, services, stages
from workshop.workshops.forms import StageForm, WorkshopForm
from workshop.workshops.qr import join_url, qr_svg


def _actor() -> Actor:
    return Actor(user=current_user._get_current_object())


def _staff_workshop(workshop_id: int):
    workshop = services.get_workshop(workshop_id)
    require_staff(_actor(), workshop)
    return workshop


@bp.route("/staff/")
@login_required
def index():
    from workshop.programs.services import all_programs

    workshops = services.workshops_for(current_user)
    return render_template("workshops/index.html", workshops=workshops, programs=all_programs())


@bp.route("/staff/workshops/new", methods=["GET", "POST"])
@login_required
def create():
    program = services.default_program()
    if program is None:
        abort(404)
    form = _form(program, WorkshopForm())
    if form.validate_on_submit():
        try:
            workshop = services.create_workshop(_actor(), _data(form, program))
            _set_staff(workshop.id, form)
        except WorkshopError as error:
            _attach(form, error)
            return render_template("workshops/form.html", form=form, workshop=None), 400
        return redirect(url_for("workshops.console", workshop_id=workshop.id))
    return render_template("workshops/form.html", form=form, workshop=None)


@bp.route("/staff/workshops/<int:workshop_id>/edit", methods=["GET", "POST"])
@login_required
def edit(workshop_id):
    workshop = _staff_workshop(workshop_id)
    require_facilitator(_actor(), workshop)  # a secretary gets no form that would refuse
    form = _form(workshop.program, WorkshopForm(obj=None if request.method == "POST" else workshop))
    if request.method == "GET":
        _prefill(form, workshop)
    if form.validate_on_submit():
        try:
            services.update_workshop(_actor(), workshop.id, _data(form, workshop.program))
            _set_staff(workshop.id, form)
        except WorkshopError as error:
            _attach(form, error)
            return render_template("workshops/form.html", form=form, workshop=workshop), 400
        return redirect(url_for("workshops.console", workshop_id=workshop.id))
    return render_template("workshops/form.html", form=form, workshop=workshop)


@bp.route("/staff/workshops/<int:workshop_id>")
@login_required
def console(workshop_id):
    workshop = _staff_workshop(workshop_id)
    role = staff_role(current_user, workshop)
    return render_template("workshops/console.html", workshop=workshop, stage_form=StageForm(),
                           join_url=join_url(workshop), stages=stages, staff_role=role,
                           facilitates=role == "facilitator")


@bp.route("/staff/workshops/<int:workshop_id>/projector")
@login_required
def projector(workshop_id):
    workshop = _staff_workshop(workshop_id)
    use_workshop_language(workshop, force=True)
    return render_template("workshops/projector.html", workshop=workshop,
                           join_url=join_url(workshop))


@bp.route("/staff/workshops/<int:workshop_id>/qr.svg")
@login_required
def qr(workshop_id):
    workshop = _staff_workshop(workshop_id)
    return qr_svg(join_url(workshop)), 200, {"Content-Type": "image/svg+xml"}


@bp.route("/staff/workshops/<int:workshop_id>/stage", methods=["POST"])
@login_required
def move_stage(workshop_id):
    form = StageForm()
    if form.validate_on_submit():
        minutes = whole_number((form.countdown.data or "").strip())
        seconds = minutes * 60 if minutes is not None else None
        stages.move_stage(_actor(), workshop_id, form.stage.data, seconds)
    return redirect(url_for("workshops.console", workshop_id=workshop_id))


def _form(program, form: WorkshopForm) -> WorkshopForm:
    from workshop.i18n import current_lang

    form.phase_id.choices = [choice(p.id, p.name(current_lang())) for p in program.phases]
    form.secretaries.choices = [choice(u.id, u.name, dir="auto")
                                for u in staff_users("secretary")]
    form.facilitators.choices = [choice(u.id, u.name, dir="auto")
                                 for u in staff_users("facilitator") if u.id != current_user.id]
    return form


def _set_staff(workshop_id: int, form: WorkshopForm) -> None:
    """Secretaries and co-facilitators, for a new or an existing workshop."""
    services.set_staff(_actor(), workshop_id, form.secretaries.data or [], "secretary")
    services.set_staff(_actor(), workshop_id, form.facilitators.data or [], "facilitator")


def _prefill(form: WorkshopForm, workshop) -> None:
    if workshop.scheduled_at:
        form.date.data, form.time.data = format_gregorian_as_jalali_input(workshop.scheduled_at)
    for name in ("anonymous_proposals", "late_proposals", "results_visible"):
        getattr(form, name).data = workshop.setting(name)
    form.secretaries.data = [s.user_id for s in workshop.staff if s.role == "secretary"]
    form.facilitators.data = [s.user_id for s in workshop.staff if s.role == "facilitator"]


def _data(form: WorkshopForm, program) -> dict:
    scheduled = None
    if form.date.data:
        scheduled = parse_jalali_datetime(form.date.data, form.time.data or "00:00")
    return {
        "title": form.title.data, "guiding_question": form.guiding_question.data or "",
        "program_id": program.id, "phase_id": form.phase_id.data, "scheduled_at": scheduled,
        "location": form.location.data or "", "language": form.language.data,
        "roster_mode": form.roster_mode.data,
        "expected_headcount": form.expected_headcount.data or "",
        "anonymous_proposals": form.anonymous_proposals.data,
        "late_proposals": form.late_proposals.data,
        "results_visible": form.results_visible.data,
    }


def _attach(form, error: WorkshopError) -> None:
    field = getattr(form, error.fields.get("field", ""), None)
    if error.fields.get("field") in ("scheduled_at", "date", "time"):
        field = form.date
    if field is None:
        form.form_errors.append(error.message)
        return
    field.errors = [*field.errors, error.message]
