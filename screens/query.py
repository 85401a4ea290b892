"""进度查询: by the receipt's QR code (or its typed digits) or by the ID card. The platform answers
when online; otherwise this terminal's own records and the last statuses it saw, with their age.
A receipt made here can be printed again."""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from kiosk.progress import query_progress, reprint_data
from kiosk.services.platform_calls import PlatformCalls, resolve
from screens.around_common import ReceiptEntry, audit_note
from screens.base import Screen, button, kinetic, label

log = logging.getLogger(__name__)

STATUS_NAMES = {
    "received": QT_TRANSLATE_NOOP("QueryScreen", "Received"),
    "in_progress": QT_TRANSLATE_NOOP("QueryScreen", "In progress"),
    "needs_correction": QT_TRANSLATE_NOOP("QueryScreen", "Needs correction"),
    "finished": QT_TRANSLATE_NOOP("QueryScreen", "Finished"),
    "mailed": QT_TRANSLATE_NOOP("QueryScreen", "Result mailed"),
    "ready_for_pickup": QT_TRANSLATE_NOOP("QueryScreen", "Ready for pickup"),
    "not_uploaded": QT_TRANSLATE_NOOP("QueryScreen", "Accepted here, not uploaded yet"),
}


def _translate(text: str) -> str:
    return QCoreApplication.translate("QueryScreen", text)


class QueryScreen(Screen):
    name = "query"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.calls = PlatformCalls(self)
        self.calls.done.connect(self._answered)
        self.calls.failed.connect(self._failed)
        self.token: int | None = None
        self.rows: list[dict] = []
        self.reprint_buttons: dict[str, object] = {}
        self.ask = QWidget()
        ask = QVBoxLayout(self.ask)
        ask.setContentsMargins(0, 0, 0, 0)
        idcard = ctx.services.idcard
        ask.addWidget(label(self.tr("Place your ID card on the reader to see all your applications.")
                            if idcard is not None else
                            self.tr("The ID card reader is not available: use the receipt instead."), "key"))
        if idcard is not None:
            idcard.cardRead.connect(self._card)
        self.entry = ReceiptEntry(ctx)
        self.entry.found.connect(self.query_receipt)
        ask.addWidget(self.entry)
        self.body.addWidget(self.ask)
        self.state = label("", "body")
        self.state.setObjectName("query-state")
        self.body.addWidget(self.state)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        kinetic(self.scroll)
        self.results = QWidget()
        self.results_layout = QVBoxLayout(self.results)
        self.results_layout.addStretch(1)
        self.scroll.setWidget(self.results)
        self.scroll.hide()
        self.body.addWidget(self.scroll, 1)
        self.again = button(self.tr("Another query"))
        self.again.clicked.connect(self._reset)
        self.again.hide()
        self.body.addWidget(self.again)
        printer = ctx.services.printer
        if printer is not None:
            printer.printed.connect(self._printed)
            printer.failed.connect(self._print_failed)
        self.job_ids: dict[str, str] = {}

    def title(self) -> str:
        return self.tr("Progress query")

    def voice_prompt(self) -> str:
        return self.tr("Scan the QR code of your receipt, or place your ID card on the reader.")

    def enter(self) -> None:
        super().enter()
        if self.token is None and not self.rows:
            self.entry.start()

    def leave(self) -> None:
        self.entry.stop()

    # --- asking ---------------------------------------------------------------------------
    def _card(self, card) -> None:
        if self.ctx.flow.current() is not self:
            return
        self._ask(id_hash=card.id_hash())

    def query_receipt(self, receipt_no: str) -> None:
        self._ask(receipt_nos=[receipt_no])

    def _ask(self, *, receipt_nos=None, id_hash=None) -> None:
        self.entry.stop()
        store = self.ctx.services.store
        engine, _client = resolve(self.ctx.services.sync)
        self.state.setText(self.tr("Looking up your applications…"))
        self.ask.hide()
        self.token = self.calls.run(
            lambda: query_progress(store, engine, receipt_nos=receipt_nos, id_hash=id_hash),
            "progress query")

    def _failed(self, token: int, reason: str) -> None:
        if token == self.token:
            self.token = None
            self.state.setText(self.tr("The query failed: %1").replace("%1", reason))
            self.again.show()

    def _answered(self, token: int, answer: dict) -> None:
        if token != self.token:
            return
        self.token = None
        self.show_answer(answer)

    # --- showing ----------------------------------------------------------------------------
    def show_answer(self, answer: dict) -> None:
        self.rows = answer["applications"]
        audit_note(self.ctx, "progress_query", source=answer["source"], found=len(self.rows))
        if answer["source"] == "platform":
            source = self.tr("Current information from the government service platform.")
        elif answer["age_s"] is not None:
            source = self.tr("Offline: the status saved on this terminal %1 minutes ago.").replace(
                "%1", str(int(answer["age_s"] // 60)))
        else:
            source = self.tr("Offline: only what this terminal knows is shown.")
        if not self.rows:
            source += "\n" + self.tr("No application found.")
        self.state.setText(source)
        for row in self.rows:
            self.results_layout.insertWidget(self.results_layout.count() - 1, self._row_card(row))
        self.scroll.show()
        self.again.show()

    def _row_card(self, row: dict) -> QFrame:
        card = QFrame()
        card.setProperty("role", "card")
        column = QVBoxLayout(card)
        column.addWidget(label(row.get("title") or "—", "key"))
        column.addWidget(label(self.tr("Receipt: %1").replace("%1", row["receipt_no"]), "body"))
        status = row.get("status") or ""
        shown = row.get("status_label") or (_translate(STATUS_NAMES[status]) if status in STATUS_NAMES else status)
        status_label = label(self.tr("Status: %1").replace("%1", shown), "key")
        status_label.setObjectName(f"status-{row['receipt_no']}")
        column.addWidget(status_label)
        if row.get("detail"):
            column.addWidget(label(row["detail"], "body"))
        if row.get("missing"):
            column.addWidget(label(self.tr("Still needed: %1").replace("%1", "、".join(row["missing"])), "body"))
        if row.get("tracking_no"):
            column.addWidget(label(self.tr("Tracking number: %1").replace("%1", row["tracking_no"]), "body"))
        if row.get("local") and self.ctx.services.printer is not None:
            reprint = button(self.tr("Print the receipt again"))
            reprint.clicked.connect(lambda _=False, r=row["receipt_no"]: self.reprint(r))
            column.addWidget(reprint)
            self.reprint_buttons[row["receipt_no"]] = reprint
        return card

    def reprint(self, receipt_no: str) -> None:
        store = self.ctx.services.store
        printer = self.ctx.services.printer
        try:
            data = reprint_data(store.application(receipt_no), self.ctx.config)
        except Exception as exc:  # purged or unreadable: say why
            log.warning("receipt %s not reprinted: %s", receipt_no, exc)
            self.state.setText(self.tr("This receipt cannot be printed again here: %1").replace("%1", str(exc)))
            return
        self.job_ids[printer.print_receipt(data)] = receipt_no
        audit_note(self.ctx, "receipt_reprinted", receipt_no=receipt_no)
        self.state.setText(self.tr("Printing the receipt…"))

    def _printed(self, job_id: str) -> None:
        if job_id in self.job_ids:
            self.state.setText(self.tr("Please take your receipt from the printer."))

    def _print_failed(self, job_id: str, reason: str) -> None:
        if job_id in self.job_ids:
            self.state.setText(self.tr("The receipt could not be printed (%1).").replace("%1", reason))

    def _reset(self) -> None:
        self.wipe()
        self.state.setText("")
        self.ask.show()
        self.scroll.hide()
        self.again.hide()
        self.entry.start()

    def wipe(self) -> None:
        self.entry.stop()
        self.entry.clear()
        self.rows = []
        self.reprint_buttons.clear()
        while self.results_layout.count() > 1:
            item = self.results_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    @classmethod
    def sample(cls, ctx) -> dict:
        return {}


SCREENS = (QueryScreen,)
