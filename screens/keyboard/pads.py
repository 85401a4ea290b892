"""Digit keyboards: `DigitPad` (0–9), `IdNumberPad` (0–9 and X, the check character of an
18-digit ID number) and `PhonePad` (0–9, 11 digits for a mobile, 12 for a landline with area
code). All reuse screens/widgets/keypad.py's Keypad; "OK" means done."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from screens.keyboard.base import KeyboardBase, keyboard_key
from screens.widgets.keypad import Keypad

ID_NUMBER_LENGTH = 18
MOBILE_LENGTH = 11
LANDLINE_LENGTH = 12


class DigitPad(KeyboardBase):
    with_x = False

    def __init__(self, parent: QWidget | None = None, *, elder: bool = False) -> None:
        super().__init__(parent, elder=elder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.keypad = Keypad(with_x=self.with_x, with_ok=True)
        for key in self.keypad.keys.values():
            keyboard_key(key)
        self.keypad.pressed.connect(self.press)
        layout.addWidget(self.keypad)
        self.keys = self.keypad.keys

    def press(self, key: str) -> None:
        if key == "back":
            self.backspace()
        elif key == "ok":
            self.done.emit()
        elif self.accepts(key):
            self.insert(key)
        self.update_keys()

    def accepts(self, key: str) -> bool:
        return key.isdigit()

    def update_keys(self) -> None:
        pass

    def target_changed(self) -> None:
        super().target_changed()
        self.update_keys()


class IdNumberPad(DigitPad):
    """X is accepted only as the 18th character: it is the check character, nowhere else."""

    with_x = True

    def accepts(self, key: str) -> bool:
        text = self.target_text()
        if len(text) >= ID_NUMBER_LENGTH or text.endswith("X"):
            return False
        if key == "X":
            return len(text) == ID_NUMBER_LENGTH - 1
        return key.isdigit()

    def update_keys(self) -> None:
        self.keys["X"].setEnabled(len(self.target_text()) == ID_NUMBER_LENGTH - 1)


class PhonePad(DigitPad):
    def accepts(self, key: str) -> bool:
        text = self.target_text()
        limit = MOBILE_LENGTH if text.startswith("1") else LANDLINE_LENGTH
        return key.isdigit() and len(text) < limit
