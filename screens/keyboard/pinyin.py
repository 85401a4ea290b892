"""`PinyinKeyboard`: QWERTY keys, a pre-edit line with the typed pinyin, a candidate bar with
paging, digits, space, delete, done and a 中/英 switch. Candidates come from kiosk.ime (the
engine keeps no history; this widget holds the pre-edit text only until it is committed or
`reset()`)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ime import Candidate, PinyinDictionary, preload, shared_dictionary
from kiosk.ime.dictionary import MAX_INPUT
from screens.base import button, label
from screens.keyboard.base import KeyboardBase, keyboard_key

log = logging.getLogger(__name__)

DIGIT_ROW = "1234567890"
LETTER_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
MAX_SLOTS = 7             # candidates on one page at most
FALLBACK_BAR_PX = 600     # bar width assumed before the keyboard is first laid out


class PinyinKeyboard(KeyboardBase):
    def __init__(self, dictionary: PinyinDictionary | Callable[[], PinyinDictionary] | None = None,
                 parent: QWidget | None = None, *, elder: bool = False) -> None:
        super().__init__(parent, elder=elder)
        if dictionary is None:
            preload()          # read the index in the background while the person looks at the form
            dictionary = shared_dictionary
        self._dictionary = dictionary
        self.chinese = True
        self.preedit = ""
        self.all_candidates: list[Candidate] = []
        self._page_starts = [0]
        self.page_candidates: list[Candidate] = []

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self.preedit_label = label("", "key", wrap=False)
        self.preedit_label.setObjectName("Preedit")
        self.preedit_label.setMinimumWidth(0)
        self.preedit_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        column.addWidget(self.preedit_label)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.prev_button = self._key("◀", self.previous_page)
        self.next_button = self._key("▶", self.next_page)
        for arrow in (self.prev_button, self.next_button):   # arrows keep their size; the words share the rest
            arrow.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.candidate_buttons: list[QPushButton] = []
        self._candidate_row = QHBoxLayout()
        self._candidate_row.setSpacing(8)
        for index in range(MAX_SLOTS):
            slot = self._key("", lambda i=index: self.choose(i))
            slot.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            slot.hide()
            self._candidate_row.addWidget(slot)
            self.candidate_buttons.append(slot)
        self._candidate_host = QWidget()
        self._candidate_host.setLayout(self._candidate_row)
        self._candidate_host.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._candidate_row.setContentsMargins(0, 0, 0, 0)
        self._candidate_host.installEventFilter(self)
        self._measure = keyboard_key(button("", "key", self))   # never shown: measures candidate widths
        self._measure.hide()
        bar.addWidget(self.prev_button)
        bar.addWidget(self._candidate_host, 1)
        bar.addWidget(self.next_button)
        column.addLayout(bar)

        self.keys: dict[str, QPushButton] = {}
        for row_keys in (DIGIT_ROW, *LETTER_ROWS):
            row = QHBoxLayout()
            row.setSpacing(8)
            if row_keys == LETTER_ROWS[1]:
                row.addStretch(1)       # the a-row sits half a key in, as on a real keyboard
            if row_keys == LETTER_ROWS[2]:
                self.shift_button = self._key(self.tr("Caps"), self.toggle_shift)
                self.shift_button.setCheckable(True)
                row.addWidget(self.shift_button, 3)
            for char in row_keys:
                key = self._key(char, lambda c=char: self.press_char(c))
                self.keys[char] = key
                row.addWidget(key, 2)
            if row_keys == LETTER_ROWS[1]:
                row.addStretch(1)
            if row_keys == LETTER_ROWS[2]:
                self.delete_button = self._key(self.tr("Delete"), self.delete)
                row.addWidget(self.delete_button, 3)
            column.addLayout(row)

        bottom = QHBoxLayout()
        bottom.setSpacing(8)
        self.mode_button = self._key("", self.toggle_mode)
        self.comma_button = self._key("，", lambda: self.punctuation(0))
        self.space_button = self._key(self.tr("Space"), self.space)
        self.period_button = self._key("。", lambda: self.punctuation(1))
        self.done_button = keyboard_key(button(self.tr("Done"), "primary"))
        self.done_button.clicked.connect(self.finish)
        for widget, stretch in ((self.mode_button, 3), (self.comma_button, 2), (self.space_button, 8),
                                (self.period_button, 2), (self.done_button, 4)):
            bottom.addWidget(widget, stretch)
        column.addLayout(bottom)
        self._render()

    def _key(self, text: str, slot) -> QPushButton:
        key = keyboard_key(button(text, "key"))
        key.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        key.clicked.connect(lambda _=False: slot())
        return key

    def dictionary(self) -> PinyinDictionary:
        if callable(self._dictionary):
            self._dictionary = self._dictionary()
        return self._dictionary

    # --- typing ---------------------------------------------------------------------------------------
    def press_char(self, char: str) -> None:
        if char.isalpha() and self.chinese:
            if len(self.preedit) < MAX_INPUT:
                self.preedit += char
                self._lookup()
            return
        if self.preedit:
            self._commit_all()      # a digit after pinyin: finish the pinyin first
        self.insert(char.upper() if char.isalpha() and self.shift_button.isChecked() else char)

    def delete(self) -> None:
        if self.preedit:
            self.preedit = self.preedit[:-1]
            self._lookup()
        else:
            self.backspace()

    def space(self) -> None:
        if self.preedit:
            if self.page_candidates:
                self.choose(0)
            else:
                self._commit_raw()
        else:
            self.insert(" ")

    def punctuation(self, which: int) -> None:
        if self.preedit:
            self._commit_all()
        self.insert(("，", "。")[which] if self.chinese else (",", ".")[which])

    def choose(self, index: int) -> None:
        """Commit the candidate in slot `index`; what it did not consume stays as pre-edit."""
        if index >= len(self.page_candidates):
            return
        chosen = self.page_candidates[index]
        self.insert(chosen.word)
        self.preedit = self.preedit[chosen.consumed:].lstrip("'")
        self._lookup()

    def finish(self) -> None:
        if self.preedit:
            self._commit_all()
        self.done.emit()

    def toggle_mode(self) -> None:
        if self.preedit:
            self._commit_raw()     # switching to English keeps the letters as typed
        self.chinese = not self.chinese
        self._render()

    def toggle_shift(self) -> None:
        self._render()

    def _commit_all(self) -> None:
        """Take the best candidate until the pre-edit is used up (letters left over stay letters)."""
        for _ in range(MAX_INPUT):
            if not self.preedit:
                return
            if not self.page_candidates:
                break
            self.choose(0)
        self._commit_raw()

    def _commit_raw(self) -> None:
        letters = self.preedit.replace("'", "")
        self.preedit = ""
        self._lookup()
        self.insert(letters)

    # --- candidates and paging -------------------------------------------------------------------------
    def _lookup(self) -> None:
        self.all_candidates = self.dictionary().lookup(self.preedit) if self.preedit else []
        self._page_starts = [0]
        self._render()

    def _page_end(self, start: int) -> int:
        """Fill a page by width: as many candidates as fit the bar, measured with a hidden key
        styled like the candidate keys (so elder mode's bigger keys get fewer per page)."""
        host = self._candidate_host
        available = host.width() if host.isVisible() and host.width() > 0 else FALLBACK_BAR_PX
        self._measure.ensurePolished()
        end, used = start, 0
        while end < len(self.all_candidates) and end - start < MAX_SLOTS:
            self._measure.setText(self.all_candidates[end].word)
            need = self._measure.minimumSizeHint().width() + self._candidate_row.spacing()
            if end > start and used + need > available:
                break
            used += need
            end += 1
        return end

    @property
    def page(self) -> int:
        return len(self._page_starts) - 1

    def next_page(self) -> None:
        end = self._page_end(self._page_starts[-1])
        if end < len(self.all_candidates):
            self._page_starts.append(end)
            self._render()

    def previous_page(self) -> None:
        if len(self._page_starts) > 1:
            self._page_starts.pop()
            self._render()

    def reset(self) -> None:
        self.preedit = ""
        self.all_candidates = []
        self.page_candidates = []
        self._page_starts = [0]
        if hasattr(self, "mode_button"):
            self.chinese = True
            self.shift_button.setChecked(False)
            self._render()

    def set_elder(self, elder: bool) -> None:
        super().set_elder(elder)
        self._page_starts = [0]
        self._render()

    def _render(self) -> None:
        start = self._page_starts[-1]
        end = self._page_end(start)
        self.page_candidates = self.all_candidates[start:end]
        for index, slot in enumerate(self.candidate_buttons):
            if index < len(self.page_candidates):
                word = self.page_candidates[index].word
                slot.setText(word)
                self._candidate_row.setStretch(index, len(word) + 1)
                slot.show()
            else:
                slot.setText("")
                slot.hide()
        self.prev_button.setEnabled(start > 0)
        self.next_button.setEnabled(end < len(self.all_candidates))
        if self.preedit:
            self.preedit_label.setText(self.preedit)
        elif self.chinese:
            self.preedit_label.setText(self.tr("Type pinyin, e.g. shebaoka or sbk"))
        else:
            self.preedit_label.setText("")
        self.mode_button.setText(self.tr("Chinese") if self.chinese else self.tr("English"))
        self.shift_button.setEnabled(not self.chinese)
        upper = not self.chinese and self.shift_button.isChecked()
        for char, key in self.keys.items():
            if char.isalpha():
                key.setText(char.upper() if upper else char)
        self.comma_button.setText("，" if self.chinese else ",")
        self.period_button.setText("。" if self.chinese else ".")

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self._candidate_host and event.type() == QEvent.Type.Resize:
            self._page_starts = [0]   # the bar's width changed: re-fill pages from the first
            self._render()
        return super().eventFilter(watched, event)
