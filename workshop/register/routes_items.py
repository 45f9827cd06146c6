"""Staff pages of one register item: edit, status, publish, merge, split, cite.

A refused form shows the item page again (400) with what was typed and the error beside its
field; nothing of the refused change is saved."""

from flask import render_template, request, url_for
from flask_login import login_required

from workshop.forms import choice, refused, submit
from workshop.register import bp, items, lineage, sources, views
from workshop.register.choices import fill_item_form, status_choices
from workshop.register.forms import CiteForm, ItemForm, MergeForm, ReasonForm, SplitForm, StatusForm
from workshop.register.web import act, actor, local, number, saved

BASE = "/staff/programmes/<int:program_id>/register/items"


def item_url(program_id: int, item_id: int) -> str:
    return url_for("register.item", program_id=program_id, item_id=item_id)


def _fields(form: ItemForm) -> dict:
    return {"title": form.title.data, "description": form.description.data,
            "part_id": form.part_id.data or None, "theme_id": form.theme_id.data or None,
            "phase_id": form.phase_id.data or None}


def _fresh_forms(current) -> dict:
    """The page's forms as the item is now (never filled from a post meant for another form)."""
    return {"status_form": StatusForm(formdata=None, status=current.status),
            "edit_form": ItemForm(formdata=None, obj=current),
            "merge_form": MergeForm(formdata=None), "cite_form": CiteForm(formdata=None),
            "split_form": SplitForm(formdata=None, phase_id=current.phase_id),
            "reason_form": ReasonForm(formdata=None)}


def _fill_choices(forms: dict, program) -> None:
    fill_item_form(forms["edit_form"], program)
    forms["status_form"].status.choices = status_choices()
    forms["split_form"].phase_id.choices = fill_item_form(ItemForm(formdata=None),
                                                          program).phase_id.choices
    forms["cite_form"].source_id.choices = [choice(s.id, s.title, dir="auto")
                                            for s in sources.sources_of(program)]


def _item_page(program_id, item_id, status: int = 200, **failed):
    """The item page; `failed` puts a refused form (typed values, errors) in its place."""
    data = views.item_page(actor(), program_id, item_id)
    forms = _fresh_forms(data["item"]) | failed
    _fill_choices(forms, data["program"])
    return render_template("register/item.html", **data, **forms), status


def _on_item(program_id, item_id, name: str, form, call, **context):
    """Submit one form of the item page; a refusal shows the page again with that form."""
    return submit(form, call, back=item_url(program_id, item_id), done=saved(),
                  page=lambda status: _item_page(program_id, item_id, status,
                                                 **{name: form}, **context))


@bp.route(BASE, methods=["POST"])
@login_required
def create_item(program_id):
    from workshop.register.routes import index_page

    form = ItemForm()
    return submit(form, lambda: items.create_item(actor(), program_id, _fields(form)),
                  page=lambda status: index_page(program_id, form, status),
                  back=url_for("register.index", program_id=program_id), done=saved())


@bp.route(f"{BASE}/<int:item_id>")
@login_required
def item(program_id, item_id):
    return _item_page(program_id, item_id)


@bp.route(f"{BASE}/<int:item_id>", methods=["POST"])
@login_required
def update_item(program_id, item_id):
    form = ItemForm()
    return _on_item(program_id, item_id, "edit_form", form, lambda: items.update_item(
        actor(), program_id, item_id, _fields(form)))


@bp.route(f"{BASE}/<int:item_id>/status", methods=["POST"])
@login_required
def set_status(program_id, item_id):
    form = StatusForm()
    return _on_item(program_id, item_id, "status_form", form, lambda: items.set_status(
        actor(), program_id, item_id, form.status.data, form.reason.data))


@bp.route(f"{BASE}/<int:item_id>/publish", methods=["POST"])
@login_required
def publish(program_id, item_id):
    form = ReasonForm()
    back = item_url(program_id, item_id)
    if not form.validate_on_submit():
        return refused(form, back)
    return act(items.set_published, program_id, item_id, request.form.get("published") == "1",
               back=back, done=saved())


@bp.route(f"{BASE}/<int:item_id>/merge", methods=["POST"])
@login_required
def merge(program_id, item_id):
    form = MergeForm()
    return _on_item(program_id, item_id, "merge_form", form, lambda: lineage.merge_items(
        actor(), program_id, item_id, number(form.target_id.data), form.reason.data))


@bp.route(f"{BASE}/<int:item_id>/split", methods=["POST"])
@login_required
def split(program_id, item_id):
    form = SplitForm()
    links = [number(v) for v in request.form.getlist("links")]
    data = {"title": form.title.data, "phase_id": form.phase_id.data or None,
            "reason": form.reason.data}
    return _on_item(program_id, item_id, "split_form", form, lambda: lineage.split_item(
        actor(), program_id, item_id, links, data), checked=links)


@bp.route("/staff/programmes/<int:program_id>/register/lineage/<int:lineage_id>/undo",
          methods=["POST"])
@login_required
def unmerge(program_id, lineage_id):
    form = ReasonForm()
    back = local(request.form.get("next"), url_for("register.index", program_id=program_id))
    if not form.validate_on_submit():
        return refused(form, back)
    return act(lineage.unmerge, program_id, lineage_id, form.reason.data, back=back,
               done=saved())


@bp.route(f"{BASE}/<int:item_id>/cite", methods=["POST"])
@login_required
def cite(program_id, item_id):
    form = CiteForm()
    return _on_item(program_id, item_id, "cite_form", form, lambda: sources.cite(
        actor(), program_id, item_id, form.source_id.data, form.note.data))
