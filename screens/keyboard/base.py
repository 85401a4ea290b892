"""What every on-screen keyboard shares: a target text field it edits (`attach`), `committed(str)`
for each piece of text it inserted, `done()` when the person is finished, and key sizes that
follow the theme (bigger in elder mode)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from kiosk.theme import MIN_TARGET_PX, tokens_for

log = logging.getLogger(__name__)

Target = QLineEdit | QPlainTextEdit


def key_sheet(elder: bool) -> str:
    """Key sizes for keyboards: the theme's key height, a little lower (seven rows of keys must fit
    under a form on a 1080 px high landscape panel) and narrower (ten keys in a row must fit a
    1080 px wide portrait panel). Font sizes stay with the theme's `key` role."""
    height = max(MIN_TARGET_PX, round(tokens_for(elder).button_min_height * 0.8))
    return (f'QPushButton[role="key"], QPushButton[role="primary"] {{ min-height: {height}px; '
            f"min-width: {MIN_TARGET_PX}px; padding: 2px 4px; }}")


class KeyboardBase(QWidget):
    committed = Signal(str)
    done = Signal()

    def __init__(self, parent: QWidget | None = None, *, elder: bool = False) -> None:
        super().__init__(parent)
        self._target: Target | None = None
        # the sheet is set once, before the keys exist: re-setting it re-polishes every key
        # (~30 ms for the pinyin keyboard, measured)
        self.elder = elder
        self.setStyleSheet(key_sheet(elder))

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
        if elder == self.elder:
            return
        self.elder = elder
        self.setStyleSheet(key_sheet(elder))
