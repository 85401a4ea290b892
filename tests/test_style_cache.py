"""Scroll areas' viewports paint no background of their own, so Qt never computes and caches
style-sheet rules for them: it kept those rules forever, ~9 KB per session in the soak
(kiosk.style_cache)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.style_cache import quiet_viewports

NO_BACKGROUND = Qt.WidgetAttribute.WA_NoSystemBackground


def test_viewports_under_a_widget_are_told_they_paint_no_background(qtbot):
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    areas = [QScrollArea(), QScrollArea()]
    for area in areas:
        area.setWidget(QLabel("内容"))
        layout.addWidget(area)
    assert not any(area.viewport().testAttribute(NO_BACKGROUND) for area in areas)
    assert quiet_viewports(root) == 2
    assert all(area.viewport().testAttribute(NO_BACKGROUND) for area in areas)
    assert quiet_viewports(root) == 0            # once
    assert not areas[0].widget().testAttribute(NO_BACKGROUND)   # the content keeps its own


def test_screens_built_by_the_flow_have_quiet_viewports(kiosk):
    screen = kiosk.flow.go("feedback")
    areas = screen.findChildren(QScrollArea)
    assert areas
    assert all(area.viewport().testAttribute(NO_BACKGROUND) for area in areas)
    kiosk.flow.home("test")
