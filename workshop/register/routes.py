"""Staff pages of the register: the list, the to-link queue, links and suggestions."""

from urllib.parse import parse_qs, urlsplit

from flask import jsonify, redirect, render_template, request, url_for
from flask_login import login_required

from workshop.errors import WorkshopError
from workshop.forms import refused, submit
from workshop.register import access, bp, labels, linking, queue, structure, views
from workshop.register.forms import ItemForm, LinkForm, ReasonForm
from workshop.register.web import act, actor, local, number, page_arg, saved

bp.context_processor(labels.context)


def register_url(program_id: int) -> str:
    return url_for("register.index", program_id=program_id)


@bp.route("/staff/programmes")
@login_required
def programmes():
    return render_template("register/programmes.html", programs=access.programs_for(actor()))


@bp.route("/staff/programmes/<int:program_id>/register")
@login_required
def index(program_id):
    return index_page(program_id)


def index_page(program_id, form: ItemForm | None = None, status: int = 200):
    """The register list with the new-item form (a refused one keeps what was typed)."""
    from workshop.register.choices import fill_item_form

    data = views.register_page(actor(), program_id, request.args.get("status") or None,
                               number(request.args.get("part")), request.args.get("q", ""),
                               page_arg())
    form = fill_item_form(form or ItemForm(formdata=None), data["program"])
    return render_template("register/index.html", **data, form=form,
                           parts=structure.parts_of(data["program"]),
                           waiting=queue.queue_count(program_id) if data["planner"] else 0), status


@bp.route("/staff/programmes/<int:program_id>/register/queue")
@login_required
def to_link(program_id):
    data = queue.to_link(actor(), program_id, page_arg(), number(request.args.get("workshop")))
    return _queue_page(program_id, data)


def _queue_page(program_id, data: dict, status: int = 200, failed: LinkForm | None = None):
    """The to-link queue; a refused link form shows again in its point's card."""
    return render_template("register/queue.html", program=access.get_program(program_id),
                           **data, link_form=failed or LinkForm(formdata=None),
                           reason_form=ReasonForm(formdata=None), planner=True,
                           failed_point=number(failed.point_id.data) if failed else None), status


def _queue_args(url: str) -> tuple[int, int | None]:
    """The page and workshop filter of the queue page a link form was sent from."""
    query = parse_qs(urlsplit(url).query)
    return number((query.get("page") or ["1"])[0]) or 0, number((query.get("workshop") or [""])[0])


def _link_again(program_id, form: LinkForm, back: str, status: int):
    """The queue page the link was sent from, with the refusal in the point's card; if the
    point left that page meanwhile (linked by someone else), the refusal is flashed."""
    data = queue.to_link(actor(), program_id, *_queue_args(back))
    if number(form.point_id.data) not in {row["point"].id for row in data["rows"]}:
        return redirect(back)  # the refusal is flashed at the top
    return _queue_page(program_id, data, status, form)


@bp.route("/staff/programmes/<int:program_id>/register/suggest")
@login_required
def suggest(program_id):
    try:
        found = queue.suggest_for(actor(), program_id, request.args.get("text", ""))
    except WorkshopError as error:
        return jsonify(error.to_ack()), error.status
    return jsonify({"ok": True, "suggestions": found})


@bp.route("/staff/programmes/<int:program_id>/register/links", methods=["POST"])
@login_required
def link(program_id):
    form = LinkForm()
    back = local(request.form.get("next"), url_for("register.to_link", program_id=program_id))
    return submit(form, lambda: linking.link_point(
        actor(), program_id, number(form.point_id.data), number(form.item_id.data),
        form.reason.data), page=lambda status: _link_again(program_id, form, back, status),
        back=back, done=saved())


@bp.route("/staff/programmes/<int:program_id>/register/links/<int:link_id>/undo",
          methods=["POST"])
@login_required
def unlink(program_id, link_id):
    form = ReasonForm()
    back = local(request.form.get("next"), register_url(program_id))
    if not form.validate_on_submit():
        return refused(form, back)
    return act(linking.unlink, program_id, link_id, form.reason.data, back=back, done=saved())


@bp.route("/staff/programmes/<int:program_id>/register/points/<int:point_id>/promote",
          methods=["POST"])
@login_required
def promote(program_id, point_id):
    form = ReasonForm()
    back = local(request.form.get("next"), url_for("register.to_link", program_id=program_id))
    if not form.validate_on_submit():
        return refused(form, back)
    return act(linking.promote_point, program_id, point_id, {"reason": form.reason.data},
               back=back, done=saved())
