"""Benchmarks behind `kioskctl bench store` and `kioskctl bench sync`; they print figures
beside the raw baseline measured in the same run (budgets: enqueue p99 <= 10 ms, drain >= 200/s)."""

from __future__ import annotations

import os
import random
import sqlite3
import tempfile
import threading
import time
import uuid as uuidlib
from pathlib import Path

from kiosk.sync.demo import invented_application


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _load() -> list[float]:
    """The 1/5/15-minute load averages: other work on the 2 shared cores shows in every figure."""
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        return []


def _ms(values: list[float]) -> dict:
    return {"p50": round(_percentile(values, 0.5) * 1000, 2),
            "p99": round(_percentile(values, 0.99) * 1000, 2),
            "p99.9": round(_percentile(values, 0.999) * 1000, 2)}


class _Cpu:
    """CPU seconds (user + system) a process spends between start() and stop()."""

    def __init__(self, pid: int | None = None):
        import psutil

        self.process = psutil.Process(pid)
        self.seconds = 0.0
        self._start = 0.0

    def _now(self) -> float:
        times = self.process.cpu_times()
        return times.user + times.system

    def start(self) -> _Cpu:
        self._start = self._now()
        return self

    def stop(self) -> float:
        self.seconds = self._now() - self._start
        return self.seconds


class _RawCommits:
    """The floor: one INSERT + COMMIT per row in WAL, synchronous=FULL, same disk."""

    def __init__(self, path: Path, payload: int = 1500):
        self.payload = payload
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body BLOB)")

    def one(self) -> float:
        row = (str(uuidlib.uuid4()), os.urandom(self.payload))
        start = time.perf_counter()
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("INSERT INTO t VALUES (?, ?)", row)
        self.conn.execute("COMMIT")
        return time.perf_counter() - start

    def close(self) -> None:
        self.conn.close()


def raw_sqlite_commits(path: Path, n: int, payload: int = 1500) -> list[float]:
    raw = _RawCommits(path, payload)
    try:
        return [raw.one() for _ in range(n)]
    finally:
        raw.close()


def bench_store(n: int = 2000, workdir: Path | None = None) -> dict:
    """Enqueue latency with a raw commit interleaved after each one, so both series see the
    same disk and the same load from other processes."""
    from offline_store import Store

    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        store = Store.open(Path(tmp) / "data", site_code="431002", device_code="K01",
                           min_free_mb=0, create_key=True)
        raw = _RawCommits(Path(tmp) / "raw.db")
        rng = random.Random(1)
        bodies = [invented_application(rng, 0)[0] for _ in range(n)]
        for body in bodies[:20]:  # warm caches and the SQLAlchemy statement cache
            store.enqueue_submission(dict(body), [])
            raw.one()
        load_start = _load()
        cpu = _Cpu().start()
        times, raw_times = [], []
        for body in bodies:
            start = time.perf_counter()
            store.enqueue_submission(body, [])
            times.append(time.perf_counter() - start)
            raw_times.append(raw.one())
        cpu.stop()
        store.close()
        raw.close()
    enqueue, floor = _ms(times), _ms(raw_times)
    return {"items": n, "load_avg_start": load_start, "load_avg_end": _load(),
            "enqueue_p50_ms": enqueue["p50"], "enqueue_p99_ms": enqueue["p99"],
            "enqueue_p99.9_ms": enqueue["p99.9"],
            "raw_sqlite_commit_p50_ms": floor["p50"], "raw_sqlite_commit_p99_ms": floor["p99"],
            "raw_sqlite_commit_p99.9_ms": floor["p99.9"],
            "cpu_ms_per_enqueue_and_raw_commit": round(cpu.seconds / n * 1000, 3),
            "budget_p99_ms": 10}


class _Sampler:
    """A daemon thread that samples something while a `with` block runs."""

    def __init__(self, name: str):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def _run(self):
        raise NotImplementedError

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


class _Progress(_Sampler):
    """Samples the accepted count twice a second (its own read-only connection) to show
    whether the drain slows down as it goes."""

    def __init__(self, db_path: Path):
        super().__init__("drain-progress")
        self.db_path = db_path
        self.samples: list[tuple[float, int]] = []

    def _run(self):
        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=15)
        try:
            while True:
                stopping = self._stop.is_set()
                n = conn.execute("SELECT count(*) FROM outbox_items WHERE state = 'accepted'"
                                 ).fetchone()[0]
                self.samples.append((time.perf_counter(), n))
                if stopping:  # one last sample after the drain ended
                    return
                self._stop.wait(0.5)
        finally:
            conn.close()

    def rate_by_fifth(self, total: int) -> list[float]:
        """Items/s over each fifth of the backlog (by items accepted)."""
        rates = []
        for k in range(5):
            lo, hi = total * k / 5, total * (k + 1) / 5
            t_lo = next((t for t, n in self.samples if n >= lo), None)
            t_hi = next((t for t, n in self.samples if n >= hi), None)
            n_lo = next((n for t, n in self.samples if n >= lo), None)
            n_hi = next((n for t, n in self.samples if n >= hi), None)
            if None in (t_lo, t_hi) or t_hi <= t_lo:
                rates.append(None)
            else:
                rates.append(round((n_hi - n_lo) / (t_hi - t_lo), 1))
        return rates


class _PeakRss(_Sampler):
    def __init__(self):
        import psutil

        super().__init__("rss-sampler")
        self.process = psutil.Process()
        self.peak = self.process.memory_info().rss

    def _run(self):
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.process.memory_info().rss)


def _wal_mb(db_path: Path) -> float:
    wal = db_path.with_name(db_path.name + "-wal")
    return round(wal.stat().st_size / 2**20, 2) if wal.exists() else 0.0


def bench_sync(n: int = 10000, direct_n: int = 1000, keep_alive: bool = True,
               platform_mode: str = "process", in_flight: int | None = None) -> dict:
    """Drain an n-item backlog to the reference platform on loopback, and measure the
    platform's own ingest with a direct signed client in the same run.

    CPU per item is measured for each side (psutil, user + system): with both on the same
    2 cores the drain cannot beat 1 / max(kiosk CPU per item, platform CPU per item), which
    says where to cut. In thread mode both sides share this process and are not separable."""
    from central.admin import issue_code
    from central.server import PlatformServer
    from kiosk.sync.engine import EngineSettings, SyncEngine
    from kiosk.sync.enrolment import client_for, enroll
    from kiosk.sync.signing import signed_headers
    from offline_store import Store

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        platform_db = root / "platform.db"
        server = PlatformServer(f"sqlite:///{platform_db}", mode=platform_mode).start()
        try:
            enrolment = enroll(root / "kiosk", server.url, issue_code(server.db_url, "431002"),
                               "bench")
            store = Store.open(root / "kiosk", site_code=enrolment.site_code,
                               device_code=enrolment.device_code, min_free_mb=0,
                               create_key=True)
            rng = random.Random(7)
            template, _ = invented_application(rng, 0)
            t0 = time.perf_counter()
            for _ in range(n):
                store.enqueue_submission(dict(template), [])
            enqueue_s = time.perf_counter() - t0
            client = client_for(root / "kiosk", keep_alive=keep_alive)
            settings = EngineSettings(backoff_min_s=0.05, backoff_max_s=1)
            if in_flight is not None:
                settings.in_flight = in_flight
            engine = SyncEngine(store, client, app_version="bench", settings=settings)
            kiosk_cpu, platform_cpu = _Cpu(), _Cpu(server.pid)
            load_start = _load()
            with _PeakRss() as rss, _Progress(store.db_path) as progress:
                kiosk_cpu.start()
                platform_cpu.start()
                t0 = time.perf_counter()
                report = engine.drain(until_empty=True)
                drain_s = time.perf_counter() - t0
                kiosk_cpu.stop()
                platform_cpu.stop()
            load_drain = _load()
            wal = {"kiosk_wal_mb": _wal_mb(store.db_path), "platform_wal_mb": _wal_mb(platform_db)}

            # The platform alone: pre-built bodies, one signed PUT each, same connection policy.
            direct = client_for(root / "kiosk", keep_alive=keep_alive)
            claimed = []
            for _ in range(direct_n):
                item_uuid = str(uuidlib.uuid4())
                body = {**store.application(store.list_items(limit=1)[0]["ref_no"]),
                        "uuid": item_uuid, "receipt_no": f"BENCH-{item_uuid[:8]}"}
                for key in ("state", "platform_ref", "status", "purged"):
                    body.pop(key, None)
                claimed.append((item_uuid, body))
            import json as jsonlib

            direct_cpu = _Cpu(server.pid).start()
            t0 = time.perf_counter()
            for item_uuid, body in claimed:
                data = jsonlib.dumps(body, ensure_ascii=False).encode()
                path = f"/v1/submissions/{item_uuid}"
                headers = signed_headers(direct.key, direct.device_id, "PUT", path, data,
                                         int(time.time()))
                headers["Content-Type"] = "application/json"
                reply = direct.request("PUT", path, data=data, headers=headers, signed=False)
                if reply.status != 201:
                    raise RuntimeError(f"direct PUT failed: {reply.describe()}")
            direct_s = time.perf_counter() - t0
            direct_cpu.stop()
            counts = store.counts()
            store.close()
            client.close()
            direct.close()
        finally:
            server.stop()
    accepted = max(1, report.accepted)
    kiosk_ms = kiosk_cpu.seconds / accepted * 1000
    platform_ms = platform_cpu.seconds / accepted * 1000
    separable = platform_mode == "process"
    return {"items": n, "accepted": counts["accepted"], "keep_alive": keep_alive,
            "in_flight": settings.in_flight,
            "load_avg_drain_start": load_start, "load_avg_drain_end": load_drain,
            "load_avg_end": _load(),
            "enqueue_items_per_s": round(n / enqueue_s, 1),
            "drain_items_per_s": round(report.accepted / drain_s, 1),
            "drain_items_per_s_by_fifth": progress.rate_by_fifth(n),
            "kiosk_cpu_ms_per_item": round(kiosk_ms, 3) if separable else None,
            "platform_cpu_ms_per_item": round(platform_ms, 3) if separable else None,
            "both_cpu_ms_per_item": None if separable else round(kiosk_ms, 3),
            "cpu_bound_items_per_s": round(1000 / max(kiosk_ms, platform_ms), 1)
            if separable else None,
            **wal,
            "platform_direct_ingest_per_s": round(direct_n / direct_s, 1),
            "platform_direct_cpu_ms_per_item": round(direct_cpu.seconds / direct_n * 1000, 3),
            "peak_rss_mb": round(rss.peak / 2**20, 1), "budget_items_per_s": 200}
