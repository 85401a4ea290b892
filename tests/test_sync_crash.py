"""Crash safety: enqueue and sync subprocesses SIGKILLed at random moments (50+ times) while
items flow. Afterwards nothing is lost, nothing duplicated, and the integrity check passes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import func, select
from sync_fixtures import enrolled_kiosk

from central.db import open_database
from central.models import Submission
from central.server import PlatformServer

WORKER = Path(__file__).with_name("sync_crash_worker.py")
KILLS_PER_WORKER = 25


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _killer(mode: str, data_dir: Path, rng: random.Random, printed: list[str],
            kills: list[str]) -> None:
    zygote = subprocess.Popen([sys.executable, str(WORKER), str(data_dir)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        for n in range(KILLS_PER_WORKER):
            outfile = data_dir.parent / f"{mode}-{n}.out"
            command = f"enqueue {rng.randint(0, 10**9)} {outfile}" if mode == "enqueue" \
                else f"sync {outfile}"
            zygote.stdin.write(command + "\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline())
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and _alive(pid) and not (
                    outfile.exists() and outfile.read_text().startswith("ready")):
                time.sleep(0.005)
            assert _alive(pid), f"{mode} worker {pid} died on its own"
            time.sleep(rng.uniform(0.0, 0.4))  # a random moment of its work
            os.kill(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.005)
            printed.extend(line for line in outfile.read_text().split("\n")[1:] if line)
            kills.append(mode)
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=10)
        zygote.stdout.close()


def test_sigkill_at_random_moments_loses_and_duplicates_nothing(tmp_path):
    server = PlatformServer(f"sqlite:///{tmp_path / 'platform.db'}").start()
    kiosk = enrolled_kiosk(server, tmp_path / "kiosk")
    kiosk.store.close()  # the workers own the data dir while they run
    try:
        printed: list[str] = []
        kills: list[str] = []
        threads = [threading.Thread(target=_killer, name=f"killer-{mode}",
                                    args=(mode, tmp_path / "kiosk", random.Random(seed),
                                          printed, kills))
                   for mode, seed in (("enqueue", 1), ("sync", 2))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(kills) >= 50
        committed = set(printed)
        assert len(committed) >= 20, "too few items flowed to test anything"

        from offline_store import Store

        store = Store.open(tmp_path / "kiosk", site_code=kiosk.enrolment.site_code,
                           device_code=kiosk.enrolment.device_code, min_free_mb=0)
        kiosk.store = store
        kiosk.engine.store = store
        kiosk.engine.sender.store = store
        assert store.integrity_check()["status"] == "ok"
        local = {item["uuid"] for item in store.list_items(limit=100000)}
        assert committed <= local, "an enqueue reported as committed was lost"
        assert store.counts()["sending"] == 0  # interrupted sends were re-queued on open

        kiosk.engine.drain(until_empty=True, timeout_s=120)
        counts = store.counts()
        assert counts["accepted"] == len(local) and counts["quarantined"] == 0, counts
        with open_database(server.db_url)() as session:
            rows = session.execute(select(Submission.uuid, func.count())
                                   .group_by(Submission.uuid)).all()
        assert {u for u, _ in rows} == local
        assert all(n == 1 for _, n in rows)
        assert store.integrity_check()["status"] == "ok"
    finally:
        kiosk.close()
        server.stop()
