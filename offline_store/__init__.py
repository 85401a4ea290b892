"""Offline store: SQLite (WAL) outbox of applications, ratings, feedback and audit batches,
encrypted personal data and attachments, migrations. No Qt, no drivers."""

from offline_store.errors import (
    AlreadyRated,
    InvalidItem,
    KeyFileMissing,
    LowDisk,
    SchemaTooNew,
    StoreCorrupt,
    StoreError,
    UnknownItem,
)
from offline_store.store import Attachment, ClaimedItem, Enqueued, Store, id_hash_of

__all__ = [
    "AlreadyRated", "Attachment", "ClaimedItem", "Enqueued", "InvalidItem", "KeyFileMissing",
    "LowDisk", "SchemaTooNew", "Store", "StoreCorrupt", "StoreError", "UnknownItem", "id_hash_of",
]
