"""The capture screen follows the camera's detections: the hint changes with the verdict and the
auto-capture countdown fills while the page is held still."""

from screens.apply.common import sample_draft


def test_hint_and_countdown_follow_detections(kiosk):
    made = sample_draft(kiosk.ctx)
    material = next(iter(made.materials))
    screen = kiosk.flow.go("capture", material=material)
    assert not screen.countdown.isVisible()
    screen._detection({"found": True, "verdict": "dark", "hint": "光线太暗", "progress": 0.0})
    assert screen.hint.text() == "光线太暗" and not screen.countdown.isVisible()
    screen._detection({"found": True, "verdict": "ok", "hint": "请保持不动", "progress": 0.5})
    assert screen.countdown.isVisible() and screen.countdown.value() == 50
    screen._detection({"found": False, "verdict": "none", "hint": "请把材料放在拍摄区域", "progress": 0.0})
    assert not screen.countdown.isVisible()
