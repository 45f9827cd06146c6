"""Staff pages of the programme: structure (parts, planners, workshops), sources, carry-over."""

from flask import redirect, render_template, request, url_for
from flask_login import login_required

from workshop.register import access, bp, carry, sources, structure
from workshop.register.choices import fill_plan_form
from workshop.register.forms import PartForm, PlanForm, PlannerForm, SourceForm
from workshop.register.labels import SOURCE_KIND
from workshop.register.web import act, actor, number, saved

BASE = "/staff/programmes/<int:program_id>"


def _source_form(form=None) -> SourceForm:
    form = form or SourceForm()
    form.kind.choices = [(k, str(v)) for k, v in SOURCE_KIND.items() if k != "citizen_comment"]
    return form


@bp.route(f"{BASE}/structure")
@login_required
def structure_page(program_id):
    program = access.require_planner(actor(), program_id)
    plans = {w.id: fill_plan_form(PlanForm(prefix=f"w{w.id}", obj=w, part_id=w.part_id or 0),
                                  program) for w in structure.workshops_of(program)}
    return render_template("register/structure.html", program=program,
                           parts=structure.parts_of(program), part_form=PartForm(),
                           planner_form=PlannerForm(), planners=structure.planners_of(program),
                           workshops=structure.workshops_of(program), plans=plans,
                           planner=True)


def _structure(program_id: int) -> str:
    return url_for("register.structure_page", program_id=program_id)


@bp.route(f"{BASE}/parts", methods=["POST"])
@login_required
def add_part(program_id):
    form = PartForm()
    if not form.validate_on_submit():
        return redirect(_structure(program_id))
    return act(structure.add_part, program_id,
               {"name_fa": form.name_fa.data, "name_en": form.name_en.data},
               back=_structure(program_id), done=saved())


@bp.route(f"{BASE}/planners", methods=["POST"])
@login_required
def set_planner(program_id):
    form = PlannerForm()
    if not form.validate_on_submit():
        return redirect(_structure(program_id))
    return act(structure.set_planner, program_id, form.email.data, form.planner.data == "1",
               back=_structure(program_id), done=saved())


@bp.route(f"{BASE}/workshops/<int:workshop_id>/plan", methods=["POST"])
@login_required
def plan_workshop(program_id, workshop_id):
    form = PlanForm(prefix=f"w{workshop_id}")
    form.phase_id.choices = form.part_id.choices = []
    if not form.validate_on_submit():
        return redirect(_structure(program_id))
    data = {"kind": form.kind.data, "phase_id": form.phase_id.data,
            "part_id": form.part_id.data or None}
    return act(structure.set_workshop_plan, program_id, workshop_id, data,
               back=_structure(program_id), done=saved())


@bp.route(f"{BASE}/sources")
@login_required
def sources_page(program_id):
    program = access.require_reader(actor(), program_id)
    return render_template("register/sources.html", program=program,
                           sources=sources.sources_of(program), form=_source_form(),
                           planner=access.is_planner(actor(), program))


@bp.route(f"{BASE}/sources", methods=["POST"])
@login_required
def add_source(program_id):
    form = _source_form()
    back = url_for("register.sources_page", program_id=program_id)
    if not form.validate_on_submit():
        return redirect(back)
    data = {f: getattr(form, f).data for f in ("kind", "title", "citation", "url", "excerpt")}
    return act(sources.add_source, program_id, data, back=back, done=saved())


@bp.route(f"{BASE}/workshops/<int:workshop_id>/carry")
@login_required
def carry_page(program_id, workshop_id):
    data = carry.candidates(actor(), program_id, workshop_id)
    return render_template("register/carry.html", **data)


@bp.route(f"{BASE}/workshops/<int:workshop_id>/carry", methods=["POST"])
@login_required
def carry_over(program_id, workshop_id):
    from workshop.forms import EmptyForm

    back = url_for("register.carry_page", program_id=program_id, workshop_id=workshop_id)
    if not EmptyForm().validate_on_submit():
        return redirect(back)
    ids = {k: [number(v) for v in request.form.getlist(k)] for k in ("items", "actions",
                                                                    "points")}
    to = url_for("workshops.console", workshop_id=workshop_id)
    return act(carry.start_from, program_id, workshop_id, ids["items"], ids["actions"],
               ids["points"], back=back, done=saved(), to=to)
