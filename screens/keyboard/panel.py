"""`KeyboardPanel`: one panel that shows the right keyboard for the field being edited.

    panel = KeyboardPanel(ctx)                  # follows ctx's elder mode
    panel.committed.connect(...); panel.done.connect(...)
    panel.show_for(line_edit, "id_number")      # "text" | "number" | "digits" | "id_number" | "phone"
    panel.reset()                               # session wipe: no pre-edit, no candidates, no target
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ime import PinyinDictionary
from screens.keyboard.base import KeyboardBase, Target
from screens.keyboard.pads import DigitPad, IdNumberPad, PhonePad
from screens.keyboard.pinyin import PinyinKeyboard

KINDS = {"text": "pinyin", "number": "digits", "digits": "digits", "id_number": "id_number", "phone": "phone"}


class KeyboardPanel(QWidget):
    committed = Signal(str)
    done = Signal()

    def __init__(self, ctx=None, dictionary: PinyinDictionary | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KeyboardPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.keyboards: dict[str, KeyboardBase] = {
            "pinyin": PinyinKeyboard(dictionary),
            "digits": DigitPad(),
            "id_number": IdNumberPad(),
            "phone": PhonePad(),
        }
        for keyboard in self.keyboards.values():
            keyboard.committed.connect(self.committed)
            keyboard.done.connect(self.done)
            keyboard.hide()
            layout.addWidget(keyboard)
        self.kind: str | None = None
        if ctx is not None:
            self.set_elder(ctx.elder)
            ctx.elderChanged.connect(self.set_elder)

    def show_for(self, widget: Target, kind: str = "text") -> KeyboardBase:
        """Show the keyboard for `kind` and make it edit `widget`; returns that keyboard."""
        if kind not in KINDS:
            raise ValueError(f"unknown field kind {kind!r}; expected one of {', '.join(KINDS)}")
        wanted = self.keyboards[KINDS[kind]]
        for keyboard in self.keyboards.values():
            if keyboard is not wanted:
                keyboard.detach()
                keyboard.hide()
        wanted.attach(widget)
        wanted.show()
        self.kind = kind
        return wanted

    attach = show_for

    def current(self) -> KeyboardBase | None:
        return self.keyboards[KINDS[self.kind]] if self.kind else None

    def keyboard_for(self, kind: str) -> KeyboardBase:
        return self.keyboards[KINDS[kind]]

    def detach(self) -> None:
        for keyboard in self.keyboards.values():
            keyboard.detach()
            keyboard.hide()
        self.kind = None

    def reset(self) -> None:
        """Forget everything typed and the field being edited (the session wipe calls this)."""
        for keyboard in self.keyboards.values():
            keyboard.reset()
        self.detach()

    def set_elder(self, elder: bool) -> None:
        for keyboard in self.keyboards.values():
            keyboard.set_elder(elder)

    @classmethod
    def sample(cls, ctx=None, dictionary: PinyinDictionary | None = None) -> tuple[KeyboardPanel, QWidget]:
        """A panel editing an invented name field, with "shebaoka" typed: for tests, screenshots
        and reviewers (there is no keyboard demo screen)."""
        from PySide6.QtWidgets import QLineEdit

        panel = cls(ctx, dictionary)
        field = QLineEdit(panel)
        field.hide()
        keyboard = panel.show_for(field, "text")
        for char in "shebaoka":
            keyboard.press_char(char)
        return panel, field
