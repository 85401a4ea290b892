"""Base class of every screen: a title, a content area and a footer with 返回 / 退出.
Screens ask services in kiosk/ for everything and react to their signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext


def label(text: str, role: str = "body", wrap: bool = True, parent: QWidget | None = None) -> QLabel:
    widget = QLabel(text, parent)
    widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


def button(text: str, role: str = "secondary", parent: QWidget | None = None) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setProperty("role", role)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    return widget


_flick = None  # (the object that owns the one flick recogniser, its gesture type)


def _flick_gesture():
    """The gesture type of one flick recogniser shared by every scroll area.

    QScroller.grabGesture() registers a new recogniser, with a new gesture type number, for
    each target, and PySide6 turns each new number into an enum pseudo-member that is never
    freed: two per scroll area, ~14 per session, for ever (the soak's steady growth). One
    recogniser serves any target (a flick goes to the target's own QScroller); it is
    registered on an object that is never destroyed, as destroying it unregisters it."""
    global _flick
    if _flick is None:
        anchor = QObject()
        _flick = (anchor, QScroller.grabGesture(anchor, QScroller.ScrollerGestureType.LeftMouseButtonGesture))
    return _flick[1]


def kinetic(scroll_area) -> None:
    """Touch-drag scrolling with inertia instead of drag-selection: what QScroller.grabGesture()
    does for a widget (its scroller, the grab), with the shared recogniser."""
    viewport = scroll_area.viewport()
    QScroller.scroller(viewport)
    viewport.grabGesture(_flick_gesture())


def inner_scroll(minimum: int = 240) -> QScrollArea:
    """A scroll area inside a screen's body (a list, a form page) that takes the height left
    over, never more. Its own size hint (its whole content) would otherwise count in the
    body's height-for-width, so the body would scroll as a whole around it: two scroll bars,
    and what is below it pushed off the panel."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    kinetic(scroll)
    policy = scroll.sizePolicy()
    policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
    scroll.setSizePolicy(policy)
    scroll.setMinimumHeight(minimum)
    return scroll


class Screen(QWidget):
    name = ""
    session_scoped = True
    show_back = True
    show_exit = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 24, 40, 24)
        outer.setSpacing(20)
        self.title_label = label(self.title(), "title")
        outer.addWidget(self.title_label)
        # The content scrolls when it is taller than the panel (a 1080-px landscape screen),
        # so nothing is ever cut off; on a tall portrait panel it simply fits.
        self.body_scroll = QScrollArea()
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(20)
        self.body_scroll.setWidget(content)
        kinetic(self.body_scroll)
        outer.addWidget(self.body_scroll, 1)
        # Below the scrolling body: what must never scroll away or be dragged by the scroller
        # (a signature pad draws with the same finger movement that would scroll).
        self.fixed = QVBoxLayout()
        self.fixed.setSpacing(16)
        outer.addLayout(self.fixed)
        self.footer = QHBoxLayout()
        self.footer.setSpacing(24)
        self.back_button = button(self.tr("Back"))
        self.back_button.clicked.connect(self.on_back)
        self.exit_button = button(self.tr("Exit"), "danger")
        self.exit_button.clicked.connect(self.on_exit)
        self._footer_left = 0  # widgets before the stretch
        self._actions: QHBoxLayout | None = None  # portrait: the row of add_action()
        self._actions_left = 0
        if self.show_back:
            self.footer.addWidget(self.back_button)
            self._footer_left = 1
        self.footer.addStretch(1)
        if self.show_exit:
            self.footer.addWidget(self.exit_button)
        # always in the layout, so a screen without Back or Exit can still put its actions there
        # (an empty row takes no room)
        outer.addLayout(self.footer)
        if not self.show_back:
            self.back_button.hide()
        if not self.show_exit:
            self.exit_button.hide()

    def add_action(self, widget: QWidget, *, secondary: bool = False) -> None:
        """Put one of the screen's actions where it never scrolls away (at the end of the body, a
        1080-px landscape panel in elder mode had it below the fold): the main action on the
        right, a secondary one (secondary=True) on the left. Landscape: in the footer row with
        Back and Exit, which leaves the body its height. Portrait: a row of its own above the
        footer, since four elder buttons are wider than a 1080-px panel."""
        if self.ctx.landscape:
            if secondary:
                self.footer.insertWidget(self._footer_left, widget)
                self._footer_left += 1
            else:
                self.footer.insertWidget(self.footer.count() - (1 if self.show_exit else 0), widget)
            return
        if self._actions is None:
            self._actions = QHBoxLayout()
            self._actions.setSpacing(24)
            self._actions.addStretch(1)
            self.fixed.addLayout(self._actions)
        if secondary:
            self._actions.insertWidget(self._actions_left, widget)
            self._actions_left += 1
        else:
            self._actions.addWidget(widget)

    def split_outside_scroll(self) -> QHBoxLayout | QVBoxLayout:
        """For a screen with a part that must not scroll with the body (a signature pad draws
        with the finger movement that would scroll it; a keyboard must stay under the finger):
        the scrolling body is hidden and a row (landscape) or column (portrait) taking the
        panel's height is returned, for a list (inner_scroll) and that part."""
        self.body_scroll.hide()
        landscape = self.ctx.landscape
        split = QHBoxLayout() if landscape else QVBoxLayout()
        split.setSpacing(24)
        self.fixed.addLayout(split)
        self.layout().setStretchFactor(self.fixed, 1)
        return split

    # --- to override ----------------------------------------------------------------------
    def title(self) -> str:
        return ""

    def voice_prompt(self) -> str:
        """A short sentence spoken when the screen opens (voice guidance)."""
        return self.title()

    def enter(self) -> None:
        voice = self.ctx.services.voice
        if voice is not None and self.ctx.voice_enabled:
            voice.say(self.name, self.voice_prompt())

    def leave(self) -> None:
        pass

    def wipe(self) -> None:
        """Called before the screen is destroyed: drop anything personal it holds."""

    # --- navigation ---------------------------------------------------------------------------
    def on_back(self) -> None:
        self.ctx.flow.back()

    def on_exit(self) -> None:
        self.ctx.flow.home("exit")


class Tile(QPushButton):
    """A large home-screen tile: a bold title and a one-line explanation that wraps."""

    def __init__(self, title: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "tile")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 20, 20, 20)
        self.title_label = label(title, "tile-title")
        self.hint_label = label(hint, "tile-hint")
        for widget in (self.title_label, self.hint_label):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        column.addStretch(1)
        column.addWidget(self.title_label)
        column.addWidget(self.hint_label)
        column.addStretch(1)

    def text(self) -> str:  # noqa: D102 (tests and the audit read the visible text)
        return f"{self.title_label.text()}\n{self.hint_label.text()}"
