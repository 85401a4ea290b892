"""One input widget per catalog form-field type, each with get()/set() and a `kind` telling
the keyboard panel which keyboard it needs."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from screens.apply.region_picker import RegionPicker, split_region
from screens.base import button

KEYBOARD_FOR = {"text": "text", "number": "digits", "date": "digits", "phone": "phone",
                "id_number": "id_number", "address": "text"}

# A small region table for the picker; a real terminal loads its province's full table.
REGIONS = {
    "湖南省": {"郴州市": ["北湖区", "苏仙区", "资兴市", "桂阳县", "宜章县", "永兴县", "嘉禾县", "临武县", "汝城县", "桂东县", "安仁县"],
             "长沙市": ["芙蓉区", "天心区", "岳麓区", "开福区", "雨花区", "望城区", "长沙县"]},
    "湖北省": {"黄石市": ["黄石港区", "西塞山区", "下陆区", "铁山区", "阳新县", "大冶市"]},
    "山东省": {"淄博市": ["张店区", "淄川区", "博山区", "临淄区", "周村区"], "东营市": ["东营区", "河口区", "垦利区", "利津县", "广饶县"]},
    "四川省": {"达州市": ["通川区", "达川区", "宣汉县", "开江县", "大竹县", "渠县", "万源市"]},
    "北京市": {"北京市": ["东城区", "西城区", "朝阳区", "海淀区", "丰台区"]},
}


class FieldInput(QWidget):
    changed = Signal()
    focused = Signal(object)   # the QLineEdit that wants a keyboard

    kind = "text"

    def get(self):
        raise NotImplementedError

    def set(self, value) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        self.set("")


class LineInput(FieldInput):
    def __init__(self, field_type: str, parent=None) -> None:
        super().__init__(parent)
        self.kind = KEYBOARD_FOR.get(field_type, "text")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        # personal data: no prediction, no history, nothing remembered by an input method
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
        self.edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.edit.setDragEnabled(False)
        if field_type == "date":
            self.edit.setPlaceholderText("2026-01-31")
        self.edit.textChanged.connect(self.changed)
        self.edit.installEventFilter(self)
        row.addWidget(self.edit)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if watched is self.edit and event.type() == event.Type.FocusIn:
            self.focused.emit(self.edit)
        return False

    def get(self):
        return self.edit.text().strip()

    def set(self, value) -> None:
        self.edit.setText("" if value is None else str(value))

    def clear(self) -> None:
        self.edit.clear()
        self.edit.setModified(False)


class ChoiceInput(FieldInput):
    kind = "none"

    def __init__(self, options, multiple: bool, parent=None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(not multiple)
        self.multiple = multiple
        self.buttons = {}
        for index, option in enumerate(options):
            choice = button(option)
            choice.setCheckable(True)
            choice.toggled.connect(self.changed)
            self.group.addButton(choice)
            grid.addWidget(choice, index // 2, index % 2)
            self.buttons[option] = choice

    def get(self):
        chosen = [o for o, b in self.buttons.items() if b.isChecked()]
        return chosen if self.multiple else (chosen[0] if chosen else "")

    def set(self, value) -> None:
        values = value if isinstance(value, list) else [value]
        self.group.setExclusive(False)
        for option, choice in self.buttons.items():
            choice.setChecked(option in values)
        self.group.setExclusive(not self.multiple)


class AddressInput(FieldInput):
    """Province / city / district picker plus the street line."""

    kind = "text"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.region = RegionPicker(REGIONS)
        column.addWidget(self.region)
        self.street = LineInput("text")
        self.street.edit.setPlaceholderText(self.tr("Street, building, room"))
        self.street.focused.connect(self.focused)
        column.addWidget(self.street)
        self.region.changed.connect(self.changed)
        self.street.changed.connect(self.changed)

    def get(self):
        street = self.street.get()
        if not street:
            return ""
        return "".join(self.region.values()) + street

    def set(self, value) -> None:
        """Split a full address (as printed on the card) into the region table's parts and the
        rest; what the table does not know stays in the street line."""
        parts, rest = split_region(REGIONS, "" if value is None else str(value))
        self.region.set_values(*parts)
        self.street.set(rest)


def make_input(field_def) -> FieldInput:
    if field_def.type in ("choice", "multichoice"):
        return ChoiceInput(field_def.options, field_def.type == "multichoice")
    if field_def.type == "address":
        return AddressInput()
    return LineInput(field_def.type)
