"""Migration 0014_register_search back-fills the key of items saved before the column."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from config import TestingConfig
from tests.postgres import empty_database
from workshop import create_app
from workshop.extensions import db
from workshop.models import Program

BEFORE = "0013_plan"
OLD_ROWS = [("برنامه‌ریزی کاهش ترافیک ۱۴۰۵", ""), ("نورپردازی", "در خیابان چهارباغ")]


@pytest.fixture
def empty_url(tmp_path):
    """A database no migration has touched (its own, also on PostgreSQL)."""
    with empty_database(tmp_path, "migration") as url:
        yield url


def _old_items(program_id: int) -> None:
    """Rows as the code before the column wrote them (plain SQL: the model has the column)."""
    now = datetime.now(UTC)
    for title, description in OLD_ROWS:
        db.session.execute(sa.text(
            "INSERT INTO register_item (program_id, title, description, status, "
            "set_aside_reason, state, published, created_at, updated_at) VALUES "
            "(:p, :t, :d, 'identified', '', 'active', false, :now, :now)"),
            {"p": program_id, "t": title, "d": description, "now": now})
    db.session.commit()


def _found(program_id: int, q: str) -> list[str]:
    from workshop.register.views import _filters

    return [item.title for item in db.session.scalars(_filters(program_id, None, None, q))]


def test_upgrade_backfills_old_rows_and_downgrade_drops_the_column(empty_url):
    from workshop.programs.seed import seed_default_program

    config = type("MigrationConfig", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": empty_url})
    app = create_app(config)
    with app.app_context():
        upgrade(revision=BEFORE)
        seed_default_program()
        program_id = db.session.scalar(sa.select(Program.id))
        _old_items(program_id)
        upgrade()
        assert _found(program_id, "ترافيك 1405") == [OLD_ROWS[0][0]]
        assert _found(program_id, "چهار باغ") == [OLD_ROWS[1][0]]
        db.session.remove()
        downgrade(revision=BEFORE)
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("register_item")}
        assert "search_key" not in columns
        db.engine.dispose()
