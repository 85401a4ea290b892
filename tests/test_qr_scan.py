"""The QR scan screen on the real camera service: the live scene source shows a phone with a
chosen QR code, the service decodes it on its worker thread, the screen hands the code back to
the screen that asked (or says why not)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from drivers.barcode import BarcodeResult
from drivers.camera.scenes import LiveSceneSource
from kiosk.context import Services
from kiosk.progress import receipt_from_digits
from screens.qr_scan import RESULT_KEY, identity_code_in_scan

APPOINTMENT = "预约码 48213377 郴州市政务服务中心 5号窗口"   # a QR code of another kind


class PhoneUnderCamera:
    """Opens live scene sources (as the camera service does on start) that all show the QR code
    the test puts on the phone."""

    def __init__(self) -> None:
        self.payload: str | None = None
        self.sources: list[LiveSceneSource] = []

    def open(self, spec: str, width: int = 1920, height: int = 1080, seed: int | None = None):
        source = LiveSceneSource(width, height, seed=7)
        source.set_qr_payload(self.payload)
        self.sources.append(source)
        return source

    def show(self, text: str | None) -> None:
        self.payload = text
        for source in self.sources:
            source.set_qr_payload(text)


@pytest.fixture
def phone(monkeypatch):
    """A CameraService whose scene source shows what `phone.show(text)` put on the phone."""
    from kiosk.services import camera as camera_module
    holder = PhoneUnderCamera()
    monkeypatch.setattr(camera_module, "open_source", holder.open)
    holder.service = camera_module.CameraService("scene", width=960, height=540, fps=25)
    yield holder
    holder.service.stop()


def test_identity_codes_are_told_from_other_codes():
    assert identity_code_in_scan("48213377") == "48213377"
    assert identity_code_in_scan(" eid:48213377\n") == "48213377"
    assert identity_code_in_scan(APPOINTMENT) is None
    assert identity_code_in_scan("https://zwfw.example.gov.cn/q?r=HN123456789012") is None
    assert identity_code_in_scan("1234") is None
    assert identity_code_in_scan(None) is None


def _scan_screen(make_kiosk, phone, caller: str = "identify", **params):
    kiosk = make_kiosk(services=Services(camera=phone.service))
    kiosk.flow.go(caller)
    return kiosk, kiosk.flow.go("qr_scan", **params)


def test_wrong_kind_of_code_is_said_then_the_right_one_goes_back_to_the_caller(qtbot, make_kiosk, phone):
    phone.show(APPOINTMENT)
    kiosk, screen = _scan_screen(make_kiosk, phone, purpose="identity")
    assert phone.service.isRunning()
    qtbot.waitUntil(lambda: screen.preview.pixmap() is not None and not screen.preview.pixmap().isNull(),
                    timeout=10000)
    qtbot.waitUntil(screen.message.isVisible, timeout=10000)
    assert "电子身份码" in screen.message.text()
    assert kiosk.flow.current_name == "qr_scan"
    phone.show("eid:31415926")
    qtbot.waitUntil(lambda: kiosk.flow.current_name != "qr_scan", timeout=10000)
    assert kiosk.flow.current_name == "identify"
    assert not phone.service.isRunning()  # the scan screen stopped the camera on leaving
    # identify takes the code at once; without a platform it says it cannot check it
    assert RESULT_KEY not in kiosk.ctx.session.data
    assert "身份证" in kiosk.flow.current().state.text()


def test_receipt_code_is_handed_back_for_the_caller_to_pick_up(qtbot, make_kiosk, phone):
    receipt_no = receipt_from_digits("26112300017", "431002", "K01")
    phone.show(f"https://zwfw.example.gov.cn/q?r={receipt_no}")
    kiosk, screen = _scan_screen(make_kiosk, phone, purpose="receipt")
    assert "回执" in screen.title_label.text()
    qtbot.waitUntil(lambda: kiosk.flow.current_name == "identify", timeout=10000)
    result = kiosk.ctx.session.data[RESULT_KEY]   # identify leaves a receipt to whoever asked
    assert result == {"purpose": "receipt", "value": receipt_no,
                      "text": f"https://zwfw.example.gov.cn/q?r={receipt_no}"}


def test_unreadable_code_and_camera_error_are_said(qtbot, make_kiosk, phone):
    kiosk, screen = _scan_screen(make_kiosk, phone, purpose="receipt")
    phone.service.barcodeRead.emit(BarcodeResult("QRCode", None, ()))
    assert "无法识别" in screen.message.text() or "could not be read" in screen.message.text()
    phone.service.barcodeRead.emit(BarcodeResult("QRCode", "48213377", ()))
    assert "回执" in screen.message.text()
    phone.service.error.emit("摄像头没有画面")
    assert screen.message.text() == "摄像头没有画面"
    assert kiosk.flow.current_name == "qr_scan"


def test_manual_fallback_goes_back_without_a_result(qtbot, make_kiosk, phone):
    kiosk, screen = _scan_screen(make_kiosk, phone, purpose="identity")
    kiosk.ctx.session.data[RESULT_KEY] = {"purpose": "identity", "text": "stale", "value": "stale"}
    qtbot.mouseClick(screen.manual_button, Qt.MouseButton.LeftButton)
    assert kiosk.flow.current_name == "identify"
    assert RESULT_KEY not in kiosk.ctx.session.data
    assert not phone.service.isRunning()


def test_without_a_camera_the_screen_says_so_and_offers_the_other_way(make_kiosk):
    kiosk = make_kiosk(services=Services())
    screen = kiosk.flow.go("qr_scan", purpose="identity")
    assert screen.message.isVisible() and screen.manual_button.isVisible()
    assert "摄像头" in screen.hint.text()
    with pytest.raises(ValueError, match="purpose"):
        kiosk.flow.go("qr_scan", purpose="ticket")
