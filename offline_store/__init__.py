"""Offline store: SQLite (WAL) outbox of applications, ratings, feedback and audit batches,
encrypted personal data and attachments, migrations. No Qt, no drivers.

Names are imported on first use (PEP 562), so importing a small part (e.g. the receipt-number
check in offline_store.receipts) does not pull SQLAlchemy into the kiosk's start-up."""

from importlib import import_module

_WHERE = {
    "AlreadyRated": "errors", "InvalidItem": "errors", "KeyFileMissing": "errors", "LowDisk": "errors",
    "SchemaTooNew": "errors", "StoreCorrupt": "errors", "StoreError": "errors", "UnknownItem": "errors",
    "Attachment": "store", "ClaimedItem": "store", "Enqueued": "store", "Store": "store", "id_hash_of": "store",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'offline_store' has no attribute {name!r}")
    value = getattr(import_module(f"offline_store.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
