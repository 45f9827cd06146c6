"""`flask demo programme`: a filled-in demonstration programme for newcomers."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from workshop.extensions import db
from workshop.models import User

demo = click.Group("demo", help="Demonstration data.")


@demo.command("programme")
@click.option("--workshops-per-phase", default=4, show_default=True)
@click.option("--points", default=40, show_default=True, help="Points per closed workshop.")
@click.option("--seed", default=1405, show_default=True)
@with_appcontext
def programme(workshops_per_phase: int, points: int, seed: int) -> None:
    """Create a programme with 3 phases, workshops, points, votes, annotations and a register."""
    from workshop.register.seed import Shape, build_programme

    admin = db.session.scalar(sa.select(User.id).where(User.role == "admin").order_by(User.id))
    program_id = build_programme(Shape(workshops_per_phase=workshops_per_phase, points=points),
                                 creator_id=admin, seed=seed)
    from workshop.plan.seed import build_plan

    build_plan(program_id, seed=seed, by=admin)  # the plan: goals down to yearly actuals
    click.echo(f"Created demonstration programme {program_id}: "
               f"/staff/programmes/{program_id}/register (admins plan every programme), "
               f"public page /p/{program_id}, plan /staff/programmes/{program_id}/plan")


def init_feature(app) -> None:
    """Register the CLI group on the app."""
    app.cli.add_command(demo)
