"""Review and sign: Confirm needs the consent and a signature, each refusal says which; on a
landscape panel in elder mode the answers and the pad each get the panel's height (the answers
had a strip of two rows above a pad squeezed under them)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.showcase import open_screen, settle


def _sign(pad) -> None:
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 60))
    for x in range(60, 300, 20):
        QTest.mouseMove(pad, QPoint(x, 60 + (x % 40)))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 80))


def test_confirm_needs_consent_then_signature(kiosk):
    screen = open_screen(kiosk, "review")
    screen.consent.setChecked(False)
    screen.signature.clear()
    screen.confirm()
    assert "同意" in screen.message.text() or "notice" in screen.message.text()
    assert kiosk.flow.current_name == "review"
    screen.consent.setChecked(True)
    screen.confirm()
    assert "签" in screen.message.text() or "sign" in screen.message.text()
    assert kiosk.flow.current_name == "review"
    _sign(screen.signature)
    screen.confirm()
    settle()
    assert kiosk.flow.current_name == "delivery"
    assert screen.draft.signature_png.startswith(b"\x89PNG") and screen.draft.consent


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_elder_mode_gives_answers_and_pad_room(panel_kiosk, orientation):
    kiosk = panel_kiosk(orientation, elder=True)
    screen = open_screen(kiosk, "review")
    answers = next(a for a in screen.findChildren(type(screen.body_scroll)) if a is not screen.body_scroll)
    assert answers.viewport().height() >= 480  # about ten answers in elder type
    assert screen.signature.width() >= 640 and screen.signature.height() >= 300
    for widget in (screen.signature, screen.consent, screen.confirm_button, screen.clear_button):
        assert widget.visibleRegion().boundingRect() == widget.rect(), widget
