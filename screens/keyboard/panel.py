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
BUILDERS = {"digits": DigitPad, "id_number": IdNumberPad, "phone": PhonePad}


class KeyboardPanel(QWidget):
    committed = Signal(str)
    done = Signal()

    def __init__(self, ctx=None, dictionary: PinyinDictionary | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KeyboardPanel")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._dictionary = dictionary
        self.elder = bool(ctx.elder) if ctx is not None else False
        # keyboards are built on first use: a screen shows one kind at a time (feedback: pinyin;
        # form: none until a field is tapped), and building all four cost ~55 ms per screen
        self.keyboards: dict[str, KeyboardBase] = {}
        self.kind: str | None = None
        if ctx is not None:
            ctx.elderChanged.connect(self.set_elder)

    def _build(self, name: str) -> KeyboardBase:
        if name == "pinyin":
            keyboard: KeyboardBase = PinyinKeyboard(self._dictionary, elder=self.elder)
        else:
            keyboard = BUILDERS[name](elder=self.elder)
        keyboard.committed.connect(self.committed)
        keyboard.done.connect(self.done)
        keyboard.hide()
        self._layout.addWidget(keyboard)
        self.keyboards[name] = keyboard
        return keyboard

    def show_for(self, widget: Target, kind: str = "text") -> KeyboardBase:
        """Show the keyboard for `kind` and make it edit `widget`; returns that keyboard."""
        if kind not in KINDS:
            raise ValueError(f"unknown field kind {kind!r}; expected one of {', '.join(KINDS)}")
        wanted = self.keyboard_for(kind)
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
        """The keyboard for `kind`, built now if this panel has not shown it yet."""
        if kind not in KINDS:
            raise ValueError(f"unknown field kind {kind!r}; expected one of {', '.join(KINDS)}")
        name = KINDS[kind]
        return self.keyboards.get(name) or self._build(name)

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
        self.elder = elder
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
