"""The technician screen with real parts (demo rig: reader simulator on a pty, virtual printer on
TCP, scene camera, SQLite store): live status, self-test table from a worker thread, test print,
reader test read showing only the masked number, camera preview, queue by state with re-queue
and reprint, sync now, restart with exit code 75; every action in the audit trail."""

import random

import pytest
from PySide6.QtCore import QCoreApplication

from kiosk.app import Kiosk
from kiosk.audit import attach_audit
from kiosk.demo import DemoRig
from tests.store_fixtures import submission_body


@pytest.fixture
def rig(tmp_path, qapp, monkeypatch, request):
    """The demo rig; `@pytest.mark.parametrize("rig", [False], indirect=True)` leaves out the
    platform (and so the sync engine)."""
    monkeypatch.setenv("KIOSK_STORE__MIN_FREE_MB", "0")
    demo = DemoRig(tmp_path / "rig", platform=getattr(request, "param", True), platform_mode="thread")
    demo.start()
    yield demo
    demo.stop()


@pytest.fixture
def admin(rig, qapp):
    kiosk = Kiosk(rig.config, services=rig.services, health=rig.health)
    kiosk.start()
    trail = attach_audit(kiosk)
    screen = kiosk.flow.go("admin")
    yield kiosk, screen, trail
    kiosk.shutdown()
    kiosk.ctx.authorised_exit = True
    kiosk.window.close()
    kiosk.window.deleteLater()


def _actions(trail) -> list[str]:
    return [e.get("action") for e in trail.buffer if e["event"] == "admin_action"]


def test_selftest_runs_on_a_worker_and_fills_the_table(admin, qtbot):
    kiosk, screen, trail = admin
    screen.tabs["devices"].click()
    devices = screen.devices
    qtbot.waitUntil(lambda: kiosk.ctx.services.idcard.status == "idle", timeout=5000)
    qtbot.mouseClick(devices.run_selftest, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton)
    assert not devices.run_selftest.isEnabled()
    qtbot.waitUntil(lambda: devices.run_selftest.isEnabled(), timeout=30000)
    statuses = {r.name: r.status for r in devices.results}
    assert list(statuses) == ["reader", "printer", "camera", "platform", "storage", "fonts", "translations"]
    assert set(statuses.values()) == {"pass"}, [(r.name, r.reason) for r in devices.results]
    assert "自检通过" in devices.selftest_state.text()
    assert devices.table.count() == 3 * 7
    assert "selftest" in _actions(trail)
    assert "身份证阅读器" in devices.status.text() or "ID card reader" in devices.status.text()


@pytest.mark.parametrize("rig", [False], indirect=True)
def test_test_print_reader_read_and_camera_preview(admin, rig, qtbot):
    kiosk, screen, trail = admin
    screen.show_page("devices")
    devices = screen.devices
    before = len(rig.printer.jobs)
    devices.test_print.click()
    qtbot.waitUntil(lambda: len(rig.printer.jobs) > before, timeout=8000)
    qtbot.waitUntil(lambda: not devices.print_jobs, timeout=5000)

    qtbot.waitUntil(lambda: kiosk.ctx.services.idcard.status == "idle", timeout=5000)
    devices.test_read.click()
    person = rig.resident()
    rig.reader.place(person)
    masked = person.id_number[:6] + "********" + person.id_number[-4:]
    qtbot.waitUntil(lambda: masked in devices.device_message.text(), timeout=8000)
    assert person.id_number not in devices.device_message.text()
    assert person.fields.get("name", "") not in devices.device_message.text()
    rig.reader.remove()

    devices.preview_button.click()
    qtbot.waitUntil(lambda: devices.preview.pixmap() is not None and not devices.preview.pixmap().isNull(),
                    timeout=10000)
    screen.show_page("queue")                                # leaving the page stops the camera
    assert not kiosk.ctx.services.camera.isRunning()
    assert _actions(trail) == ["test_print", "reader_test", "camera_preview"]


@pytest.mark.parametrize("rig", [False], indirect=True)
def test_queue_by_state_requeue_and_reprint(admin, rig, qtbot):
    kiosk, screen, trail = admin
    store = rig.services.store
    done = store.submit(submission_body(random.Random(3)), [])
    assert done.uuid in [c.uuid for c in store.claim_due(limit=100)]   # as the sender does
    store.mark_rejected(done.uuid, "platform says: form field missing")
    screen.show_page("queue")
    queue = screen.queue
    assert queue.state == "rejected" and "1" in queue.counts.text()
    assert [item["uuid"] for item in queue.items] == [done.uuid]
    before = len(rig.printer.jobs)
    queue.reprint_buttons[done.receipt_no].click()
    qtbot.waitUntil(lambda: len(rig.printer.jobs) > before, timeout=8000)
    text = "".join(rig.printer.jobs[-1].lines).replace(" ", "").replace("-", "")
    assert done.receipt_no.replace("-", "") in text
    queue.requeue_buttons[done.uuid].click()
    assert done.uuid in [item["uuid"] for item in store.list_items("queued")]
    assert queue.items == [] and "已重新排队" in queue.message.text()
    queue.sync()
    assert "平台" in queue.message.text()                  # no platform, no sync service
    assert _actions(trail) == ["reprint", "requeue", "sync_now"]


def test_sync_now_sends_an_item_waiting_out_its_back_off(admin, rig, qtbot):
    kiosk, screen, trail = admin
    from central.db import database
    from central.models import Device

    def heartbeat_seen() -> bool:          # the engine's first round is over: it sleeps now
        with database(rig.platform.db_url) as sessions, sessions() as session:
            return any(d.last_heartbeat_at for d in session.query(Device))

    qtbot.waitUntil(heartbeat_seen, timeout=10000)
    raw = rig.services.store.store
    done = raw.enqueue_submission(submission_body(random.Random(5)), [])
    claimed = raw.claim_due(limit=100)
    assert done.uuid in [c.uuid for c in claimed]
    for item in claimed:
        raw.mark_retry(item.uuid, "test: platform busy", 3600)    # next attempt in an hour
    screen.show_page("queue")
    screen.queue.sync_now.click()
    def state():
        return next(i for i in raw.list_items() if i["uuid"] == done.uuid)

    qtbot.waitUntil(lambda: state()["state"] not in ("queued", "sending"), timeout=10000)
    assert state()["state"] == "accepted", state()
    assert "sync_now" in _actions(trail)


@pytest.mark.parametrize("rig", [False], indirect=True)
def test_restart_exits_with_75_after_a_clean_stop(admin, monkeypatch):
    kiosk, screen, trail = admin
    codes = []
    monkeypatch.setattr(QCoreApplication, "exit", staticmethod(lambda code=0: codes.append(code)))
    screen.restart.click()
    assert codes == [75] and kiosk.ctx.authorised_exit
    assert kiosk.ctx.services.printer._thread is None        # services stopped first
    assert trail.flushed_batches >= 1 and not trail.buffer    # the note reached the store


def test_without_services_every_action_says_what_is_missing(kiosk, qtbot):
    screen = kiosk.flow.go("admin")
    screen.show_page("devices")
    for action, expected in ((screen.devices.test_print, "打印机"), (screen.devices.test_read, "阅读器"),
                             (screen.devices.preview_button, "高拍仪")):
        action.click()
        assert expected in screen.devices.device_message.text()
    screen.show_page("queue")
    assert "离线存储" in screen.queue.counts.text()
    screen.queue.sync()
    assert "平台" in screen.queue.message.text()
    screen.devices.run_selftest.click()
    qtbot.waitUntil(lambda: screen.devices.run_selftest.isEnabled(), timeout=30000)
    assert len(screen.devices.results) == 7
