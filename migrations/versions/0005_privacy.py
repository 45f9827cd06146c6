"""privacy: anonymous rounds sealed at close, one participant per device, expected headcount,
the payload digest of a vote's operation id

Revision ID: 0005_privacy
Revises: 0006_text_as_typed

Closing an anonymous round rewrites its marks (voter detached, op ids and sequence numbers
dropped, shuffled under new ids), so the delete guard on `ballot` lets exactly that through:
rows of an anonymous round that is being closed (still `open`, `closed_at` already set, which
only `close_round` does inside its transaction). Everything else stays refused.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_privacy"
down_revision = "0006_text_as_typed"
branch_labels = None
depends_on = None

_SEALING = ("(SELECT anonymous AND status = 'open' AND closed_at IS NOT NULL "
            "FROM vote_round WHERE id = OLD.round_id)")


def upgrade():
    with op.batch_alter_table("participant") as batch:
        batch.add_column(sa.Column("device_key", sa.String(length=64), nullable=True))
        batch.create_index("ix_participant_device", ["workshop_id", "device_key"], unique=True)
    with op.batch_alter_table("workshop") as batch:
        batch.add_column(sa.Column("expected_headcount", sa.Integer(), nullable=True))
    op.add_column("ballot", sa.Column("op_digest", sa.String(length=64), nullable=True))
    op.add_column("round_turnout", sa.Column("sealed_ops", sa.JSON(), nullable=True))
    _replace_delete_guard(sealing=True)


def downgrade():
    _replace_delete_guard(sealing=False)
    op.drop_column("round_turnout", "sealed_ops")
    op.drop_column("ballot", "op_digest")  # in place (SQLite ≥ 3.35): keeps the triggers
    with op.batch_alter_table("workshop") as batch:
        batch.drop_column("expected_headcount")
    with op.batch_alter_table("participant") as batch:
        batch.drop_index("ix_participant_device")
        batch.drop_column("device_key")


def _replace_delete_guard(sealing: bool) -> None:
    if op.get_bind().dialect.name == "sqlite":
        condition = f"NOT COALESCE({_SEALING}, 0)" if sealing else "1"
        op.execute("DROP TRIGGER IF EXISTS ballot_delete_guard")
        op.execute("CREATE TRIGGER ballot_delete_guard BEFORE DELETE ON ballot BEGIN "
                   f"SELECT RAISE(ABORT, 'ballot_immutable') WHERE {condition}; END")
        return
    check = f"IF NOT COALESCE({_SEALING}, false) THEN " if sealing else "IF true THEN "
    op.execute(f"""CREATE OR REPLACE FUNCTION ballot_delete_guard() RETURNS trigger AS $$
        BEGIN {check} PERFORM voting_refuse('ballot_immutable'); END IF; RETURN OLD; END
        $$ LANGUAGE plpgsql""")
