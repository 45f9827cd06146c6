"""register search: register_item.search_key, the folded key of title and description

The register page searches this key with a folded query (workshop/text/search.py), so a
planner finds «برنامه‌ریزی ۱۴۰۵» typing «برنامه ريزي 1405». Existing rows are back-filled in
Python with the same function the model uses, so old and new rows hold the same key.

Revision ID: 0014_register_search
Revises: 0013_plan
"""
import sqlalchemy as sa
from alembic import op

from workshop.text.search import search_key

revision = "0014_register_search"
down_revision = "0013_plan"
branch_labels = None
depends_on = None

BATCH = 500
_items = sa.table("register_item", sa.column("id", sa.Integer),
                  sa.column("title", sa.String), sa.column("description", sa.Text),
                  sa.column("search_key", sa.Text))


def backfill(conn) -> int:
    """Compute every item's key from its stored text; returns how many rows were written."""
    rows = conn.execute(sa.select(_items.c.id, _items.c.title, _items.c.description)
                        .order_by(_items.c.id)).all()
    update = _items.update().where(_items.c.id == sa.bindparam("item_id")).values(
        search_key=sa.bindparam("key"))
    for start in range(0, len(rows), BATCH):
        conn.execute(update, [{"item_id": i, "key": search_key(title, description)}
                              for i, title, description in rows[start:start + BATCH]])
    return len(rows)


def upgrade():
    with op.batch_alter_table("register_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_key", sa.Text(), server_default="",
                                      nullable=False))
    backfill(op.get_bind())


def downgrade():
    with op.batch_alter_table("register_item", schema=None) as batch_op:
        batch_op.drop_column("search_key")
