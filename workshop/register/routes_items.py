"""Staff pages of one register item: edit, status, publish, merge, split, cite."""

from flask import redirect, render_template, request, url_for
from flask_login import login_required

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


@bp.route(BASE, methods=["POST"])
@login_required
def create_item(program_id):
    form = ItemForm()
    back = url_for("register.index", program_id=program_id)
    if not form.validate_on_submit():
        return redirect(back)
    return act(items.create_item, program_id, _fields(form), back=back, done=saved())


@bp.route(f"{BASE}/<int:item_id>")
@login_required
def item(program_id, item_id):
    data = views.item_page(actor(), program_id, item_id)
    program, current = data["program"], data["item"]
    status = StatusForm(status=current.status)
    status.status.choices = status_choices()
    split = SplitForm(phase_id=current.phase_id)
    split.phase_id.choices = fill_item_form(ItemForm(), program).phase_id.choices
    cite = CiteForm()
    cite.source_id.choices = [(s.id, s.title) for s in sources.sources_of(program)]
    return render_template("register/item.html", **data, status_form=status,
                           edit_form=fill_item_form(ItemForm(obj=current), program),
                           merge_form=MergeForm(), split_form=split, cite_form=cite,
                           reason_form=ReasonForm())


@bp.route(f"{BASE}/<int:item_id>", methods=["POST"])
@login_required
def update_item(program_id, item_id):
    form = ItemForm()
    back = item_url(program_id, item_id)
    if not form.validate_on_submit():
        return redirect(back)
    return act(items.update_item, program_id, item_id, _fields(form), back=back, done=saved())


@bp.route(f"{BASE}/<int:item_id>/status", methods=["POST"])
@login_required
def set_status(program_id, item_id):
    form = StatusForm()
    form.status.choices = status_choices()
    back = item_url(program_id, item_id)
    if not form.validate_on_submit():
        return redirect(back)
    return act(items.set_status, program_id, item_id, form.status.data, form.reason.data,
               back=back, done=saved())


@bp.route(f"{BASE}/<int:item_id>/publish", methods=["POST"])
@login_required
def publish(program_id, item_id):
    form = ReasonForm()
    back = item_url(program_id, item_id)
    if not form.validate_on_submit():
        return redirect(back)
    return act(items.set_published, program_id, item_id, request.form.get("published") == "1",
               back=back, done=saved())


@bp.route(f"{BASE}/<int:item_id>/merge", methods=["POST"])
@login_required
def merge(program_id, item_id):
    form = MergeForm()
    back = item_url(program_id, item_id)
    if not form.validate_on_submit():
        return redirect(back)
    return act(lineage.merge_items, program_id, item_id, number(form.target_id.data),
               form.reason.data, back=back, done=saved())


@bp.route(f"{BASE}/<int:item_id>/split", methods=["POST"])
@login_required
def split(program_id, item_id):
    form = SplitForm()
    back = item_url(program_id, item_id)
    if not form.validate_on_submit():
        return redirect(back)
    links = [number(v) for v in request.form.getlist("links")]
    return act(lineage.split_item, program_id, item_id, links,
               {"title": form.title.data, "phase_id": form.phase_id.data or None,
                "reason": form.reason.data}, back=back, done=saved())


@bp.route("/staff/programmes/<int:program_id>/register/lineage/<int:lineage_id>/undo",
          methods=["POST"])
@login_required
def unmerge(program_id, lineage_id):
    form = ReasonForm()
    back = local(request.form.get("next"), url_for("register.index", program_id=program_id))
    if not form.validate_on_submit():
        return redirect(back)
    return act(lineage.unmerge, program_id, lineage_id, form.reason.data, back=back,
               done=saved())


@bp.route(f"{BASE}/<int:item_id>/cite", methods=["POST"])
@login_required
def cite(program_id, item_id):
    form = CiteForm()
    back = item_url(program_id, item_id)
    if not form.validate_on_submit():
        return redirect(back)
    return act(sources.cite, program_id, item_id, form.source_id.data, form.note.data,
               back=back, done=saved())
