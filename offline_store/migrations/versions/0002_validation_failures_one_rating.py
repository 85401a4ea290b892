"""Count validation failures per item (quarantine after repeats); one rating per receipt.

Revision 0001 enforced "one rating per receipt" in code only; this adds a partial unique index
so two writers can never both insert one. Should an old database already hold a second rating
for a receipt, the later one is quarantined (kept, visible to staff) before the index is made.

Revision ID: 0002_validation_failures_one_rating
Revises: 0001_initial
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_validation_failures_one_rating"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_items") as batch:
        batch.add_column(
            sa.Column("validation_failures", sa.Integer, nullable=False, server_default="0")
        )
    op.execute(
        """
        UPDATE outbox_items SET kind = 'rating_dup', state = 'quarantined',
               reason = 'second rating for the same receipt (found by migration 0002)'
        WHERE kind = 'rating' AND rowid NOT IN (
            SELECT MIN(rowid) FROM outbox_items WHERE kind = 'rating' GROUP BY ref_no)
        """
    )
    op.create_index(
        "uq_one_rating_per_receipt", "outbox_items", ["ref_no"], unique=True,
        sqlite_where=sa.text("kind = 'rating'"),
    )


def downgrade() -> None:
    op.drop_index("uq_one_rating_per_receipt", table_name="outbox_items")
    with op.batch_alter_table("outbox_items") as batch:
        batch.drop_column("validation_failures")
