"""`flask users create|list|set-password|assign`: staff accounts from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from workshop.actors import ANONYMOUS
from workshop.auth import bp
from workshop.auth.passwords import MIN_PASSWORD, set_password
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


@users.command("set-password")
@click.option("--email", required=True)
@click.password_option(help="The new password (asked twice when left out).")
def set_password_command(email, password):
    """Set a staff member's password (e.g. a forgotten one); their sessions end."""
    if len(password) < MIN_PASSWORD:  # said here: translated messages need a request
        raise click.ClickException(f"the password needs at least {MIN_PASSWORD} characters")
    try:
        user = set_password(email, password, ANONYMOUS)
    except WorkshopError as error:
        raise click.ClickException(f"{error.code}: {error.fields or ''}") from None
    click.echo(f"password set for {user.email}")


@users.command("assign")
@click.option("--email", required=True)
@click.option("--workshop", "workshop_id", type=int, required=True, help="The workshop's id.")
@click.option("--role", type=click.Choice(["secretary", "facilitator"]), default="secretary",
              show_default=True)
def assign(email, workshop_id, role):
    """Make an existing account secretary (or co-facilitator) of an existing workshop."""
    from workshop.workshops.services import assign_staff

    try:
        user = assign_staff(ANONYMOUS, workshop_id, email, role, trusted=True)
    except WorkshopError as error:
        raise click.ClickException(f"{error.code}: {error.fields or ''}") from None
    click.echo(f"{user.email} is now {role} of workshop {workshop_id}")
