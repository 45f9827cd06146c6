"""Staff pages for a programme: its phases and disciplines (issue 2 §2, editable per programme)."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from workshop.actors import Actor
from workshop.errors import WorkshopError
from workshop.programs import bp, services
from workshop.programs.forms import ActiveForm, MoveForm, NamesForm


def _actor() -> Actor:
    return Actor(user=current_user._get_current_object())


def _page(program_id: int, new_form: NamesForm | None = None, status: int = 200):
    services.require_editor(_actor())
    program = services.get_program(program_id)
    return render_template("programs/edit.html", program=program,
                           new_form=new_form or NamesForm(prefix="new"), names_form=NamesForm,
                           move_form=MoveForm(), active_form=ActiveForm()), status


def _back(program_id: int):
    return redirect(url_for("programs.edit", program_id=program_id))


@bp.route("/staff/programs/<int:program_id>")
@login_required
def edit(program_id):
    return _page(program_id)


@bp.route("/staff/programs/<int:program_id>/disciplines", methods=["POST"])
@login_required
def add_discipline(program_id):
    form = NamesForm(prefix="new")
    if form.validate_on_submit():
        try:
            services.add_discipline(_actor(), program_id, _names(form))
        except WorkshopError as error:
            _attach(form, error)
            return _page(program_id, form, 400)
        return _back(program_id)
    return _page(program_id, form, 400)


@bp.route("/staff/programs/<int:program_id>/disciplines/<int:item_id>", methods=["POST"])
@login_required
def rename_discipline(program_id, item_id):
    return _rename(program_id, item_id, services.rename_discipline, f"d{item_id}")


@bp.route("/staff/programs/<int:program_id>/phases/<int:item_id>", methods=["POST"])
@login_required
def rename_phase(program_id, item_id):
    return _rename(program_id, item_id, services.rename_phase, f"p{item_id}")


@bp.route("/staff/programs/<int:program_id>/disciplines/<int:item_id>/move", methods=["POST"])
@login_required
def move_discipline(program_id, item_id):
    form = MoveForm()
    if form.validate_on_submit():
        _try(services.move_discipline, program_id, item_id, form.direction.data)
    return _back(program_id)


@bp.route("/staff/programs/<int:program_id>/disciplines/<int:item_id>/active", methods=["POST"])
@login_required
def set_active(program_id, item_id):
    form = ActiveForm()
    if form.validate_on_submit():
        _try(services.set_discipline_active, program_id, item_id, form.active.data == "1")
    return _back(program_id)


def _rename(program_id, item_id, service, prefix: str):
    form = NamesForm(prefix=prefix)
    if form.validate_on_submit():
        _try(service, program_id, item_id, _names(form))
    return _back(program_id)


def _try(service, *args) -> None:
    """Run a one-click change; a refusal is shown at the top of the page."""
    try:
        service(_actor(), *args)
    except WorkshopError as error:
        flash(error.message, "error")


def _names(form: NamesForm) -> dict:
    return {"name_fa": form.name_fa.data, "name_en": form.name_en.data}


def _attach(form: NamesForm, error: WorkshopError) -> None:
    field = getattr(form, error.fields.get("field", ""), None) or form.name_fa
    field.errors = [*field.errors, error.message]
