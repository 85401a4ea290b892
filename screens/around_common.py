"""Shared by the around-the-application screens (query, rate, feedback, ticket, assisted):
a receipt-number source (the camera's QR scan when there is a camera, else the digits typed on
a keypad) and the on-screen keyboard when it is installed."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.progress import receipt_from_digits, receipt_in_scan
from screens.base import label
from screens.widgets.keypad import Keypad

log = logging.getLogger(__name__)

try:  # the pinyin keyboard is its own capability; without it fields take a hardware keyboard
    from screens.keyboard import KeyboardPanel
except ImportError as _exc:  # pragma: no cover - depends on what is installed
    log.warning("on-screen keyboard unavailable: %s", _exc)
    KeyboardPanel = None


def keyboard_panel(ctx) -> QWidget | None:
    return KeyboardPanel(ctx) if KeyboardPanel is not None else None


def text_edit(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setProperty("role", "body")
    return edit


class ReceiptEntry(QWidget):
    """Emits `found(receipt_no)` from a scanned QR code or the 11 typed digits (date + number)."""

    found = Signal(str)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.digits = ""
        # landscape panels are only 1080 px high: the keypad sits beside the prompt there, or its
        # last row (with OK) would fall below the fold in elder mode
        landscape = ctx.landscape
        outer = QHBoxLayout(self) if landscape else QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(32)
        column = QVBoxLayout()
        outer.addLayout(column, 1)
        camera = ctx.services.camera
        self.camera = camera
        if camera is not None:
            column.addWidget(label(self.tr("Hold the QR code of your receipt under the camera."), "key"))
            camera.barcodeRead.connect(self._scanned)
        column.addWidget(label(self.tr("Or type the 11 digits printed after the terminal code "
                                       "on your receipt (date and number)."), "body"))
        self.display = label("", "key")
        self.display.setObjectName("receipt-digits")
        column.addWidget(self.display)
        self.message = label("", "error")
        self.message.hide()
        column.addWidget(self.message)
        column.addStretch(1)
        self.keypad = Keypad()
        self.keypad.pressed.connect(self._key)
        outer.addWidget(self.keypad, 1)
        self._show()

    def start(self) -> None:
        if self.camera is not None:
            self.camera.start(mode="qr")

    def stop(self) -> None:
        if self.camera is not None:
            self.camera.pause()

    def _scanned(self, result) -> None:
        receipt_no = receipt_in_scan(getattr(result, "text", None))
        if receipt_no is None:
            self._error(self.tr("This code is not a receipt of this service. Please try again."))
            return
        self.stop()
        self.found.emit(receipt_no)

    def type_digits(self, digits: str) -> None:
        for digit in digits:
            self._key(digit)

    def _key(self, key: str) -> None:
        if key == "back":
            self.digits = self.digits[:-1]
        elif key == "ok":
            site = self.ctx.config.site
            receipt_no = receipt_from_digits(self.digits, site.site_code, site.device_code)
            if receipt_no is None:
                self._error(self.tr("Please type all 11 digits: 6 for the date, 5 for the number."))
                return
            self.found.emit(receipt_no)
            return
        elif len(self.digits) < 12:
            self.digits += key
        self._show()

    def _show(self) -> None:
        shown = self.digits[:6] + (" - " + self.digits[6:] if len(self.digits) > 6 else "")
        self.display.setText(shown or self.tr("(no digits yet)"))
        self.message.hide()

    def _error(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def clear(self) -> None:
        self.digits = ""
        self._show()


def assisted_by(ctx) -> dict | None:
    staff = ctx.staff
    return None if staff is None else {"staff_id": staff.staff_id, "name": staff.name}


def audit_note(ctx, event: str, **fields) -> None:
    audit = ctx.services.audit
    if audit is not None:
        audit.note(event, **fields)


