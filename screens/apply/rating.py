"""好差评 (办完即评): five levels right after the service; a reason is required for the two
lowest. Queued and synced like a submission. Also used from home to rate an earlier receipt."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QPlainTextEdit

from screens.base import Screen, button, label

LEVELS = [  # level (5 = best), label
    (5, QT_TRANSLATE_NOOP("RatingScreen", "Very satisfied")),
    (4, QT_TRANSLATE_NOOP("RatingScreen", "Satisfied")),
    (3, QT_TRANSLATE_NOOP("RatingScreen", "Basically satisfied")),
    (2, QT_TRANSLATE_NOOP("RatingScreen", "Dissatisfied")),
    (1, QT_TRANSLATE_NOOP("RatingScreen", "Very dissatisfied")),
]
REASONS = [
    QT_TRANSLATE_NOOP("RatingScreen", "Too many materials asked for"),
    QT_TRANSLATE_NOOP("RatingScreen", "The terminal was hard to use"),
    QT_TRANSLATE_NOOP("RatingScreen", "Waited too long"),
    QT_TRANSLATE_NOOP("RatingScreen", "Could not get it done"),
    QT_TRANSLATE_NOOP("RatingScreen", "Staff attitude"),
    QT_TRANSLATE_NOOP("RatingScreen", "Other"),
]


class RatingScreen(Screen):
    name = "rating"
    show_back = False

    def __init__(self, ctx, receipt_no: str | None = None, parent=None) -> None:
        super().__init__(ctx, parent)
        self.receipt_no = receipt_no or ctx.session.data.get("receipt_no")
        self.level: int | None = None
        self.body.addWidget(label(self.tr("How was the service? Receipt %1").replace("%1", self.receipt_no or "—"), "key"))
        grid = QGridLayout()
        self.group = QButtonGroup(self)
        self.level_buttons = {}
        for index, (level, text) in enumerate(LEVELS):
            choice = button(QCoreApplication.translate("RatingScreen", text))
            choice.setCheckable(True)
            choice.clicked.connect(lambda _=False, lv=level: self._choose(lv))
            self.group.addButton(choice)
            grid.addWidget(choice, index // 2, index % 2)
            self.level_buttons[level] = choice
        self.body.addLayout(grid)
        self.reason_title = label(self.tr("Please tell us what went wrong (required)"), "key")
        self.body.addWidget(self.reason_title)
        reasons = QGridLayout()
        self.reason_buttons = {}
        for index, text in enumerate(REASONS):
            choice = button(QCoreApplication.translate("RatingScreen", text))
            choice.setCheckable(True)
            reasons.addWidget(choice, index // 2, index % 2)
            self.reason_buttons[text] = choice
        self.body.addLayout(reasons)
        self.reason_text = QPlainTextEdit()
        self.reason_text.setPlaceholderText(self.tr("More details (optional)"))
        self.reason_text.setMaximumHeight(160)
        self.body.addWidget(self.reason_text)
        self.message = label("", "error")
        self.message.hide()
        self.fixed.addWidget(self.message)  # beside the button that failed, never scrolled away
        self.body.addStretch(1)
        self.submit_button = button(self.tr("Submit rating"), "primary")
        self.submit_button.clicked.connect(self.submit)
        self.add_action(self.submit_button)
        self._show_reasons(False)

    def title(self) -> str:
        return self.tr("Rate this service")

    def voice_prompt(self) -> str:
        return self.tr("Please rate the service. Touch one of the five buttons.")

    def _show_reasons(self, show: bool) -> None:
        for widget in (self.reason_title, self.reason_text, *self.reason_buttons.values()):
            widget.setVisible(show)

    def _choose(self, level: int) -> None:
        self.level = level
        self._show_reasons(level <= 2)

    def reason(self) -> str:
        chosen = [QCoreApplication.translate("RatingScreen", t) for t, b in self.reason_buttons.items() if b.isChecked()]
        detail = self.reason_text.toPlainText().strip()
        return "；".join(chosen + ([detail] if detail else []))

    def submit(self) -> None:
        if self.level is None:
            self._say(self.tr("Please choose one of the five levels."))
            return
        reason = self.reason() if self.level <= 2 else ""
        if self.level <= 2 and not reason:
            self._say(self.tr("Please choose or write a reason."))
            return
        store = self.ctx.services.store
        if store is None or not self.receipt_no:
            self._say(self.tr("Rating cannot be saved on this terminal right now."))
            return
        staff = self.ctx.staff
        try:
            store.enqueue_rating(self.receipt_no, self.level, reason or None,
                                 None if staff is None else {"staff_id": staff.staff_id, "name": staff.name})
        except Exception as exc:  # AlreadyRated and store errors: say so, keep the session
            if type(exc).__name__ == "AlreadyRated":
                self._say(self.tr("This application has already been rated. Thank you."))
            else:
                self._say(self.tr("Rating could not be saved: %1").replace("%1", str(exc)))
            return
        self.ctx.flow.go("thanks")

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def wipe(self) -> None:
        self.reason_text.clear()

    @classmethod
    def sample(cls, ctx) -> dict:
        return {"receipt_no": "431002K0120261123000017"}


class ThanksScreen(Screen):
    name = "thanks"
    show_back = False

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.body.addStretch(1)
        self.body.addWidget(label(self.tr("Thank you! Please take your ID card and your receipt."), "title"))
        self.body.addWidget(label(self.tr("Everything you entered is wiped from this terminal when you leave this screen."),
                                  "body"))
        self.body.addStretch(2)
        self.home_button = button(self.tr("Back to the home screen"), "primary")
        self.home_button.clicked.connect(lambda: ctx.flow.home("completed"))
        self.body.addWidget(self.home_button)
        self.exit_button.hide()

    def title(self) -> str:
        return self.tr("Done")

    def enter(self) -> None:
        super().enter()
        # the next resident must not find this one's session: leave on our own after a while
        QTimer.singleShot(15_000, self, self._auto_home)

    def _auto_home(self) -> None:
        if self.ctx.flow.current() is self:
            self.ctx.flow.home("completed")


SCREENS = (RatingScreen, ThanksScreen)
