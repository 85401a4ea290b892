"""Inner parts of composite widgets (a combo box's popup, a spin box's line edit) get an empty style sheet of their own, so Qt hooks their `destroyed` signal and drops
their cached style rules when a screen is deleted (kiosk.style_cache; the soak found ~26 KB per
session kept by Qt's style-sheet caches without it)."""

from __future__ import annotations

from PySide6.QtCore import SIGNAL, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.showcase import open_screen
from kiosk.style_cache import OWN_SHEET, inner_parts, track_inner_parts


def _hooked(widget: QWidget) -> bool:
    return widget.receivers(SIGNAL("destroyed(QObject*)")) > 0


def _composite_tree() -> tuple[QWidget, dict]:
    root = QWidget()
    layout = QVBoxLayout(root)
    scroll = QScrollArea()
    scroll.setWidget(QLabel("内容"))
    combo = QComboBox()
    combo.addItems(["湖南省", "广东省"])
    date = QDateEdit()
    text = QPlainTextEdit()
    for widget in (scroll, combo, date, text):
        layout.addWidget(widget)
    return root, {"scroll": scroll, "combo": combo, "date": date, "text": text}


def test_inner_parts_get_an_own_sheet_and_qt_hooks_their_deletion(kiosk, qtbot):
    root, widgets = _composite_tree()   # under the kiosk's application style sheet
    qtbot.addWidget(root)
    root.show()
    qtbot.waitExposed(root)
    parts = inner_parts(root)
    expected = {widgets["combo"].view().window(), widgets["combo"].view().viewport(),
                widgets["date"].findChild(QLineEdit, "qt_spinbox_lineedit")}
    assert expected <= set(parts)
    # Qt styles these through their container and does not watch their deletion by itself
    assert not any(_hooked(part) for part in expected)
    assert track_inner_parts(root) == len(set(parts))
    for part in expected:
        assert part.styleSheet() == OWN_SHEET
        assert _hooked(part), f"{part.metaObject().className()} {part.objectName()!r} is not watched"
    assert track_inner_parts(root) == 0          # marked once
    # a scroll area's viewport paints nothing of its own (the kiosk's scroll areas are
    # transparent), so the style sheet is never asked about it
    assert widgets["scroll"].viewport().testAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)


def test_the_flow_marks_a_screens_inner_parts_before_deleting_it(kiosk, qtbot):
    seen: list[tuple[str, list[tuple[str, bool]]]] = []

    def spy(screen) -> None:
        track_inner_parts(screen)
        seen.append((screen.objectName(), [(part.styleSheet(), _hooked(part)) for part in inner_parts(screen)]))

    kiosk.flow.before_delete = spy
    screen = open_screen(kiosk, "delivery")       # the region picker: three combo boxes
    assert len(screen.findChildren(QComboBox)) == 3
    assert all(part.styleSheet() == OWN_SHEET for part in inner_parts(screen))   # marked when built
    kiosk.flow.home("test")                      # ends the session: the screen is destroyed
    qtbot.waitUntil(lambda: bool(seen), timeout=2000)
    name, parts = seen[0]
    assert name == "screen-delivery"
    assert len(parts) == 6                       # each combo's popup frame and list viewport
    assert all(sheet == OWN_SHEET and hooked for sheet, hooked in parts)
