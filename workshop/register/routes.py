"""Staff pages of the register: the list, the to-link queue, links and suggestions."""

from flask import jsonify, render_template, request, url_for
from flask_login import login_required

from workshop.errors import WorkshopError
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
    data = views.register_page(actor(), program_id, request.args.get("status") or None,
                               number(request.args.get("part")), request.args.get("q", ""),
                               page_arg())
    return render_template("register/index.html", **data, form=_item_form(data["program"]),
                           parts=structure.parts_of(data["program"]),
                           waiting=queue.queue_count(program_id) if data["planner"] else 0)


def _item_form(program, item=None) -> ItemForm:
    from workshop.register.choices import fill_item_form

    return fill_item_form(ItemForm(obj=item), program)


@bp.route("/staff/programmes/<int:program_id>/register/queue")
@login_required
def to_link(program_id):
    data = queue.to_link(actor(), program_id, page_arg(), number(request.args.get("workshop")))
    return render_template("register/queue.html", program=access.get_program(program_id),
                           **data, link_form=LinkForm(), reason_form=ReasonForm(), planner=True)


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
    if not form.validate_on_submit():
        return act(_invalid, back=back)
    return act(linking.link_point, program_id, number(form.point_id.data),
               number(form.item_id.data), form.reason.data, back=back, done=saved())


@bp.route("/staff/programmes/<int:program_id>/register/links/<int:link_id>/undo",
          methods=["POST"])
@login_required
def unlink(program_id, link_id):
    form = ReasonForm()
    back = local(request.form.get("next"), register_url(program_id))
    if not form.validate_on_submit():
        return act(_invalid, back=back)
    return act(linking.unlink, program_id, link_id, form.reason.data, back=back, done=saved())


@bp.route("/staff/programmes/<int:program_id>/register/points/<int:point_id>/promote",
          methods=["POST"])
@login_required
def promote(program_id, point_id):
    form = ReasonForm()
    back = local(request.form.get("next"), url_for("register.to_link", program_id=program_id))
    if not form.validate_on_submit():
        return act(_invalid, back=back)
    return act(linking.promote_point, program_id, point_id, {"reason": form.reason.data},
               back=back, done=saved())


def _invalid(_actor, *args):
    from workshop.errors import BadInput

    raise BadInput("bad_payload")
