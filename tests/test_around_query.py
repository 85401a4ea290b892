"""进度查询 end to end: statuses from the reference platform when online, this terminal's cache
(with its age) when not, by receipt or by ID card; reprint on the virtual printer."""

from __future__ import annotations

import random
from types import SimpleNamespace

from central.admin import set_status
from kiosk.progress import query_progress, receipt_from_digits, receipt_in_scan, reprint_data
from offline_store import id_hash_of
from tests.around_helpers import job_text, services
from tests.store_fixtures import submission_body

pytest_plugins = ["tests.around_fixtures"]
RESIDENT = "110101199003074514"     # invented


def _submit(store, **kw):
    return store.enqueue_submission(submission_body(random.Random(7), id_number=RESIDENT, **kw), []).receipt_no


def _answer(qtbot, screen):
    qtbot.waitUntil(lambda: screen.token is None, timeout=15000)
    screen.calls.wait()


def test_receipt_numbers_from_scans_and_digits():
    made = receipt_from_digits("26112300017", "431002", "k01")
    assert made.startswith("431002-K01-261123-00017-") and receipt_in_scan(made) == made
    assert receipt_in_scan(f"https://zwfw.example.cn/q?r={made.lower()}") == made
    assert receipt_in_scan(made[:-1] + ("0" if made[-1] != "0" else "1")) is None
    assert receipt_from_digits("2611230001", "431002", "K01") is None
    assert receipt_in_scan(None) is None


def test_offline_answers_from_the_local_record(store):
    receipt_no = _submit(store)
    answer = query_progress(store, None, receipt_nos=[receipt_no])
    assert answer["source"] == "cache" and answer["age_s"] is None
    [row] = answer["applications"]
    assert row["status"] == "not_uploaded" and row["receipt_no"] == receipt_no and row["local"]
    assert "name" not in row and "id_number" not in row


def test_online_then_offline_by_id_card_shows_cached_status_with_age(qtbot, make_kiosk, store, engine,
                                                                     platform):
    receipt_no = _submit(store)
    engine.drain(timeout_s=20)
    set_status(platform.db_url, receipt_no, "mailed", tracking_no="SF1234567890")
    kiosk = make_kiosk(services=services(store=store, sync=engine))
    screen = kiosk.flow.go("query")
    screen._ask(id_hash=id_hash_of(RESIDENT))
    _answer(qtbot, screen)
    [row] = screen.rows
    assert (row["status"], row["tracking_no"]) == ("mailed", "SF1234567890")
    assert "platform" in screen.state.text() or "平台" in screen.state.text()
    # the platform goes away: the same question is answered from the cache, marked with its age
    later = query_progress(store, None, id_hash=id_hash_of(RESIDENT), now=row["cached_at"] + 600)
    assert later["source"] == "cache" and 599 <= later["age_s"] <= 601
    assert later["applications"][0]["status"] == "mailed"
    platform.stop()
    kiosk.flow.home("test")
    screen = kiosk.flow.go("query")
    screen.query_receipt(receipt_no)
    _answer(qtbot, screen)
    assert screen.rows[0]["tracking_no"] == "SF1234567890"
    assert "Offline" in screen.state.text() or "网络未连接" in screen.state.text()


def test_needs_correction_lists_what_is_missing(qtbot, make_kiosk, store, engine, platform):
    receipt_no = _submit(store)
    engine.drain(timeout_s=20)
    set_status(platform.db_url, receipt_no, "needs_correction", missing=["户口簿原件"])
    kiosk = make_kiosk(services=services(store=store, sync=engine))
    screen = kiosk.flow.go("query")
    screen.query_receipt(receipt_no)
    _answer(qtbot, screen)
    texts = [w.text() for w in screen.results.findChildren(type(screen.state))]
    assert any("户口簿原件" in t for t in texts)


def test_reprint_from_the_query_screen(qtbot, make_kiosk, store, printer, vprinter):
    receipt_no = _submit(store)
    kiosk = make_kiosk(services=services(store=store, printer=printer))
    screen = kiosk.flow.go("query")
    screen.query_receipt(receipt_no)
    _answer(qtbot, screen)
    with qtbot.waitSignal(printer.printed, timeout=10000):
        screen.reprint_buttons[receipt_no].click()
    assert vprinter.wait_for_jobs(1)
    text = job_text(vprinter.jobs[0])
    assert receipt_no in text and "受理回执" in text and RESIDENT not in text and "110101" in text


def test_reprint_refused_after_purge(kiosk_config):
    app = {"receipt_no": "R1", "purged": True}
    try:
        reprint_data(app, kiosk_config)
    except ValueError as exc:
        assert "purged" in str(exc)
    else:
        raise AssertionError("a purged application must not be reprinted")


def test_query_without_any_service_says_what_is_missing(qtbot, make_kiosk):
    kiosk = make_kiosk()
    screen = kiosk.flow.go("query")
    assert "not available" in screen.ask.findChildren(type(screen.state))[0].text() or \
        "不可用" in screen.ask.findChildren(type(screen.state))[0].text()
    screen.query_receipt("431002-K01-261123-00017-C")
    _answer(qtbot, screen)
    assert screen.rows == []


def test_card_read_queries_by_id_hash(qtbot, make_kiosk, store):
    from PySide6.QtCore import QObject, Signal

    class Reader(QObject):
        cardRead = Signal(object)

    reader = Reader()
    _submit(store)
    kiosk = make_kiosk(services=services(store=store, idcard=reader))
    screen = kiosk.flow.go("query")
    reader.cardRead.emit(SimpleNamespace(id_hash=lambda: id_hash_of(RESIDENT)))
    _answer(qtbot, screen)
    assert len(screen.rows) == 1


def test_query_through_the_sync_service_uses_its_engine(qtbot, make_kiosk, store, engine):
    from kiosk.services.platform_calls import resolve
    from kiosk.services.sync import SyncService
    service = SyncService(engine)
    assert resolve(service) == (engine, engine.client)
    receipt_no = _submit(store)
    engine.drain(timeout_s=20)
    kiosk = make_kiosk(services=services(store=store, sync=service))
    screen = kiosk.flow.go("query")
    screen.query_receipt(receipt_no)
    _answer(qtbot, screen)
    assert [r["status"] for r in screen.rows] == ["received"]
    assert "平台" in screen.state.text() or "platform" in screen.state.text()
