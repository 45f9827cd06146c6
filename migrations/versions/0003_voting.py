"""voting rounds and ballots

Revision ID: 0003_voting
Revises: 0002_focus
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0003_voting"
down_revision = "0002_focus"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
