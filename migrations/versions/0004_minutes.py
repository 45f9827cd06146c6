"""minutes and versions

Revision ID: 0004_minutes
Revises: 0003_voting
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_minutes"
down_revision = "0003_voting"
branch_labels = None
depends_on = None

CHILDREN = ("minutes_note", "minutes_decision", "minutes_action", "attendance_correction")
MESSAGE = "final minutes are immutable"


def upgrade():
    op.create_table('minutes_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('summary_rev', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('lang', sa.String(length=5), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finalised_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finalised_by_id', sa.Integer(), nullable=True),
    sa.Column('snapshot', sa.JSON(), nullable=True),
    sa.Column('content_sha256', sa.String(length=64), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('pdf', sa.LargeBinary(), nullable=True),
    sa.CheckConstraint("status = 'draft' OR (sha256 IS NOT NULL AND pdf IS NOT NULL AND snapshot IS NOT NULL AND finalised_at IS NOT NULL)", name=op.f('ck_minutes_version_final_complete')),
    sa.CheckConstraint("status IN ('draft', 'final')", name=op.f('ck_minutes_version_status')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_minutes_version_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['finalised_by_id'], ['user_account.id'], name=op.f('fk_minutes_version_finalised_by_id_user_account')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], name=op.f('fk_minutes_version_workshop_id_workshop')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_version')),
    sa.UniqueConstraint('workshop_id', 'number', name=op.f('uq_minutes_version_workshop_id_number'))
    )
    with op.batch_alter_table('minutes_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_minutes_version_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('attendance_correction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('display_name', sa.String(length=80), nullable=False),
    sa.Column('discipline_id', sa.Integer(), nullable=True),
    sa.Column('organisation', sa.String(length=120), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('present', 'late', 'left_early', 'late_left_early', 'absent', 'excused')", name=op.f('ck_attendance_correction_status')),
    sa.ForeignKeyConstraint(['discipline_id'], ['discipline.id'], name=op.f('fk_attendance_correction_discipline_id_discipline')),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_attendance_correction_participant_id_participant')),
    sa.ForeignKeyConstraint(['version_id'], ['minutes_version.id'], name=op.f('fk_attendance_correction_version_id_minutes_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance_correction')),
    sa.UniqueConstraint('version_id', 'participant_id', name=op.f('uq_attendance_correction_version_id_participant_id'))
    )
    with op.batch_alter_table('attendance_correction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_correction_version_id'), ['version_id'], unique=False)

    op.create_table('minutes_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=120), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('open', 'in_progress', 'done', 'dropped')", name=op.f('ck_minutes_action_status')),
    sa.ForeignKeyConstraint(['version_id'], ['minutes_version.id'], name=op.f('fk_minutes_action_version_id_minutes_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_action'))
    )
    with op.batch_alter_table('minutes_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_minutes_action_version_id'), ['version_id'], unique=False)

    op.create_table('minutes_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('point_ids', sa.JSON(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['minutes_version.id'], name=op.f('fk_minutes_decision_version_id_minutes_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_decision'))
    )
    with op.batch_alter_table('minutes_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_minutes_decision_version_id'), ['version_id'], unique=False)

    op.create_table('minutes_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['minutes_version.id'], name=op.f('fk_minutes_note_version_id_minutes_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_note')),
    sa.UniqueConstraint('version_id', 'stage', name=op.f('uq_minutes_note_version_id_stage'))
    )
    with op.batch_alter_table('minutes_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_minutes_note_version_id'), ['version_id'], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        _sqlite_guards()
    else:
        _postgres_guards()


def _sqlite_guards():
    """A final version and its children refuse UPDATE and DELETE (and new children)."""
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER minutes_version_final_no_{action.lower()} BEFORE {action} "
            f"ON minutes_version WHEN OLD.status = 'final' "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
    final = "(SELECT status FROM minutes_version WHERE id = {row}.version_id) = 'final'"
    conditions = {
        "INSERT": final.format(row="NEW"),
        "UPDATE": f"{final.format(row='OLD')} OR {final.format(row='NEW')}",
        "DELETE": final.format(row="OLD"),
    }
    for table in CHILDREN:
        for action, condition in conditions.items():
            op.execute(
                f"CREATE TRIGGER {table}_final_no_{action.lower()} BEFORE {action} ON {table} "
                f"WHEN {condition} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")


def _postgres_guards():
    """The same guards as plpgsql trigger functions."""
    op.execute(
        "CREATE FUNCTION minutes_version_final_guard() RETURNS trigger AS $$ BEGIN "
        f"IF OLD.status = 'final' THEN RAISE EXCEPTION '{MESSAGE}'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$ LANGUAGE plpgsql")
    op.execute(
        "CREATE TRIGGER minutes_version_final_guard BEFORE UPDATE OR DELETE ON minutes_version "
        "FOR EACH ROW EXECUTE FUNCTION minutes_version_final_guard()")
    op.execute(
        "CREATE FUNCTION minutes_child_final_guard() RETURNS trigger AS $$ BEGIN "
        "IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (SELECT 1 FROM minutes_version "
        f"WHERE id = OLD.version_id AND status = 'final') THEN RAISE EXCEPTION '{MESSAGE}'; "
        "END IF; "
        "IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (SELECT 1 FROM minutes_version "
        f"WHERE id = NEW.version_id AND status = 'final') THEN RAISE EXCEPTION '{MESSAGE}'; "
        "END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$ LANGUAGE plpgsql")
    for table in CHILDREN:
        op.execute(
            f"CREATE TRIGGER {table}_final_guard BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION minutes_child_final_guard()")


def _drop_guards():
    if op.get_bind().dialect.name == "sqlite":
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS minutes_version_final_no_{action}")
        for table in CHILDREN:
            for action in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_final_no_{action}")
        return
    op.execute("DROP TRIGGER IF EXISTS minutes_version_final_guard ON minutes_version")
    for table in CHILDREN:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_final_guard ON {table}")
    op.execute("DROP FUNCTION IF EXISTS minutes_version_final_guard()")
    op.execute("DROP FUNCTION IF EXISTS minutes_child_final_guard()")


def downgrade():
    _drop_guards()
    for table in ("minutes_note", "minutes_decision", "minutes_action", "attendance_correction"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_version_id"))
        op.drop_table(table)
    with op.batch_alter_table('minutes_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_minutes_version_workshop_id'))
    op.drop_table('minutes_version')
