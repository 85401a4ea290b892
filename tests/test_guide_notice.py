"""「打印告知单」 from the guide screen reaches a real (virtual) ESC/POS printer over TCP on
loopback: the printed job names the bundle and its materials; a printer out of paper is
reported on the screen and the button can be tried again."""

from __future__ import annotations

import pytest

from drivers.printer.virtual import VirtualPrinter
from kiosk.context import Services
from kiosk.services.printer import PrinterService
from tests.printer_helpers import compact
from tests.test_guide_browse import tap, write_catalog


@pytest.fixture
def catalog(tmp_path):
    return write_catalog(tmp_path / "catalog")


@pytest.fixture
def vprinter(tmp_path):
    printer = VirtualPrinter(port=0, out_dir=tmp_path / "paper").start()
    yield printer
    printer.stop()


@pytest.fixture
def printer_service(qtbot, vprinter):
    service = PrinterService(f"tcp://127.0.0.1:{vprinter.port}", poll_interval_s=60, timeout_s=2.0)
    with qtbot.waitSignal(service.statusChanged, timeout=5000):
        service.start()
    yield service
    service.stop()


def test_notice_is_printed_with_the_bundle_and_its_materials(make_kiosk, qtbot, catalog, vprinter,
                                                             printer_service):
    kiosk = make_kiosk(services=Services(catalog=catalog, printer=printer_service))
    guide = kiosk.flow.go("guide", code="T-YJS")
    with qtbot.waitSignal(printer_service.printed, timeout=5000):
        tap(qtbot, guide.print_button)
        assert "正在打印" in guide.status_label.text() and not guide.print_button.isEnabled()
    qtbot.waitUntil(lambda: "已打印" in guide.status_label.text(), timeout=5000)
    assert guide.print_button.isEnabled()
    assert vprinter.wait_for_jobs(1)
    printed = compact(vprinter.jobs[0].text_lines)
    assert "一次性告知单" in printed
    assert "新生儿出生一件事" in printed
    assert "结婚证" in printed and "近期免冠彩色证件照" in printed
    assert kiosk.config.site.site_name in printed
    assert vprinter.jobs[0].cut


def test_printer_out_of_paper_is_reported_and_can_be_retried(make_kiosk, qtbot, catalog, vprinter,
                                                             printer_service):
    kiosk = make_kiosk(services=Services(catalog=catalog, printer=printer_service))
    guide = kiosk.flow.go("guide", code="T-SBK")
    vprinter.set_paper("out")
    with qtbot.waitSignal(printer_service.failed, timeout=5000):
        tap(qtbot, guide.print_button)
    qtbot.waitUntil(lambda: "打印失败" in guide.status_label.text(), timeout=5000)
    assert guide.status_label.property("role") == "error"
    assert vprinter.jobs == []
    vprinter.set_paper("ok")
    with qtbot.waitSignal(printer_service.printed, timeout=5000):
        tap(qtbot, guide.print_button)
    qtbot.waitUntil(lambda: "已打印" in guide.status_label.text(), timeout=5000)
    assert vprinter.wait_for_jobs(1)
    assert "社会保障卡申领" in compact(vprinter.jobs[0].text_lines)


def test_other_jobs_do_not_change_the_guide_and_a_closed_guide_ignores_the_printer(
        make_kiosk, qtbot, catalog, vprinter, printer_service):
    kiosk = make_kiosk(services=Services(catalog=catalog, printer=printer_service))
    guide = kiosk.flow.go("guide", code="T-SBK")
    with qtbot.waitSignal(printer_service.printed, timeout=5000):
        printer_service.print_ticket({"site_name": "测试", "category_name": "综合窗口", "number": "A001",
                                      "issued_at": "2026-01-05T09:00:00+08:00", "people_ahead": 0})
    kiosk.app.processEvents()
    assert not guide.status_label.isVisibleTo(guide)      # not this screen's job
    kiosk.flow.home("exit")                                # the guide is wiped and destroyed
    with qtbot.waitSignal(printer_service.printed, timeout=5000):
        printer_service.print_notice(catalog.merged("T-SBK").notice_data("测试"))
    kiosk.app.processEvents()
    assert vprinter.wait_for_jobs(2)
