"""A finger signature pad: strokes drawn with mouse/touch, cleared on demand, exported as PNG."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(260)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self._strokes: list[QPainterPath] = []
        self._current: QPainterPath | None = None

    def is_empty(self) -> bool:
        return not self._strokes

    def clear(self) -> None:
        self._strokes.clear()
        self._current = None
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._current = QPainterPath(QPointF(event.position()))
        self._strokes.append(self._current)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self._current is not None:
            self._current.lineTo(QPointF(event.position()))
            self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self._current is not None:
            if self._current.elementCount() == 1:   # a tap: make a dot visible
                self._current.lineTo(QPointF(event.position()) + QPointF(1, 1))
            self._current = None
            self.update()
            self.changed.emit()

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#000000"), 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        for stroke in self._strokes:
            painter.drawPath(stroke)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        painter.setPen(QPen(QColor("#4A5563"), 2, Qt.PenStyle.DashLine))
        painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        baseline = int(self.height() * 0.75)
        painter.drawLine(24, baseline, self.width() - 24, baseline)
        self._paint(painter)

    def to_png(self) -> bytes:
        image = QImage(self.size(), QImage.Format.Format_Grayscale8)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        self._paint(painter)
        painter.end()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(buffer.data())
