"""Identify: the resident places the ID card on the reader. Progress while reading, clear
messages for "place again", "card expired" and "reader out of service"; the name and the
masked ID number appear for confirmation. The card data lives only in the session.

When the platform is reachable, the mobile e-ID code (手机电子身份码) is the other way: the QR
scan screen reads the code from the phone, the platform resolves it on a worker thread, and the
identity takes the same path as a card read (draft rebuilt, on to the form)."""

from __future__ import annotations

import hashlib
import logging
from types import SimpleNamespace

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from kiosk.application import Draft, id_number_ok
from kiosk.services.platform_calls import PlatformCalls, resolve
from screens.base import Screen, button, label
from screens.qr_scan import RESULT_KEY

log = logging.getLogger(__name__)
RESOLVE_PATH = "/v1/identity-codes/resolve"


def resolve_identity_code(client, code: str) -> dict:
    """Ask the platform who an e-ID code belongs to (blocking: run it on a worker thread).
    Returns {"outcome": "ok", "identity": {...}} or {"outcome": "expired" | "unknown"}."""
    reply = client.request("POST", RESOLVE_PATH, json_body={"code": code})
    if reply.status == 404:
        return {"outcome": "unknown"}
    if reply.status == 410:
        return {"outcome": "expired"}
    if reply.status != 200:
        raise RuntimeError(f"e-ID code not resolved: {reply.describe()}")
    for key in ("name", "id_number"):
        if not isinstance(reply.body.get(key), str) or not reply.body[key].strip():
            raise ValueError(f"e-ID answer of {RESOLVE_PATH}: key {key!r} missing or empty")
    return {"outcome": "ok", "identity": reply.body}


def _masked(number: str) -> str:
    return f"{number[:6]}********{number[-4:]}" if len(number) > 10 else "*" * len(number)


def e_id_person(identity: dict) -> SimpleNamespace:
    """The session's person from a resolved e-ID: the attributes a card read gives the form.
    Birth date and sex come from a valid 18-character number (GB 11643); the code carries no
    address or nation, so those stay empty for the resident to fill in."""
    number = identity["id_number"].strip().upper()
    birth_date = sex_label = None
    if id_number_ok(number):
        birth_date = f"{number[6:10]}-{number[10:12]}-{number[12:14]}"
        sex_label = "男" if int(number[16]) % 2 else "女"
    digest = hashlib.sha256(number.encode("ascii", "replace")).hexdigest()
    return SimpleNamespace(name=identity["name"].strip(), id_number=number, sex_label=sex_label,
                           birth_date=birth_date, address=None, nation_label=None, card_type="e_id",
                           masked_id=lambda: _masked(number), id_hash=lambda: digest)


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
        self.out_of_service = False
        self.token: int | None = None  # the e-ID look-up in flight
        self.calls = PlatformCalls(self)
        self.calls.done.connect(self._resolved)
        self.calls.failed.connect(self._resolve_failed)
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
        self.instructions = picture  # put away once a card is read: the name is what to check then
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
        self.e_id_button = button(self.tr("Use the e-ID code of my phone"))
        self.e_id_button.setObjectName("identify-e-id")
        self.e_id_button.clicked.connect(self.scan_e_id)
        self.confirm_button = button(self.tr("Yes, this is me: continue"), "primary")
        self.confirm_button.clicked.connect(self.confirm)
        self.confirm_button.hide()
        self.add_action(self.e_id_button, secondary=True)
        self.add_action(self.confirm_button)
        ctx.health.changed.connect(self._show_e_id_button)
        online = getattr(ctx.services.sync, "online", None)
        if hasattr(online, "connect"):  # a SyncService's online(bool) signal
            online.connect(self._show_e_id_button)
        self._show_e_id_button()
        service = ctx.services.idcard
        if service is None:
            self._out_of_service()
        else:
            service.cardRead.connect(self.on_card)
            service.placeAgain.connect(self.on_place_again)
            # bound methods only: the service outlives every session's screen, and a lambda
            # would keep this screen's wrapper (and its connection) alive after the screen is gone
            service.outOfService.connect(self.on_out_of_service)
            service.statusChanged.connect(self.on_status)
            service.cardRemoved.connect(self.on_removed)
            # a reader that is not running (no port, failed to start) serves nobody either
            if service.status in ("out_of_service", "disconnected") or not service.isRunning():
                self._out_of_service()

    def title(self) -> str:
        return self.tr("Identify with your ID card")

    def voice_prompt(self) -> str:
        return self.tr("Please place your ID card on the reader.")

    # --- the e-ID code ----------------------------------------------------------------------
    def e_id_available(self) -> bool:
        """A camera to read the code, a signed client to resolve it, and the platform online."""
        ctx = self.ctx
        engine, client = resolve(ctx.services.sync)
        if ctx.services.camera is None or client is None:
            return False
        return ctx.health.online is True or getattr(engine, "online", None) is True

    def _show_e_id_button(self, *_args) -> None:
        self.e_id_button.setVisible(self.e_id_available() and self.token is None)

    def scan_e_id(self) -> None:
        self.ctx.flow.go("qr_scan", purpose="identity")

    def enter(self) -> None:
        super().enter()
        self._show_e_id_button()
        result = self.ctx.session.data.get(RESULT_KEY)
        if isinstance(result, dict) and result.get("purpose") == "identity":
            del self.ctx.session.data[RESULT_KEY]
            self.resolve_code(result["value"])

    def resolve_code(self, code: str) -> None:
        """Look the e-ID code up on the platform (worker thread); the answer lands in _resolved."""
        _engine, client = resolve(self.ctx.services.sync)
        if client is None:
            self._say_error(self.tr("The e-ID code cannot be checked on this terminal right now. "
                                    "Please use your ID card."))
            return
        self._set_state(self.tr("Checking your e-ID code…"), "key")
        self.detail.clear()
        self.token = self.calls.run(lambda: resolve_identity_code(client, code), "e-ID code look-up")
        self._show_e_id_button()

    def _resolved(self, token: int, answer: dict) -> None:
        if token != self.token:
            return
        self.token = None
        self._show_e_id_button()
        outcome = answer["outcome"]
        if outcome == "expired":
            self._say_error(self.tr("This e-ID code has expired. Please refresh the code on your "
                                    "phone and show it again."))
        elif outcome == "unknown":
            self._say_error(self.tr("This e-ID code is not known. Please refresh the code on your "
                                    "phone and show it again."))
        else:
            person = e_id_person(answer["identity"])
            log.info("e-ID code resolved for %s", person.masked_id())
            self.card = person
            self._show_person(person)
            self._set_state(self.tr("e-ID checked."), "ok")
            # the resident confirmed on the phone by opening the code: on as after a card read
            self.confirm()

    def _resolve_failed(self, token: int, reason: str) -> None:
        if token != self.token:
            return
        self.token = None
        self._show_e_id_button()
        log.warning("e-ID code look-up failed: %s", reason)
        self._say_error(self.tr("The e-ID code could not be checked right now. Please try again, "
                                "or use your ID card."))

    # --- the card reader ---------------------------------------------------------------------
    def _set_state(self, text: str, role: str) -> None:
        self.state.setProperty("role", role)
        self.state.setText(text)
        self.state.style().polish(self.state)

    def _say_error(self, text: str) -> None:
        self._set_state(text, "error")

    def _out_of_service(self) -> None:
        self.out_of_service = True
        self._say_error(self.tr("The card reader is out of service."))
        self.detail.setText(self.tr("Please use the e-ID QR code of your phone, or ask the staff for help.")
                            if self.e_id_available() else self.tr("Please ask the staff for help."))

    def on_out_of_service(self, _reason: str) -> None:
        self._out_of_service()

    def on_status(self, status: str) -> None:
        if status == "idle" and self.out_of_service:  # the reader came back
            self.out_of_service = False
            self._set_state(self.tr("Waiting for the card…"), "key")
            self.detail.clear()

    def on_place_again(self, _reason: str) -> None:
        self._set_state(self.tr("Please lift the card and place it again."), "key")

    def on_removed(self) -> None:
        if self.card is None and not self.out_of_service:
            self._set_state(self.tr("Waiting for the card…"), "key")

    def on_card(self, card) -> None:
        if self.ctx.flow.current() is not self:
            return
        self.card = card
        self._show_person(card)
        if getattr(card, "expired", False):
            self._say_error(self.tr("This card has expired. Please renew it; staff can help you."))
            self.confirm_button.hide()
        else:
            self._set_state(self.tr("Card read. Please check your name."), "ok")
            self.confirm_button.show()

    def _show_person(self, person) -> None:
        self.name_label.setText(person.name)
        self.id_label.setText(person.masked_id())
        self.instructions.hide()
        self.detail.clear()  # a stale "reader out of service": it has just read this card
        self.confirm_card.show()

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
        self.token = None  # a late answer finds nobody waiting for it
        self.name_label.clear()
        self.id_label.clear()
        self.confirm_card.hide()
        self.instructions.show()

    @classmethod
    def sample(cls, ctx) -> dict:
        return {}


SCREENS = (IdentifyScreen,)
