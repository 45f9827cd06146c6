"""`flask users create|list`: staff accounts from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from workshop.actors import ANONYMOUS
from workshop.auth import bp
from workshop.auth.services import create_user, staff_users
from workshop.errors import WorkshopError

bp.cli.short_help = "Manage staff accounts."
# An AppGroup, so its commands run in an app context however they are invoked (tests too).
users = AppGroup("users", help="Manage staff accounts (admins, facilitators, secretaries).")


@users.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(["admin", "facilitator", "secretary"]),
              default="facilitator", show_default=True)
@click.password_option()
def create(email, name, role, password):
    """Create a staff account."""
    try:
        user = create_user(email, name, role, password, ANONYMOUS)
    except WorkshopError as error:
        raise click.ClickException(f"{error.code}: {error.fields or ''}") from None
    click.echo(f"created {user.role} {user.email} (id {user.id})")


@users.command("list")
def list_users():
    """List active staff accounts."""
    for user in staff_users():
        click.echo(f"{user.id}\t{user.role}\t{user.email}\t{user.name}")
