"""The landing page where participants type a join code."""

from flask import jsonify, render_template

from workshop.joining.forms import CodeForm
from workshop.main import bp


@bp.route("/")
def home():
    return render_template("main/home.html", form=CodeForm())


@bp.route("/healthz")
def health():
    return jsonify(ok=True)
