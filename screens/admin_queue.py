"""Technician page "Queue": counts per state, the items of one state (no personal data: kind,
reference number, attempts, reason), re-queue of rejected / quarantined items, receipt reprint,
and "sync now"."""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.progress import reprint_data
from screens.admin_common import note_action, refresh_style
from screens.base import button, label

log = logging.getLogger(__name__)

STATES = ("queued", "sending", "rejected", "quarantined", "accepted")
STATE_NAMES = {
    "queued": QT_TRANSLATE_NOOP("AdminQueuePage", "Queued"),
    "sending": QT_TRANSLATE_NOOP("AdminQueuePage", "Sending"),
    "rejected": QT_TRANSLATE_NOOP("AdminQueuePage", "Rejected"),
    "quarantined": QT_TRANSLATE_NOOP("AdminQueuePage", "Quarantined"),
    "accepted": QT_TRANSLATE_NOOP("AdminQueuePage", "Accepted"),
}
REQUEUE_STATES = ("rejected", "quarantined")
MAX_ROWS = 50


class AdminQueuePage(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state = "rejected"
        self.items: list[dict] = []
        self.requeue_buttons: dict[str, object] = {}
        self.reprint_buttons: dict[str, object] = {}
        self.print_jobs: dict[str, str] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        self.counts = label("", "key")
        column.addWidget(self.counts)
        states = QGridLayout()     # three to a row: five state buttons do not fit 1080 px side by side
        self.state_buttons = {}
        for index, state in enumerate(STATES):
            choice = button(self.tr(STATE_NAMES[state]))
            choice.clicked.connect(lambda _=False, s=state: self.show_state(s))
            states.addWidget(choice, index // 3, index % 3)
            self.state_buttons[state] = choice
        column.addLayout(states)
        self.sync_now = button(self.tr("Sync now"), "primary")
        self.sync_now.clicked.connect(self.sync)
        column.addWidget(self.sync_now)
        self.message = label("", "body")
        column.addWidget(self.message)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(12)
        column.addLayout(self.rows)
        printer = ctx.services.printer
        if printer is not None:
            printer.printed.connect(self._printed)
            printer.failed.connect(self._print_failed)
        self.refresh()

    @property
    def store(self):
        return self.ctx.services.store

    def refresh(self) -> None:
        if self.store is None:
            self.counts.setText(self.tr("The offline store is not available."))
            return
        counts = self.store.counts()
        self.counts.setText("  ".join(f"{self.tr(STATE_NAMES[s])} {counts.get(s, 0)}" for s in STATES))
        self.show_state(self.state)

    def show_state(self, state: str) -> None:
        self.state = state
        for name, choice in self.state_buttons.items():
            choice.setProperty("role", "primary" if name == state else "secondary")
            refresh_style(choice)
        self._clear_rows()
        if self.store is None:
            return
        self.items = self.store.list_items(state, limit=MAX_ROWS)
        if not self.items:
            self.rows.addWidget(label(self.tr("Nothing in this state."), "body"))
        for item in self.items:
            self.rows.addWidget(self._row(item))

    def _row(self, item: dict) -> QFrame:
        frame = QFrame()
        frame.setProperty("role", "card")
        column = QVBoxLayout(frame)
        head = f"{item['kind']}  {item.get('ref_no') or item['uuid'][:8]}  {item['created_at']}"
        column.addWidget(label(head, "body"))
        why = item.get("reason") or item.get("last_error")
        details = self.tr("Attempts: %1").replace("%1", str(item.get("attempts", 0)))
        column.addWidget(label(details + (f" — {why}" if why else ""), "hint"))
        actions = QHBoxLayout()
        if item["state"] in REQUEUE_STATES:
            requeue = button(self.tr("Queue again"))
            requeue.clicked.connect(lambda _=False, u=item["uuid"]: self.requeue(u))
            actions.addWidget(requeue)
            self.requeue_buttons[item["uuid"]] = requeue
        if item["kind"] == "submission" and item.get("ref_no"):
            reprint = button(self.tr("Print the receipt again"))
            reprint.clicked.connect(lambda _=False, r=item["ref_no"]: self.reprint(r))
            actions.addWidget(reprint)
            self.reprint_buttons[item["ref_no"]] = reprint
        actions.addStretch(1)
        column.addLayout(actions)
        return frame

    def _clear_rows(self) -> None:
        self.requeue_buttons.clear()
        self.reprint_buttons.clear()
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    # -- actions -----------------------------------------------------------------------------
    def requeue(self, uuid: str) -> None:
        note_action(self.ctx, "requeue", item=uuid)
        try:
            self.store.requeue(uuid)
        except Exception as exc:  # e.g. the item moved on meanwhile: say so
            log.warning("re-queue of %s failed: %s", uuid, exc)
            self.message.setText(self.tr("Not queued again: %1").replace("%1", str(exc)))
            return
        self.message.setText(self.tr("Queued again."))
        if self.ctx.services.sync is not None:
            self.ctx.services.sync.wake()
        self.refresh()

    def reprint(self, receipt_no: str) -> None:
        note_action(self.ctx, "reprint", receipt_no=receipt_no)
        printer = self.ctx.services.printer
        if printer is None:
            self.message.setText(self.tr("No printer is configured."))
            return
        try:
            app = self.store.application(receipt_no)
            if app is None:
                raise ValueError(f"receipt {receipt_no} is not in this terminal's store")
            data = reprint_data(app, self.ctx.config)
        except Exception as exc:  # purged or unreadable: say why
            log.warning("receipt %s not reprinted: %s", receipt_no, exc)
            self.message.setText(self.tr("Cannot print this receipt again: %1").replace("%1", str(exc)))
            return
        self.print_jobs[printer.print_receipt(data)] = receipt_no
        self.message.setText(self.tr("Printing the receipt…"))

    def _printed(self, job_id: str) -> None:
        if job_id in self.print_jobs:
            self.message.setText(self.tr("Receipt %1 printed.").replace("%1", self.print_jobs.pop(job_id)))

    def _print_failed(self, job_id: str, reason: str) -> None:
        if job_id in self.print_jobs:
            self.print_jobs.pop(job_id)
            self.message.setText(self.tr("Receipt not printed: %1").replace("%1", reason))

    def sync(self) -> None:
        note_action(self.ctx, "sync_now")
        sync = self.ctx.services.sync
        if sync is None:
            self.message.setText(self.tr("No platform connection (not enrolled or not started)."))
            return
        if self.store is not None:
            self.store.make_all_due()          # a technician's "now" skips the back-off wait
        sync.wake()
        self.message.setText(self.tr("Sending now."))

    def wipe(self) -> None:
        self._clear_rows()
        self.items = []
        self.print_jobs.clear()
