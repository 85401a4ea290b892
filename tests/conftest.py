"""Test set-up: Qt offscreen on an emulated 1080×1920 portrait panel, Qt warnings fail tests
(see QT_LOG_IGNORE), and a guard that fails any test leaving threads, running timers or visible
top-level widgets behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Qt warnings fail tests: qt_log_level_fail / qt_log_ignore in pyproject.toml (with reasons).


def _offscreen_config() -> str:
    path = Path(tempfile.gettempdir()) / "kiosk-offscreen-1080x1920.json"
    path.write_text(json.dumps({"screens": [{"name": "kiosk", "x": 0, "y": 0, "width": 1080, "height": 1920,
                                              "logicalDpi": 96, "dpr": 1}]}))
    return str(path)


def pytest_configure(config: pytest.Config) -> None:
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_offscreen_config()}"
    os.environ.setdefault("QT_QPA_FONTDIR", "/usr/share/fonts")
    os.environ["KIOSK_TESTING"] = "1"
    # as the app does at start (kiosk.app.ensure_qapp): pytest-qt makes the QApplication here
    from kiosk.pyside_workarounds import make_singletons_immortal
    make_singletons_immortal()
    # as the app does while it runs (kiosk.gui_gc): no collection on a device or server thread;
    # each test's teardown collects what is due, on the main thread
    import gc
    gc.disable()
    config.addinivalue_line("markers", "slow: longer end-to-end tests")
    # Compile translations once so tests see the Chinese UI.
    subprocess.run([sys.executable, str(REPO / "scripts" / "i18n.py"), "build"], check=True)


# --- leak guard ---------------------------------------------------------------------------------
_started_timers: list[weakref.ref] = []


@pytest.fixture(autouse=True)
def no_leaks(request):
    """Fail a test that leaves threads, active timers or visible top-level widgets behind."""
    before_threads = {t.ident for t in threading.enumerate()}
    qt_loaded = "PySide6.QtWidgets" in sys.modules
    before_widgets = set()
    if qt_loaded:
        from PySide6.QtWidgets import QApplication
        app = QApplication.instance()
        if app is not None:
            before_widgets = {id(w) for w in app.topLevelWidgets() if w.isVisible()}
    timer_patch = None
    if qt_loaded:
        from PySide6.QtCore import QTimer
        original_start = QTimer.start

        def tracking_start(self, *args):
            _started_timers.append(weakref.ref(self))
            return original_start(self, *args)

        QTimer.start = tracking_start
        timer_patch = (QTimer, original_start)
    _started_timers.clear()
    yield
    if timer_patch is not None:
        timer_patch[0].start = timer_patch[1]
    problems = []
    deadline = time.monotonic() + 3
    while True:
        leftover = [t for t in threading.enumerate() if t.ident not in before_threads and t.is_alive()
                    and not t.daemon]
        leftover += [t for t in threading.enumerate() if t.ident not in before_threads and t.is_alive()
                     and t.daemon and not t.name.startswith(("pydevd", "asyncio"))]
        if not leftover or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    if leftover:
        problems.append(f"threads left running: {[t.name for t in leftover]}")
    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        app = QApplication.instance()
        if app is not None:
            from shiboken6 import isValid
            active = []
            for ref in _started_timers:
                timer = ref()
                if timer is not None and isValid(timer) and isinstance(timer, QTimer) and timer.isActive():
                    active.append(timer.objectName() or repr(timer.parent()))
            if active:
                problems.append(f"timers left running: {active}")
            widgets = [w for w in app.topLevelWidgets() if w.isVisible() and id(w) not in before_widgets]
            if widgets:
                problems.append(f"top-level widgets left visible: {[type(w).__name__ for w in widgets]}")
                for widget in widgets:
                    widget.close()
    _started_timers.clear()
    from kiosk.gui_gc import collect_due
    collect_due()
    if problems:
        pytest.fail("; ".join(problems))


# --- the application ------------------------------------------------------------------------------
@pytest.fixture
def kiosk_config(tmp_path):
    from kiosk.config import load_config
    return load_config(environ={"KIOSK_DATA_DIR": str(tmp_path / "data"),
                                "KIOSK_PATHS__LOG_DIR": str(tmp_path / "log")})


@pytest.fixture
def make_kiosk(qapp, tmp_path):
    """Factory: build and start a Kiosk; everything is shut down after the test."""
    from kiosk.app import Kiosk
    built = []

    def make(config=None, services=None, **overrides):
        from kiosk.config import load_config
        environ = {"KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_PATHS__LOG_DIR": str(tmp_path / "log")}
        environ.update({k: str(v) for k, v in overrides.items()})
        kiosk = Kiosk(config or load_config(environ=environ), services=services)
        kiosk.start()
        built.append(kiosk)
        return kiosk

    yield make
    for kiosk in built:
        kiosk.shutdown()
        kiosk.ctx.authorised_exit = True
        kiosk.window.close()
        kiosk.window.deleteLater()
    qapp.processEvents()
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def kiosk(make_kiosk):
    return make_kiosk()


PANELS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


@pytest.fixture
def panel_kiosk(make_kiosk):
    """Factory: a kiosk laid out for a real panel, `orientation` in PANELS, in elder mode or not."""

    def make(orientation: str, elder: bool = False, services=None):
        width, height = PANELS[orientation]
        kiosk = make_kiosk(services=services, KIOSK_SCREEN__ORIENTATION=orientation,
                           KIOSK_SCREEN__WIDTH=width, KIOSK_SCREEN__HEIGHT=height)
        kiosk.window.resize(width, height)
        if elder:
            kiosk.ctx.set_elder(True)
            kiosk.apply_theme()
        return kiosk

    return make
