"""Login and logout pages for staff."""

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from workshop.auth import bp
from workshop.auth.forms import LoginForm
from workshop.auth.services import authenticate, end_sessions
from workshop.errors import WorkshopError
from workshop.forms import EmptyForm
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


def _safe_next(target: str | None) -> str:
    """Only redirect to a path on this site after login."""
    if target and not urlsplit(target).netloc and target.startswith("/") and "//" not in target:
        return target
    return url_for("workshops.index")
