"""The scripted walkthrough: drives the real application offscreen through every screen that
exists, by touching what a person would touch, and saves a PNG of each step named after the
screen and the mode (e.g. `03-home-elder-portrait.png`). Returns the list of failures."""

from __future__ import annotations

import importlib
import logging
import pkgutil
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollArea

from kiosk.showcase import settle

log = logging.getLogger(__name__)


def reveal(widget) -> None:
    """Scroll every enclosing scroll area so `widget` is on screen, as a person would before
    touching it (synthetic touches land on whatever is at that point of the window)."""
    node = widget.parentWidget()
    while node is not None:
        if isinstance(node, QScrollArea):
            node.ensureWidgetVisible(widget, 10, 10)
            settle()
        node = node.parentWidget()


class Walk:
    def __init__(self, kiosk, out_dir: Path, orientation: str) -> None:
        self.kiosk = kiosk
        self.out = out_dir
        self.orientation = orientation
        self.count = 0
        self.saved: list[Path] = []
        self.failures: list[str] = []

    @property
    def mode(self) -> str:
        return "elder" if self.kiosk.ctx.elder else "normal"

    def shot(self, name: str, widget=None) -> Path:
        settle()
        self.count += 1
        path = self.out / f"{self.count:02d}-{name}-{self.mode}-{self.orientation}.png"
        (widget or self.kiosk.window).grab().save(str(path))
        self.saved.append(path)
        return path

    def tap(self, widget) -> None:
        reveal(widget)
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         widget.rect().center())
        settle()

    def expect(self, screen_name: str) -> None:
        if self.kiosk.flow.current_name != screen_name:
            raise AssertionError(f"expected screen {screen_name!r}, on {self.kiosk.flow.current_name!r}")

    def step(self, title: str, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception as exc:  # a failed step is reported, the walk goes on from home
            self.failures.append(f"{title}: {exc}")
            log.error("walkthrough step failed: %s\n%s", title, traceback.format_exc())
            self.kiosk.flow.home("walkthrough")


def _home_tiles(walk: Walk) -> None:
    home = walk.kiosk.flow.current()
    walk.expect("home")
    walk.shot("home")
    for target, tile in home.tiles.items():
        if target in EXTRA_JOURNEYS:
            continue
        walk.tap(tile)
        walk.expect(target)
        walk.shot(target.replace("_", "-"))
        walk.tap(walk.kiosk.flow.current().exit_button)
        walk.expect("home")


def _technician_entry(walk: Walk) -> None:
    for _ in range(walk.kiosk.config.admin.corner_taps):
        QTest.mouseClick(walk.kiosk.window.hotspot, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(10, 10))
    walk.expect("admin_pin")
    walk.shot("admin-pin")
    walk.kiosk.flow.home("walkthrough")


def _idle_countdown(walk: Walk) -> None:
    walk.kiosk.flow.go("query")
    walk.kiosk.window.countdown.start(walk.kiosk.config.idle.countdown_seconds)
    walk.shot("idle-countdown")
    walk.kiosk.window.countdown.stop()
    walk.kiosk.flow.home("walkthrough")


def _discover_journeys() -> dict[str, Callable[[Walk], None]]:
    """Journeys of later capabilities: every module in kiosk/journeys/ with a `JOURNEYS` dict
    {home tile or name: callable(walk)}. A tile with a journey is walked by it instead of the
    plain tile visit."""
    import kiosk.journeys as package

    found: dict[str, Callable[[Walk], None]] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        found.update(getattr(importlib.import_module(f"kiosk.journeys.{info.name}"), "JOURNEYS", {}))
    return found


EXTRA_JOURNEYS: dict[str, Callable[[Walk], None]] = _discover_journeys()


def run(kiosk, out_dir: Path, orientation: str = "portrait") -> Walk:
    out_dir.mkdir(parents=True, exist_ok=True)
    walk = Walk(kiosk, out_dir, orientation)
    for elder in (False, True):
        kiosk.ctx.set_elder(elder)
        kiosk.apply_theme()
        walk.step("home tiles", lambda: _home_tiles(walk))
        for name, journey in EXTRA_JOURNEYS.items():
            walk.step(name, lambda j=journey: j(walk))
        walk.step("idle countdown", lambda: _idle_countdown(walk))
        walk.step("technician entry", lambda: _technician_entry(walk))
    kiosk.ctx.set_elder(False)
    return walk
