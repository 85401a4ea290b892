"""The sync engine: its own thread, woken early by new items and connectivity changes.

Each round: send due items (Sender), heartbeat when due, catalog refresh when due. Then sleep
until the next item is due, the engine-wide back-off expires (platform unreachable), or a wake-up
arrives. Network interfaces are polled (psutil) so a cable plugged back in wakes the engine
without waiting out a 15-minute back-off.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.sync.backoff import Backoff
from kiosk.sync.client import PlatformClient, TransportError
from kiosk.sync.heartbeat import HeartbeatSource
from kiosk.sync.sender import PassReport, Sender
from offline_store import Store

log = logging.getLogger(__name__)


@dataclass
class EngineSettings:
    heartbeat_s: float = 300.0
    catalog_s: float = 3600.0
    backoff_min_s: float = 3.0
    backoff_max_s: float = 900.0
    netwatch_s: float = 5.0
    batch_size: int = 20
    # Requests in flight at once: with the sender's sliding window 2, 3 and 4 drain alike
    # (`kioskctl bench sync --in-flight N`, 3,000 items, load ~2: 755-955/s); 3 leaves room
    # for a slow reply. 1 sends strictly one after another.
    in_flight: int = 3


def _network_fingerprint() -> tuple:
    import psutil

    stats = psutil.net_if_stats()
    addrs = psutil.net_if_addrs()
    return tuple(sorted(
        (name, st.isup, tuple(sorted(a.address for a in addrs.get(name, ()))))
        for name, st in stats.items()))


class SyncEngine:
    def __init__(self, store: Store, client: PlatformClient, *, app_version: str,
                 settings: EngineSettings | None = None,
                 health: Callable[[], dict] | None = None,
                 paper: Callable[[], str] | None = None,
                 on_counts: Callable[[dict], None] | None = None,
                 on_online: Callable[[bool], None] | None = None):
        self.store = store
        self.client = client
        self.settings = settings or EngineSettings()
        self.item_backoff = Backoff(self.settings.backoff_min_s, self.settings.backoff_max_s)
        self.engine_backoff = Backoff(self.settings.backoff_min_s, self.settings.backoff_max_s)
        self.sender = Sender(store, client, self.item_backoff, self.settings.batch_size,
                             self.settings.in_flight)
        self.heartbeat = HeartbeatSource(store, app_version, health, paper)
        self.on_counts = on_counts or (lambda counts: None)
        self.on_online = on_online or (lambda online: None)
        self.online: bool | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._connectivity = threading.Event()
        self._thread: threading.Thread | None = None
        self._next_heartbeat = 0.0
        self._next_catalog = 0.0
        self._net = None

    # ------------------------------------------------------------------ thread control

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sync-engine", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self.sender.request_stop()      # a pass over a long backlog ends after its current batch
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.error("sync engine thread did not stop within %.0f s", timeout)
            self._thread = None
        self.sender.close()

    def wake(self) -> None:
        """A new item was queued: send soon."""
        self._wake.set()

    def connectivity_changed(self) -> None:
        """The network changed: forget the back-off and try everything now."""
        self._connectivity.set()
        self._wake.set()

    def _run(self) -> None:
        try:
            self._net = _network_fingerprint()
        except Exception:  # psutil can fail in odd containers; wake-ups still work
            log.exception("network interface polling unavailable")
        while not self._stop.is_set():
            try:
                delay = self.round()
            except Exception:  # never let the thread die: log, back off, go on
                log.exception("sync round failed")
                delay = self.engine_backoff.failed()
            self._sleep(delay)

    def _sleep(self, delay: float) -> None:
        deadline = time.monotonic() + max(0.0, delay)
        while not self._stop.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            if self._wake.wait(min(remaining, self.settings.netwatch_s)):
                self._wake.clear()
                return
            if self._net is not None and self._poll_network():
                return

    def _poll_network(self) -> bool:
        try:
            now = _network_fingerprint()
        except Exception:
            log.exception("network interface polling failed")
            self._net = None
            return False
        if now != self._net:
            self._net = now
            log.info("network interfaces changed; retrying now")
            self._connectivity.set()
            return True
        return False

    # ------------------------------------------------------------------ one round

    def round(self) -> float:
        """Do what is due; return how long to sleep before the next round."""
        if self._connectivity.is_set():
            self._connectivity.clear()
            self.engine_backoff.reset()
            self.store.make_all_due()
        report = self.sender.send_pass(blocking=False)
        if report is None:  # another process is sending; look again later
            return self.settings.backoff_min_s
        reachable = not report.unreachable and not report.not_authorised
        now = time.monotonic()
        if reachable and now >= self._next_heartbeat:
            reachable = self._try(self.send_heartbeat)
            self._next_heartbeat = now + self.settings.heartbeat_s
        if reachable and now >= self._next_catalog:
            reachable = self._try(self.refresh_catalog)
            self._next_catalog = now + self.settings.catalog_s
        self._set_online(reachable if report.attempted or not reachable else self.online)
        self.on_counts(self.store.counts())
        if not reachable:
            return self.engine_backoff.failed()
        self.engine_backoff.reset()
        next_due = self.store.next_due_at()
        wait = self.settings.heartbeat_s if next_due is None else next_due - time.time()
        return max(0.0, min(wait, self._next_heartbeat - now))

    def _try(self, call: Callable[[], object]) -> bool:
        try:
            call()
            return True
        except TransportError as exc:
            log.info("platform unreachable: %s", exc)
            return False

    def _set_online(self, online: bool | None) -> None:
        if online is not None and online != self.online:
            self.online = online
            log.info("platform %s", "reachable" if online else "unreachable")
            self.on_online(online)

    # ------------------------------------------------------------------ other calls

    def drain(self, *, until_empty: bool = True, timeout_s: float | None = None) -> PassReport:
        """Foreground sending (`kioskctl sync run`): repeat passes until nothing is queued
        (or once when not `until_empty`). Waits out back-offs; never drops an item."""
        total = PassReport()
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while True:
            report = self.sender.send_pass(blocking=True)
            for name in ("accepted", "retried", "rejected", "quarantined"):
                setattr(total, name, getattr(total, name) + getattr(report, name))
            total.errors.extend(report.errors[-20:])
            total.unreachable, total.not_authorised = report.unreachable, report.not_authorised
            counts = self.store.counts()
            if not until_empty or counts["queued"] + counts["sending"] == 0:
                return total
            if deadline is not None and time.monotonic() >= deadline:
                return total
            if report.unreachable or report.not_authorised:
                pause = self.engine_backoff.failed()
            else:
                self.engine_backoff.reset()
                next_due = self.store.next_due_at()
                pause = 0.0 if next_due is None else max(0.0, next_due - time.time())
            if deadline is not None:
                pause = min(pause, max(0.0, deadline - time.monotonic()))
            if self._stop.wait(pause):
                return total

    def send_heartbeat(self) -> None:
        reply = self.client.heartbeat(self.heartbeat.build(self.client.clock_offset_s))
        if reply.status != 200:
            log.warning("heartbeat refused: %s", reply.describe())

    def refresh_catalog(self) -> bool:
        """Download the catalog if it changed (ETag). True when a new version was stored."""
        cached = self.store.catalog_cache_get()
        reply = self.client.catalog(cached[0] if cached else None)
        if reply.status == 304:
            return False
        if reply.status != 200:
            log.warning("catalog download refused: %s", reply.describe())
            return False
        etag = reply.headers.get("ETag") or str(reply.body.get("version", ""))
        if not isinstance(reply.body.get("matters"), list):
            log.warning("catalog reply without a matters list; keeping the cached one")
            return False
        self.store.catalog_cache_put(etag, reply.body)
        log.info("catalog updated to %s", etag)
        return True

    def query_status(self, *, receipt_nos: list[str] | None = None,
                     id_hash: str | None = None) -> list[dict]:
        """Progress from the platform (cached); TransportError when offline — the caller
        falls back to store.status_cache_get()."""
        reply = self.client.status_query(receipt_nos=receipt_nos, id_hash=id_hash)
        if reply.status != 200:
            raise TransportError(f"status query refused: {reply.describe()}")
        applications = reply.body.get("applications")
        if not isinstance(applications, list):
            raise TransportError("status reply without an applications list")
        self.store.status_cache_put([a for a in applications if isinstance(a, dict)])
        return applications
