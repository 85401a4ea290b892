"""Feedback (投诉建议 / 办不成事反映 / 咨询) and 好差评 from home, end to end: the real store, the
virtual printer, the reference platform for the upload."""

from __future__ import annotations

import pytest

from drivers.printer import TemplateDataError
from drivers.printer.layout import paper_for
from drivers.printer.slips import feedback_slip, mask_phone, render_feedback_slip
from kiosk.session import Staff
from tests.around_helpers import job_text, services

pytest_plugins = ["tests.around_fixtures"]


def _items(store, kind):
    return [i for i in store.claim_due(100) if i.kind == kind]


def test_slip_layout_masks_phone_and_leaves_out_the_text():
    data = {"reference_no": "431002-K01-261123-F00001-Q", "site_name": "北湖区政务服务中心",
            "category": "投诉建议", "created_at": "2026-11-23T09:30:00", "phone": "13812345678",
            "receipt_no": "431002-K01-261123-00017-C"}
    lines = "".join(feedback_slip(data, paper_for(80)).text_lines()).replace(" ", "")
    assert "431002-K01-261123-F00001-Q" in lines and "138****5678" in lines
    assert "13812345678" not in lines and "相关办件" in lines
    assert mask_phone("12") == "**"


def test_slip_missing_field_is_named():
    with pytest.raises(TemplateDataError, match="'reference_no'"):
        render_feedback_slip({"site_name": "x", "category": "咨询", "created_at": "2026-11-23T09:30:00"})


def test_feedback_is_queued_printed_and_uploaded(qtbot, make_kiosk, store, printer, vprinter, engine):
    kiosk = make_kiosk(services=services(store=store, printer=printer))
    kiosk.ctx.set_staff(Staff("BB001", "李帮办"))
    screen = kiosk.flow.go("feedback")
    screen.category_buttons["could_not_get_done"].click()
    screen.text.setPlainText("材料齐全但系统提示无法受理")
    screen.phone.setText("13812345678")
    with qtbot.waitSignal(printer.printed, timeout=10000):
        screen.submit_button.click()
    reference = screen.reference_no
    assert reference and reference in screen.message.text()
    assert vprinter.wait_for_jobs(1)
    slip = job_text(vprinter.jobs[0])
    assert reference in slip and "办不成事反映" in slip and "系统提示" not in slip
    engine.drain(timeout_s=20)
    assert [(i["state"], i["platform_ref"][:1]) for i in store.list_items()
            if i["kind"] == "feedback"] == [("accepted", "F")]


def test_feedback_body_carries_the_assisting_staff(make_kiosk, store):
    kiosk = make_kiosk(services=services(store=store))
    kiosk.ctx.set_staff(Staff("BB001", "李帮办"))
    screen = kiosk.flow.go("feedback", receipt_no="431002-K01-261123-00017-C")
    screen.category_buttons["consultation"].click()
    screen.text.setPlainText("请问补办户口簿需要什么材料")
    screen.submit()
    [item] = _items(store, "feedback")
    assert item.body["category"] == "consultation"
    assert item.body["receipt_no"] == "431002-K01-261123-00017-C"
    assert item.body["assisted_by"] == {"staff_id": "BB001", "name": "李帮办"}
    assert "No printer" in screen.message.text() or "打印" in screen.message.text()


@pytest.mark.parametrize("category, text, phone, expected", [
    (None, "有问题", "", ("choose what", "选择")),
    ("consultation", "   ", "", ("few words", "写下")),
    ("consultation", "有问题", "12ab", ("7 to 12", "7至12")),
])
def test_feedback_refuses_incomplete_input(make_kiosk, store, category, text, phone, expected):
    kiosk = make_kiosk(services=services(store=store))
    screen = kiosk.flow.go("feedback")
    if category:
        screen.category_buttons[category].click()
    screen.text.setPlainText(text)
    screen.phone.setText(phone)
    screen.submit()
    assert any(word in screen.message.text() for word in expected)
    assert store.list_items() == []


def test_feedback_without_store_says_so(make_kiosk):
    kiosk = make_kiosk()
    screen = kiosk.flow.go("feedback")
    screen.category_buttons["consultation"].click()
    screen.text.setPlainText("咨询")
    screen.submit()
    assert "12345" in screen.message.text()


def test_rate_from_home_by_typed_digits_once_only(make_kiosk, store):
    import random

    from offline_store.receipts import make_receipt_no
    from tests.store_fixtures import submission_body
    receipt_no = store.enqueue_submission(submission_body(random.Random(3)), []).receipt_no
    digits = receipt_no.split("-")[2] + receipt_no.split("-")[3]
    kiosk = make_kiosk(services=services(store=store))
    for attempt in range(2):
        kiosk.flow.home("test")
        entry = kiosk.flow.go("rate").entry
        entry.type_digits("1234")
        entry._key("ok")
        assert kiosk.flow.current_name == "rate" and entry.message.isVisible()
        entry.clear()
        entry.type_digits(digits)
        entry._key("ok")
        rating = kiosk.flow.current()
        assert kiosk.flow.current_name == "rating" and rating.receipt_no == receipt_no
        rating.level_buttons[2].click()
        rating.submit()
        assert kiosk.flow.current_name == "rating"          # a low rating needs a reason
        rating.reason_text.setPlainText("等候时间太长")
        rating.submit()
        if attempt == 0:
            assert kiosk.flow.current_name == "thanks"
        else:
            assert kiosk.flow.current_name == "rating" and rating.message.isVisible()
    [item] = _items(store, "rating")
    assert item.body["receipt_no"] == receipt_no and item.body["level"] == 2
    assert make_receipt_no("431002", "K01", __import__("datetime").date.today(), 1) == receipt_no


def test_rate_from_home_by_scanned_qr(qtbot, make_kiosk, store):
    from types import SimpleNamespace

    from PySide6.QtCore import QObject, Signal

    class FakeQrCamera(QObject):  # the camera helper's CameraService(mode="qr") signal shape
        barcodeRead = Signal(object)
        modes: list = []

        def start(self, mode="page"):
            self.modes.append(mode)

        def pause(self):
            self.modes.append("paused")

        def stop(self):
            self.modes.append("stopped")

    camera = FakeQrCamera()
    kiosk = make_kiosk(services=services(store=store, camera=camera))
    screen = kiosk.flow.go("rate")
    assert camera.modes == ["qr"]
    camera.barcodeRead.emit(SimpleNamespace(text="https://zwfw.example.cn/q?r=431002-K01-261123-00017-X"))
    assert kiosk.flow.current_name == "rate" and screen.entry.message.isVisible()   # bad check char
    from offline_store.receipts import check_character
    good = "431002-K01-261123-00017-" + check_character("431002K0126112300017")
    camera.barcodeRead.emit(SimpleNamespace(text=f"https://zwfw.example.cn/q?r={good}"))
    assert kiosk.flow.current_name == "rating" and kiosk.flow.current().receipt_no == good
