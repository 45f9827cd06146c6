"""Phone pages: type a code, join, wait in the lobby, follow the workshop."""

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from workshop.errors import WorkshopError
from workshop.forms import choice
from workshop.i18n import use_workshop_language
from workshop.joining import bp, device, services
from workshop.joining.forms import CodeForm, JoinForm
from workshop.realtime.connect import participant_cookie
from workshop.security import client_ip
from workshop.voting.nojs import phone_ballot
from workshop.workshops.services import get_workshop

TOKEN_MAX_AGE = 3 * 24 * 3600


@bp.before_app_request
def _device_on_home():
    """The home page hands a phone its device cookie before it types a code."""
    if request.endpoint == "main.home":
        device.current_device()


@bp.after_app_request
def _device_cookie(response):
    return device.set_cookie(response)


def _find(code: str):
    """The workshop for a typed or linked code, limited per device (known before this
    request) and per address; a phone seen for the first time counts as its address."""
    issued = device.current_device()
    return services.workshop_for_code(code, client_ip(), device.known_device(), issued)


@bp.route("/join", methods=["GET", "POST"])
def enter_code():
    if request.method == "GET":  # e.g. the language switch on a refused code: start again
        return redirect(url_for("main.home"))
    form = CodeForm()
    if not form.validate_on_submit():
        return render_template("main/home.html", form=form), 400
    try:
        workshop = _find(form.code.data)
    except WorkshopError as error:
        form.code.errors.append(error.message)
        return render_template("main/home.html", form=form), error.status
    return redirect(url_for("joining.join", code=workshop.join_code))


@bp.route("/j/<code>", methods=["GET", "POST"])
def join(code):
    workshop = _find(code)
    use_workshop_language(workshop)
    token = request.cookies.get(participant_cookie(workshop.id))
    if services.participant_for_token(workshop, token) is not None:
        return redirect(url_for("joining.phone", workshop_id=workshop.id))
    form = _join_form(workshop)
    if form.validate_on_submit():
        try:
            participant, token = services.join(workshop, _profile_data(form),
                                               device.current_device())
        except WorkshopError as error:
            _attach(form, error)
            return render_template("joining/join.html", form=form, workshop=workshop), 400
        return _with_token(workshop, token)
    return render_template("joining/join.html", form=form, workshop=workshop)


@bp.route("/j/<code>/i/<invite>", methods=["GET", "POST"])
def invitation(code, invite):
    workshop = _find(code)
    use_workshop_language(workshop)
    participant = services.invitee_for(workshop, invite)
    form = CodeForm()
    if request.method == "POST" and form.validate_on_submit():
        _participant, token = services.accept_invite(workshop, invite)
        return _with_token(workshop, token)
    return render_template("joining/invitation.html", workshop=workshop,
                           participant=participant, form=form)


@bp.route("/w/<int:workshop_id>/phone")
def phone(workshop_id):
    workshop = get_workshop(workshop_id)
    use_workshop_language(workshop)
    token = request.cookies.get(participant_cookie(workshop.id))
    participant = services.participant_for_token(workshop, token)
    if participant is None or participant.status == "removed":
        return redirect(url_for("joining.join", code=workshop.join_code))
    return render_template("joining/phone.html", workshop=workshop, participant=participant,
                           nojs_ballot=phone_ballot(workshop, participant))


def _join_form(workshop) -> JoinForm:
    form = JoinForm()
    # Nothing chosen until the person picks: a skipped question must not count as a field.
    form.discipline_id.choices = [choice("", _("Choose your field…")),
                                  *discipline_choices(workshop)]
    return form


def discipline_choices(workshop) -> list:
    """The programme's disciplines in the reader's language, for a select box."""
    from workshop.i18n import current_lang

    lang = current_lang()
    return [choice(d.id, d.name(lang)) for d in workshop.program.disciplines if d.active]


def _profile_data(form) -> dict:
    return {"name": form.name.data, "discipline_id": form.discipline_id.data,
            "organisation": form.organisation.data or ""}


def _attach(form, error: WorkshopError) -> None:
    """Show a service refusal next to the field it is about."""
    field = getattr(form, error.fields.get("field", ""), None) or form.name
    if error.fields.get("field") == "discipline":
        field = form.discipline_id
    field.errors = [*field.errors, error.message]


def _with_token(workshop, token: str):
    response = redirect(url_for("joining.phone", workshop_id=workshop.id))
    response.set_cookie(participant_cookie(workshop.id), token, max_age=TOKEN_MAX_AGE,
                        httponly=True, samesite="Lax",
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response
