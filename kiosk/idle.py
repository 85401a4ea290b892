"""Idle detection: one event filter on the QApplication restarts a single-shot timer on any
sign of a person (press, touch, key, wheel, input method). It does not insist on a QWindow
receiver: synthetic test events and some touch paths go straight to widgets."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.KeyPress, QEvent.Type.Wheel, QEvent.Type.InputMethod,
    QEvent.Type.TabletPress,
})


class IdleWatcher(QObject):
    idle = Signal()
    activity = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._armed = False

    def arm(self, seconds: float) -> None:
        """Start watching with this timeout (called when a session starts or the mode changes)."""
        self._armed = True
        self._timer.setInterval(int(seconds * 1000))
        self._timer.start()

    def disarm(self) -> None:
        self._armed = False
        self._timer.stop()

    @property
    def armed(self) -> bool:
        return self._armed

    def remaining_ms(self) -> int:
        return self._timer.remainingTime() if self._armed else -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in ACTIVITY_EVENTS:
            if self._armed:
                self._timer.start()
            self.activity.emit()
        return False
