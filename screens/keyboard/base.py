"""What every on-screen keyboard shares: a target text field it edits (`attach`), `committed(str)`
for each piece of text it inserted, `done()` when the person is finished, and key sizes that
follow the theme (bigger in elder mode)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QPushButton, QWidget

log = logging.getLogger(__name__)

Target = QLineEdit | QPlainTextEdit


def keyboard_key(key: QPushButton) -> QPushButton:
    """Mark a button as a key of an on-screen keyboard: the application style sheet gives such
    keys their size (kiosk/theme.py, normal and elder). Call before the key is first shown."""
    key.setProperty("keyboard", True)
    return key


class KeyboardBase(QWidget):
    committed = Signal(str)
    done = Signal()

    def __init__(self, parent: QWidget | None = None, *, elder: bool = False) -> None:
        super().__init__(parent)
        self._target: Target | None = None
        # key sizes come from the application style sheet (keys marked with keyboard_key()), so
        # an elder-mode switch restyles them with everything else
        self.elder = elder

    # --- target ----------------------------------------------------------------------------------
    def attach(self, widget: Target) -> None:
        if not isinstance(widget, (QLineEdit, QPlainTextEdit)):
            raise TypeError(f"a keyboard edits a QLineEdit or QPlainTextEdit, not {type(widget).__name__}")
        if widget is self._target:
            return
        self.detach()
        self._target = widget
        widget.destroyed.connect(self._on_target_destroyed)
        self.target_changed()

    def detach(self) -> None:
        if self._target is not None:
            self._target.destroyed.disconnect(self._on_target_destroyed)
            self._target = None
        self.target_changed()

    def target(self) -> Target | None:
        return self._target

    def _on_target_destroyed(self, *_args) -> None:
        self._target = None

    def target_text(self) -> str:
        if isinstance(self._target, QLineEdit):
            return self._target.text()
        if isinstance(self._target, QPlainTextEdit):
            return self._target.toPlainText()
        return ""

    # --- editing -----------------------------------------------------------------------------------
    def insert(self, text: str) -> None:
        """Insert at the cursor of the target (a QLineEdit's validator and maxLength apply)."""
        if self._target is None or not text:
            return
        if isinstance(self._target, QLineEdit):
            before = self._target.text()
            self._target.insert(text)
            if self._target.text() == before:
                return  # refused by the field (too long, invalid): nothing was committed
        else:
            self._target.insertPlainText(text)
        self.committed.emit(text)

    def backspace(self) -> None:
        if isinstance(self._target, QLineEdit):
            self._target.backspace()
        elif isinstance(self._target, QPlainTextEdit):
            self._target.textCursor().deletePreviousChar()

    # --- to override -----------------------------------------------------------------------------
    def target_changed(self) -> None:
        """The target changed (or went away): forget anything half-typed."""
        self.reset()

    def reset(self) -> None:
        """Drop anything held (pre-edit text, candidates); the session wipe calls it."""

    def set_elder(self, elder: bool) -> None:
        self.elder = elder
