"""投诉建议 / 办不成事反映 / 咨询: category, text, optional phone and related receipt; queued in
the offline store and synced like a submission; a slip with the reference number is printed."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from kiosk.slips import print_feedback_slip
from screens.around_common import assisted_by, audit_note, keyboard_panel, text_edit
from screens.base import Screen, button, inner_scroll, label

log = logging.getLogger(__name__)

CATEGORIES = [  # stored code, label
    ("complaint_suggestion", QT_TRANSLATE_NOOP("FeedbackScreen", "Complaint or suggestion")),
    ("could_not_get_done", QT_TRANSLATE_NOOP("FeedbackScreen", "Could not get it done")),
    ("consultation", QT_TRANSLATE_NOOP("FeedbackScreen", "Question")),
]
SLIP_NAMES = {"complaint_suggestion": "投诉建议", "could_not_get_done": "办不成事反映", "consultation": "咨询"}


class FeedbackScreen(Screen):
    name = "feedback"

    def __init__(self, ctx, receipt_no: str | None = None, parent=None) -> None:
        super().__init__(ctx, parent)
        self.category: str | None = None
        self.reference_no: str | None = None
        self.job_id: str | None = None
        # landscape panels are only 1080 px high: the keyboard sits beside the fields there
        # (below them it was under the fold in elder mode); portrait: below them, out of the
        # scrolling list so it never scrolls away
        landscape = ctx.landscape
        split = QHBoxLayout() if landscape else QVBoxLayout()
        split.setSpacing(24)
        self.body.addLayout(split, 1)
        scroll = inner_scroll()
        # parents first, children after: a widget tree laid out (polished) before it joins the
        # screen is polished all over again when it does (measured ~20 ms on this screen)
        split.addWidget(scroll, 5)
        content = QWidget()
        column = QVBoxLayout(content)
        scroll.setWidget(content)
        column.setSpacing(16)
        column.addWidget(label(self.tr("What is it about?"), "key"))
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.category_buttons = {}
        for code, text in CATEGORIES:
            choice = button(QCoreApplication.translate("FeedbackScreen", text))
            choice.setCheckable(True)
            choice.clicked.connect(lambda _=False, c=code: self._choose(c))
            self.group.addButton(choice)
            row.addWidget(choice)
            self.category_buttons[code] = choice
        column.addLayout(row)
        column.addWidget(label(self.tr("Tell us what happened"), "key"))
        self.text = QPlainTextEdit()
        self.text.setProperty("role", "body")
        self.text.setMinimumHeight(120)
        self.text.setMaximumHeight(200)
        column.addWidget(self.text)
        column.addWidget(label(self.tr("Phone for our answer (optional)"), "body"))
        self.phone = text_edit("13800000000")
        column.addWidget(self.phone)
        column.addWidget(label(self.tr("Related receipt number (optional)"), "body"))
        self.receipt = text_edit("431002-K01-261123-00017-C")
        self.receipt.setText(receipt_no or ctx.session.data.get("receipt_no") or "")
        column.addWidget(self.receipt)
        self.keyboard = keyboard_panel(ctx)
        if self.keyboard is not None:
            self.keyboard.setProperty("compactKeys", landscape)
            split.addWidget(self.keyboard, 4 if landscape else 0)
            self.keyboard.show_for(self.text, "text")
            for edit, kind in ((self.phone, "phone"), (self.receipt, "text")):
                pick = button(self.tr("Type here"))
                pick.clicked.connect(lambda _=False, e=edit, k=kind: self.keyboard.show_for(e, k))
                column.insertWidget(column.indexOf(edit) + 1, pick)
            pick_text = button(self.tr("Type the text"))
            pick_text.clicked.connect(lambda: self.keyboard.show_for(self.text, "text"))
            column.insertWidget(column.indexOf(self.text) + 1, pick_text)
        column.addStretch(1)
        self.message = label("", "error")
        self.message.hide()
        self.fixed.addWidget(self.message)  # beside the button that failed, never scrolled away
        self.submit_button = button(self.tr("Send"), "primary")
        self.submit_button.clicked.connect(self.submit)
        self.add_action(self.submit_button)
        printer = ctx.services.printer
        if printer is not None:
            printer.printed.connect(self._printed)
            printer.failed.connect(self._print_failed)

    def title(self) -> str:
        return self.tr("Complaints and suggestions")

    def voice_prompt(self) -> str:
        return self.tr("Choose what it is about, then tell us what happened.")

    def _choose(self, code: str) -> None:
        self.category = code

    def submit(self) -> None:
        text = self.text.toPlainText().strip()
        phone = self.phone.text().strip() or None
        receipt_no = self.receipt.text().strip().upper() or None
        if self.category is None:
            return self._say(self.tr("Please choose what it is about."))
        if not text:
            return self._say(self.tr("Please write a few words about what happened."))
        if phone is not None and not (phone.isdigit() and 7 <= len(phone) <= 12):
            return self._say(self.tr("The phone number should be 7 to 12 digits."))
        store = self.ctx.services.store
        if store is None:
            return self._say(self.tr("This terminal cannot take feedback right now. Please call %1.")
                             .replace("%1", self.ctx.config.site.hotline))
        try:
            _uuid, self.reference_no = store.enqueue_feedback(self.category, text, phone, receipt_no,
                                                              assisted_by(self.ctx))
        except Exception as exc:  # low disk, bad item: said plainly, nothing half-saved
            log.error("feedback not queued: %s", exc)
            return self._say(self.tr("Your feedback could not be saved: %1").replace("%1", str(exc)))
        audit_note(self.ctx, "feedback_queued", category=self.category, reference_no=self.reference_no)
        self.submit_button.setEnabled(False)
        self.message.setProperty("role", "ok")
        self.style().polish(self.message)
        self._say(self.tr("Thank you. Reference number: %1").replace("%1", self.reference_no))
        self._print_slip(phone, receipt_no)

    def _print_slip(self, phone: str | None, receipt_no: str | None) -> None:
        printer = self.ctx.services.printer
        if printer is None:
            self.message.setText(self.message.text() + "\n" + self.tr("No printer: please note the reference number."))
            return
        data = {"reference_no": self.reference_no, "site_name": self.ctx.config.site.site_name,
                "category": SLIP_NAMES[self.category],
                "created_at": datetime.now().isoformat(timespec="seconds"),
                "receipt_no": receipt_no, "phone": phone, "hotline": self.ctx.config.site.hotline}
        self.job_id = print_feedback_slip(printer, data)

    def _printed(self, job_id: str) -> None:
        if job_id == self.job_id:
            self.message.setText(self.message.text() + "\n" + self.tr("Please take your slip."))

    def _print_failed(self, job_id: str, reason: str) -> None:
        if job_id == self.job_id:
            self.message.setText(self.message.text() + "\n" +
                                 self.tr("The slip could not be printed (%1).").replace("%1", reason))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def wipe(self) -> None:
        self.text.clear()
        self.phone.clear()
        self.receipt.clear()
        if self.keyboard is not None:
            self.keyboard.reset()

    @classmethod
    def sample(cls, ctx) -> dict:
        return {"receipt_no": "431002-K01-261123-00017-C"}


SCREENS = (FeedbackScreen,)
