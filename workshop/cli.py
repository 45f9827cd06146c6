"""Command-line setup: `flask bootstrap` (first run), `flask translate`, `flask backup`."""

from __future__ import annotations

import secrets
import subprocess

import click
import sqlalchemy as sa
from flask import Flask

from workshop import PACKAGE_DIR, ROOT_DIR, translation_dirs
from workshop.extensions import db
from workshop.models import User


def bootstrap() -> None:
    """Seed the default programme and, on first run, an admin whose password is printed once."""
    from flask import current_app

    from workshop.auth.services import create_user
    from workshop.programs.seed import seed_default_program

    seed_default_program()
    if db.session.scalar(sa.select(User.id).limit(1)) is not None:
        return
    password = secrets.token_urlsafe(12)
    email = current_app.config["ADMIN_EMAIL"]
    create_user(email, "Admin", "admin", password)
    click.echo("\n  First run: created the admin facilitator account")
    click.echo(f"    email:    {email}\n    password: {password}")
    click.echo("  Log in at /login and change it on the Password page (/account/password),")
    click.echo("  or run `.venv/bin/flask users set-password --email " + email + "`.")
    click.echo("  Create staff accounts with `.venv/bin/flask users create --email ... --name ... "
               "--role facilitator|secretary|admin`.\n")


translate = click.Group("translate", help="Extract and compile the message catalogs.")


@translate.command("compile")
def compile_catalogs():
    """Compile every .po catalog (done by make; .mo files are not committed)."""
    for directory in translation_dirs():
        if directory.is_dir():
            subprocess.run(["pybabel", "compile", "-d", str(directory)],
                           check=True, capture_output=True)


@translate.command("extract")
def extract():
    """Extract every marked string to messages.pot (the completeness test does the same)."""
    subprocess.run(["pybabel", "extract", "-F", str(ROOT_DIR / "babel.cfg"), "-k", "_l",
                    "-o", str(PACKAGE_DIR / "translations" / "messages.pot"), str(ROOT_DIR)],
                   check=True)


def init_app(app: Flask) -> None:
    """Register the CLI commands on the app."""
    from workshop.auth.cli import users
    from workshop.backup import backup

    app.cli.add_command(users)
    app.cli.add_command(backup)
    app.cli.add_command(translate)
    app.cli.command("bootstrap")(bootstrap)
