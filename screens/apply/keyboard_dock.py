"""The on-screen keyboard of a screen with input fields (the form, delivery): hidden until a
field is tapped, then the keyboard for that field's kind; its OK key puts it away. The screen
places `dock.panel` beside its fields on a landscape panel (compactKeys: lower elder keys, so
field, keyboard and the actions fit 1080 px) and below them in portrait."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QScrollArea, QWidget

from screens.around_common import keyboard_panel


class KeyboardDock:
    def __init__(self, ctx, fields_scroll: QScrollArea) -> None:
        self.fields_scroll = fields_scroll  # where a tapped field is scrolled into sight
        self.landscape = ctx.landscape
        self.panel = keyboard_panel(ctx)
        if self.panel is not None:
            self.panel.setProperty("compactKeys", self.landscape)
            self.panel.hide()
            self.panel.done.connect(self.put_away)

    def add_to(self, split) -> None:
        """After the fields in `split`: beside them (landscape, half the width) or below them."""
        if self.panel is not None:
            split.addWidget(self.panel, 1 if self.landscape else 0)

    def attach(self, field) -> None:
        """Open the keyboard when `field` (a FieldInput) is tapped."""
        field.focused.connect(lambda edit, kind=field.kind: self.open(kind, edit))

    def open(self, kind: str, edit) -> None:
        if self.panel is None or kind == "none":
            return
        self.panel.show_for(edit, kind)
        self.panel.show()
        # once the keyboard has taken its room, the tapped field is scrolled back into sight
        QTimer.singleShot(0, lambda: self._keep_in_sight(edit))

    def put_away(self) -> None:
        if self.panel is not None:
            self.panel.detach()
            self.panel.hide()

    def reset(self) -> None:
        """Forget what was typed (the session wipe)."""
        if self.panel is not None:
            self.panel.reset()
            self.panel.hide()

    def _keep_in_sight(self, edit: QWidget) -> None:
        # the field may have gone in between (a form page change deletes it)
        if not (shiboken6.isValid(edit) and edit.isVisible()):
            return
        # the fields re-wrap to their narrower column first, or the field moves after scrolling
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        # the whole field with a margin: ensureWidgetVisible() on a line edit only brings its
        # text cursor into view, leaving the box half under the edge
        centre = edit.mapTo(self.fields_scroll.widget(), edit.rect().center())
        self.fields_scroll.ensureVisible(centre.x(), centre.y(), 0, edit.height() // 2 + 24)
