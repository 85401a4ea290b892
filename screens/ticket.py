"""排队取号: pick a hall window category, get today's next number for it (kept by the store so
it survives a restart), see how many wait before you when the platform knows, take the ticket."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtWidgets import QGridLayout

from kiosk.queue_numbers import TicketCounter
from kiosk.services.platform_calls import PlatformCalls, resolve
from screens.around_common import audit_note
from screens.base import Screen, button, label

log = logging.getLogger(__name__)


def _people_ahead(client, category: str, number: str) -> int | None:
    """Ask the platform how many wait in `category`, then report our ticket (blocking)."""
    reply = client.request("GET", f"/v1/queue/{category}")
    if reply.status != 200 or not isinstance(reply.body.get("people_ahead"), int):
        raise RuntimeError(f"queue length refused: {reply.describe()}")
    report = client.request("POST", f"/v1/queue/{category}/tickets", json_body={"number": number})
    if report.status not in (200, 201):
        log.warning("ticket %s not reported to the platform: %s", number, report.describe())
    return reply.body["people_ahead"]


class TicketScreen(Screen):
    name = "ticket"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.calls = PlatformCalls(self)
        self.calls.done.connect(self._answered)
        self.calls.failed.connect(lambda token, _reason: self._answered(token, None))
        self.pending: dict[int, dict] = {}
        self.job_id: str | None = None
        self.body.addWidget(label(self.tr("Choose the window you need."), "key"))
        grid = QGridLayout()
        grid.setSpacing(24)
        self.category_buttons = {}
        for index, category in enumerate(ctx.config.queue.categories):
            choice = button(f"{category.code}  {category.name}", "primary")
            choice.setObjectName(f"queue-{category.code}")
            choice.clicked.connect(lambda _=False, c=category: self.take(c.code, c.name))
            grid.addWidget(choice, index // 2, index % 2)
            self.category_buttons[category.code] = choice
        self.body.addLayout(grid)
        self.number_label = label("", "title")
        self.ahead_label = label("", "key")
        self.print_label = label("", "body")
        for widget in (self.number_label, self.ahead_label, self.print_label):
            self.body.addWidget(widget)
        self.body.addStretch(1)
        printer = ctx.services.printer
        if printer is not None:
            printer.printed.connect(self._printed)
            printer.failed.connect(self._print_failed)

    def title(self) -> str:
        return self.tr("Queue ticket")

    def voice_prompt(self) -> str:
        return self.tr("Touch the window you need to take a number.")

    def take(self, code: str, name: str) -> None:
        store = self.ctx.services.store
        if store is None:
            self._say_error(self.tr("Tickets cannot be issued on this terminal right now. "
                                    "Please ask at the information desk."))
            return
        try:
            number = TicketCounter(store).issue(code)
        except Exception as exc:  # store failure: said, nothing printed
            log.error("queue ticket not issued: %s", exc)
            self._say_error(self.tr("No ticket could be issued: %1").replace("%1", str(exc)))
            return
        for choice in self.category_buttons.values():
            choice.setEnabled(False)
        ticket = {"site_name": self.ctx.config.site.site_name, "category_name": name,
                  "number": number, "issued_at": datetime.now().isoformat(timespec="seconds"),
                  "people_ahead": None}
        self.number_label.setText(self.tr("Your number: %1").replace("%1", number))
        audit_note(self.ctx, "ticket_issued", category=code, number=number)
        _engine, client = resolve(self.ctx.services.sync)
        if client is None:
            self._finish(ticket)
            return
        self.ahead_label.setText(self.tr("Asking how many people are waiting…"))
        token = self.calls.run(lambda: _people_ahead(client, code, number), "queue length")
        self.pending[token] = ticket

    def _answered(self, token: int, people_ahead) -> None:
        ticket = self.pending.pop(token, None)
        if ticket is not None:
            ticket["people_ahead"] = people_ahead
            self._finish(ticket)

    def _finish(self, ticket: dict) -> None:
        ahead = ticket["people_ahead"]
        self.ahead_label.setText(self.tr("People before you: %1").replace("%1", "—" if ahead is None else str(ahead)))
        printer = self.ctx.services.printer
        if printer is None:
            self.print_label.setText(self.tr("No printer connected: please remember your number."))
            return
        self.print_label.setText(self.tr("Printing your ticket…"))
        self.job_id = printer.print_ticket(ticket)

    def _printed(self, job_id: str) -> None:
        if job_id == self.job_id:
            self.print_label.setText(self.tr("Please take your ticket and wait to be called."))

    def _print_failed(self, job_id: str, reason: str) -> None:
        if job_id == self.job_id:
            self.print_label.setText(self.tr("The ticket could not be printed (%1): please remember "
                                             "your number.").replace("%1", reason))

    def _say_error(self, text: str) -> None:
        self.print_label.setProperty("role", "error")
        self.print_label.setText(text)
        self.style().polish(self.print_label)

    @classmethod
    def sample(cls, ctx) -> dict:
        return {}


SCREENS = (TicketScreen,)
