"""A session's screens are really gone after the session: nothing a long-lived object (a device
service, health, the flow) holds may keep a screen's Python wrapper alive. A lambda connected to
the ID-card service kept every identify screen (and its labels) for the life of the process —
the soak's ~80 KB per session of steady growth."""

from __future__ import annotations

import gc

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from kiosk.context import Services
from kiosk.services.idcard import IdCardService
from kiosk.showcase import iter_screens
from screens.base import Screen


def _live_screens() -> dict[str, int]:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    live: dict[str, int] = {}
    for obj in gc.get_objects():
        if isinstance(obj, Screen):
            live[type(obj).__name__] = live.get(type(obj).__name__, 0) + 1
    return live


def test_no_session_screen_outlives_its_session(make_kiosk, tmp_path):
    reader = IdCardService(str(tmp_path / "no-reader"))   # long-lived signals, never started
    kiosk = make_kiosk(services=Services(idcard=reader))
    visited = []
    for _round in range(2):
        visited = [name for name, _screen in iter_screens(kiosk, elder=False)]
        kiosk.flow.home("test")
    assert "identify" in visited
    kept = {getattr(factory, "__name__", "") for factory in kiosk.flow.registry.values()
            if not getattr(factory, "session_scoped", True)}
    live = _live_screens()
    left = {name: n for name, n in live.items() if name not in kept}
    assert not left, f"session screens still alive after two sessions: {left}"
    assert all(n <= 1 for n in live.values()), live   # a kept screen is kept once


def _enum_objects() -> int:
    gc.collect()
    return sum(type(obj).__name__ in ("EnumType", "GestureType") for obj in gc.get_objects())


def test_kinetic_scrolling_drags_and_leaves_nothing_behind(qtbot):
    """Every scroll area flicks by touch-drag, and making more of them creates no new enum
    objects (PySide6 made two immortal ones per QScroller.grabGesture call)."""
    import shiboken6
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLabel, QScrollArea

    from screens.base import kinetic

    def area() -> QScrollArea:
        scroll = QScrollArea()
        scroll.resize(300, 300)
        scroll.setWidget(QLabel("行\n" * 400))
        kinetic(scroll)
        qtbot.addWidget(scroll)
        scroll.show()
        return scroll

    first = area()
    shiboken6.delete(first)        # the first one made (and gone) must not take the others' flick away
    before = _enum_objects()
    areas = [area() for _ in range(5)]
    assert _enum_objects() == before
    scroll = areas[-1]
    qtbot.waitExposed(scroll)
    QTest.qWait(50)
    viewport = scroll.viewport()

    def drag() -> None:
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(150, 250))
        for y in range(250, 40, -15):
            QTest.mouseMove(viewport, QPoint(150, y))
            QTest.qWait(15)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(150, 40))

    # a loaded machine can deliver the moves too late for the recogniser to take them as one
    # drag; a finger would simply drag again
    for _attempt in range(3):
        drag()
        try:
            qtbot.waitUntil(lambda: scroll.verticalScrollBar().value() > 100, timeout=3000)
            return
        except qtbot.TimeoutError:
            continue
    raise AssertionError("three drags did not scroll the area")
