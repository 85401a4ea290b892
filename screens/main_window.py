"""The one top-level window: status bar, assisted-mode banner, the screen stack, the idle
countdown and the hidden technician corner."""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.context import AppContext
from kiosk.idle import IdleWatcher
from kiosk.pin import CornerTaps
from screens.base import label
from screens.countdown import CountdownOverlay

log = logging.getLogger(__name__)

DEVICE_NAMES = {
    "idcard": QT_TRANSLATE_NOOP("MainWindow", "Reader"),
    "printer": QT_TRANSLATE_NOOP("MainWindow", "Printer"),
    "camera": QT_TRANSLATE_NOOP("MainWindow", "Camera"),
}
STATE_MARKS = {"ok": "●", "warn": "▲", "fail": "✖", "unknown": "?", "absent": "–"}


translate = QCoreApplication.translate


class CornerHotspot(QWidget):
    """Invisible square in the top-left corner; N taps within the window open the PIN pad."""

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        admin = ctx.config.admin
        self.ctx = ctx
        self.taps = CornerTaps(admin.corner_taps, admin.corner_window_seconds)
        self.setFixedSize(120, 120)
        self.setObjectName("CornerHotspot")

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if self.taps.tap():
            log.info("technician entry opened")
            self.ctx.flow.go("admin_pin")
        event.accept()


class StatusBar(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("StatusBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(140, 8, 24, 8)
        row.setSpacing(28)
        self.clock = label("", "status", wrap=False)
        self.network = label("", "status", wrap=False)
        self.queue = label("", "status", wrap=False)
        self.devices = label("", "status", wrap=False)
        for widget in (self.clock, self.network, self.queue):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.devices)
        ctx.health.changed.connect(self.refresh)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._tick()
        self.refresh()

    def _tick(self) -> None:
        self.clock.setText(QDateTime.currentDateTime().toString("yyyy-MM-dd HH:mm"))

    def refresh(self) -> None:
        health = self.ctx.health
        online = {True: translate("MainWindow", "Online"), False: translate("MainWindow", "Offline"), None: translate("MainWindow", "Network: checking")}[health.online]
        self.network.setText(online)
        depth = "-" if health.queue_depth is None else str(health.queue_depth)
        self.queue.setText(translate("MainWindow", "To upload: %1").replace("%1", depth))
        parts = []
        for key, name in DEVICE_NAMES.items():
            state, _detail = health.devices.get(key, ("unknown", ""))
            device = translate("MainWindow", name)
            parts.append(f"{device} {STATE_MARKS.get(state, '?')}")
        self.devices.setText("  ".join(parts))


class MainWindow(QWidget):
    def __init__(self, ctx: AppContext, idle: IdleWatcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.idle = idle
        self.setObjectName("Root")
        self.setWindowTitle(translate("MainWindow", "Government Services Self-Service Terminal"))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.status_bar = StatusBar(ctx, self)
        column.addWidget(self.status_bar)
        self.banner = QWidget(self)
        self.banner.setObjectName("Banner")
        self.banner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        banner_row = QHBoxLayout(self.banner)
        self.banner_label = label("", "banner")
        banner_row.addWidget(self.banner_label)
        self.banner.hide()
        column.addWidget(self.banner)
        self.stack = QStackedWidget(self)
        column.addWidget(self.stack, 1)
        self.hotspot = CornerHotspot(ctx, self)
        self.hotspot.move(0, 0)
        self.countdown = CountdownOverlay(self)
        self.countdown.expired.connect(lambda: ctx.flow.end_session("timeout"))
        self.countdown.resumed.connect(self._rearm)
        idle.idle.connect(self._on_idle)
        ctx.assistedChanged.connect(self._on_assisted)

    def connect_flow(self) -> None:
        flow = self.ctx.flow
        flow.sessionStarted.connect(self._rearm)
        flow.sessionEnded.connect(self._on_session_ended)
        flow.screenChanged.connect(lambda _name: self.hotspot.raise_())

    def _rearm(self) -> None:
        if self.ctx.flow.in_session or self.ctx.staff is not None:
            self.idle.arm(self.ctx.idle_seconds())

    def _on_idle(self) -> None:
        log.info("idle timeout, countdown shown")
        self.countdown.start(self.ctx.config.idle.countdown_seconds)

    def _on_session_ended(self, _reason: str) -> None:
        self.countdown.stop()
        if self.ctx.staff is None:
            self.idle.disarm()
        else:
            self._rearm()

    def _on_assisted(self, staff) -> None:
        if staff is None:
            self.banner.hide()
        else:
            self.banner_label.setText(translate("MainWindow", "Assisted mode: %1").replace("%1", staff.name))
            self.banner.show()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if self.countdown.isVisible():
            self.countdown.setGeometry(self.rect())
        self.hotspot.raise_()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self.ctx.authorised_exit:
            event.accept()
        else:
            log.info("close ignored: not authorised")
            event.ignore()
