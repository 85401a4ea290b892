"""Identify: the resident places the ID card on the reader. Progress while reading, clear
messages for "place again", "card expired" and "reader out of service"; the name and the
masked ID number appear for confirmation. The card data lives only in the session."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from kiosk.application import Draft
from screens.base import Screen, button, label


def card_on_reader(width: int, height: int) -> QPixmap:
    """A drawn illustration: the ID card coming down onto the reader's marked area."""
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor("#FFFFFF"))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#1B2430"), 3))
    painter.setBrush(QColor("#DCE6F2"))
    painter.drawRoundedRect(QRectF(20, height * 0.62, width - 40, height * 0.3), 14, 14)   # reader
    painter.setBrush(QColor("#0A58B0"))
    painter.drawRoundedRect(QRectF(width * 0.28, height * 0.05, width * 0.44, height * 0.42), 10, 10)  # card
    painter.setBrush(QColor("#FFFFFF"))
    painter.drawEllipse(QRectF(width * 0.32, height * 0.12, height * 0.16, height * 0.2))  # photo
    painter.setPen(QPen(QColor("#0A58B0"), 6))
    painter.drawLine(int(width / 2), int(height * 0.49), int(width / 2), int(height * 0.6))  # arrow
    painter.drawLine(int(width / 2) - 14, int(height * 0.55), int(width / 2), int(height * 0.6))
    painter.drawLine(int(width / 2) + 14, int(height * 0.55), int(width / 2), int(height * 0.6))
    painter.end()
    return pixmap


class IdentifyScreen(Screen):
    name = "identify"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.card = None
        picture = QFrame()
        picture.setProperty("role", "card")
        picture_column = QVBoxLayout(picture)
        self.illustration = QLabel()
        self.illustration.setPixmap(card_on_reader(360, 220))
        self.illustration.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture_column.addWidget(self.illustration)
        picture_column.addWidget(label(self.tr("Place your ID card flat on the reader below the screen "
                                               "(the area marked with the card symbol) and keep it still."), "key"))
        self.body.addWidget(picture)
        self.state = label(self.tr("Waiting for the card…"), "key")
        self.body.addWidget(self.state)
        self.detail = label("", "body")
        self.body.addWidget(self.detail)
        confirm = QFrame()
        confirm.setProperty("role", "card")
        confirm_column = QVBoxLayout(confirm)
        self.name_label = label("", "title")
        self.id_label = label("", "key")
        confirm_column.addWidget(self.name_label)
        confirm_column.addWidget(self.id_label)
        self.confirm_card = confirm
        confirm.hide()
        self.body.addWidget(confirm)
        self.body.addStretch(1)
        row = QHBoxLayout()
        self.confirm_button = button(self.tr("Yes, this is me: continue"), "primary")
        self.confirm_button.clicked.connect(self.confirm)
        self.confirm_button.hide()
        row.addStretch(1)
        row.addWidget(self.confirm_button)
        self.body.addLayout(row)
        service = ctx.services.idcard
        if service is None:
            self._out_of_service()
        else:
            service.cardRead.connect(self.on_card)
            service.placeAgain.connect(self.on_place_again)
            service.outOfService.connect(lambda _reason: self._out_of_service())
            service.cardRemoved.connect(self.on_removed)
            if service.status == "out_of_service":
                self._out_of_service()

    def title(self) -> str:
        return self.tr("Identify with your ID card")

    def voice_prompt(self) -> str:
        return self.tr("Please place your ID card on the reader.")

    def _out_of_service(self) -> None:
        self.state.setProperty("role", "error")
        self.state.setText(self.tr("The card reader is out of service."))
        self.detail.setText(self.tr("Please use the e-ID QR code of your phone, or ask the staff for help."))
        self.state.style().polish(self.state)

    def on_place_again(self, _reason: str) -> None:
        self.state.setText(self.tr("Please lift the card and place it again."))

    def on_removed(self) -> None:
        if self.card is None:
            self.state.setText(self.tr("Waiting for the card…"))

    def on_card(self, card) -> None:
        if self.ctx.flow.current() is not self:
            return
        self.card = card
        self.name_label.setText(card.name)
        self.id_label.setText(card.masked_id())
        self.confirm_card.show()
        if getattr(card, "expired", False):
            self.state.setProperty("role", "error")
            self.state.setText(self.tr("This card has expired. Please renew it; staff can help you."))
            self.confirm_button.hide()
        else:
            self.state.setProperty("role", "ok")
            self.state.setText(self.tr("Card read. Please check your name."))
            self.confirm_button.show()
        self.state.style().polish(self.state)

    def confirm(self) -> None:
        if self.card is None:
            return
        ctx = self.ctx
        ctx.session.person = self.card
        catalog = ctx.services.catalog
        if ctx.session.entry and catalog is not None:
            ctx.session.data["draft"] = Draft.start(catalog.merged(ctx.session.entry), self.card)
        ctx.flow.go("form" if ctx.session.data.get("draft") else "home")

    def wipe(self) -> None:
        self.card = None
        self.name_label.clear()
        self.id_label.clear()

    @classmethod
    def sample(cls, ctx) -> dict:
        return {}


SCREENS = (IdentifyScreen,)
