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


def raw_sqlite_commits(path: Path, n: int, payload: int = 1500) -> list[float]:
    """The floor: one INSERT + COMMIT per row in WAL, synchronous=FULL, same disk."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body BLOB)")
    times = []
    for _ in range(n):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (?, ?)", (str(uuidlib.uuid4()), os.urandom(payload)))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    conn.close()
    return times


def bench_store(n: int = 500, workdir: Path | None = None) -> dict:
    from offline_store import Store

    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        store = Store.open(Path(tmp) / "data", site_code="431002", device_code="K01",
                           min_free_mb=0, create_key=True)
        rng = random.Random(1)
        bodies = [invented_application(rng, 0)[0] for _ in range(n)]
        for body in bodies[:20]:  # warm caches and the SQLAlchemy statement cache
            store.enqueue_submission(dict(body), [])
        times = []
        for body in bodies:
            start = time.perf_counter()
            store.enqueue_submission(body, [])
            times.append(time.perf_counter() - start)
        store.close()
        raw = raw_sqlite_commits(Path(tmp) / "raw.db", n)
    ms = 1000.0
    return {"items": n,
            "enqueue_p50_ms": round(_percentile(times, 0.5) * ms, 2),
            "enqueue_p99_ms": round(_percentile(times, 0.99) * ms, 2),
            "raw_sqlite_commit_p50_ms": round(_percentile(raw, 0.5) * ms, 2),
            "raw_sqlite_commit_p99_ms": round(_percentile(raw, 0.99) * ms, 2),
            "budget_p99_ms": 10}


class _PeakRss:
    def __init__(self):
        import psutil

        self.process = psutil.Process()
        self.peak = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def _run(self):
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def bench_sync(n: int = 10000, direct_n: int = 1000, keep_alive: bool = True,
               platform_mode: str = "process") -> dict:
    """Drain an n-item backlog to the reference platform on loopback, and measure the
    platform's own ingest with a direct signed client in the same run."""
    from central.admin import issue_code
    from central.server import PlatformServer
    from kiosk.sync.engine import EngineSettings, SyncEngine
    from kiosk.sync.enrolment import client_for, enroll
    from kiosk.sync.signing import signed_headers
    from offline_store import Store

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        server = PlatformServer(f"sqlite:///{root / 'platform.db'}", mode=platform_mode).start()
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
            engine = SyncEngine(store, client, app_version="bench",
                                settings=EngineSettings(backoff_min_s=0.05, backoff_max_s=1))
            with _PeakRss() as rss:
                t0 = time.perf_counter()
                report = engine.drain(until_empty=True)
                drain_s = time.perf_counter() - t0

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

            t0 = time.perf_counter()
            for item_uuid, body in claimed:
                data = jsonlib.dumps(body, ensure_ascii=False).encode()
                path = f"/v1/submissions/{item_uuid}"
                headers = signed_headers(direct.key, direct.device_id, "PUT", path, data,
                                         int(time.time()))
                headers["Content-Type"] = "application/json"
                reply = direct.http.put(server.url + path, data=data, headers=headers, timeout=30)
                if reply.status_code != 201:
                    raise RuntimeError(f"direct PUT failed: {reply.status_code} {reply.text[:200]}")
            direct_s = time.perf_counter() - t0
            counts = store.counts()
            store.close()
            client.close()
            direct.close()
        finally:
            server.stop()
    return {"items": n, "accepted": counts["accepted"], "keep_alive": keep_alive,
            "enqueue_items_per_s": round(n / enqueue_s, 1),
            "drain_items_per_s": round(report.accepted / drain_s, 1),
            "platform_direct_ingest_per_s": round(direct_n / direct_s, 1),
            "peak_rss_mb": round(rss.peak / 2**20, 1), "budget_items_per_s": 200}
