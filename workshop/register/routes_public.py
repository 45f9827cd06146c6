"""The citizens' public page (no account, phone-first) and the planners' moderation queue."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from workshop.errors import WorkshopError
from workshop.forms import EmptyForm
from workshop.joining import device
from workshop.register import bp, citizens
from workshop.register.forms import CommentForm
from workshop.register.web import act, actor
from workshop.security import client_ip
from workshop.transaction import rollback


@bp.route("/p/<int:program_id>")
def public(program_id):
    response = render_template("register/public.html", **citizens.public_page(program_id),
                               form=CommentForm(), button=EmptyForm())
    return response


def _citizen(service, program_id, *args):
    """Run a citizen's action with their device and address; tell them what happened."""
    back = url_for("register.public", program_id=program_id)
    try:
        done = service(program_id, *args, device.current_device(), client_ip())
    except WorkshopError as error:
        rollback()
        flash(error.message, "error")
        return device.set_cookie(redirect(back))
    if done is False:
        flash(_("Your support was already counted."), "success")
    else:
        flash(_("Thank you. Comments appear after a moderator reads them.")
              if service is citizens.comment else _("Thank you for your support."), "success")
    return device.set_cookie(redirect(back))


@bp.route("/p/<int:program_id>/items/<int:item_id>/comment", methods=["POST"])
def comment(program_id, item_id):
    form = CommentForm()
    if not form.validate_on_submit():
        return redirect(url_for("register.public", program_id=program_id))
    return _citizen(citizens.comment, program_id, item_id, form.body.data)


@bp.route("/p/<int:program_id>/items/<int:item_id>/support", methods=["POST"])
def support(program_id, item_id):
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("register.public", program_id=program_id))
    return _citizen(citizens.support, program_id, item_id)


@bp.route("/staff/programmes/<int:program_id>/moderation")
@login_required
def moderation(program_id):
    return render_template("register/moderation.html", **citizens.queue(actor(), program_id),
                           button=EmptyForm(), planner=True)


@bp.route("/staff/programmes/<int:program_id>/moderation/<int:comment_id>", methods=["POST"])
@login_required
def moderate(program_id, comment_id):
    back = url_for("register.moderation", program_id=program_id)
    if not EmptyForm().validate_on_submit():
        return redirect(back)
    return act(citizens.moderate, program_id, comment_id, request.form.get("accept") == "1",
               back=back, done=_("Saved."))
