"""Initial schema: outbox items, applications, attachments, settings, sequences, caches.

Revision ID: 0001_initial
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_items",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("ref_no", sa.String(40)),
        sa.Column("body_enc", sa.LargeBinary),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_attempt_at", sa.Float),
        sa.Column("next_attempt_at", sa.Float, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.Column("reason", sa.Text),
        sa.Column("platform_ref", sa.String(64)),
        sa.Column("accepted_at", sa.Float),
        sa.Column("purged_at", sa.Float),
    )
    op.create_index("ix_outbox_due", "outbox_items", ["state", "next_attempt_at", "created_at"])
    op.create_index("ix_outbox_ref", "outbox_items", ["ref_no"])
    op.create_table(
        "applications",
        sa.Column("uuid", sa.String(36), sa.ForeignKey("outbox_items.uuid"), primary_key=True),
        sa.Column("receipt_no", sa.String(40), nullable=False, unique=True),
        sa.Column("matter_code", sa.String(64), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("id_lookup", sa.String(64)),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("promised_date", sa.String(10)),
    )
    op.create_index("ix_applications_id_lookup", "applications", ["id_lookup"])
    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_table(
        "item_attachments",
        sa.Column("item_uuid", sa.String(36), sa.ForeignKey("outbox_items.uuid"), primary_key=True),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("attachments.sha256"), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_item_attachments_sha256", "item_attachments", ["sha256"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_table(
        "sequences",
        sa.Column("name", sa.String(16), primary_key=True),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("value", sa.Integer, nullable=False),
    )
    op.create_table(
        "catalog_cache",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("etag", sa.String(128), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("fetched_at", sa.Float, nullable=False),
    )
    op.create_table(
        "status_cache",
        sa.Column("receipt_no", sa.String(40), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    for table in ("status_cache", "catalog_cache", "sequences", "settings", "item_attachments",
                  "attachments", "applications", "outbox_items"):
        op.drop_table(table)
