"""Scan a QR code under the document camera, for whichever screen asked: a live preview with a
frame to aim at, automatic reading, plain messages for an unreadable code and for a code that is
not the kind asked for, and a way out to the manual alternative.

Contract for callers: `flow.go("qr_scan", purpose="identity" | "receipt")`. When a code of that
kind is read, `ctx.session.data["qr_result"]` becomes
`{"purpose": purpose, "text": <decoded text>, "value": <the code or receipt number in it>}` and the
flow goes back to the caller, whose `enter()` picks the result up (and pops it). The manual
button goes back without a result. The decoded text is the resident's: it lives only there.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel

from kiosk.progress import receipt_in_scan
from screens.base import Screen, button, label

log = logging.getLogger(__name__)

PURPOSES = ("identity", "receipt")
RESULT_KEY = "qr_result"
# A mobile e-ID code as the platform issues it (8 digits today; up to 32 letters or digits),
# optionally written as "eid:<code>". Anything else is "not a code we know".
_IDENTITY_CODE = re.compile(r"(?:EID:)?([0-9A-Z]{8,32})")


def identity_code_in_scan(text: str | None) -> str | None:
    """The e-ID code carried by a scanned QR text, or None when the text is not one."""
    match = _IDENTITY_CODE.fullmatch((text or "").strip().upper())
    return match.group(1) if match else None


RECOGNISERS = {"identity": identity_code_in_scan, "receipt": receipt_in_scan}


def with_aiming_frame(image: QImage, width: int, height: int) -> QPixmap:
    """The preview scaled into (width, height) with corner marks of a centred square to aim at."""
    pixmap = QPixmap.fromImage(image).scaled(width, height, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.FastTransformation)
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor("#FFC107"), max(4, pixmap.height() // 80)))
    side = min(pixmap.width(), pixmap.height()) * 0.7
    box = QRectF((pixmap.width() - side) / 2, (pixmap.height() - side) / 2, side, side)
    arm = side / 6
    for x, y, dx, dy in ((box.left(), box.top(), 1, 1), (box.right(), box.top(), -1, 1),
                         (box.right(), box.bottom(), -1, -1), (box.left(), box.bottom(), 1, -1)):
        painter.drawLine(int(x), int(y), int(x + dx * arm), int(y))
        painter.drawLine(int(x), int(y), int(x), int(y + dy * arm))
    painter.end()
    return pixmap


class QrScanScreen(Screen):
    name = "qr_scan"

    def __init__(self, ctx, purpose: str = "identity", parent=None) -> None:
        if purpose not in PURPOSES:
            raise ValueError(f"qr_scan purpose must be one of {PURPOSES}, got {purpose!r}")
        self.purpose = purpose
        super().__init__(ctx, parent)
        self.finished = False
        self.preview = QLabel()
        self.preview.setObjectName("qr-preview")
        self.preview.setMinimumHeight(360)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #1B2430;")
        self.body.addWidget(self.preview, 1)
        self.hint = label(self._aim_hint(), "key")
        self.body.addWidget(self.hint)
        self.message = label("", "error")
        self.message.setObjectName("qr-message")
        self.message.hide()
        self.body.addWidget(self.message)
        row = QHBoxLayout()
        self.manual_button = button(self.tr("Use my ID card instead") if purpose == "identity"
                                    else self.tr("Type the number instead"))
        self.manual_button.clicked.connect(self.manual)
        row.addWidget(self.manual_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.camera = ctx.services.camera
        if self.camera is None:
            self.hint.setText(self.tr("The camera is not available on this terminal."))
            self._say(self.tr("Please use the other way below."))
        else:
            self.camera.frameReady.connect(self._frame)
            self.camera.barcodeRead.connect(self.on_read)
            self.camera.error.connect(self._camera_error)

    def title(self) -> str:
        return (self.tr("Show your e-ID code") if self.purpose == "identity"
                else self.tr("Scan the receipt's QR code"))

    def voice_prompt(self) -> str:
        return (self.tr("Open the e-ID code on your phone and hold it under the camera.")
                if self.purpose == "identity" else self.tr("Hold the QR code of your receipt under the camera."))

    def _aim_hint(self) -> str:
        return self.tr("Hold the code flat inside the yellow frame, about a hand's width under the "
                       "camera, and keep it still.")

    # --- camera ---------------------------------------------------------------------------
    def enter(self) -> None:
        super().enter()
        if self.camera is not None and not self.finished:
            self.camera.start("qr")

    def leave(self) -> None:
        if self.camera is not None:
            self.camera.pause()

    def _active(self) -> bool:
        return not self.finished and self.ctx.flow is not None and self.ctx.flow.current() is self

    def _frame(self, image: QImage) -> None:
        if self._active():
            self.preview.setPixmap(with_aiming_frame(image, self.preview.width(), self.preview.height()))

    def _camera_error(self, reason: str) -> None:
        if self._active():
            self._say(reason)

    def on_read(self, result) -> None:
        """A barcodeRead from the camera: hand a code of our kind to the caller, else say why not."""
        if not self._active():
            return
        text = getattr(result, "text", None)
        if text is None:
            self._say(self.tr("The code could not be read. Hold it flat and still, a little "
                              "further from the camera."))
            return
        value = RECOGNISERS[self.purpose](text)
        if value is None:
            log.info("QR code of another kind shown for %s (%d characters)", self.purpose, len(text))
            self._say(self.tr("This is not an e-ID code. Please open the e-ID code on your phone.")
                      if self.purpose == "identity" else
                      self.tr("This code is not a receipt of this service. Please try again."))
            return
        self.finished = True
        self.ctx.session.data[RESULT_KEY] = {"purpose": self.purpose, "text": text, "value": value}
        self.ctx.flow.back()

    def manual(self) -> None:
        self.finished = True
        self.ctx.session.data.pop(RESULT_KEY, None)
        self.ctx.flow.back()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def wipe(self) -> None:
        self.preview.clear()
        self.message.clear()

    @classmethod
    def sample(cls, ctx) -> dict:
        return {"purpose": "identity"}


SCREENS = (QrScanScreen,)
