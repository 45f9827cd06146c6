"""focus points and annotations

Revision ID: 0002_focus
Revises: 0001_core
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_focus"
down_revision = "0001_core"
branch_labels = None
depends_on = None

# The default themes of an urban strategic plan, copied here so the migration never changes
# when workshop/focus/themes.py does (new programmes get them from there).
DEFAULT_THEMES = (
    ("economy", "اقتصاد و اشتغال", "Economy and jobs"),
    ("mobility", "حمل‌ونقل و دسترسی", "Mobility and access"),
    ("environment", "محیط زیست و تاب‌آوری", "Environment and resilience"),
    ("water", "آب و منابع طبیعی", "Water and natural resources"),
    ("housing", "مسکن و بافت فرسوده", "Housing and worn-out fabric"),
    ("heritage", "میراث فرهنگی و گردشگری", "Cultural heritage and tourism"),
    ("public_space", "فضای عمومی و منظر شهری", "Public space and townscape"),
    ("social", "عدالت اجتماعی و کیفیت زندگی", "Social equity and quality of life"),
    ("health", "سلامت و خدمات عمومی", "Health and public services"),
    ("governance", "حکمروایی و مشارکت", "Governance and participation"),
    ("innovation", "شهر هوشمند و نوآوری", "Smart city and innovation"),
)


def upgrade():
    op.create_table('program_theme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('name_fa', sa.String(length=120), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_program_theme_program_id_program')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program_theme')),
    sa.UniqueConstraint('program_id', 'key', name=op.f('uq_program_theme_program_id_key'))
    )
    with op.batch_alter_table('program_theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_theme_program_id'), ['program_id'], unique=False)

    op.create_table('focus_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('discipline_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=140), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('group_theme_id', sa.Integer(), nullable=True),
    sa.Column('hidden_reason', sa.Text(), nullable=False),
    sa.Column('merged_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('visible', 'hidden', 'merged', 'withdrawn')", name=op.f('ck_focus_point_status')),
    sa.ForeignKeyConstraint(['author_id'], ['participant.id'], name=op.f('fk_focus_point_author_id_participant')),
    sa.ForeignKeyConstraint(['discipline_id'], ['discipline.id'], name=op.f('fk_focus_point_discipline_id_discipline')),
    sa.ForeignKeyConstraint(['group_theme_id'], ['program_theme.id'], name=op.f('fk_focus_point_group_theme_id_program_theme')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['focus_point.id'], name=op.f('fk_focus_point_merged_into_id_focus_point')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], name=op.f('fk_focus_point_workshop_id_workshop')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_focus_point'))
    )
    with op.batch_alter_table('focus_point', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_focus_point_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('annotation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('origin_point_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('discipline_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('source_url', sa.String(length=500), nullable=False),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('hidden_reason', sa.Text(), nullable=False),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('support', 'concern', 'question', 'evidence', 'idea', 'reply')", name=op.f('ck_annotation_kind')),
    sa.CheckConstraint("status IN ('visible', 'hidden', 'deleted')", name=op.f('ck_annotation_status')),
    sa.ForeignKeyConstraint(['author_id'], ['participant.id'], name=op.f('fk_annotation_author_id_participant')),
    sa.ForeignKeyConstraint(['discipline_id'], ['discipline.id'], name=op.f('fk_annotation_discipline_id_discipline')),
    sa.ForeignKeyConstraint(['origin_point_id'], ['focus_point.id'], name=op.f('fk_annotation_origin_point_id_focus_point')),
    sa.ForeignKeyConstraint(['parent_id'], ['annotation.id'], name=op.f('fk_annotation_parent_id_annotation')),
    sa.ForeignKeyConstraint(['point_id'], ['focus_point.id'], name=op.f('fk_annotation_point_id_focus_point')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], name=op.f('fk_annotation_workshop_id_workshop')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annotation'))
    )
    with op.batch_alter_table('annotation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annotation_point_id'), ['point_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_annotation_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('focus_point_merge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('survivor_id', sa.Integer(), nullable=False),
    sa.Column('merged_id', sa.Integer(), nullable=False),
    sa.Column('by_user_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('undone_by_user_id', sa.Integer(), nullable=True),
    sa.Column('previous_status', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['by_user_id'], ['user_account.id'], name=op.f('fk_focus_point_merge_by_user_id_user_account')),
    sa.ForeignKeyConstraint(['merged_id'], ['focus_point.id'], name=op.f('fk_focus_point_merge_merged_id_focus_point')),
    sa.ForeignKeyConstraint(['survivor_id'], ['focus_point.id'], name=op.f('fk_focus_point_merge_survivor_id_focus_point')),
    sa.ForeignKeyConstraint(['undone_by_user_id'], ['user_account.id'], name=op.f('fk_focus_point_merge_undone_by_user_id_user_account')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], name=op.f('fk_focus_point_merge_workshop_id_workshop')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_focus_point_merge'))
    )
    with op.batch_alter_table('focus_point_merge', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_focus_point_merge_merged_id'), ['merged_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_focus_point_merge_survivor_id'), ['survivor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_focus_point_merge_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('focus_point_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=140), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('editor_kind', sa.String(length=16), nullable=False),
    sa.Column('editor_participant_id', sa.Integer(), nullable=True),
    sa.Column('editor_user_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("editor_kind IN ('author', 'facilitator')", name=op.f('ck_focus_point_revision_editor_kind')),
    sa.ForeignKeyConstraint(['editor_participant_id'], ['participant.id'], name=op.f('fk_focus_point_revision_editor_participant_id_participant')),
    sa.ForeignKeyConstraint(['editor_user_id'], ['user_account.id'], name=op.f('fk_focus_point_revision_editor_user_id_user_account')),
    sa.ForeignKeyConstraint(['point_id'], ['focus_point.id'], name=op.f('fk_focus_point_revision_point_id_focus_point')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_focus_point_revision'))
    )
    with op.batch_alter_table('focus_point_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_focus_point_revision_point_id'), ['point_id'], unique=False)

    op.create_table('focus_point_theme',
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['point_id'], ['focus_point.id'], name=op.f('fk_focus_point_theme_point_id_focus_point')),
    sa.ForeignKeyConstraint(['theme_id'], ['program_theme.id'], name=op.f('fk_focus_point_theme_theme_id_program_theme')),
    sa.PrimaryKeyConstraint('point_id', 'theme_id', name=op.f('pk_focus_point_theme'))
    )

    append_only("focus_point_revision")
    _seed_themes()


def _seed_themes() -> None:
    """Give every existing programme the default themes (later ones get them on creation)."""
    bind = op.get_bind()
    theme = sa.table("program_theme", sa.column("program_id", sa.Integer),
                     sa.column("key", sa.String), sa.column("name_fa", sa.String),
                     sa.column("name_en", sa.String), sa.column("position", sa.Integer),
                     sa.column("active", sa.Boolean))
    rows = []
    for (program_id,) in bind.execute(sa.text("SELECT id FROM program")):
        rows += [{"program_id": program_id, "key": key, "name_fa": fa, "name_en": en,
                  "position": position, "active": True}
                 for position, (key, fa, en) in enumerate(DEFAULT_THEMES)]
    if rows:
        op.bulk_insert(theme, rows)


def append_only(table: str) -> None:
    """Database triggers that refuse UPDATE and DELETE on an append-only table."""
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
        return
    op.execute(
        f"CREATE FUNCTION {table}_append_only() RETURNS trigger AS $$ BEGIN "
        f"RAISE EXCEPTION '{table} is append-only'; END $$ LANGUAGE plpgsql"
    )
    op.execute(
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
    )


def drop_append_only(table: str) -> None:
    """Remove the append-only triggers (downgrade)."""
    if op.get_bind().dialect.name == "sqlite":
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
        return
    op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    op.execute(f"DROP FUNCTION IF EXISTS {table}_append_only()")


def downgrade():
    drop_append_only("focus_point_revision")
    op.drop_table("focus_point_theme")
    for table, indexes in (
        ("focus_point_revision", ("point_id",)),
        ("focus_point_merge", ("workshop_id", "survivor_id", "merged_id")),
        ("annotation", ("workshop_id", "point_id")),
        ("focus_point", ("workshop_id",)),
        ("program_theme", ("program_id",)),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in indexes:
                batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))
        op.drop_table(table)
