"""`kioskctl bench ui`: how the GUI thread holds up while the devices and sync work.

Three measurements, in this order:
1. baseline — the stall probe on an idle kiosk with no services at all (the raw limit of this
   machine: timer resolution and scheduler noise);
2. loaded — the same probe while the capture screen shows the camera's live preview (scene
   source, page detection on its worker), the ID-card service polls the simulator over a pty,
   and the sync service drains a backlog of invented applications to the reference platform
   (the demo rig: platform in its own process, this terminal enrolled);
3. screen changes — many navigations between real screens (construction included: session
   screens are rebuilt with their sample data) under the same load, timed as `flow.go()` and
   as go + the event-loop turn that lays out and paints the new screen.

The stall probe is a 5 ms precise QTimer: a tick that arrives late by more than its interval
means the event loop was busy (or could not get the GIL) for that long.
"""

from __future__ import annotations

import logging
import os
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

STALL_BUDGET_MS = 50.0
CHANGE_BUDGET_MS = 100.0
PROBE_INTERVAL_MS = 5
# A resident's journey through real screens; camera owners (capture, qr_scan, query, rate)
# are left out so the camera keeps running for the whole measurement, and submit (it enqueues).
ROUTE = ("catalog", "guide", "identify", "form", "materials", "review", "delivery",
         "guide_browse", "feedback", "ticket", "home")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def summary(values: list[float]) -> dict:
    return {"n": len(values), "p50": round(percentile(values, 50), 2),
            "p95": round(percentile(values, 95), 2), "p99": round(percentile(values, 99), 2),
            "max": round(max(values, default=0.0), 2),
            "mean": round(statistics.fmean(values), 2) if values else 0.0}


class StallProbe(QObject):
    """Lateness of a precise QTimer's ticks (ms beyond the interval), recorded while it runs."""

    def __init__(self, interval_ms: int = PROBE_INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self.timer = QTimer(self)
        self.timer.setObjectName("bench-stall-probe")
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.lateness: list[float] = []
        self.worst_at: float | None = None  # seconds since start of the worst tick
        self._started = self._last = 0.0

    def start(self) -> None:
        self.lateness.clear()
        self._started = self._last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        late = max(0.0, (now - self._last) * 1000 - self.interval_ms)
        if not self.lateness or late > max(self.lateness):
            self.worst_at = now - self._started
        self.lateness.append(late)
        self._last = now

    def stop(self) -> dict:
        self.timer.stop()
        result = summary(self.lateness)
        result["over_50ms"] = sum(1 for v in self.lateness if v > STALL_BUDGET_MS)
        result["worst_at_s"] = round(self.worst_at or 0.0, 2)
        return result


def run_loop(seconds: float) -> None:
    """Let the event loop run for `seconds` (the probe and the services' signals are served)."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def probe_for(seconds: float) -> dict:
    probe = StallProbe()
    probe.start()
    run_loop(seconds)
    return probe.stop()


@dataclass
class Changes:
    go_ms: list[float] = field(default_factory=list)
    painted_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)  # GUI-thread CPU: immune to other processes
    slowest: dict[str, float] = field(default_factory=dict)

    def report(self) -> dict:
        return {"go": summary(self.go_ms), "go_and_paint": summary(self.painted_ms),
                "gui_thread_cpu": summary(self.cpu_ms),
                "slowest_screens": dict(sorted(self.slowest.items(), key=lambda kv: -kv[1])[:4])}


def navigate(kiosk, rounds: int, pause_s: float = 0.03) -> Changes:
    """Walk ROUTE `rounds` times; each change timed by the flow and up to the painted screen."""
    flow, ctx, app = kiosk.flow, kiosk.ctx, QApplication.instance()
    changes = Changes()
    for _ in range(rounds):
        for name in ROUTE:
            factory = flow.registry[name]
            sample = getattr(factory, "sample", None)
            params = (sample(ctx) or {}) if sample is not None and flow.in_session else {}
            started, cpu_started = time.perf_counter(), time.thread_time()
            if name == flow.home_name:  # the resident leaves: session screens destroyed, home shown
                flow.home("bench")
                go_ms = (time.perf_counter() - started) * 1000
            else:
                flow.go(name, **params)
                go_ms = flow.last_change_ms
            app.processEvents()  # layout and paint of the new screen
            painted = (time.perf_counter() - started) * 1000
            changes.cpu_ms.append((time.thread_time() - cpu_started) * 1000)
            changes.go_ms.append(go_ms)
            changes.painted_ms.append(painted)
            changes.slowest[name] = max(changes.slowest.get(name, 0.0), round(painted, 1))
            run_loop(pause_s)
    return changes


def _baseline(config_file: str | None, seconds: float, work: Path, orientation: str) -> dict:
    from kiosk.app import Kiosk
    from kiosk.config import load_config
    environ = dict(os.environ)
    environ.update({"KIOSK_DATA_DIR": str(work / "idle-data"), "KIOSK_PATHS__LOG_DIR": str(work / "idle-log"),
                    "KIOSK_SCREEN__ORIENTATION": orientation})
    kiosk = Kiosk(load_config(config_file, environ=environ))
    kiosk.start()
    try:
        run_loop(0.3)
        return probe_for(seconds)
    finally:
        kiosk.shutdown()
        kiosk.ctx.authorised_exit = True
        kiosk.window.close()


def _make_backlog(store, count: int, attachments: int, seed: int) -> float:
    """`demo submit`'s invented applications, enqueued while sync is paused; returns seconds."""
    from kiosk.sync.demo import invented_application
    rng = random.Random(seed)
    started = time.perf_counter()
    for _ in range(count):
        body, files = invented_application(rng, attachments)
        store.enqueue_submission(body, files)
    return time.perf_counter() - started


def run(*, seconds: float = 8.0, rounds: int = 6, backlog: int = 600, attachments: int = 1,
        orientation: str = "portrait", config_file: str | None = None, work_dir: str | None = None,
        seed: int = 1) -> dict:
    """All three measurements; returns the figures (see the module docstring)."""
    from kiosk.app import Kiosk, ensure_qapp
    from kiosk.demo import DemoRig
    from kiosk.services.sync import SyncService

    ensure_qapp()
    own_dir = tempfile.TemporaryDirectory(prefix="bench-ui-") if work_dir is None else None
    work = Path(work_dir or own_dir.name)
    # other processes on this machine show in the wall times (not in the GUI-thread CPU): say how busy it was
    result: dict = {"probe_interval_ms": PROBE_INTERVAL_MS, "orientation": orientation,
                    "load_avg_1m_at_start": round(os.getloadavg()[0], 2)}
    try:
        result["baseline_stall_ms"] = _baseline(config_file, seconds, work, orientation)
        rig = DemoRig(work / "rig", orientation=orientation, config_file=config_file)
        services = rig.start()
        kiosk = None
        try:
            if services.sync is None or services.camera is None or services.idcard is None:
                raise RuntimeError("the demo rig came up without sync, camera or ID-card service; "
                                   "see the log")
            # pause sync, queue the backlog, then a fresh sync service drains it under measurement
            raw_store = services.sync.engine.store
            services.sync.stop()
            made_s = _make_backlog(raw_store, backlog, attachments, seed)
            services.sync = SyncService.from_config(rig.config, raw_store)
            services.sync.online.connect(rig.health.set_online)
            kiosk = Kiosk(rig.config, services=services, health=rig.health)
            kiosk.start()
            frames = []
            services.camera.frameReady.connect(lambda _image: frames.append(1))
            polls_before = _accepted(raw_store)
            services.sync.start()
            capture = _open_capture(kiosk)
            run_loop(0.5)  # the camera's first frames, the engine's first round
            loaded = probe_for(seconds)
            loaded["preview_fps"] = round(len(frames) / (seconds + 0.5), 1)
            loaded["sync_accepted"] = _accepted(raw_store) - polls_before
            loaded["reader_status"] = services.idcard.status
            result["loaded_stall_ms"] = loaded
            capture.ctx.flow.home("bench")  # leaves capture: the camera stops
            services.camera.start("page")   # keep the camera worker busy while navigating
            changes = navigate(kiosk, rounds)
            result["screen_change_ms"] = changes.report()
            result["diagnosis"] = {"without_app_event_filters": _without_app_filters(kiosk, rounds)}
            result["sync_drain_wait_s"] = _wait_drained(raw_store, DRAIN_WAIT_S)
            result["sync"] = {"backlog": backlog, "attachments_each": attachments,
                              "backlog_made_s": round(made_s, 1),
                              "accepted_total": _accepted(raw_store) - polls_before,
                              "left": _queued(raw_store)}
        finally:
            if kiosk is not None:
                kiosk.shutdown()
                kiosk.ctx.authorised_exit = True
                kiosk.window.close()
            rig.stop()
    finally:
        if own_dir is not None:
            own_dir.cleanup()
    result["load_avg_1m_at_end"] = round(os.getloadavg()[0], 2)
    result["verdict"] = {
        "screen_change_p95_ms": result["screen_change_ms"]["go_and_paint"]["p95"],
        "screen_change_ok": result["screen_change_ms"]["go_and_paint"]["p95"] <= CHANGE_BUDGET_MS,
        "stall_max_ms": result["loaded_stall_ms"]["max"],
        "stall_ok": result["loaded_stall_ms"]["max"] <= STALL_BUDGET_MS,
    }
    return result


DRAIN_WAIT_S = 60.0


def _without_app_filters(kiosk, rounds: int) -> dict:
    """The same navigation with the application-wide input filter (idle watcher + key guard)
    detached: every QEvent of every widget passes through it (thousands per screen change), so
    this shows what it costs. It is put back afterwards."""
    app = QApplication.instance()
    filters = [kiosk.input_filter]
    for item in filters:
        app.removeEventFilter(item)
    try:
        report = navigate(kiosk, max(1, rounds // 2)).report()
    finally:
        for item in filters:
            app.installEventFilter(item)
    return {"go_and_paint_p95": report["go_and_paint"]["p95"],
            "gui_thread_cpu_p50": report["gui_thread_cpu"]["p50"],
            "gui_thread_cpu_p95": report["gui_thread_cpu"]["p95"]}


def _wait_drained(store, limit_s: float) -> float:
    """Let sync finish the backlog before shutting down: a sync pass cannot be interrupted, so
    stopping the engine mid-backlog would outlast its stop timeout."""
    started = time.monotonic()
    while _queued(store) and time.monotonic() - started < limit_s:
        run_loop(0.2)
    return round(time.monotonic() - started, 1)


def _open_capture(kiosk):
    """The capture screen with its sample draft: the live preview, as a resident sees it."""
    flow = kiosk.flow
    flow.go("identify")  # starts the session the sample draft goes into
    factory = flow.registry["capture"]
    return flow.go("capture", **factory.sample(kiosk.ctx))


def _accepted(store) -> int:
    return int(store.counts().get("accepted", 0))


def _queued(store) -> int:
    counts = store.counts()
    return int(counts.get("queued", 0) + counts.get("sending", 0))
