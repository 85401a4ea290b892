"""The GUI-thread bridge: what a worker thread reports fires on the GUI thread, for every kind of
receiver, and an answer for an owner deleted meanwhile is dropped."""

from __future__ import annotations

import threading

from PySide6.QtCore import Signal

from kiosk.services.worker_signals import WorkerSignals, run_on_gui_thread

pytest_plugins = ["tests.around_fixtures"]


class _Reporter(WorkerSignals):
    answered = Signal(int, object)


def _on_a_worker(work) -> None:
    thread = threading.Thread(target=work)
    thread.start()
    thread.join()


def test_a_lambda_receiver_runs_on_the_gui_thread_at_the_next_turn(qtbot):
    reporter = _Reporter()
    seen: list[tuple[int, object, int]] = []
    reporter.answered.connect(lambda n, value: seen.append((n, value, threading.get_ident())))
    _on_a_worker(lambda: reporter.emit_from_worker("answered", 7, {"ok": None}))
    assert seen == []        # nothing ran on the worker
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=2000)
    assert seen == [(7, {"ok": None}, threading.get_ident())]


def test_calls_run_on_the_gui_thread_in_the_order_posted(qtbot):
    ran: list[tuple[int, int]] = []
    _on_a_worker(lambda: [run_on_gui_thread(lambda n=n: ran.append((n, threading.get_ident())))
                          for n in range(5)])
    qtbot.waitUntil(lambda: len(ran) == 5, timeout=2000)
    assert ran == [(n, threading.get_ident()) for n in range(5)]


def test_an_answer_for_a_deleted_owner_is_dropped(qtbot, caplog):
    import shiboken6

    reporter = _Reporter()
    caplog.set_level("DEBUG", logger="kiosk.services.worker_signals")
    _on_a_worker(lambda: reporter.emit_from_worker("answered", 2, None))
    shiboken6.delete(reporter)        # the screen that asked is wiped before the answer arrives
    qtbot.waitUntil(lambda: any("answered dropped" in r.getMessage() for r in caplog.records),
                    timeout=2000)


def test_printer_reports_printed_on_the_gui_thread(qtbot, printer, vprinter):
    threads: list[int] = []
    printer.printed.connect(lambda job_id: threads.append(threading.get_ident()))
    with qtbot.waitSignal(printer.printed, timeout=5000):
        printer.print_bytes(b"\x1b@hello\n")
    assert threads == [threading.get_ident()]
    assert vprinter.wait_for_jobs(1)

