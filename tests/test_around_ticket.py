"""Queue tickets: per-category daily numbers that survive a restart, people ahead from the
platform (or "—" without it), the ticket printed on the virtual printer."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from kiosk.queue_numbers import TicketCounter
from tests.around_helpers import job_text, services
from tests.store_fixtures import open_store

pytest_plugins = ["tests.around_fixtures"]


def test_numbers_per_category_per_day_survive_reopening(tmp_path):
    first = open_store(tmp_path / "s")
    counter = TicketCounter(first)
    assert [counter.issue("A"), counter.issue("A"), counter.issue("B")] == ["A001", "A002", "B001"]
    assert counter.issue("A", day=date(2030, 1, 2)) == "A001"     # a new day starts again
    first.close()
    reopened = open_store(tmp_path / "s")
    assert TicketCounter(reopened).issue("A") == "A003"
    reopened.close()


def test_numbers_are_unique_under_concurrent_callers(store):
    import threading
    counter = TicketCounter(store)
    issued: list[str] = []
    lock = threading.Lock()

    def take():
        for _ in range(10):
            number = counter.issue("C")
            with lock:
                issued.append(number)

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(issued) == [f"C{n:03d}" for n in range(1, 41)]


def test_bad_category_code_is_refused(store):
    import pytest
    with pytest.raises(ValueError, match="one capital letter"):
        TicketCounter(store).issue("a1")


def test_ticket_offline_prints_number_with_unknown_wait(qtbot, make_kiosk, store, printer, vprinter):
    kiosk = make_kiosk(services=services(store=store, printer=printer))
    screen = kiosk.flow.go("ticket")
    with qtbot.waitSignal(printer.printed, timeout=5000):
        qtbot.mouseClick(screen.category_buttons["B"], Qt.MouseButton.LeftButton)
    assert vprinter.wait_for_jobs(1)
    text = job_text(vprinter.jobs[0])
    assert "排队取号" in text and "B001" in text and "社保医保" in text and "等候人数暂不可知" in text
    assert "B001" in screen.number_label.text() and "—" in screen.ahead_label.text()


def test_ticket_online_shows_people_ahead_and_reports_it(qtbot, make_kiosk, store, printer, vprinter,
                                                         engine):
    kiosk = make_kiosk(services=services(store=store, printer=printer, sync=engine))
    screen = kiosk.flow.go("ticket")
    with qtbot.waitSignal(printer.printed, timeout=10000):
        screen.take("A", "综合受理")
    with qtbot.waitSignal(printer.printed, timeout=10000):
        kiosk.flow.home("test")
        kiosk.flow.go("ticket").take("A", "综合受理")
    assert vprinter.wait_for_jobs(2)
    first, second = (job_text(j) for j in vprinter.jobs[:2])
    assert "A001" in first and "您前面还有0人等候" in first
    assert "A002" in second and "您前面还有1人等候" in second
    engine_reply = engine.client.request("GET", "/v1/queue/A")
    assert engine_reply.body == {"people_ahead": 2}
