"""Staff pages of the programme: structure (parts, planners, workshops), sources, carry-over."""

from flask import render_template, request, url_for
from flask_login import login_required

from workshop.forms import refused, submit
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
    return _structure_page(program_id)


def _structure_page(program_id, status: int = 200, plans: dict | None = None, **failed):
    """Parts, planners and the workshops' places in the plan; a refused form (in `failed`,
    or a workshop's in `plans`) shows again with what was typed."""
    program = access.require_planner(actor(), program_id)
    workshops = structure.workshops_of(program)
    forms = {w.id: PlanForm(formdata=None, prefix=f"w{w.id}", obj=w, part_id=w.part_id or 0)
             for w in workshops} | (plans or {})
    for form in forms.values():
        fill_plan_form(form, program)
    page_forms = {"part_form": PartForm(formdata=None),
                  "planner_form": PlannerForm(formdata=None)} | failed
    return render_template("register/structure.html", program=program, workshops=workshops,
                           parts=structure.parts_of(program), plans=forms, planner=True,
                           planners=structure.planners_of(program), **page_forms), status


def _on_structure(program_id, form, call, **failed):
    """Submit one form of the structure page; a refusal shows the page again with it."""
    return submit(form, call, back=url_for("register.structure_page", program_id=program_id),
                  done=saved(), page=lambda status: _structure_page(program_id, status,
                                                                    **failed))


@bp.route(f"{BASE}/parts", methods=["POST"])
@login_required
def add_part(program_id):
    form = PartForm()
    names = {"name_fa": form.name_fa.data, "name_en": form.name_en.data}
    return _on_structure(program_id, form, lambda: structure.add_part(
        actor(), program_id, names), part_form=form)


@bp.route(f"{BASE}/planners", methods=["POST"])
@login_required
def set_planner(program_id):
    form = PlannerForm()
    return _on_structure(program_id, form, lambda: structure.set_planner(
        actor(), program_id, form.email.data, form.planner.data == "1"), planner_form=form)


@bp.route(f"{BASE}/workshops/<int:workshop_id>/plan", methods=["POST"])
@login_required
def plan_workshop(program_id, workshop_id):
    form = PlanForm(prefix=f"w{workshop_id}")
    form.phase_id.choices = form.part_id.choices = []
    data = {"kind": form.kind.data, "phase_id": form.phase_id.data,
            "part_id": form.part_id.data or None}
    return _on_structure(program_id, form, lambda: structure.set_workshop_plan(
        actor(), program_id, workshop_id, data), plans={workshop_id: form})


@bp.route(f"{BASE}/sources")
@login_required
def sources_page(program_id):
    return _sources_page(program_id)


def _sources_page(program_id, form: SourceForm | None = None, status: int = 200):
    program = access.require_reader(actor(), program_id)
    return render_template("register/sources.html", program=program,
                           sources=sources.sources_of(program),
                           form=_source_form(form or SourceForm(formdata=None)),
                           planner=access.is_planner(actor(), program)), status


@bp.route(f"{BASE}/sources", methods=["POST"])
@login_required
def add_source(program_id):
    form = _source_form()
    data = {f: getattr(form, f).data for f in ("kind", "title", "citation", "url", "excerpt")}
    return submit(form, lambda: sources.add_source(actor(), program_id, data),
                  page=lambda status: _sources_page(program_id, form, status),
                  back=url_for("register.sources_page", program_id=program_id), done=saved())


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
    form = EmptyForm()
    if not form.validate_on_submit():
        return refused(form, back)
    ids = {k: [number(v) for v in request.form.getlist(k)] for k in ("items", "actions",
                                                                    "points")}
    to = url_for("workshops.console", workshop_id=workshop_id)
    return act(carry.start_from, program_id, workshop_id, ids["items"], ids["actions"],
               ids["points"], back=back, done=saved(), to=to)
