"""Soak: N complete simulated journeys through the real app offscreen — card on the simulated
reader, the one form, camera capture, submit, printed receipt, rating, then an idle wipe — with
every simulator and the reference platform (its own process, so its memory is not counted).
Reports sessions per minute, RSS, open file descriptors and threads at the start and the end,
and the queue after a final drain (everything must be accepted by the platform).

The first session is a warm-up (imports, caches, font and translation loading): the baseline for
growth is taken after it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

RSS_BUDGET_MB = 300.0
# The sender's pool (all its workers start with the first pass) opens each worker's HTTP
# connection on that worker's first send, up to a fixed bound: counted, but not as growth.
BOUNDED_POOLS = ("sync-send_", "memory-trim")
GROWTH_BUDGET_MB_PER_1000 = 5.0


@dataclass
class Sample:
    session: int
    rss_mb: float
    fds: int
    threads: int
    thread_names: list[str] = field(default_factory=list)
    # /proc/self/smaps_rollup: anonymous (heap, Python objects, Qt/OpenCV buffers) vs file-backed
    # (shared libraries, the mapped CJK fonts) resident memory
    anon_mb: float | None = None
    file_mb: float | None = None
    # where anonymous memory goes: SQLite's page caches and Python's allocated blocks
    sqlite_mb: float | None = None
    python_blocks: int | None = None

    @property
    def sender_workers(self) -> int:
        return sum(name.startswith("sync-send_") for name in self.thread_names)

    @property
    def unbounded_threads(self) -> int:
        return sum(not name.startswith(BOUNDED_POOLS) for name in self.thread_names)


@dataclass
class SoakReport:
    sessions: int
    seconds: float
    sessions_per_min: float
    start: Sample
    end: Sample
    peak_rss_mb: float
    queue: dict
    all_accepted: bool
    failures: list[str] = field(default_factory=list)
    samples: list[Sample] = field(default_factory=list)

    @property
    def rss_growth_mb(self) -> float:
        return round(self.end.rss_mb - self.start.rss_mb, 1)

    @property
    def growth_mb_per_1000(self) -> float | None:
        """Least-squares slope of RSS over the second half of the samples (past the warm-up's
        caches filling), per 1,000 sessions; None with fewer than 3 samples there."""
        tail = [s for s in self.samples if s.session >= self.sessions / 2]
        return growth_per_1000([(s.session, s.rss_mb) for s in tail])

    def verdict(self) -> dict:
        growth_budget = GROWTH_BUDGET_MB_PER_1000 * max(self.sessions, 1) / 1000
        return {
            "rss_within_budget": self.peak_rss_mb <= RSS_BUDGET_MB,
            "rss_growth_within_budget": self.rss_growth_mb <= max(growth_budget, 1.0),
            "growth_per_1000_within_budget": self.growth_mb_per_1000 is None
            or self.growth_mb_per_1000 <= GROWTH_BUDGET_MB_PER_1000,
            "threads_flat": self.end.unbounded_threads <= self.start.unbounded_threads,
            # each sender worker opens its one keep-alive connection on its first send
            "fds_flat": self.end.fds - self.start.fds <= self.end.sender_workers,
            "all_accepted": self.all_accepted,
            "no_failures": not self.failures,
        }

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("samples")
        data["rss_growth_mb"] = self.rss_growth_mb
        data["growth_mb_per_1000"] = self.growth_mb_per_1000
        data["rss_by_session"] = {s.session: s.rss_mb for s in self.samples}
        data["fds_by_session"] = {s.session: s.fds for s in self.samples}
        data["memory_by_session"] = {s.session: {"anon_mb": s.anon_mb, "sqlite_mb": s.sqlite_mb,
                                                 "python_blocks": s.python_blocks}
                                     for s in self.samples}
        data["threads_by_session"] = {s.session: s.thread_names for s in self.samples}
        data["verdict"] = self.verdict()
        data["budget"] = {"rss_mb": RSS_BUDGET_MB, "growth_mb_per_1000": GROWTH_BUDGET_MB_PER_1000}
        return data


def measure(session: int) -> Sample:
    """What the kiosk holds between sessions: sampled after its own post-session release
    (kiosk.app RELEASE_AFTER_SESSION_MS, malloc_trim), not while freed frames await it."""
    import psutil

    from kiosk.app import RELEASE_AFTER_SESSION_MS
    from kiosk.showcase import wait_for

    wait_for(lambda: False, RELEASE_AFTER_SESSION_MS / 1000 + 0.5)
    gc.collect()
    process = psutil.Process()
    names = sorted(t.name for t in threading.enumerate())
    anon, file_backed = smaps_rollup_mb()
    return Sample(session, round(process.memory_info().rss / 2**20, 1), process.num_fds(),
                  len(names), names, anon, file_backed, sqlite_memory_mb(), sys.getallocatedblocks())


def sqlite_memory_mb() -> float | None:
    """Memory the SQLite library holds in this process (page caches, schemas, statements)."""
    try:
        library = ctypes.CDLL(ctypes.util.find_library("sqlite3") or "libsqlite3.so.0")
        library.sqlite3_memory_used.restype = ctypes.c_int64
        return round(library.sqlite3_memory_used() / 2**20, 2)
    except (OSError, AttributeError):
        return None


def growth_per_1000(points: list[tuple[int, float]]) -> float | None:
    if len(points) < 3:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if not spread:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return round(slope * 1000, 1)


def smaps_rollup_mb() -> tuple[float | None, float | None]:
    """(anonymous, file-backed) resident MB of this process; (None, None) off Linux."""
    try:
        text = open("/proc/self/smaps_rollup", encoding="ascii").read()  # noqa: SIM115
    except OSError:
        return None, None
    fields = {line.split(":")[0]: int(line.split()[1]) for line in text.splitlines()[1:] if ":" in line}
    anon = fields.get("Anonymous", 0)
    return round(anon / 1024, 1), round((fields.get("Rss", 0) - anon) / 1024, 1)


def _quiet_walk_class():
    from kiosk.showcase import settle
    from kiosk.walkthrough import Walk

    class QuietWalk(Walk):
        """The walkthrough's driver without screenshots (a soak measures, it does not look)."""

        def shot(self, name: str, widget=None) -> Path:
            settle()
            self.count += 1
            return self.out / f"{self.count:02d}-{name}.png"

    return QuietWalk


def idle_wipe(kiosk, timeout_s: float = 10.0) -> None:
    """Open a session screen, let the idle watcher fire, and wait for the countdown to wipe it."""
    from kiosk.showcase import wait_for

    kiosk.flow.go("query")
    kiosk.idle.idle.emit()                     # what the idle timer does after N quiet seconds
    if not wait_for(lambda: not kiosk.flow.in_session, timeout_s):
        raise AssertionError("the idle countdown did not end the session")


def run_soak(sessions: int, work_dir: Path, *, orientation: str = "portrait",
             drain_timeout_s: float = 120.0, on_progress=None, devices: str = "process",
             reread_guard_s: float = 0.0) -> SoakReport:
    from kiosk.app import Kiosk, ensure_qapp
    from kiosk.demo import DemoRig
    from kiosk.journeys.apply import apply_journey
    from kiosk.showcase import wait_for

    ensure_qapp()
    # reader, printer and camera simulators in their own processes, as separate hardware: RSS is the kiosk's
    rig = DemoRig(Path(work_dir) / "rig", orientation=orientation, devices=devices)
    rig.start()
    # the card was lifted at the end of the previous session, long past the reader's 3 s guard
    rig.reread_guard_s = reread_guard_s
    rig.config.idle.countdown_seconds = 1        # the idle wipe's countdown: real, but short
    kiosk = Kiosk(rig.config, services=rig.services, health=rig.health, long_running=True)
    kiosk.rig = rig
    kiosk.start()
    walk_class = _quiet_walk_class()
    out = Path(work_dir) / "walk"
    out.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    samples: list[Sample] = []
    started = time.monotonic()
    try:
        for number in range(sessions + 1):         # session 0 warms up
            walk = walk_class(kiosk, out, orientation)
            try:
                apply_journey(walk)
                idle_wipe(kiosk)
            except Exception as exc:   # reported in the figures; the soak goes on from home
                log.exception("soak session %d failed", number)
                failures.append(f"session {number}: {type(exc).__name__}: {exc}")
                kiosk.flow.home("soak")
            # the rig keeps a record of every printed job: drop them (and the receipt images) so
            # its bookkeeping is not mistaken for the app's growth
            del rig.printer.jobs[:]
            for receipt in [*out.glob("*.png"), *rig.printer.out_dir.glob("job-*")]:
                receipt.unlink()
            if number == 0:
                started = time.monotonic()
                samples.append(measure(0))
            elif number % max(1, sessions // 10) == 0 or number == sessions:
                samples.append(measure(number))
                if on_progress is not None:
                    on_progress(samples[-1])
        seconds = time.monotonic() - started
        end = measure(sessions)
        sync = rig.services.sync
        if sync is not None:
            rig.services.store.make_all_due()
            sync.wake()
        wait_for(lambda: _unsent(rig.services.store.counts()) == 0, drain_timeout_s)
        queue = rig.services.store.counts()
    finally:
        kiosk.shutdown()
        kiosk.ctx.authorised_exit = True
        kiosk.window.close()
        kiosk.window.deleteLater()
        rig.stop()
    peak = max(s.rss_mb for s in [*samples, end])
    return SoakReport(sessions=sessions, seconds=round(seconds, 1),
                      sessions_per_min=round(sessions / seconds * 60, 2) if seconds else 0.0,
                      start=samples[0], end=end, peak_rss_mb=peak, queue=queue,
                      all_accepted=_unsent(queue) == 0 and queue.get("accepted", 0) >= 2 * (sessions + 1),
                      failures=failures, samples=samples)


def _unsent(counts: dict) -> int:
    return sum(n for state, n in counts.items() if state != "accepted")
