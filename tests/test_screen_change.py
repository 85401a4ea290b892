"""Screen changes: the app-wide input filter is set aside only while a change runs (and always
comes back, even when a screen fails), and the catalog browsers are built ahead in idle turns
once the catalog service is there, then reused by their first visit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from kiosk.context import Services
from screens.base import Screen
from tests.test_guide_browse import write_catalog


def _alt_f4_swallowed(widget) -> bool:
    """Sends Alt+F4 through the application (as the event loop would): True if it was eaten."""
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier, "")
    seen = []

    class Probe(QLineEdit):
        def keyPressEvent(self, e):  # noqa: N802 (Qt API)
            seen.append(e.key())

    probe = Probe(widget)
    QApplication.sendEvent(probe, event)
    probe.deleteLater()
    return not seen


class _Failing(Screen):
    name = "failing"

    def enter(self) -> None:
        raise RuntimeError("invented failure on enter")


def test_input_filter_is_back_after_a_change_and_after_a_failing_one(kiosk):
    kiosk.flow.go("ticket")
    assert _alt_f4_swallowed(kiosk.flow.current())
    kiosk.flow.registry["failing"] = _Failing
    with pytest.raises(RuntimeError, match="invented failure"):
        kiosk.flow.go("failing")
    assert _alt_f4_swallowed(kiosk.flow.current())
    kiosk.flow.home("test")
    assert _alt_f4_swallowed(kiosk.flow.current())


def test_screens_left_by_a_tap_on_exit_are_deleted_and_the_filter_is_back(kiosk, qtbot):
    screen = kiosk.flow.go("ticket")
    qtbot.mouseClick(screen.exit_button, Qt.MouseButton.LeftButton)    # its own button ends the session
    assert kiosk.flow.current_name == "home"
    destroyed = []
    screen.destroyed.connect(lambda *_: destroyed.append(True))
    qtbot.waitUntil(lambda: bool(destroyed), timeout=2000)             # gone after an event-loop turn
    assert _alt_f4_swallowed(kiosk.flow.current())


def test_catalog_browsers_are_built_ahead_and_reused_by_their_first_visit(make_kiosk, tmp_path, qtbot):
    catalog = write_catalog(tmp_path / "catalog")
    kiosk = make_kiosk(services=Services(catalog=catalog))
    flow = kiosk.flow
    assert flow.current_name == "home"
    qtbot.waitUntil(lambda: flow.screen("catalog") is not None and flow.screen("guide_browse") is not None,
                    timeout=3000)
    ahead = flow.screen("catalog")
    assert not ahead.isVisible() and flow.current_name == "home"     # built hidden, home stays
    assert set(flow.prebuilt) == {"catalog", "guide_browse"}
    assert flow.go("catalog") is ahead                                # the first visit reuses it
    assert ahead.isVisible() and flow.in_session


def test_nothing_is_built_ahead_without_a_catalog_service(kiosk, qtbot):
    qtbot.wait(100)       # idle turns pass: the browsers would read the catalog on the GUI thread
    assert kiosk.flow.screen("catalog") is None and kiosk.flow.prebuilt == {}
