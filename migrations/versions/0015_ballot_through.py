"""ballot through index: a round's newest ballot id without reading all its ballots

Results, snapshots and live refreshes ask for `MAX(id)` of a round's ballots (how far a tally
has read). The existing indexes start with the round but are not ordered by id after it, so
the database read every ballot of the round: 1.3 ms for a round of 20,000 marks, on every
phone's connect and every refresh. An index on (round_id, id) answers it from its last entry.

Revision ID: 0015_ballot_through
Revises: 0014_register_search
"""
from alembic import op

revision = "0015_ballot_through"
down_revision = "0014_register_search"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_ballot_round_through", "ballot", ["round_id", "id"])


def downgrade():
    op.drop_index("ix_ballot_round_through", table_name="ballot")
