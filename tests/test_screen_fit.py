"""Every screen, in both modes and orientations: a button that is not part of a scrolling list
(a screen's main action, a keypad's OK) is wholly on the panel without scrolling. On a 1080-px
landscape panel in elder mode, Submit, Next and the keypad's OK had ended up below the fold."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton, QScrollArea

from kiosk.showcase import iter_screens, settle


def _in_a_list(button: QPushButton, screen) -> bool:
    """Inside a scroll area of the screen's own (a list, a form page), not the body's."""
    parent = button.parentWidget()
    while parent is not None and parent is not screen:
        if isinstance(parent, QScrollArea) and parent is not screen.body_scroll:
            return True
        parent = parent.parentWidget()
    return False


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_actions_are_on_the_panel_without_scrolling(panel_kiosk, orientation):
    kiosk = panel_kiosk(orientation)
    cut_off = []
    for elder in (False, True):
        for name, screen in iter_screens(kiosk, elder):
            settle()
            for button in screen.findChildren(QPushButton):
                if not button.isVisible() or _in_a_list(button, screen):
                    continue
                if button.visibleRegion().boundingRect() != button.rect():
                    cut_off.append(f"{'elder' if elder else 'normal'} {name}: {button.text()!r}")
    assert cut_off == []
