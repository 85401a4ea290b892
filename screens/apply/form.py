"""One form (一表申请) built from the matter's or bundle's merged fields, prefilled from the
card, split into pages with a progress line; plain-Chinese messages next to each field."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk import application as app_rules
from screens.apply.common import draft, sample_draft
from screens.apply.fields import make_input
from screens.apply.keyboard_dock import KeyboardDock
from screens.base import Screen, button, inner_scroll, label

FIELDS_PER_PAGE = 5
translate = QCoreApplication.translate


def problem_text(code: str, field_def) -> str:
    if field_def.validation is not None and field_def.validation.message and code not in (app_rules.REQUIRED,):
        return field_def.validation.message
    messages = {
        app_rules.REQUIRED: translate("FormScreen", "Please fill this in."),
        app_rules.BAD_PHONE: translate("FormScreen", "Please enter an 11-digit mobile number."),
        app_rules.BAD_ID: translate("FormScreen", "This ID number is not valid. Please check it."),
        app_rules.BAD_NUMBER: translate("FormScreen", "Please enter a number."),
        app_rules.TOO_SHORT: translate("FormScreen", "This is too short."),
        app_rules.TOO_LONG: translate("FormScreen", "This is too long."),
        app_rules.OUT_OF_RANGE: translate("FormScreen", "This number is out of range."),
        app_rules.BAD_PATTERN: translate("FormScreen", "Please check the format."),
        app_rules.BAD_DATE: translate("FormScreen", "Please enter a date like 2026-01-31."),
    }
    return messages.get(code, code)


class FormScreen(Screen):
    name = "form"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.draft = draft(ctx)
        self.page = 0
        self.inputs = {}
        self.errors = {}
        fields = list(self.draft.merged.fields) if self.draft else []
        self.pages = [fields[i:i + FIELDS_PER_PAGE] for i in range(0, len(fields), FIELDS_PER_PAGE)] or [[]]
        self.subtitle = label(self.draft.merged.name if self.draft else "", "key")
        self.progress = label("", "hint")
        # landscape panels are only 1080 px high: the keyboard opens beside the fields there
        # (below them, the elder keyboard would push the tapped field out of sight)
        split = QHBoxLayout() if ctx.landscape else QVBoxLayout()
        split.setSpacing(24)
        fields_column = QVBoxLayout()
        fields_column.setSpacing(self.body.spacing())
        fields_column.addWidget(self.subtitle)
        fields_column.addWidget(self.progress)
        self.scroll = inner_scroll()
        fields_column.addWidget(self.scroll, 1)
        split.addLayout(fields_column, 1)
        self.keyboard = KeyboardDock(ctx, self.scroll)
        self.keyboard.add_to(split)
        self.body.addLayout(split, 1)
        self.previous_button = button(self.tr("Previous page"))
        self.previous_button.clicked.connect(self.previous_page)
        self.next_button = button(self.tr("Next"), "primary")
        self.next_button.clicked.connect(self.next_page)
        self.add_action(self.previous_button, secondary=True)
        self.add_action(self.next_button)
        self._show_page(0)

    def title(self) -> str:
        return self.tr("Fill in the form")

    def voice_prompt(self) -> str:
        return self.tr("Please check the form. What we could read from your card is already filled in.")

    def _show_page(self, index: int) -> None:
        self._store_page()
        self.keyboard.put_away()  # its field is about to be replaced
        self.page = index
        container = QWidget()
        column = QVBoxLayout(container)
        column.setSpacing(12)
        self.inputs.clear()
        self.errors.clear()
        for field_def in self.pages[index]:
            mark = " *" if field_def.required else ""
            column.addWidget(label(field_def.label + mark, "key"))
            if field_def.hint:
                column.addWidget(label(field_def.hint, "hint"))
            widget = make_input(field_def)
            widget.set(self.draft.form.get(field_def.key, "") if self.draft else "")
            self.keyboard.attach(widget)
            column.addWidget(widget)
            error = label("", "error")
            error.hide()
            column.addWidget(error)
            self.inputs[field_def.key] = (field_def, widget)
            self.errors[field_def.key] = error
        column.addStretch(1)
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(container)
        total = len(self.pages)
        self.progress.setText(self.tr("Page %1 of %2").replace("%1", str(index + 1)).replace("%2", str(total)))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setText(self.tr("Next page") if index + 1 < total else self.tr("Next: materials"))

    def _store_page(self) -> None:
        if self.draft is None:
            return
        for key, (_field_def, widget) in self.inputs.items():
            self.draft.form[key] = widget.get()

    def validate_page(self) -> bool:
        self._store_page()
        ok = True
        for key, (field_def, _widget) in self.inputs.items():
            code = app_rules.validate(field_def, self.draft.form.get(key))
            error = self.errors[key]
            if code:
                ok = False
                error.setText(problem_text(code, field_def))
                error.show()
            else:
                error.hide()
        return ok

    def next_page(self) -> None:
        if self.draft is None or not self.validate_page():
            return
        if self.page + 1 < len(self.pages):
            self._show_page(self.page + 1)
        else:
            self.keyboard.put_away()
            self.ctx.flow.go("materials")

    def previous_page(self) -> None:
        if self.page > 0:
            self._show_page(self.page - 1)

    def leave(self) -> None:
        self._store_page()

    def wipe(self) -> None:
        for _field_def, widget in self.inputs.values():
            widget.clear()
        self.keyboard.reset()

    @classmethod
    def sample(cls, ctx) -> dict:
        sample_draft(ctx)
        return {}


SCREENS = (FormScreen,)
