"""Province → city → district chosen with big buttons.

Three buttons show the current choice; tapping one opens a grid of big option buttons beneath
them, and choosing moves on to the next level. A touchscreen needs targets this size (a
QComboBox popup lists 30 px rows), and Qt kept each combo popup's style data after the popup was
gone (about 0.9 KB per delivery form in the soak).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from screens.base import button

OPTION_COLUMNS = 3
LEVELS = 3  # province, city, district


def split_region(regions: dict[str, dict[str, list[str]]], text: str) -> tuple[list[str], str]:
    """The leading province, city and district of `text` that the table knows (as many levels
    as match, in order), and the rest of the text."""
    parts: list[str] = []
    level: dict | list = regions
    while level:
        match = next((name for name in level if text.startswith(name)), None)
        if match is None:
            break
        parts.append(match)
        text = text[len(match):]
        level = level[match] if isinstance(level, dict) else []
    return parts, text


class RegionPicker(QWidget):
    changed = Signal()

    def __init__(self, regions: dict[str, dict[str, list[str]]], parent=None) -> None:
        if not regions:  # before the QWidget exists: a half-built widget is not left behind
            raise ValueError("the region table is empty")
        super().__init__(parent)
        self._regions = regions
        self._values = ["", "", ""]
        self._open: int | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        # Taps arrive through button groups' idClicked to bound methods: a lambda holding self
        # would keep this widget's Python side alive after the screen is gone.
        self._level_group = QButtonGroup(self)
        self._level_group.setExclusive(False)
        self._level_group.idClicked.connect(self._toggle)
        self.level_buttons: list[QPushButton] = []
        for level in range(LEVELS):
            level_button = button("")
            level_button.setCheckable(True)  # checked while its options are open
            self._level_group.addButton(level_button, level)
            row.addWidget(level_button, 1)
            self.level_buttons.append(level_button)
        column.addLayout(row)
        self.options = QWidget()
        self._grid = QGridLayout(self.options)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.option_buttons: list[QPushButton] = []  # a pool, reused: no widgets made per tap
        self._option_group = QButtonGroup(self)
        self._option_group.idClicked.connect(self._option_tapped)
        self.options.hide()
        column.addWidget(self.options)
        self.set_values()

    # ------------------------------------------------------------------ values

    def values(self) -> tuple[str, str, str]:
        return self._values[0], self._values[1], self._values[2]

    def options_for(self, level: int) -> list[str]:
        if level == 0:
            return list(self._regions)
        cities = self._regions.get(self._values[0], {})
        return list(cities) if level == 1 else list(cities.get(self._values[1], []))

    def set_values(self, province: str = "", city: str = "", district: str = "") -> None:
        """Unknown or missing parts fall back to the first entry of their level."""
        self.close_options()
        for level, wanted in enumerate((province, city, district)):
            choices = self.options_for(level)
            self._values[level] = wanted if wanted in choices else (choices[0] if choices else "")
        self._show_values()
        self.changed.emit()

    def choose(self, level: int, value: str) -> None:
        """What a tap on an option does: set the level, reset the ones below, open the next."""
        if value not in self.options_for(level):
            raise ValueError(f"{value!r} is not a choice at level {level}")
        self._values[level] = value
        for lower in range(level + 1, LEVELS):
            choices = self.options_for(lower)
            self._values[lower] = choices[0] if choices else ""
        self._show_values()
        self.changed.emit()
        # a level with a single choice (北京市 → 北京市) needs no tap: open the next real one
        following = [lower for lower in range(level + 1, LEVELS) if len(self.options_for(lower)) > 1]
        if following:
            self.open_level(following[0])
        else:
            self.close_options()

    # ------------------------------------------------------------------ the option grid

    def open_level(self, level: int) -> None:
        choices = self.options_for(level)
        while len(self.option_buttons) < len(choices):
            option = button("")
            option.setCheckable(True)  # the current choice shows checked (the group is exclusive)
            self._option_group.addButton(option, len(self.option_buttons))
            self.option_buttons.append(option)
        for index, option in enumerate(self.option_buttons):
            if index < len(choices):
                option.setText(choices[index])
                if choices[index] == self._values[level]:
                    option.setChecked(True)
                self._grid.addWidget(option, index // OPTION_COLUMNS, index % OPTION_COLUMNS)
                option.show()
            else:
                self._grid.removeWidget(option)
                option.hide()
        self._open = level
        for index, level_button in enumerate(self.level_buttons):
            level_button.setChecked(index == level)
        self.options.show()

    def close_options(self) -> None:
        self._open = None
        for level_button in self.level_buttons:
            level_button.setChecked(False)
        self.options.hide()

    def open_level_index(self) -> int | None:
        return self._open

    def _option_tapped(self, index: int) -> None:
        if self._open is not None:
            self.choose(self._open, self.option_buttons[index].text())

    def _toggle(self, level: int) -> None:
        if self._open == level:
            self.close_options()
        else:
            self.open_level(level)

    def _show_values(self) -> None:
        for level_button, value in zip(self.level_buttons, self._values, strict=True):
            level_button.setText(f"{value} ▾" if value else "—")
