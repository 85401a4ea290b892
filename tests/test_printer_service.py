"""PrinterService against the virtual printer on loopback, with real Qt signals."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from drivers.printer.virtual import VirtualPrinter  # noqa: E402
from kiosk.health import Health  # noqa: E402
from kiosk.services.printer import PrinterService  # noqa: E402
from tests.printer_helpers import NOTICE, TICKET, compact, receipt  # noqa: E402


@pytest.fixture
def vprinter(tmp_path):
    vp = VirtualPrinter(port=0, out_dir=tmp_path / "out", width_mm=80).start()
    yield vp
    vp.stop()


@pytest.fixture
def service(qtbot, vprinter):
    health = Health()
    # generous status timeout: a loaded CI machine can starve the virtual printer's thread
    svc = PrinterService(vprinter.uri, 80, "TM-T88V", True, health=health, poll_interval_s=60,
                         timeout_s=2.0)
    svc.health = health
    with qtbot.waitSignal(svc.statusChanged, timeout=5000):
        svc.start()
    yield svc
    svc.stop()


def test_receipt_notice_ticket_are_printed_and_signalled(qtbot, service, vprinter):
    assert service.status().state == "ok"
    assert service.health.devices["printer"] == ("ok", "正常")
    for submit, data in ((service.print_receipt, receipt()), (service.print_notice, NOTICE),
                         (service.print_ticket, TICKET)):
        with qtbot.waitSignal(service.printed, timeout=5000) as blocker:
            job_id = submit(data)
        assert blocker.args == [job_id]
    assert vprinter.wait_for_jobs(3)
    texts = [compact(j.lines) for j in vprinter.jobs]
    assert "受理回执" in texts[0] and "一次性告知单" in texts[1] and "排队取号" in texts[2]


def test_print_bytes(qtbot, service, vprinter):
    with qtbot.waitSignal(service.printed, timeout=5000):
        service.print_bytes(b"\x1b@\x1c&" + "测试".encode("gb18030") + b"\n\x1dV\x00")
    assert vprinter.wait_for_jobs(1) and vprinter.jobs[0].lines == ["测试"]


def test_paper_out_fails_with_reason_keeps_the_job_and_retry_prints_it(qtbot, service, vprinter):
    vprinter.set_paper("out")
    with qtbot.waitSignal(service.failed, timeout=5000) as blocker:
        job_id = service.print_receipt(receipt())
    assert blocker.args[0] == job_id and "打印纸已用完" in blocker.args[1]
    assert service.status().paper == "out"
    assert service.health.devices["printer"][0] == "fail"
    assert job_id in service.failed_jobs and vprinter.jobs == []

    vprinter.set_paper("near-end")
    with qtbot.waitSignal(service.printed, timeout=5000) as blocker:
        new_id = service.retry(job_id)
    assert blocker.args == [new_id] and job_id not in service.failed_jobs
    assert service.health.devices["printer"] == ("warn", "打印纸将尽")
    assert vprinter.wait_for_jobs(1) and "受理回执" in compact(vprinter.jobs[0].lines)


def test_bad_template_data_fails_without_killing_the_worker(qtbot, service):
    with qtbot.waitSignal(service.failed, timeout=5000) as blocker:
        job_id = service.print_ticket({"site_name": "x"})
    assert blocker.args[0] == job_id and "category_name" in blocker.args[1]
    with qtbot.waitSignal(service.printed, timeout=5000):
        service.print_ticket(TICKET)


def test_silent_printer_reports_unknown_never_ok(qtbot, service, vprinter):
    vprinter.set_silent(True)
    with qtbot.waitSignal(service.failed, timeout=5000) as blocker:
        service.print_ticket(TICKET)
    assert "无法确认" in blocker.args[1]
    assert service.status().state == "unknown"
    assert service.health.devices["printer"][0] == "unknown"


def test_status_poll_notices_paper_change(qtbot, service, vprinter):
    vprinter.set_paper("near-end")
    with qtbot.waitSignal(service.statusChanged, timeout=5000) as blocker:
        service.refresh_status()
    assert blocker.args[0].paper == "near_end"


def test_jobs_queued_at_stop_are_reported_failed_not_lost(qtbot, vprinter):
    vprinter.set_silent(True)  # each job waits for a status reply that never comes
    svc = PrinterService(vprinter.uri, 80, poll_interval_s=60, timeout_s=0.3)
    failures: dict[str, str] = {}
    svc.failed.connect(lambda job_id, reason: failures.__setitem__(job_id, reason))
    svc.start()
    ids = [svc.print_ticket(TICKET) for _ in range(3)]
    svc.stop()
    qtbot.waitUntil(lambda: len(failures) == 3, timeout=5000)
    assert set(failures) == set(ids) == set(svc.failed_jobs)
    assert any("已停止" in reason for reason in failures.values())
