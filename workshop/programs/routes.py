"""Staff pages for a programme: its phases and disciplines (issue 2 §2, editable per programme)."""

from flask import render_template, url_for
from flask_login import current_user, login_required

from workshop.actors import Actor
from workshop.forms import attempt, refused, submit
from workshop.programs import bp, services
from workshop.programs.forms import ActiveForm, MoveForm, NamesForm


def _actor() -> Actor:
    return Actor(user=current_user._get_current_object())


def _page(program_id: int, status: int = 200, new_form: NamesForm | None = None,
          renamed: dict | None = None):
    """The programme page; a refused names form (`new_form`, or a row's in `renamed` by its
    prefix) shows again as typed, with its errors."""
    services.require_editor(_actor())
    program = services.get_program(program_id)
    return render_template("programs/edit.html", program=program, names_form=NamesForm,
                           new_form=new_form or NamesForm(formdata=None, prefix="new"),
                           renamed=renamed or {}, move_form=MoveForm(formdata=None),
                           active_form=ActiveForm(formdata=None)), status


def _back(program_id: int) -> str:
    return url_for("programs.edit", program_id=program_id)


@bp.route("/staff/programs/<int:program_id>")
@login_required
def edit(program_id):
    return _page(program_id)


@bp.route("/staff/programs/<int:program_id>/disciplines", methods=["POST"])
@login_required
def add_discipline(program_id):
    form = NamesForm(prefix="new")
    return submit(form, lambda: services.add_discipline(_actor(), program_id, _names(form)),
                  page=lambda status: _page(program_id, status, new_form=form),
                  back=_back(program_id))


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
    return _click(form, program_id, lambda: services.move_discipline(
        _actor(), program_id, item_id, form.direction.data))


@bp.route("/staff/programs/<int:program_id>/disciplines/<int:item_id>/active", methods=["POST"])
@login_required
def set_active(program_id, item_id):
    form = ActiveForm()
    return _click(form, program_id, lambda: services.set_discipline_active(
        _actor(), program_id, item_id, form.active.data == "1"))


def _rename(program_id, item_id, service, prefix: str):
    """Rename a phase or discipline; a refusal shows the page again with that row as typed."""
    form = NamesForm(prefix=prefix)
    return submit(form, lambda: service(_actor(), program_id, item_id, _names(form)),
                  page=lambda status: _page(program_id, status, renamed={prefix: form}),
                  back=_back(program_id))


def _click(form, program_id, call):
    """Run a one-click change; a refusal is shown at the top of the page."""
    if not form.validate_on_submit():
        return refused(form, _back(program_id))
    return attempt(call, back=_back(program_id))


def _names(form: NamesForm) -> dict:
    return {"name_fa": form.name_fa.data, "name_en": form.name_en.data}
