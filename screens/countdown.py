"""Full-screen idle countdown: "还在办理吗？NN 秒后返回首页" with a large 继续办理 button."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from screens.base import button, label

translate = QCoreApplication.translate


class CountdownOverlay(QWidget):
    expired = Signal()
    resumed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Countdown")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 60, 60, 60)
        outer.addStretch(1)
        card = QFrame(self)
        card.setObjectName("CountdownCard")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(40, 40, 40, 40)
        inner.setSpacing(32)
        self.question = label(translate("CountdownOverlay", "Are you still there?"), "title")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seconds_label = label("", "key")
        self.seconds_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.continue_button = button(translate("CountdownOverlay", "Continue"), "primary")
        self.continue_button.setMinimumHeight(160)
        self.continue_button.clicked.connect(self.resume)
        inner.addWidget(self.question)
        inner.addWidget(self.seconds_label)
        inner.addWidget(self.continue_button)
        outer.addWidget(card)
        outer.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self.remaining = 0
        self.hide()

    def start(self, seconds: int) -> None:
        self.remaining = seconds
        self._show_remaining()
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.hide()

    def resume(self) -> None:
        self.stop()
        self.resumed.emit()

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.stop()
            self.expired.emit()
        else:
            self._show_remaining()

    def _show_remaining(self) -> None:
        self.seconds_label.setText(translate("CountdownOverlay", "Returning to the home screen in %1 seconds").replace("%1", str(self.remaining)))
