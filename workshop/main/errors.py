"""HTML error pages; the 500 handler rolls back so no half-made change survives."""

from flask import Flask, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

from workshop.errors import WorkshopError
from workshop.extensions import db

TITLES = {
    400: _l("The request was not understood."),
    403: _l("You are not allowed to do this."),
    404: _l("Not found."),
    405: _l("This action is not allowed here."),
    413: _l("This is too large."),
    429: _l("Too many attempts. Please wait a minute and try again."),
    500: _l("Something went wrong on the server. Please try again."),
}


def _page(status: int, message: str | None = None):
    return render_template("errors/error.html", status=status,
                           message=message or str(TITLES.get(status, TITLES[500]))), status


def _csrf_failed(error):
    return _page(400, _("The form expired. Please try again."))


def init_app(app: Flask) -> None:
    """Register localised error pages for HTTP errors and refusals from services."""
    for status in TITLES:
        app.register_error_handler(status, lambda e, s=status: _page(s))
    app.register_error_handler(CSRFError, _csrf_failed)
    app.register_error_handler(WorkshopError, lambda e: _page(e.status, e.message))

    @app.errorhandler(500)
    def internal(error):
        db.session.rollback()
        return _page(500)
