"""minutes and versions

Revision ID: 0004_minutes
Revises: 0003_voting
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0004_minutes"
down_revision = "0003_voting"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
