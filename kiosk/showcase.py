"""Every screen, in every mode, with invented data: used by `kioskctl screenshots`, the
accessibility audit and the walkthrough. A screen class may define `sample(ctx) -> dict`, a
classmethod that puts invented data into the session and returns the parameters to open it
with; screens without one open bare."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

MODES = [("normal", False), ("elder", True)]
ORIENTATIONS = {"portrait": (1080, 1920), "landscape": (1920, 1080)}


@dataclass
class Shot:
    index: int
    name: str
    mode: str
    orientation: str

    def filename(self) -> str:
        return f"{self.index:02d}-{self.name.replace('_', '-')}-{self.mode}-{self.orientation}.png"


def wait_for(condition, seconds: float = 8.0) -> bool:
    """Let the event loop run until `condition()` holds (True) or `seconds` pass (False)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run_event_loop_once()
        if condition():
            return True
        time.sleep(0.02)
    return False


def run_event_loop_once() -> None:
    """What one turn of the application's event loop does, for code that drives the app without
    exec(): processEvents() alone never runs deleteLater() (Qt defers it to the loop), so
    destroyed screens would pile up in a walkthrough or a soak."""
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def settle(rounds: int = 3) -> None:
    for _ in range(rounds):
        run_event_loop_once()


def open_screen(kiosk, name: str) -> QWidget:
    """Open `name` with its sample data (fresh session for session screens)."""
    flow = kiosk.flow
    factory = flow.registry[name]
    if flow.in_session:
        flow.end_session("showcase")
    sample = getattr(factory, "sample", None)
    params = {}
    if getattr(factory, "session_scoped", True):
        flow._start_session()
    if sample is not None:
        params = sample(kiosk.ctx) or {}
    screen = flow.go(name, **params) if params else flow.go(name)
    settle()
    return screen


def screen_names(kiosk) -> list[str]:
    return list(kiosk.flow.registry)


def iter_screens(kiosk, elder: bool) -> Iterator[tuple[str, QWidget]]:
    kiosk.ctx.set_elder(elder)
    kiosk.apply_theme()
    for name in screen_names(kiosk):
        yield name, open_screen(kiosk, name)
    kiosk.flow.end_session("showcase")


def save(widget: QWidget, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path
