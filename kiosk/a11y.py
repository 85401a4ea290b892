"""Accessibility audit of whatever is on screen (MIIT age-friendly rules for elder mode):
every visible text at or above its role's font floor, every button at least 60×60 px, every
text/background pair with contrast ≥ 4.5:1. Works on any widget tree, so each new screen is
audited without extra code."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QWidget,
)

from kiosk.theme import MIN_CONTRAST, MIN_TARGET_PX, contrast_ratio, font_floor

TEXT_WIDGETS = (QLabel, QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox)


@dataclass
class Finding:
    widget: str
    text: str
    problem: str

    def __str__(self) -> str:
        return f"{self.widget} {self.text!r}: {self.problem}"


def _describe(widget: QWidget) -> str:
    names = []
    node = widget
    while node is not None and len(names) < 4:
        names.append(node.objectName() or type(node).__name__)
        node = node.parentWidget()
    return "/".join(reversed(names))


def _text(widget: QWidget) -> str:
    if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText() or widget.placeholderText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def _pixel_size(widget: QWidget) -> float:
    font = widget.font()
    return font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72


def _role(widget: QWidget) -> str:
    role = widget.property("role")
    if role:
        return str(role)
    if isinstance(widget, (QCheckBox, QRadioButton)):
        return "body"
    if isinstance(widget, QAbstractButton):
        return "secondary"
    return "body"


def _background(widget: QWidget) -> str:
    """The colour actually painted behind the widget's text."""
    if isinstance(widget, (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox)) and not isinstance(
            widget, (QCheckBox, QRadioButton)):
        return widget.palette().color(widget.backgroundRole()).name()
    node = widget.parentWidget()
    while node is not None:
        if isinstance(node, QAbstractButton):
            return node.palette().button().color().name()
        if (node.testAttribute(Qt.WidgetAttribute.WA_StyledBackground) or node.autoFillBackground()
                or (isinstance(node, QFrame) and node.property("role") == "card")):
            colour = node.palette().color(node.backgroundRole())
            # scroll viewports and transparent layers show what is behind them (the QSS makes them
            # transparent; their palette still carries an unused opaque colour)
            in_scroll = (isinstance(node, QScrollArea) or node.objectName() == "qt_scrollarea_viewport"
                         or (node.parentWidget() is not None
                             and node.parentWidget().objectName() == "qt_scrollarea_viewport"))
            if colour.alpha() > 0 and not in_scroll:
                return colour.name()
        node = node.parentWidget()
    return "#ffffff"


def cut_off(root: QWidget) -> list[Finding]:
    """Content wider than a scroll area that does not scroll sideways is cut off at the edge."""
    findings = []
    for area in root.findChildren(QScrollArea):
        content = area.widget()
        if (content is None or not area.isVisibleTo(root)
                or area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff):
            continue
        needed = content.minimumSizeHint().width()
        available = area.viewport().width()
        if needed > available + 1:
            findings.append(Finding(_describe(area), "", f"content cut off: needs {needed}px, has {available}px"))
    return findings


def audit(root: QWidget) -> list[Finding]:
    findings: list[Finding] = cut_off(root)
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        text = _text(widget)
        where = _describe(widget)
        if isinstance(widget, QAbstractButton) and (widget.width() < MIN_TARGET_PX or widget.height() < MIN_TARGET_PX):
            findings.append(Finding(where, text, f"touch target {widget.width()}×{widget.height()} < 60×60"))
        if not isinstance(widget, TEXT_WIDGETS) or not text.strip():
            continue
        if isinstance(widget, QAbstractButton) and isinstance(widget.parentWidget(), QAbstractButton):
            continue
        floor = font_floor(_role(widget))
        size = _pixel_size(widget)
        if size < floor:
            findings.append(Finding(where, text, f"font {size:.0f}px < {floor}px for role {_role(widget)}"))
        foreground = widget.palette().color(widget.foregroundRole()).name()
        background = _background(widget)
        ratio = contrast_ratio(foreground, background)
        if widget.isEnabled() and ratio < MIN_CONTRAST:
            findings.append(Finding(where, text, f"contrast {ratio:.2f} ({foreground} on {background}) < 4.5"))
    return findings
