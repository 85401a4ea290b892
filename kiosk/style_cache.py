"""Stop Qt's style-sheet caches from growing with every screen built and deleted.

Under an application style sheet, Qt caches the rules it computed for each widget and drops
them when the widget's `destroyed` signal fires; it only hooks that signal for widgets it calls
"stylable". The inner parts of some composite widgets are not (a scroll area's viewport, a combo
box's popup frame, the line edit inside a spin box or combo box: Qt styles them through their
container), yet rules are still computed and cached for them, and never dropped. Measured with
the kiosk's style sheet: ~390 bytes per QComboBox, ~290 per QDateEdit, ~110 per QScrollArea
built and deleted; in the soak ~26 KB per session (heaptrack: QStyleSheetStyle render rules),
all of it given back only when the application style sheet is set again.

A widget with a style sheet of its own counts as stylable. An empty one (a comment) adds no
rule, so it changes nothing on screen, but Qt then hooks `destroyed` and forgets the widget's
cached rules when it goes. That is done for the small parts (combo popups, line edits). A scroll
area's viewport is different: marking it restyles the whole screen inside it (guide: GUI CPU
per build 24.5 -> 46.3 ms), so instead it is told it has no background of its own
(WA_NoSystemBackground: the kiosk's scroll areas are transparent anyway), and Qt never asks the
style sheet how to paint it. heaptrack over 60 soak sessions: the viewports' rules were 75 % of
what was still kept (~9 KB per session); per scroll area built and deleted 324 -> 30 bytes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QScrollArea, QWidget

OWN_SHEET = "/* own sheet: Qt drops this widget's cached style rules when it is deleted */"


def inner_parts(root: QWidget) -> list[QWidget]:
    """The widgets under `root` that Qt styles through their container and that cost the most:
    a combo box's popup (its frame and its list's viewport) and the line edit inside a spin box
    or combo box. Scroll-area viewports are left alone: marking one restyles the whole screen
    inside it (measured: guide 24 -> 46 ms GUI CPU per build) for ~110 bytes each."""
    parts: list[QWidget] = []
    for combo in root.findChildren(QComboBox):
        view = combo.view()                      # the popup and its list (built on first use)
        parts.extend((view.window(), view.viewport()))
    for box in (*root.findChildren(QAbstractSpinBox), *root.findChildren(QComboBox)):
        parts.extend(edit for edit in box.findChildren(QLineEdit) if edit.parentWidget() is box)
    return parts


def track_inner_parts(root: QWidget) -> int:
    """Give the inner parts under `root` an empty style sheet of their own, and its scroll
    areas' viewports no background; returns how many parts were marked now. The flow calls it
    on each screen it builds, before the screen is first polished and painted (cheap then),
    and again when it destroys the screen, for the parts its handlers built meanwhile (a later
    form page): marking an already polished part restyles it."""
    for area in root.findChildren(QScrollArea):
        area.viewport().setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
    marked = 0
    for part in inner_parts(root):
        if part is not None and not part.styleSheet():
            part.setStyleSheet(OWN_SHEET)
            marked += 1
    return marked
