"""The heartbeat body: versions, device health, queue depth per state, age of the oldest
unsent item, free disk, printer paper state, clock offset."""

from __future__ import annotations

import time
from collections.abc import Callable

from offline_store import Store


class HeartbeatSource:
    """Collects the figures; `health` and `paper` are callables supplied by the app (device
    services) so this module touches no hardware. Paper is "unknown" unless told otherwise."""

    def __init__(self, store: Store, app_version: str,
                 health: Callable[[], dict] | None = None,
                 paper: Callable[[], str] | None = None):
        self.store = store
        self.app_version = app_version
        self.health = health or (lambda: {})
        self.paper = paper or (lambda: "unknown")
        self.started = time.monotonic()
        self.restarts = int(store.get_setting("restarts", 0) or 0)
        self.last_crash = store.get_setting("last_crash")

    def build(self, clock_offset_s: float) -> dict:
        store_health = self.store.health()
        health = {"store": {k: store_health[k] for k in
                            ("low_disk", "accepting_applications", "needs_staff")},
                  **self.health()}
        return {
            "app_version": self.app_version,
            "uptime_s": round(time.monotonic() - self.started, 1),
            "restarts": self.restarts,
            "last_crash": self.last_crash,
            "health": health,
            "queue": store_health["queue"],
            "oldest_unsent_age_s": store_health["oldest_unsent_age_s"],
            "disk_free_mb": store_health["disk_free_mb"],
            "paper": self.paper(),
            "clock_offset_s": round(clock_offset_s, 2),
        }
