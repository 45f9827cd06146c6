"""Login, logout and change-password pages for staff."""

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from workshop.auth import bp
from workshop.auth.forms import LoginForm, PasswordForm
from workshop.auth.passwords import MIN_PASSWORD, change_own_password
from workshop.auth.services import authenticate, end_sessions
from workshop.errors import WorkshopError
from workshop.forms import EmptyForm, show_refusal
from workshop.security import client_ip


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("workshops.index"))
    form = LoginForm()
    if form.validate_on_submit():
        limit = current_app.config["LOGIN_FAILURES_PER_MINUTE"]
        try:
            user = authenticate(form.email.data, form.password.data, client_ip(), limit)
        except WorkshopError as error:
            flash(error.message, "error")
            return render_template("auth/login.html", form=form), error.status
        login_user(user)
        return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    if EmptyForm().validate_on_submit():
        end_sessions(current_user._get_current_object())
        logout_user()
        flash(_("You are logged out."), "info")
    return redirect(url_for("main.home"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            change_own_password(user, form.current_password.data, form.new_password.data,
                                client_ip(), current_app.config["LOGIN_FAILURES_PER_MINUTE"])
        except WorkshopError as error:
            _attach(form, error)
            return _password_page(form, error.status)
        login_user(user)  # this browser stays signed in with the new session version
        flash(_("Your password was changed. Other sessions were signed out."), "success")
        return redirect(url_for("workshops.index"))
    return _password_page(form, 400 if form.errors else 200)


def _password_page(form: PasswordForm, status: int):
    return render_template("auth/password.html", form=form, min_length=MIN_PASSWORD), status


def _attach(form, error: WorkshopError) -> None:
    """Show a service refusal under its field (or flashed above the page)."""
    if not show_refusal(form, error, top=False):
        flash(error.message, "error")


def _safe_next(target: str | None) -> str:
    """Only redirect to a path on this site after login."""
    if target and not urlsplit(target).netloc and target.startswith("/") and "//" not in target:
        return target
    return url_for("workshops.index")
