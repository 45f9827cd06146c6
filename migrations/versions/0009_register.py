"""programme register: parts, roles, register items, links, lineage, sources, citizens

Revision ID: 0009_register
Revises: 0004_minutes
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_register"
down_revision = '0004_minutes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('program_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.CheckConstraint("role IN ('planner', 'observer')", name=op.f('ck_program_member_role')),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_program_member_program_id_program')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_program_member_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program_member')),
    sa.UniqueConstraint('program_id', 'user_id', 'role', name=op.f('uq_program_member_program_id_user_id_role'))
    )
    with op.batch_alter_table('program_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_member_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_program_member_user_id'), ['user_id'], unique=False)

    op.create_table('program_part',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name_fa', sa.String(length=120), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_program_part_program_id_program')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program_part')),
    sa.UniqueConstraint('program_id', 'key', name=op.f('uq_program_part_program_id_key'))
    )
    with op.batch_alter_table('program_part', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_part_program_id'), ['program_id'], unique=False)

    op.create_table('program_source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('citation', sa.Text(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('excerpt', sa.Text(), nullable=False),
    sa.Column('by_user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('citizens', 'experts', 'problems', 'interview', 'stakeholders', 'study', 'world_city', 'citizen_comment', 'other')", name=op.f('ck_program_source_kind')),
    sa.ForeignKeyConstraint(['by_user_id'], ['user_account.id'], name=op.f('fk_program_source_by_user_id_user_account')),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_program_source_program_id_program')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program_source'))
    )
    with op.batch_alter_table('program_source', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_source_program_id'), ['program_id'], unique=False)

    op.create_table('register_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('part_id', sa.Integer(), nullable=True),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('phase_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('set_aside_reason', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state IN ('active', 'merged')", name=op.f('ck_register_item_state')),
    sa.CheckConstraint("status IN ('identified', 'analysed', 'prescribed', 'set_aside')", name=op.f('ck_register_item_status')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_register_item_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['register_item.id'], name=op.f('fk_register_item_merged_into_id_register_item')),
    sa.ForeignKeyConstraint(['part_id'], ['program_part.id'], name=op.f('fk_register_item_part_id_program_part')),
    sa.ForeignKeyConstraint(['phase_id'], ['program_phase.id'], name=op.f('fk_register_item_phase_id_program_phase')),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_register_item_program_id_program')),
    sa.ForeignKeyConstraint(['theme_id'], ['program_theme.id'], name=op.f('fk_register_item_theme_id_program_theme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_register_item'))
    )
    with op.batch_alter_table('register_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_register_item_program_id'), ['program_id'], unique=False)

    op.create_table('required_discipline',
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('discipline_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['discipline_id'], ['discipline.id'], name=op.f('fk_required_discipline_discipline_id_discipline')),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_required_discipline_program_id_program')),
    sa.PrimaryKeyConstraint('program_id', 'discipline_id', name=op.f('pk_required_discipline'))
    )
    op.create_table('citizen_comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('device_key', sa.String(length=64), nullable=False),
    sa.Column('address_key', sa.String(length=64), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('moderated_by_id', sa.Integer(), nullable=True),
    sa.Column('moderated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('comment', 'support')", name=op.f('ck_citizen_comment_kind')),
    sa.CheckConstraint("status IN ('pending', 'accepted', 'rejected')", name=op.f('ck_citizen_comment_status')),
    sa.ForeignKeyConstraint(['item_id'], ['register_item.id'], name=op.f('fk_citizen_comment_item_id_register_item')),
    sa.ForeignKeyConstraint(['moderated_by_id'], ['user_account.id'], name=op.f('fk_citizen_comment_moderated_by_id_user_account')),
    sa.ForeignKeyConstraint(['source_id'], ['program_source.id'], name=op.f('fk_citizen_comment_source_id_program_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_citizen_comment'))
    )
    with op.batch_alter_table('citizen_comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_citizen_comment_device_key'), ['device_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_citizen_comment_item_id'), ['item_id'], unique=False)
        batch_op.create_index('ix_citizen_support_once', ['item_id', 'device_key'], unique=True, sqlite_where=sa.text("kind = 'support'"), postgresql_where=sa.text("kind = 'support'"))

    op.create_table('register_citation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('by_user_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_user_id'], ['user_account.id'], name=op.f('fk_register_citation_by_user_id_user_account')),
    sa.ForeignKeyConstraint(['item_id'], ['register_item.id'], name=op.f('fk_register_citation_item_id_register_item')),
    sa.ForeignKeyConstraint(['source_id'], ['program_source.id'], name=op.f('fk_register_citation_source_id_program_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_register_citation')),
    sa.UniqueConstraint('item_id', 'source_id', name=op.f('uq_register_citation_item_id_source_id'))
    )
    with op.batch_alter_table('register_citation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_register_citation_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_register_citation_source_id'), ['source_id'], unique=False)

    op.create_table('register_lineage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('phase_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('moved_link_ids', sa.JSON(), nullable=False),
    sa.Column('by_user_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('undone_by_user_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('merge', 'split')", name=op.f('ck_register_lineage_kind')),
    sa.ForeignKeyConstraint(['by_user_id'], ['user_account.id'], name=op.f('fk_register_lineage_by_user_id_user_account')),
    sa.ForeignKeyConstraint(['phase_id'], ['program_phase.id'], name=op.f('fk_register_lineage_phase_id_program_phase')),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_register_lineage_program_id_program')),
    sa.ForeignKeyConstraint(['source_id'], ['register_item.id'], name=op.f('fk_register_lineage_source_id_register_item')),
    sa.ForeignKeyConstraint(['target_id'], ['register_item.id'], name=op.f('fk_register_lineage_target_id_register_item')),
    sa.ForeignKeyConstraint(['undone_by_user_id'], ['user_account.id'], name=op.f('fk_register_lineage_undone_by_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_register_lineage'))
    )
    with op.batch_alter_table('register_lineage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_register_lineage_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_register_lineage_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_register_lineage_target_id'), ['target_id'], unique=False)

    op.create_table('carry_over',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('origin_kind', sa.String(length=16), nullable=False),
    sa.Column('origin_id', sa.Integer(), nullable=False),
    sa.Column('origin_workshop_id', sa.Integer(), nullable=False),
    sa.Column('by_user_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("origin_kind IN ('action', 'point')", name=op.f('ck_carry_over_origin_kind')),
    sa.ForeignKeyConstraint(['by_user_id'], ['user_account.id'], name=op.f('fk_carry_over_by_user_id_user_account')),
    sa.ForeignKeyConstraint(['origin_workshop_id'], ['workshop.id'], name=op.f('fk_carry_over_origin_workshop_id_workshop')),
    sa.ForeignKeyConstraint(['point_id'], ['focus_point.id'], name=op.f('fk_carry_over_point_id_focus_point')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], name=op.f('fk_carry_over_workshop_id_workshop')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_carry_over'))
    )
    with op.batch_alter_table('carry_over', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_carry_over_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('register_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('by_user_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('undone_by_user_id', sa.Integer(), nullable=True),
    sa.Column('undo_reason', sa.Text(), nullable=False),
    sa.Column('moved_from_item_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('link', 'promote', 'carry')", name=op.f('ck_register_link_kind')),
    sa.ForeignKeyConstraint(['by_user_id'], ['user_account.id'], name=op.f('fk_register_link_by_user_id_user_account')),
    sa.ForeignKeyConstraint(['item_id'], ['register_item.id'], name=op.f('fk_register_link_item_id_register_item')),
    sa.ForeignKeyConstraint(['moved_from_item_id'], ['register_item.id'], name=op.f('fk_register_link_moved_from_item_id_register_item')),
    sa.ForeignKeyConstraint(['point_id'], ['focus_point.id'], name=op.f('fk_register_link_point_id_focus_point')),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_register_link_program_id_program')),
    sa.ForeignKeyConstraint(['undone_by_user_id'], ['user_account.id'], name=op.f('fk_register_link_undone_by_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_register_link'))
    )
    with op.batch_alter_table('register_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_register_link_item_id'), ['item_id'], unique=False)
        batch_op.create_index('ix_register_link_one_active', ['point_id'], unique=True, sqlite_where=sa.text('undone_at IS NULL'), postgresql_where=sa.text('undone_at IS NULL'))
        batch_op.create_index(batch_op.f('ix_register_link_point_id'), ['point_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_register_link_program_id'), ['program_id'], unique=False)

    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='co_thinking', nullable=False))
        batch_op.add_column(sa.Column('part_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_workshop_part_id_program_part'), 'program_part', ['part_id'], ['id'])



def downgrade():
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_workshop_part_id_program_part'), type_='foreignkey')
        batch_op.drop_column('part_id')
        batch_op.drop_column('kind')

    with op.batch_alter_table('register_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_register_link_program_id'))
        batch_op.drop_index(batch_op.f('ix_register_link_point_id'))
        batch_op.drop_index('ix_register_link_one_active', sqlite_where=sa.text('undone_at IS NULL'), postgresql_where=sa.text('undone_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_register_link_item_id'))

    op.drop_table('register_link')
    with op.batch_alter_table('carry_over', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_carry_over_workshop_id'))

    op.drop_table('carry_over')
    with op.batch_alter_table('register_lineage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_register_lineage_target_id'))
        batch_op.drop_index(batch_op.f('ix_register_lineage_source_id'))
        batch_op.drop_index(batch_op.f('ix_register_lineage_program_id'))

    op.drop_table('register_lineage')
    with op.batch_alter_table('register_citation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_register_citation_source_id'))
        batch_op.drop_index(batch_op.f('ix_register_citation_item_id'))

    op.drop_table('register_citation')
    with op.batch_alter_table('citizen_comment', schema=None) as batch_op:
        batch_op.drop_index('ix_citizen_support_once')
        batch_op.drop_index(batch_op.f('ix_citizen_comment_item_id'))
        batch_op.drop_index(batch_op.f('ix_citizen_comment_device_key'))

    op.drop_table('citizen_comment')
    op.drop_table('required_discipline')
    with op.batch_alter_table('register_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_register_item_program_id'))

    op.drop_table('register_item')
    with op.batch_alter_table('program_source', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_source_program_id'))

    op.drop_table('program_source')
    with op.batch_alter_table('program_part', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_part_program_id'))

    op.drop_table('program_part')
    with op.batch_alter_table('program_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_member_user_id'))
        batch_op.drop_index(batch_op.f('ix_program_member_program_id'))

    op.drop_table('program_member')
