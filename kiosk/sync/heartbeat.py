"""The heartbeat body: versions, device health, queue depth per state, age of the oldest
unsent item, free disk, printer paper state, clock offset, and the run-time figures (uptime of
the app, restarts since boot, why the last run ended) from kiosk.runtime."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

from kiosk.runtime import RuntimeStats, read_saved_state
from offline_store import Store

log = logging.getLogger(__name__)


def saved_runtime(data_dir) -> dict:
    """RuntimeStats(data_dir).snapshot() for a process that did not start the app itself (the
    sync engine of `kioskctl sync run`, or the app's engine before it is handed the live stats):
    the counters come from the app's saved state, uptime from its recorded start while it runs."""
    stats = RuntimeStats(data_dir)
    stats.state = read_saved_state(data_dir) or {}
    stats.previous_exit = stats.state.get("previous_exit", "unknown")
    snapshot = stats.snapshot()
    started = stats.state.get("started_at")
    if started and stats.marker_path.exists():   # the app is running (or died without cleaning up)
        try:
            snapshot["uptime_s"] = round(max(0.0, time.time() - datetime.strptime(
                started, "%Y-%m-%dT%H:%M:%S%z").timestamp()), 1)
        except ValueError:
            log.warning("runtime state: unreadable started_at %r", started)
    return snapshot


def crash_line(crash: dict | None) -> str | None:
    """"kind: reason" — the contract's last_crash is one string."""
    if not crash:
        return None
    return f"{crash.get('kind', 'unknown')}: {crash.get('reason', '')}".strip()


class HeartbeatSource:
    """Collects the figures; `health` and `paper` are callables supplied by the app (device
    services) so this module touches no hardware. Paper is "unknown" unless told otherwise.
    `runtime` returns a RuntimeStats.snapshot() (the app passes its live stats' method);
    by default the app's saved state in the store's data folder is read."""

    def __init__(self, store: Store, app_version: str,
                 health: Callable[[], dict] | None = None,
                 paper: Callable[[], str] | None = None,
                 runtime: Callable[[], dict] | None = None):
        self.store = store
        self.app_version = app_version
        self.health = health or (lambda: {})
        self.paper = paper or (lambda: "unknown")
        self.runtime = runtime or (lambda: saved_runtime(store.data_dir))
        self.started = time.monotonic()

    def build(self, clock_offset_s: float) -> dict:
        store_health = self.store.health()
        health = {"store": {k: store_health[k] for k in
                            ("low_disk", "accepting_applications", "needs_staff")},
                  **self.health()}
        try:
            runtime = self.runtime()
        except Exception:  # diagnostics must not stop the heartbeat itself
            log.exception("runtime figures unavailable for the heartbeat")
            runtime = {}
        return {
            "app_version": self.app_version,
            "uptime_s": runtime.get("uptime_s") or round(time.monotonic() - self.started, 1),
            "restarts": int(runtime.get("restarts_since_boot") or 0),
            "last_crash": crash_line(runtime.get("last_crash")),
            "runtime": runtime,
            "health": health,
            "queue": store_health["queue"],
            "oldest_unsent_age_s": store_health["oldest_unsent_age_s"],
            "disk_free_mb": store_health["disk_free_mb"],
            "paper": self.paper(),
            "clock_offset_s": round(clock_offset_s, 2),
        }
