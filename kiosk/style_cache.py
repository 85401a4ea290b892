"""Stop Qt's style-sheet caches from growing with every screen built and deleted.

Under an application style sheet, Qt caches the rules it computed for each widget and drops
them when the widget's `destroyed` signal fires; it only hooks that signal for widgets it calls
"stylable". A scroll area's viewport is not (Qt styles it through the scroll area), yet when the
viewport paints its background Qt still computes and caches rules for it, and never drops them.
heaptrack over 60 soak sessions: those rules were 75 % of what the kiosk still kept after the
sessions (~9 KB per session); per scroll area built and deleted under the kiosk's sheet, ~324
bytes.

The kiosk's scroll areas are transparent, so their viewports are told they have no background
of their own (WA_NoSystemBackground): nothing changes on screen, and Qt never asks the style
sheet how to paint them (324 -> 30 bytes per scroll area).

Tried and dropped: giving such inner widgets an empty style sheet of their own (which makes Qt
hook `destroyed`). It gives each one its own style object; on a combo box's popup that ended in
a use-after-free (segmentation faults creating unrelated widgets later in the test suite), and
on a viewport it restyled the whole screen inside it (guide: 24.5 -> 46.3 ms per build).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget


def quiet_viewports(root: QWidget) -> int:
    """Tell the viewports of the scroll areas under `root` that they paint no background;
    returns how many were changed now. Call before the screen is first painted (the flow does,
    right after building it)."""
    changed = 0
    for area in root.findChildren(QScrollArea):
        viewport = area.viewport()
        if not viewport.testAttribute(Qt.WidgetAttribute.WA_NoSystemBackground):
            viewport.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
            changed += 1
    return changed
