"""Errors the store raises; each message says what is wrong and what to do about it."""

from __future__ import annotations


class StoreError(Exception):
    """Base class of every offline-store error."""


class LowDisk(StoreError):
    """Free disk space is below the configured watermark; new applications are refused."""


class KeyFileMissing(StoreError):
    """The data key file is missing or does not match the database: personal data is unreadable."""


class SchemaTooNew(StoreError):
    """The database was written by a newer kiosk version; it is never opened by older code."""


class StoreCorrupt(StoreError):
    """The database or an attachment file failed its integrity check."""


class AlreadyRated(StoreError):
    """A rating for this receipt number already exists (one rating per application)."""


class UnknownItem(StoreError):
    """No outbox item has this id."""


class InvalidItem(StoreError, ValueError):
    """An item handed to the enqueue API lacks a field or has a wrong one (the key is named)."""
