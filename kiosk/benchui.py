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
   as go + the event-loop passes up to the one that painted the new screen (a paint event on
   it), with the GUI thread's CPU time beside; per screen, changes that built the screen and
   changes that reused it are reported apart. Between changes the stall probe runs too.

The stall probe is a 5 ms precise QTimer: a tick that arrives late by more than its interval
means the event loop was busy (or could not get the GIL) for that long.
"""

from __future__ import annotations

import gc
import logging
import os
import random
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
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


class GcPauses:
    """Python's cyclic collections while installed (gc.callbacks): generation, duration and the
    thread that triggered it. A collection holds the interpreter lock, so one on the sync thread
    stalls the GUI thread just the same."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float, str]] = []
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append((info["generation"], (time.perf_counter() - self._started) * 1000,
                                threading.current_thread().name))

    def __enter__(self) -> GcPauses:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *_exc) -> None:
        gc.callbacks.remove(self)

    def report(self) -> dict:
        by_generation: dict = {}
        for generation, ms, thread in self.pauses:
            row = by_generation.setdefault(f"gen{generation}", {"n": 0, "max_ms": 0.0, "worst_thread": ""})
            row["n"] += 1
            if ms > row["max_ms"]:
                row["max_ms"], row["worst_thread"] = round(ms, 1), thread
        return by_generation


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
class Change:
    """One screen change: `go_ms` is flow.go() (the build when `built`), `paint_ms` from go's
    return to the end of the event-loop pass that painted the new screen, `cpu_ms` the GUI
    thread's CPU time over both."""
    screen: str
    built: bool
    go_ms: float
    paint_ms: float
    cpu_ms: float
    painted: bool = True

    @property
    def total_ms(self) -> float:
        return self.go_ms + self.paint_ms


@dataclass
class Changes:
    items: list[Change] = field(default_factory=list)
    idle_lateness: list[float] = field(default_factory=list)  # stall probe between changes
    idle_worst: dict[str, float] = field(default_factory=dict)  # screen before the pause → worst stall

    @property
    def go_ms(self) -> list[float]:
        return [c.go_ms for c in self.items]

    @property
    def painted_ms(self) -> list[float]:
        return [c.total_ms for c in self.items]

    @property
    def cpu_ms(self) -> list[float]:
        return [c.cpu_ms for c in self.items]

    def per_screen(self) -> dict[str, dict]:
        """Per screen, in route order: changes, how many built the screen, go (build), the
        paint after it, go + paint and GUI CPU — built and reused changes apart, so a screen's
        cold cost is never averaged away by its warm visits."""
        table: dict[str, dict] = {}
        for name in dict.fromkeys(c.screen for c in self.items):
            mine = [c for c in self.items if c.screen == name]
            row: dict = {"n": len(mine), "n_built": sum(c.built for c in mine),
                         "unpainted": sum(not c.painted for c in mine)}
            for kind, group in (("built", [c for c in mine if c.built]),
                                ("reused", [c for c in mine if not c.built])):
                if group:
                    row[kind] = {
                        "go_p50": round(percentile([c.go_ms for c in group], 50), 1),
                        "paint_p50": round(percentile([c.paint_ms for c in group], 50), 1),
                        "total_p50": round(percentile([c.total_ms for c in group], 50), 1),
                        "total_max": round(max(c.total_ms for c in group), 1),
                        "cpu_p50": round(percentile([c.cpu_ms for c in group], 50), 1),
                        "cpu_max": round(max(c.cpu_ms for c in group), 1)}
            table[name] = row
        return table

    def report(self) -> dict:
        slowest: dict[str, float] = {}
        for c in self.items:
            slowest[c.screen] = max(slowest.get(c.screen, 0.0), round(c.total_ms, 1))
        idle = summary(self.idle_lateness)
        idle["over_50ms"] = sum(1 for v in self.idle_lateness if v > STALL_BUDGET_MS)
        idle["worst_after"] = {k: round(v, 1) for k, v in sorted(self.idle_worst.items(), key=lambda kv: -kv[1])[:4]}
        return {"go": summary(self.go_ms), "go_and_paint": summary(self.painted_ms),
                "gui_thread_cpu": summary(self.cpu_ms),
                "unpainted": sum(not c.painted for c in self.items),
                "slowest_screens": dict(sorted(slowest.items(), key=lambda kv: -kv[1])[:4]),
                "per_screen": self.per_screen(),
                "stall_between_changes_ms": idle}


class PaintWatch(QObject):
    """Notes the first paint event a widget receives (filters that widget only)."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.widget = widget
        self.painted = False
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False

    def close(self) -> None:
        self.widget.removeEventFilter(self)


PAINT_WAIT_S = 2.0


def wait_painted(widget, app) -> bool:
    """Run event-loop passes until one of them painted `widget` (the pass is finished when
    processEvents returns: children painted, backing store flushed)."""
    watch = PaintWatch(widget)
    try:
        deadline = time.perf_counter() + PAINT_WAIT_S
        while not watch.painted and time.perf_counter() < deadline:
            app.processEvents()
        return watch.painted
    finally:
        watch.close()


def navigate(kiosk, rounds: int, pause_s: float = 0.03) -> Changes:
    """Walk ROUTE `rounds` times; each change timed by the flow and up to the painted screen.
    Between changes the event loop runs for `pause_s` under a stall probe (idle-time work such
    as building a screen ahead shows there)."""
    flow, ctx, app = kiosk.flow, kiosk.ctx, QApplication.instance()
    changes = Changes()
    probe = StallProbe()
    for _ in range(rounds):
        for name in ROUTE:
            factory = flow.registry[name]
            sample = getattr(factory, "sample", None)
            params = (sample(ctx) or {}) if sample is not None and flow.in_session else {}
            before = flow.screen(name)
            started, cpu_started = time.perf_counter(), time.thread_time()
            if name == flow.home_name:  # the resident leaves: session screens destroyed, home shown
                flow.home("bench")
                go_ms = (time.perf_counter() - started) * 1000
            else:
                flow.go(name, **params)
                go_ms = flow.last_change_ms
            screen = flow.current()
            painted = wait_painted(screen, app) if screen is not None else False
            total = (time.perf_counter() - started) * 1000
            changes.items.append(Change(
                screen=name, built=screen is not before, go_ms=go_ms, paint_ms=total - go_ms,
                cpu_ms=(time.thread_time() - cpu_started) * 1000, painted=painted))
            probe.start()
            run_loop(pause_s)
            probe.stop()
            changes.idle_lateness.extend(probe.lateness)
            changes.idle_worst[name] = max(changes.idle_worst.get(name, 0.0), max(probe.lateness, default=0.0))
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
        seed: int = 1, pause_s: float = 0.03) -> dict:
    """All three measurements; returns the figures (see the module docstring)."""
    from kiosk.app import Kiosk, ensure_qapp
    from kiosk.demo import DemoRig
    from kiosk.services.sync import SyncService

    ensure_qapp()
    own_dir = tempfile.TemporaryDirectory(prefix="bench-ui-") if work_dir is None else None
    work = Path(work_dir or own_dir.name)
    # other processes on this machine show in the wall times (not in the GUI-thread CPU): say how busy it was
    result: dict = {"probe_interval_ms": PROBE_INTERVAL_MS, "orientation": orientation, "pause_s": pause_s,
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
            # the new service takes the old one's place as the store's wake-up listener, or items
            # queued during the run (audit batches) would wait for the next heartbeat round
            services.store.listeners.remove(services.sync.wake)
            services.sync = SyncService.from_config(rig.config, raw_store)
            services.store.listeners.append(services.sync.wake)
            services.sync.online.connect(rig.health.set_online)
            kiosk = Kiosk(rig.config, services=services, health=rig.health, long_running=True)
            kiosk.start()
            # the end of start-up, done here rather than by its timer in the middle of a probe
            result["startup_freeze_ms"] = round(kiosk.collector.freeze_long_lived(), 1)
            frames = []
            services.camera.frameReady.connect(lambda _image: frames.append(1))
            polls_before = _accepted(raw_store)
            services.sync.start()
            capture = _open_capture(kiosk)
            run_loop(0.5)  # the camera's first frames, the engine's first round
            # kept screens built ahead in idle turns after start-up (each one event-loop turn)
            result["built_ahead_ms"] = {name: {"wall": round(wall, 1), "cpu": round(cpu, 1)}
                                        for name, (wall, cpu) in kiosk.flow.prebuilt.items()}
            with GcPauses() as gc_loaded:
                loaded = probe_for(seconds)
            loaded["gc_pauses"] = gc_loaded.report()
            loaded["preview_fps"] = round(len(frames) / (seconds + 0.5), 1)
            loaded["sync_accepted"] = _accepted(raw_store) - polls_before
            loaded["reader_status"] = services.idcard.status
            result["loaded_stall_ms"] = loaded
            capture.ctx.flow.home("bench")  # leaves capture: the camera stops
            services.camera.start("page")   # keep the camera worker busy while navigating
            with GcPauses() as gc_changes:
                changes = navigate(kiosk, rounds, pause_s)
            result["screen_change_ms"] = changes.report()
            result["screen_change_ms"]["gc_pauses"] = gc_changes.report()
            # what the GUI-thread collector's rare full collection costs now (kiosk.gui_gc)
            started = time.perf_counter()
            gc.collect()
            result["full_collection_after_ms"] = round((time.perf_counter() - started) * 1000, 1)
            result["diagnosis"] = {"without_app_event_filters": _without_app_filters(kiosk, rounds, pause_s)}
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
    # stalls count on the capture screen, between screen changes and while screens are built
    # ahead after start-up alike
    stall_max = max(result["loaded_stall_ms"]["max"],
                    result["screen_change_ms"]["stall_between_changes_ms"]["max"],
                    *(built["wall"] for built in result.get("built_ahead_ms", {}).values()))
    result["verdict"] = {
        "screen_change_p95_ms": result["screen_change_ms"]["go_and_paint"]["p95"],
        "screen_change_ok": result["screen_change_ms"]["go_and_paint"]["p95"] <= CHANGE_BUDGET_MS,
        "stall_max_ms": stall_max,
        "stall_ok": stall_max <= STALL_BUDGET_MS,
    }
    return result


DRAIN_WAIT_S = 60.0


def _without_app_filters(kiosk, rounds: int, pause_s: float) -> dict:
    """The same navigation with the application-wide input filter (idle watcher + key guard)
    detached: every QEvent of every widget passes through it (thousands per screen change), so
    this shows what it costs. It is put back afterwards."""
    app = QApplication.instance()
    filters = [kiosk.input_filter]
    for item in filters:
        app.removeEventFilter(item)
    try:
        report = navigate(kiosk, max(1, rounds // 2), pause_s).report()
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
