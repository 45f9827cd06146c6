"""The citizens' public page (no account, phone-first) and the planners' moderation queue."""

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from workshop.errors import WorkshopError
from workshop.forms import EmptyForm, refused, submit
from workshop.joining import device
from workshop.register import bp, citizens
from workshop.register.forms import CommentForm
from workshop.register.web import act, actor
from workshop.security import client_ip
from workshop.transaction import rollback


@bp.route("/p/<int:program_id>")
def public(program_id):
    return _public_page(program_id)


def _public_page(program_id, failed: CommentForm | None = None, item_id=None,
                 status: int = 200):
    """The published items; a refused comment shows again, as typed, in its item's card."""
    return render_template("register/public.html", **citizens.public_page(program_id),
                           form=failed or CommentForm(formdata=None), failed_item=item_id,
                           button=EmptyForm(formdata=None)), status


@bp.route("/p/<int:program_id>/items/<int:item_id>/comment", methods=["POST"])
def comment(program_id, item_id):
    form = CommentForm()
    response = submit(form, lambda: citizens.comment(
        program_id, item_id, form.body.data, device.current_device(), client_ip()),
        page=lambda status: _public_page(program_id, form, item_id, status),
        back=url_for("register.public", program_id=program_id),
        done=_("Thank you. Comments appear after a moderator reads them."))
    return device.set_cookie(make_response(response))


@bp.route("/p/<int:program_id>/items/<int:item_id>/support", methods=["POST"])
def support(program_id, item_id):
    """A citizen supports an item (once per device); a refusal is flashed at the top."""
    back, form = url_for("register.public", program_id=program_id), EmptyForm()
    if not form.validate_on_submit():
        return refused(form, back)
    try:
        counted = citizens.support(program_id, item_id, device.current_device(), client_ip())
    except WorkshopError as error:
        rollback()
        flash(error.message, "error")
        return device.set_cookie(redirect(back))
    flash(_("Thank you for your support.") if counted else
          _("Your support was already counted."), "success")
    return device.set_cookie(redirect(back))


@bp.route("/staff/programmes/<int:program_id>/moderation")
@login_required
def moderation(program_id):
    return render_template("register/moderation.html", **citizens.queue(actor(), program_id),
                           button=EmptyForm(formdata=None), planner=True)


@bp.route("/staff/programmes/<int:program_id>/moderation/<int:comment_id>", methods=["POST"])
@login_required
def moderate(program_id, comment_id):
    back, form = url_for("register.moderation", program_id=program_id), EmptyForm()
    if not form.validate_on_submit():
        return refused(form, back)
    return act(citizens.moderate, program_id, comment_id, request.form.get("accept") == "1",
               back=back, done=_("Saved."))
