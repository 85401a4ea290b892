"""Submit: durable enqueue (never waits for the network) → local receipt number → receipt
printed. A printer failure is explained; the application stays saved. Then 好差评 by itself."""

from __future__ import annotations

import logging
from datetime import date, datetime

from PySide6.QtCore import QTimer

from kiosk import application as app_rules
from screens.apply.common import draft, sample_draft
from screens.base import Screen, button, label

log = logging.getLogger(__name__)


class SubmitScreen(Screen):
    name = "submit"
    show_back = False

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.draft = draft(ctx)
        self.receipt_no: str | None = None
        self.job_id: str | None = None
        self.token: str | None = None
        self.body.addStretch(1)
        self.state = label(self.tr("Saving your application…"), "title")
        self.receipt_label = label("", "key")
        self.detail = label("", "body")
        self.print_state = label("", "body")
        for widget in (self.state, self.receipt_label, self.detail, self.print_state):
            self.body.addWidget(widget)
        self.body.addStretch(2)
        self.next_button = button(self.tr("Next: rate the service"), "primary")
        self.next_button.clicked.connect(self._to_rating)
        self.next_button.hide()
        self.body.addWidget(self.next_button)
        self.exit_button.hide()
        printer = ctx.services.printer
        if printer is not None:
            printer.printed.connect(self._printed)
            printer.failed.connect(self._print_failed)

    def title(self) -> str:
        return self.tr("Submitting")

    def enter(self) -> None:
        super().enter()
        if self.receipt_no is None and self.token is None:
            QTimer.singleShot(0, self, self._submit)

    def _submit(self) -> None:
        ctx = self.ctx
        store = ctx.services.store
        if self.draft is None or store is None:
            self.state.setText(self.tr("This terminal cannot accept applications right now."))
            self.detail.setText(self.tr("Please ask at the service hall window or call 12345."))
            return
        config = ctx.config
        promised = app_rules.promised_date(self.draft.merged, date.today(), config.catalog.holidays,
                                           config.catalog.workdays)
        body, attachments = app_rules.submission(self.draft, ctx.session.person, ctx.staff, promised)
        self.promised = promised
        # the durable enqueue runs on the store's writer thread; the answer comes back as a signal
        store.done.connect(self._saved)
        store.refused.connect(self._refused)
        self.token = store.submit_async(body, attachments)

    def _refused(self, token: str, reason: str) -> None:
        if token != self.token:
            return
        # low disk, missing key …: said plainly; the store never half-writes an application
        log.error("submission refused: %s", reason)
        self.state.setText(self.tr("Your application could not be saved."))
        self.detail.setText(reason)

    def _saved(self, token: str, _uuid: str, receipt_no: str) -> None:
        if token != self.token:
            return
        ctx = self.ctx
        config = ctx.config
        promised = self.promised
        self.receipt_no = receipt_no
        ctx.session.data["receipt_no"] = self.receipt_no
        self.state.setText(self.tr("Application accepted"))
        self.receipt_label.setText(self.tr("Receipt number: %1").replace("%1", self.receipt_no))
        self.detail.setText(self.tr("Promised completion date: %1. It will be uploaded automatically.")
                            .replace("%1", promised.isoformat()))
        data = app_rules.receipt_data(self.draft, ctx.session.person, self.receipt_no, config, datetime.now(), promised)
        ctx.session.data["receipt"] = data
        printer = ctx.services.printer
        if printer is None:
            self._print_failed("", self.tr("No printer connected"))
        else:
            self.print_state.setText(self.tr("Printing your receipt…"))
            self.job_id = printer.print_receipt(data)
        self.next_button.show()

    def _printed(self, job_id: str) -> None:
        if job_id == self.job_id:
            self.print_state.setText(self.tr("Please take your receipt from the printer."))

    def _print_failed(self, job_id: str, reason: str) -> None:
        if job_id != (self.job_id or ""):
            return
        self.print_state.setProperty("role", "error")
        self.print_state.setText(self.tr("The receipt could not be printed (%1). Your application is saved: "
                                         "query it with your ID card under Progress, or ask staff to reprint it.")
                                 .replace("%1", reason))
        self.style().polish(self.print_state)

    def _to_rating(self) -> None:
        self.ctx.flow.go("rating", receipt_no=self.receipt_no)

    def wipe(self) -> None:
        if self.draft is not None:
            self.draft.wipe()

    @classmethod
    def sample(cls, ctx) -> dict:
        sample_draft(ctx)
        return {}


SCREENS = (SubmitScreen,)
