"""The capture screen follows the camera's detections: the hint changes with the verdict and the
auto-capture countdown fills while the page is held still; a taken page is said to be taken
until the page changes, and shows as a numbered thumbnail."""

import cv2
import numpy as np
import pytest
from PySide6.QtWidgets import QLabel

from drivers.camera.pipeline import CapturedPage
from kiosk.showcase import open_screen, settle

OK_STILL = {"found": True, "verdict": "ok", "hint": "拍摄清晰，请保持不动", "progress": 0.0}


def _page(shade: int) -> CapturedPage:
    thumb = np.full((240, 170), shade, np.uint8)
    jpeg = cv2.imencode(".jpg", thumb)[1].tobytes()
    return CapturedPage(grey_jpeg=jpeg, bw_png=b"", thumbnail_jpeg=jpeg, size=(1240, 1754), dpi=150,
                        kind="a4", corners=[], verdict="ok")


@pytest.fixture
def capture(kiosk):
    screen = open_screen(kiosk, "capture")  # in a session, with an invented draft
    assert screen.state() is not None
    return screen


def test_hint_and_countdown_follow_detections(capture):
    screen = capture
    assert not screen.countdown.isVisible()
    screen._detection({"found": True, "verdict": "dark", "hint": "光线太暗", "progress": 0.0})
    assert screen.hint.text() == "光线太暗" and not screen.countdown.isVisible()
    screen._detection({**OK_STILL, "progress": 0.5})
    assert screen.countdown.isVisible() and screen.countdown.value() == 50
    assert not screen.countdown.isTextVisible()  # the hint says it, in reading size
    screen._detection({"found": False, "verdict": "none", "hint": "请把材料放在拍摄区域", "progress": 0.0})
    assert not screen.countdown.isVisible()


def test_taken_page_is_announced_until_the_page_changes(capture):
    screen = capture
    screen._detection({**OK_STILL, "progress": 1.0})
    screen._captured(_page(200))
    taken = screen.hint.text()
    assert "拍好" in taken and not screen.countdown.isVisible()
    screen._detection(OK_STILL)  # the same page still lies there: the tracker has fired
    assert screen.hint.text() == taken and not screen.countdown.isVisible()
    screen._detection({**OK_STILL, "progress": 0.25})  # moved: a new still run for the next page
    assert screen.hint.text() == OK_STILL["hint"] and screen.countdown.isVisible()


def test_taken_pages_show_as_numbered_thumbnails(capture):
    screen = capture
    for shade in range(60, 260, 40):  # five pages; the last four are shown
        screen._captured(_page(shade))
    settle()  # the tiles replaced on each page are deleted by the event loop
    captions = [w.text() for w in screen.findChildren(QLabel) if w.text().startswith("第 ")]
    assert captions == ["第 2 页", "第 3 页", "第 4 页", "第 5 页"]
    pictures = [w for w in screen.findChildren(QLabel) if w.property("role") == "thumb"]
    assert [p.pixmap().height() for p in pictures] == [screen.thumb_height] * 4
    screen._delete_last()
    settle()
    captions = [w.text() for w in screen.findChildren(QLabel) if w.text().startswith("第 ")]
    assert captions[-1] == "第 4 页"


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_elder_mode_fits_preview_pages_and_buttons_without_scrolling(panel_kiosk, orientation):
    kiosk = panel_kiosk(orientation, elder=True)
    screen = open_screen(kiosk, "capture")
    for shade in (80, 120, 160, 200):
        screen._captured(_page(shade))
    settle()
    assert screen.body_scroll.verticalScrollBar().maximum() == 0
    assert screen.preview.height() >= 360
    window = kiosk.window.rect()
    for widget in (screen.done_button, screen.shoot_button, screen.delete_button, screen.hint):
        corner = widget.mapTo(kiosk.window, widget.rect().bottomRight())
        assert widget.isVisible() and window.contains(corner), widget
