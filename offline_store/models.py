"""SQLAlchemy models of the offline store (the schema itself is owned by the migrations).

Personal data only ever sits in `OutboxItem.body_enc` (AES-GCM, bound to the item uuid) and in
the encrypted attachment files; the clear columns hold what the queue and the receipt reprint
need to find things: kind, state, numbers, matter code and title, timestamps.
"""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, Index, Integer, LargeBinary, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


# Outbox states (see outbox.py for the transitions).
QUEUED = "queued"
SENDING = "sending"
ACCEPTED = "accepted"
REJECTED = "rejected"
QUARANTINED = "quarantined"
STATES = (QUEUED, SENDING, ACCEPTED, REJECTED, QUARANTINED)
UNSENT_STATES = (QUEUED, SENDING, REJECTED, QUARANTINED)

KINDS = ("submission", "rating", "feedback", "audit_batch")


class OutboxItem(Base):
    __tablename__ = "outbox_items"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default=QUEUED)
    ref_no: Mapped[str | None] = mapped_column(String(40))  # receipt_no / reference_no
    body_enc: Mapped[bytes | None] = mapped_column(LargeBinary)  # NULL once purged
    created_at: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[float] = mapped_column(Float)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_attempt_at: Mapped[float | None] = mapped_column(Float)
    next_attempt_at: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)  # platform's reason / staff's note
    platform_ref: Mapped[str | None] = mapped_column(String(64))
    accepted_at: Mapped[float | None] = mapped_column(Float)
    purged_at: Mapped[float | None] = mapped_column(Float)
    validation_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # rev. 0002

    __table_args__ = (
        Index("ix_outbox_due", "state", "next_attempt_at", "created_at"),
        Index("ix_outbox_ref", "ref_no"),
        Index(
            "uq_one_rating_per_receipt", "ref_no", unique=True,
            sqlite_where=text("kind = 'rating'"),
        ),
    )


class Application(Base):
    """One 办件: the clear summary of a submission item (its body is in the outbox item)."""

    __tablename__ = "applications"

    uuid: Mapped[str] = mapped_column(ForeignKey("outbox_items.uuid"), primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    matter_code: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    id_lookup: Mapped[str | None] = mapped_column(String(64), index=True)  # HMAC(key, id_hash)
    created_at: Mapped[float] = mapped_column(Float)
    promised_date: Mapped[str | None] = mapped_column(String(10))


class AttachmentFile(Base):
    """An encrypted attachment file, named by the SHA-256 of its plaintext."""

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[float] = mapped_column(Float)


class ItemAttachment(Base):
    __tablename__ = "item_attachments"

    item_uuid: Mapped[str] = mapped_column(ForeignKey("outbox_items.uuid"), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("attachments.sha256"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[float] = mapped_column(Float)


class Sequence(Base):
    """Per-day local sequences for receipt and reference numbers."""

    __tablename__ = "sequences"

    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[str] = mapped_column(String(10))
    value: Mapped[int] = mapped_column(Integer)


class CatalogCache(Base):
    __tablename__ = "catalog_cache"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    etag: Mapped[str] = mapped_column(String(128))
    body: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[float] = mapped_column(Float)


class StatusCache(Base):
    """Last known platform status per receipt number (progress query when offline)."""

    __tablename__ = "status_cache"

    receipt_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    data: Mapped[str] = mapped_column(Text)  # JSON, no personal data (status, labels, dates)
    updated_at: Mapped[float] = mapped_column(Float)
