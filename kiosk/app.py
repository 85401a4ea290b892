"""Bootstrap: the one place that builds the QApplication, wires services, screens and the main
window together, and the only module of kiosk/ that imports screens/."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys
import threading
import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from kiosk.config import ConfigError, KioskConfig, load_config
from kiosk.context import AppContext, Services
from kiosk.flow import Flow
from kiosk.guard import KeyGuard
from kiosk.gui_gc import GuiThreadCollector
from kiosk.i18n import Translations
from kiosk.idle import IdleWatcher
from kiosk.input_filter import AppEventFilter
from kiosk.logs import setup_logging
from kiosk.memory import release_memory, tune_allocator
from kiosk.pyside_workarounds import make_singletons_immortal
from kiosk.services.worker_signals import gui_bridge, run_on_gui_thread
from kiosk.theme import palette_colours, stylesheet
from screens.admin import AdminPinScreen, AdminScreen
from screens.coming_soon import coming_soon
from screens.home import HomeScreen
from screens.main_window import MainWindow

log = logging.getLogger(__name__)
RELEASE_AFTER_SESSION_MS = 1500


def discovered_screens() -> dict:
    """Every screen class listed in a `SCREENS` tuple of a module under screens/ (so capabilities
    add screens without editing this file)."""
    import screens as package

    found = {}
    for info in sorted(pkgutil.walk_packages(package.__path__, "screens."), key=lambda i: i.name):
        if info.ispkg:
            continue
        module = importlib.import_module(info.name)
        for screen_class in getattr(module, "SCREENS", ()):
            found[screen_class.name] = screen_class
    return found


def screen_registry() -> dict:
    """Screen name → class. Capabilities not built yet open a clear "coming soon" screen."""
    registry = {
        "home": HomeScreen,
        "admin_pin": AdminPinScreen,
        "admin": AdminScreen,
    }
    for name, screen_class in discovered_screens().items():
        registry.setdefault(name, screen_class)
    for name, feature in [
        ("catalog", QT_TRANSLATE_NOOP("Features", "Apply")),
        ("query", QT_TRANSLATE_NOOP("Features", "Progress query")),
        ("guide_browse", QT_TRANSLATE_NOOP("Features", "Service guides")),
        ("rate", QT_TRANSLATE_NOOP("Features", "Rate a service")),
        ("feedback", QT_TRANSLATE_NOOP("Features", "Complaints and suggestions")),
        ("ticket", QT_TRANSLATE_NOOP("Features", "Queue ticket")),
    ]:
        registry.setdefault(name, coming_soon(name, feature))
    return registry


def ensure_qapp(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        tune_allocator()    # before the worker threads make their own malloc arenas
        make_singletons_immortal()   # PySide6 6.12 drops references to True and None (see there)
        # The GUI thread shares the interpreter lock with the device and sync threads: hand it
        # over every 1 ms instead of 5 so a busy worker delays a touch by at most that long.
        sys.setswitchinterval(0.001)
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("kiosk")
    app.setQuitOnLastWindowClosed(False)
    return app


def app_font(family: str) -> QFont:
    if family not in QFontDatabase.families():
        log.error("font %r is not installed (Debian: fonts-noto-cjk); Chinese may render as boxes", family)
    font = QFont(family)
    font.setPixelSize(24)
    return font


class Kiosk:
    """The running terminal: context, flow, window, event filters."""

    def __init__(self, config: KioskConfig, services: Services | None = None, kiosk_mode: bool = False,
                 health=None, *, long_running: bool = False) -> None:
        self.app = ensure_qapp()
        self.config = config
        self.kiosk_mode = kiosk_mode
        self.app.setFont(app_font(config.ui.font_family))
        self.translations = Translations()
        self.translations.install(config.ui.language)
        self.ctx = AppContext(config, services, health=health)
        self.collector = GuiThreadCollector()   # collections never run on a worker thread
        # a terminal (not a test's short-lived kiosk): start-up's objects are exempted from
        # collection once it is up (kiosk.gui_gc)
        self.long_running = long_running
        self.idle = IdleWatcher()
        self.guard = KeyGuard()
        self.input_filter = AppEventFilter(self.idle, self.guard)
        self.app.installEventFilter(self.input_filter)
        self.window = MainWindow(self.ctx, self.idle)
        self.flow = Flow(self.ctx, self.window.stack, screen_registry())
        self.flow.while_building = (lambda: self.app.removeEventFilter(self.input_filter),
                                    lambda: self.app.installEventFilter(self.input_filter))
        self.window.connect_flow()
        self.ctx.elderChanged.connect(self._on_elder)
        self.ctx.languageChanged.connect(self._on_language)
        self.ctx.exitRequested.connect(self.quit)
        # once the session's screens are deleted (deferred deletes), give their memory back
        self.flow.sessionEnded.connect(lambda _reason: QTimer.singleShot(RELEASE_AFTER_SESSION_MS, release_memory))
        self.apply_theme()
        self.window.resize(config.screen.width, config.screen.height)
        self.audit = None
        self.services_ready()

    def services_ready(self) -> None:
        """Hook what needs the services (the audit trail needs the store); call again when
        services arrive after start-up."""
        if self.ctx.services.audit is None and self.ctx.services.store is not None:
            from kiosk.audit import attach_audit
            self.audit = attach_audit(self)
        self.build_ahead()
        if self.long_running:
            self.collector.freeze_long_lived_later()

    def build_ahead(self) -> None:
        """Kept screens that ask for it (`build_ahead`, the catalog browsers) are built in idle
        turns as soon as what they need is there, so their first visit is not a cold build."""
        registry = self.flow.registry
        self.flow.prebuild_later([name for name, factory in registry.items()
                                  if getattr(factory, "build_ahead", None) is not None
                                  and factory.build_ahead(self.ctx)])

    def apply_theme(self) -> None:
        self.window.setProperty("elder", self.ctx.elder)
        palette = QPalette(self.app.palette())
        for role, colour in palette_colours(self.ctx.tokens).items():
            palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
        self.app.setPalette(palette)
        self.app.setStyleSheet(stylesheet(self.ctx.tokens, self.config.ui.font_family))

    def _on_elder(self, _elder: bool) -> None:
        self.apply_theme()
        if self.flow.in_session:
            self.idle.arm(self.ctx.idle_seconds())

    def _on_language(self, language: str) -> None:
        self.translations.install(language)
        self.window.status_bar.refresh()
        self.flow.rebuild_all()
        self.build_ahead()

    def start(self) -> None:
        self.collector.start()
        self.flow.go("home")
        QTimer.singleShot(RELEASE_AFTER_SESSION_MS, release_memory)   # start-up's imports and caches
        if self.kiosk_mode:
            self.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
            self.window.showFullScreen()
        else:
            self.window.show()

    def quit(self) -> None:
        self.ctx.authorised_exit = True
        self.shutdown()
        self.window.close()
        self.app.quit()

    def shutdown(self) -> None:
        """Stop services (their threads) and drop the window; safe to call twice."""
        if self.flow.in_session:
            self.flow.end_session("shutdown")
        # the audit trail flushes into the store, and the sync engine reads it: store closes last
        for name in ("camera", "idcard", "printer", "audit", "voice", "sync", "store"):
            service = getattr(self.ctx.services, name, None)
            stop = getattr(service, "stop", None)
            if stop is not None:
                stop()
        self.idle.disarm()
        self.app.removeEventFilter(self.input_filter)
        self.window.status_bar._timer.stop()
        self.translations.remove()
        self.collector.stop()


def start_services_in_background(config: KioskConfig, health, services: Services, on_ready) -> None:
    """Home is interactive first; store migrations, catalog and driver imports happen on a worker
    thread, then the device services are created on the GUI thread (screens opened before that
    say the device is not available yet)."""
    from kiosk.services import factory

    def attach(prepared) -> None:
        factory.attach(config, health, services, prepared)
        on_ready()

    def work() -> None:
        try:
            prepared = factory.prepare(config, health)
        except Exception:
            log.exception("services could not be prepared")
            return
        run_on_gui_thread(lambda: attach(prepared))

    gui_bridge()   # made on the GUI thread, before the worker needs it

    threading.Thread(target=work, name="services-prepare", daemon=True).start()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kiosk", description="政务服务24小时自助终端")
    parser.add_argument("--config", help="configuration file with overrides")
    parser.add_argument("--windowed", action="store_true", help="run in a window (development)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2
    setup_logging(config.paths.log_path())
    from kiosk.runtime import RuntimeStats
    from kiosk.watchdog import EventLoopWatchdog, SignalQuitter, SystemdNotifier
    stats = RuntimeStats(config.paths.data_path())
    stats.record_start()
    stats.install_crash_handlers()
    from kiosk.health import Health
    health = Health()
    services = Services()
    kiosk = Kiosk(config, services, kiosk_mode=not args.windowed, health=health, long_running=True)
    kiosk.start()
    start_services_in_background(config, health, services, kiosk.services_ready)
    log.info("home screen shown", extra={"fields": {"startup_ms": round((time.perf_counter() - started) * 1000)}})
    # systemd: ready once home is up; watchdog pings only while the event loop keeps time
    notifier = SystemdNotifier()
    watchdog = EventLoopWatchdog(notifier, parent=kiosk.app)
    watchdog.start()
    quitter = SignalQuitter(lambda _signal: kiosk.quit(), parent=kiosk.app)
    notifier.ready("home screen shown")
    if os.environ.get("KIOSK_EXIT_AFTER_START"):
        QTimer.singleShot(0, kiosk.quit)
    status = kiosk.app.exec()
    watchdog.stop()
    quitter.close()
    notifier.stopping()
    stats.mark_clean_exit()
    return status


if __name__ == "__main__":
    sys.exit(main())
