"""Queue ticket numbers (排队取号): per window category, restarting every day, surviving a
restart. Kept as store settings keyed by date and category ("queue:2026-11-23:A"); a lock makes
read-increment-write atomic for every caller in this process (the kiosk is the only writer)."""

from __future__ import annotations

import threading
from datetime import date

_LOCK = threading.Lock()


class TicketCounter:
    def __init__(self, store) -> None:
        self.store = store

    @staticmethod
    def key(category: str, day: date) -> str:
        return f"queue:{day.isoformat()}:{category}"

    def issue(self, category: str, day: date | None = None) -> str:
        """The next number for `category` today, e.g. "A001" (grows past 999, never wraps)."""
        if len(category) != 1 or not category.isupper():
            raise ValueError(f"queue category code must be one capital letter, got {category!r}")
        key = self.key(category, day or date.today())
        with _LOCK:
            value = int(self.store.get_setting(key, 0)) + 1
            self.store.set_setting(key, value)  # one committed transaction before we print
        return f"{category}{value:03d}"

    def last(self, category: str, day: date | None = None) -> int:
        return int(self.store.get_setting(self.key(category, day or date.today()), 0))
