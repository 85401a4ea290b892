"""Digit keypads made of plain widgets (no system keyboard, no Qt Virtual Keyboard).
Variants: PIN (masked), digits, ID number (0–9 and X), phone (11 digits)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from screens.base import button


class Keypad(QWidget):
    """Emits `pressed(str)` with a digit, "X", "back" or "ok"."""

    pressed = Signal(str)

    def __init__(self, with_x: bool = False, with_ok: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(16)
        self.keys: dict[str, QPushButton] = {}
        layout = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
        for index, key in enumerate(layout):
            self._add(grid, key, key, index // 3, index % 3)
        self._add(grid, "X" if with_x else "back", "X" if with_x else self.tr("Delete"), 3, 0)
        self._add(grid, "0", "0", 3, 1)
        if with_x:
            self._add(grid, "back", self.tr("Delete"), 3, 2)
            if with_ok:
                self._add(grid, "ok", self.tr("OK"), 4, 0, span=3, role="primary")
        elif with_ok:
            self._add(grid, "ok", self.tr("OK"), 3, 2, role="primary")

    def _add(self, grid: QGridLayout, key: str, text: str, row: int, col: int, span: int = 1,
             role: str = "key") -> None:
        widget = button(text, role)
        widget.clicked.connect(lambda _=False, k=key: self.pressed.emit(k))
        grid.addWidget(widget, row, col, 1, span)
        self.keys[key] = widget


MAX_PIN_DIGITS = 12


def edit_pin(digits: str, key: str) -> str | None:
    """The PIN after one key of a PIN pad (digits kept in memory only, shown as dots);
    None when the key is "ok", i.e. the PIN is to be checked."""
    if key == "ok":
        return None
    if key == "back":
        return digits[:-1]
    return digits + key if len(digits) < MAX_PIN_DIGITS else digits
