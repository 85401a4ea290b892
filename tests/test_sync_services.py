"""Qt wrappers: StoreService serializes writes on one worker; SyncService relays the engine."""

from __future__ import annotations

import random

import pytest
from store_fixtures import open_store, submission_body
from sync_fixtures import enrolled_kiosk

from central.server import PlatformServer
from kiosk.services.store import StoreService
from kiosk.services.sync import SyncService


def test_store_service_enqueues_on_its_worker_and_reports_failures(qtbot, tmp_path):
    store = open_store(tmp_path / "d")
    service = StoreService(store)
    service.start()
    try:
        rng = random.Random(1)
        got = []
        service.enqueued.connect(lambda uuid, number: got.append((uuid, number)))
        with qtbot.waitSignal(service.enqueued, timeout=10000):
            service.submit(submission_body(rng), [])
        with qtbot.waitSignal(service.failed, timeout=10000) as failed:
            service.rate(got[0][1], 1, "")  # low rating without a reason
        assert "reason" in failed.args[0]
        store.min_free_mb = 10**9
        with qtbot.waitSignal(service.failed, timeout=10000) as low:
            service.submit(submission_body(rng), [])
        assert "watermark" in low.args[0]
    finally:
        service.stop()
        store.close()
    assert len(got) == 1


@pytest.fixture
def platform(tmp_path):
    server = PlatformServer(f"sqlite:///{tmp_path / 'platform.db'}").start()
    yield server
    server.stop()


def test_sync_service_relays_counts_online_and_status(qtbot, platform, tmp_path):
    kiosk = enrolled_kiosk(platform, tmp_path / "kiosk")
    service = SyncService(kiosk.engine)
    writer = StoreService(kiosk.store)
    writer.enqueued.connect(service.wake)
    counts = []
    service.queueChanged.connect(counts.append)
    writer.start()
    service.start()
    try:
        rng = random.Random(2)
        with qtbot.waitSignal(service.online, timeout=15000) as online:
            writer.submit(submission_body(rng), [])
        assert online.args == [True]
        qtbot.waitUntil(lambda: kiosk.store.counts()["accepted"] == 1, timeout=15000)
        qtbot.waitUntil(lambda: any(c.get("accepted") == 1 for c in counts), timeout=15000)
        receipt = kiosk.store.list_items()[0]["ref_no"]
        with qtbot.waitSignal(service.statusResult, timeout=15000) as result:
            service.query_status(receipt_nos=[receipt])
        assert result.args[0]["ok"] and result.args[0]["applications"][0]["status"] == "received"
        platform.stop()
        with qtbot.waitSignal(service.statusResult, timeout=15000) as cached:
            service.query_status(receipt_nos=[receipt])
        answer = cached.args[0]
        assert answer["cached"] and answer["applications"][0]["receipt_no"] == receipt
        platform.start()
    finally:
        writer.stop()
        service.stop()
        kiosk.store.close()
