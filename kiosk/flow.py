"""The screen state machine (in the spirit of Anki's moveToState): one screen shown at a time in
a QStackedWidget, `enter()`/`leave()` per screen, forward/back/home. Screens that belong to a
citizen's session are built fresh when first visited in a session and destroyed when it ends —
the simplest wipe that misses nothing."""

from __future__ import annotations

import logging
import time
import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPixmapCache
from PySide6.QtWidgets import QStackedWidget, QWidget

from kiosk.context import AppContext
from kiosk.session import Session
from kiosk.style_cache import quiet_viewports

log = logging.getLogger(__name__)

ScreenFactory = Callable[..., QWidget]
# posted after screens are destroyed: delete them with the input filter set aside
_BURY = QEvent.Type(QEvent.registerEventType())
_AFTER_PAINT = Qt.EventPriority.LowEventPriority.value - 1   # below UpdateRequest's priority


class Flow(QObject):
    screenChanged = Signal(str)
    sessionStarted = Signal()
    sessionEnded = Signal(str)          # reason: completed | exit | timeout | …

    def __init__(self, ctx: AppContext, stack: QStackedWidget, registry: dict[str, ScreenFactory],
                 home: str = "home") -> None:
        super().__init__(stack)
        self.ctx = ctx
        self.stack = stack
        self.registry = registry
        self.home_name = home
        self._screens: dict[str, QWidget] = {}
        self._history: list[str] = []
        self.current_name: str | None = None
        self.in_session = False
        self.last_change_ms = 0.0
        # (set aside, put back) callables run around a screen change; the bootstrap sets them
        self.while_building: tuple[Callable[[], None], Callable[[], None]] | None = None
        self._aside = 0             # nesting depth of changes (enter() may go on to another screen)
        self.prebuilt: dict[str, tuple[float, float]] = {}   # name → (wall ms, GUI CPU ms) of its build
        self._burials: list[tuple[weakref.ref, int]] = []   # destroyed screens, event-loop level then
        ctx.flow = self

    # --- navigation -------------------------------------------------------------------------
    def go(self, name: str, **params) -> QWidget:
        """Show screen `name`; a session-scoped screen starts the session if none is running.
        `params` rebuild the screen (e.g. a different matter) even if it exists."""
        if name not in self.registry:
            raise KeyError(f"no screen named {name!r}")
        started = time.perf_counter()
        factory = self.registry[name]
        # a screen a resident uses starts their session (and its idle timeout), whether it is
        # rebuilt per session (session_scoped) or kept and reset (starts_session only)
        starts = getattr(factory, "starts_session", getattr(factory, "session_scoped", True))
        if starts and not self.in_session:
            self._start_session()
        # A screen change sends thousands of events (child added, polish, show, layout …) and
        # none of them is input: the app-wide input filter is set aside for the whole change,
        # building, showing and entering the screen (was: building only; showing still made
        # 120-560 Python filter calls per change, e.g. guide 555, feedback 504, each of which
        # must get the interpreter lock back from the device and sync threads).
        # No event loop runs in here, so input that arrives meanwhile waits in the queue and
        # reaches the filter afterwards.
        self._set_filter_aside()
        try:
            screen = self._screens.get(name)
            if screen is not None and params:
                self._destroy(name)
                screen = None
            if screen is None:
                screen = self._build(name, factory, **params)
            if self.current_name is not None and self.current_name != name:
                self._leave_current()
                self._history.append(self.current_name)
            self.current_name = name
            self.stack.setCurrentWidget(screen)
            enter = getattr(screen, "enter", None)
            if enter is not None:
                enter()
        finally:
            self._put_filter_back()
        self.last_change_ms = (time.perf_counter() - started) * 1000
        self.screenChanged.emit(name)
        return screen

    def _build(self, name: str, factory, **params) -> QWidget:
        """Build screen `name` and add it to the stack (not showing it)."""
        # built inside the stack: a screen built without a parent is polished against the
        # style sheet while it is laid out, then polished all over again when the stack
        # adopts it (guide: ~22 ms of ~90, measured)
        screen = factory(self.ctx, parent=self.stack, **params)
        screen.setObjectName(f"screen-{name}")
        quiet_viewports(screen)      # before its first paint (kiosk.style_cache)
        self._screens[name] = screen
        self.stack.addWidget(screen)
        return screen

    # --- building ahead ------------------------------------------------------------------------
    def prebuild(self, name: str) -> bool:
        """Build a kept screen (one that holds nothing personal: not session_scoped) before its
        first visit, hidden in the stack and styled; its first visit then only lays it out and
        paints it. Returns whether it was built now."""
        factory = self.registry.get(name)
        if factory is None or getattr(factory, "session_scoped", True) or name in self._screens:
            return False
        started, cpu_started = time.perf_counter(), time.thread_time()
        self._set_filter_aside()
        try:
            screen = self._build(name, factory)   # hidden: not the stack's current widget
            screen.ensurePolished()          # the style sheet now, not on the first visit
        finally:
            self._put_filter_back()
        self.prebuilt[name] = ((time.perf_counter() - started) * 1000, (time.thread_time() - cpu_started) * 1000)
        log.debug("screen %s built ahead in %.1f ms", name, self.prebuilt[name][0])
        return True

    def prebuild_later(self, names) -> None:
        """Build these kept screens ahead, one per event-loop turn from the next turn on (the
        current screen paints first; a touch waits for one build at most)."""
        pending = [n for n in names if n not in self._screens]

        def step() -> None:
            while pending:
                name = pending.pop(0)
                try:
                    if self.prebuild(name):
                        break
                except Exception:   # its first visit builds it (and says what is wrong) again
                    log.exception("building screen %s ahead failed", name)
            if pending:
                QTimer.singleShot(0, self, step)

        if pending:
            QTimer.singleShot(0, self, step)

    def back(self) -> None:
        while self._history:
            previous = self._history.pop()
            if previous in self._screens or previous == self.home_name:
                self._leave_current()
                self.current_name = None
                if previous == self.home_name:
                    self.end_session("back")
                else:
                    self.go(previous)
                    # going back must not grow the history
                    if self._history and self._history[-1] == previous:
                        self._history.pop()
                return
        self.end_session("back")

    def home(self, reason: str = "home") -> None:
        self.end_session(reason)

    def current(self) -> QWidget | None:
        return self._screens.get(self.current_name) if self.current_name else None

    def screen(self, name: str) -> QWidget | None:
        return self._screens.get(name)

    # --- session ------------------------------------------------------------------------------
    def _start_session(self) -> None:
        self.ctx.session = Session(assisted_by=self.ctx.staff)
        self.in_session = True
        self.sessionStarted.emit()

    def end_session(self, reason: str) -> None:
        """Destroy every session screen, wipe the session and the input state, show home."""
        self._leave_current()
        self._set_filter_aside()     # hiding a session's screens: hundreds of non-input events
        try:
            for name in [n for n, f in self.registry.items() if getattr(f, "session_scoped", True)]:
                self._destroy(name)
        finally:
            self._put_filter_back()
        self._history.clear()
        # persistent screens are kept (cheaper screen changes) but forget the person
        for screen in self._screens.values():
            reset = getattr(screen, "reset_for_next_person", None)
            if reset is not None:
                reset()
        if self.in_session:
            self.ctx.session.wipe(reason)
            self.in_session = False
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        input_method = QGuiApplication.inputMethod()
        if input_method is not None:
            input_method.reset()
            input_method.hide()
        QPixmapCache.clear()
        self.current_name = None
        self.go(self.home_name)
        self.sessionEnded.emit(reason)

    def rebuild_all(self) -> None:
        """After a language change: persistent screens are rebuilt too."""
        current = self.current_name
        self._leave_current()
        for name in list(self._screens):
            self._destroy(name)
        self.current_name = None
        self._history.clear()
        self.go(current if current and not getattr(self.registry[current], "session_scoped", True)
                else self.home_name)

    def _leave_current(self) -> None:
        screen = self.current()
        if screen is not None:
            leave = getattr(screen, "leave", None)
            if leave is not None:
                leave()

    def _set_filter_aside(self) -> None:
        if self._aside == 0 and self.while_building is not None:
            self.while_building[0]()
        self._aside += 1

    def _put_filter_back(self) -> None:
        self._aside -= 1
        if self._aside == 0 and self.while_building is not None:
            self.while_building[1]()

    def _destroy(self, name: str) -> None:
        screen = self._screens.pop(name, None)
        if screen is None:
            return
        wipe = getattr(screen, "wipe", None)
        if wipe is not None:
            wipe()
        self.stack.removeWidget(screen)
        screen.hide()
        # deleteLater(): gone once the event loop has run (or deferred deletes are flushed) —
        # reparenting to None first cost ~10 ms per screen (measured). Before that, usually, a
        # posted event of ours deletes it with the input filter set aside: deleting a screen
        # sends ~300 events (Destroy, DynamicPropertyChange, ChildRemoved …; guide measured),
        # each a Python filter call that must win the interpreter lock back under load.
        screen.deleteLater()
        # a weak reference: the list must not keep the screen's wrapper (and what it holds) alive
        self._burials.append((weakref.ref(screen), QThread.currentThread().loopLevel()))
        if len(self._burials) == 1:   # after the new screen's paint (a low-priority posted event)
            QCoreApplication.postEvent(self, QEvent(_BURY), _AFTER_PAINT)

    def event(self, event: QEvent) -> bool:  # noqa: D102 (Qt API)
        if event.type() == _BURY:
            self._bury()
            return True
        return super().event(event)

    def _bury(self) -> None:
        burials, self._burials = self._burials, []
        level = QThread.currentThread().loopLevel()
        self._set_filter_aside()
        try:
            for ref, destroyed_at in burials:
                screen = ref()
                # in an event loop nested deeper than where the screen was destroyed, code of
                # the screen may still be running below us: its deleteLater() waits for that
                if screen is not None and shiboken6.isValid(screen) and level <= destroyed_at:
                    shiboken6.delete(screen)
        finally:
            self._put_filter_back()
