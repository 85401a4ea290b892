"""The form's on-screen keyboard: tapping a field opens the keyboard for that field's kind, the
keys type into it, its OK key puts it away, and on a landscape panel in elder mode the field,
the keyboard and Next are all in sight together (the keyboard opens beside the fields)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from kiosk.showcase import open_screen, settle


def _tap(edit) -> None:
    """What a finger on the field does as far as the form sees it: the field gets focus."""
    QApplication.sendEvent(edit, QFocusEvent(QEvent.Type.FocusIn))
    settle()


def _phone_field(screen):
    while True:
        for _field_def, widget in screen.inputs.values():
            if widget.kind == "phone":
                return widget
        assert screen.page + 1 < len(screen.pages), "the sample form has a phone field"
        screen._show_page(screen.page + 1)


def _wholly_visible(widget) -> bool:
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_tapped_field_gets_its_keyboard_in_sight_with_next(panel_kiosk, orientation):
    kiosk = panel_kiosk(orientation, elder=True)
    screen = open_screen(kiosk, "form")
    assert not screen.keyboard.panel.isVisible()
    field = _phone_field(screen)
    field.set("")
    _tap(field.edit)
    keyboard = screen.keyboard.panel.current()
    assert screen.keyboard.panel.isVisible() and keyboard is screen.keyboard.panel.keyboards["phone"]
    for key in "13800138000":
        keyboard.press(key)
    assert field.get() == "13800138000"
    assert screen.body_scroll.verticalScrollBar().maximum() == 0
    for widget in (field.edit, screen.keyboard.panel, screen.next_button):
        assert _wholly_visible(widget), widget
    keyboard.press("ok")
    assert not screen.keyboard.panel.isVisible()


def test_keyboard_is_put_away_when_the_page_changes(kiosk):
    screen = open_screen(kiosk, "form")
    _, first = next(iter(screen.inputs.values()))
    _tap(first.edit)
    assert screen.keyboard.panel.isVisible()
    screen._show_page(1)
    settle()
    assert not screen.keyboard.panel.isVisible() and screen.keyboard.panel.current() is None


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_delivery_street_and_phone_can_be_typed(panel_kiosk, orientation):
    """The delivery screen had no keyboard at all: a resident could not change the street or
    the phone without a physical keyboard."""
    kiosk = panel_kiosk(orientation, elder=True)
    screen = open_screen(kiosk, "delivery")
    screen.mail.click()
    settle()
    dock = screen.keyboard.panel
    assert not dock.isVisible()
    _tap(screen.address.street.edit)
    assert dock.isVisible() and dock.current() is dock.keyboards["pinyin"]
    screen.address.street.set("")
    for char in "12":
        dock.current().press_char(char)
    assert screen.address.street.get() == "12"
    screen.phone.set("")
    _tap(screen.phone.edit)
    keyboard = dock.current()
    assert keyboard is dock.keyboards["phone"]
    for key in "13912345678":
        keyboard.press(key)
    assert screen.phone.get() == "13912345678"
    for widget in (screen.phone.edit, dock, screen.submit_button):
        assert _wholly_visible(widget), widget
    screen.pickup.click()  # no address to type any more
    assert not dock.isVisible()
