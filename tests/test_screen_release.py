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
