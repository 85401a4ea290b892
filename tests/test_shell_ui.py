"""The shell as a resident and a technician meet it: real widgets, offscreen."""

import logging

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from kiosk.logs import mask_pii
from kiosk.theme import ELDER, NORMAL

FAKE_NAME = "测试甲乙"
FAKE_ID = "110101199003074514"


def _all_texts() -> list[str]:
    texts = []
    for widget in QApplication.allWidgets():
        for getter in ("text", "toPlainText", "placeholderText", "windowTitle"):
            value = getattr(widget, getter, None)
            if callable(value):
                try:
                    texts.append(str(value()))
                except TypeError:
                    pass
    return texts


def test_home_shows_every_tile_and_unbuilt_ones_say_coming_soon(kiosk, qtbot):
    home = kiosk.flow.current()
    assert kiosk.flow.current_name == "home"
    assert set(home.tiles) == {"catalog", "query", "guide_browse", "rate", "feedback", "ticket"}
    for target, tile in home.tiles.items():
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
        screen = kiosk.flow.current()
        assert kiosk.flow.current_name == target
        assert screen.isVisible()
        qtbot.mouseClick(screen.exit_button, Qt.MouseButton.LeftButton)
        assert kiosk.flow.current_name == "home"


def test_back_returns_and_exit_wipes_session(kiosk, qtbot):
    flow = kiosk.flow
    flow.go("query")
    assert flow.in_session
    flow.go("rate")
    flow.back()
    assert flow.current_name == "query"
    flow.back()
    assert flow.current_name == "home" and not flow.in_session


def test_idle_timeout_wipes_every_trace_of_the_person(make_kiosk, qtbot):
    kiosk = make_kiosk(KIOSK_IDLE__NORMAL_SECONDS=1, KIOSK_IDLE__ELDER_SECONDS=2, KIOSK_IDLE__COUNTDOWN_SECONDS=1)
    screen = kiosk.flow.go("query")
    kiosk.ctx.session.person = {"name": FAKE_NAME, "id_number": FAKE_ID}
    scratch = kiosk.ctx.session.temp_dir() / "scan.jpg"
    scratch.write_bytes(b"\xff\xd8 invented")
    field = QLineEdit(screen)
    field.setText(f"{FAKE_NAME} {FAKE_ID}")
    screen.body.addWidget(field)
    note = QLabel(FAKE_NAME, screen)
    screen.body.addWidget(note)
    QApplication.clipboard().setText(FAKE_ID)
    assert any(FAKE_ID in t for t in _all_texts())
    qtbot.waitUntil(lambda: kiosk.window.countdown.isVisible(), timeout=3000)
    assert "秒后返回首页" in kiosk.window.countdown.seconds_label.text()
    qtbot.waitUntil(lambda: kiosk.flow.current_name == "home", timeout=4000)
    qtbot.wait(50)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    texts = _all_texts()
    assert not any(FAKE_ID in t or FAKE_NAME in t for t in texts)
    assert QApplication.clipboard().text() == ""
    assert not scratch.exists() and not scratch.parent.exists()
    assert kiosk.ctx.session.person is None


def test_continue_button_keeps_the_session(make_kiosk, qtbot):
    kiosk = make_kiosk(KIOSK_IDLE__NORMAL_SECONDS=1, KIOSK_IDLE__ELDER_SECONDS=2, KIOSK_IDLE__COUNTDOWN_SECONDS=5)
    kiosk.flow.go("query")
    qtbot.waitUntil(lambda: kiosk.window.countdown.isVisible(), timeout=3000)
    qtbot.mouseClick(kiosk.window.countdown.continue_button, Qt.MouseButton.LeftButton)
    assert not kiosk.window.countdown.isVisible()
    assert kiosk.flow.current_name == "query" and kiosk.idle.armed


def test_activity_postpones_idle(make_kiosk, qtbot):
    kiosk = make_kiosk(KIOSK_IDLE__NORMAL_SECONDS=1, KIOSK_IDLE__ELDER_SECONDS=2)
    screen = kiosk.flow.go("query")
    for _ in range(4):
        qtbot.wait(400)
        qtbot.mouseClick(screen.title_label, Qt.MouseButton.LeftButton)
    assert not kiosk.window.countdown.isVisible()


def test_elder_mode_is_bigger_and_waits_longer(kiosk, qtbot):
    home = kiosk.flow.current()
    tile = home.tiles["catalog"]
    normal_font = tile.title_label.font().pixelSize()
    qtbot.mouseClick(home.elder_button, Qt.MouseButton.LeftButton)
    assert kiosk.ctx.elder
    assert tile.title_label.font().pixelSize() > normal_font
    assert home.elder_button.height() >= ELDER.button_min_height
    assert kiosk.ctx.idle_seconds() >= 2 * kiosk.config.idle.normal_seconds
    assert kiosk.ctx.voice_enabled
    qtbot.mouseClick(home.elder_button, Qt.MouseButton.LeftButton)
    assert not kiosk.ctx.elder and tile.title_label.font().pixelSize() == NORMAL.title


def test_language_switch_to_english_and_back(kiosk, qtbot):
    home = kiosk.flow.current()
    assert home.title_label.text() == "政务服务自助终端"
    qtbot.mouseClick(home.language_button, Qt.MouseButton.LeftButton)
    home = kiosk.flow.current()
    assert home.title_label.text() == "Government Services Self-Service Terminal"
    qtbot.mouseClick(home.language_button, Qt.MouseButton.LeftButton)
    assert kiosk.flow.current().title_label.text() == "政务服务自助终端"


def test_lockdown_swallows_escape_keys_but_passes_scanner_typing(kiosk, qtbot):
    field = QLineEdit(kiosk.flow.current())
    field.show()
    field.setFocus()
    for key, modifiers in [(Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
                           (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
                           (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
                           (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
                           (Qt.Key.Key_Meta, Qt.KeyboardModifier.NoModifier)]:
        event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers, "q" if key == Qt.Key.Key_Q else "")
        assert kiosk.guard.eventFilter(field, event) is True
    qtbot.keyClicks(field, "SCAN123q")
    assert field.text() == "SCAN123q"
    menu = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5))
    assert kiosk.guard.eventFilter(field, menu) is True


def test_close_is_ignored_unless_authorised(kiosk):
    kiosk.window.close()
    assert kiosk.window.isVisible()
    kiosk.ctx.authorised_exit = True
    kiosk.window.close()
    assert not kiosk.window.isVisible()


def _tap_corner(kiosk, qtbot, times=5):
    for _ in range(times):
        qtbot.mouseClick(kiosk.window.hotspot, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))


def _type_pin(screen, qtbot, pin):
    for digit in pin:
        qtbot.mouseClick(screen.keypad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.keypad.keys["ok"], Qt.MouseButton.LeftButton)


def test_hidden_entry_needs_five_quick_taps_and_the_pin(kiosk, qtbot, caplog):
    import screens.admin
    screens.admin._gate = None
    _tap_corner(kiosk, qtbot, times=4)
    assert kiosk.flow.current_name == "home"
    _tap_corner(kiosk, qtbot, times=1)
    assert kiosk.flow.current_name == "admin_pin"
    caplog.set_level(logging.INFO)
    _type_pin(kiosk.flow.current(), qtbot, "111111")
    assert kiosk.flow.current_name == "admin_pin"
    assert "密码错误" in kiosk.flow.current().message.text()
    _type_pin(kiosk.flow.current(), qtbot, "246810")
    assert kiosk.flow.current_name == "admin"
    assert "246810" not in caplog.text and "111111" not in caplog.text
    assert "admin PIN attempt" in caplog.text
    admin = kiosk.flow.current()
    qtbot.mouseClick(admin.exit_kiosk, Qt.MouseButton.LeftButton)
    assert kiosk.ctx.authorised_exit


def test_five_wrong_pins_lock_the_entry(kiosk, qtbot):
    import screens.admin
    screens.admin._gate = None
    _tap_corner(kiosk, qtbot)
    screen = kiosk.flow.current()
    for _ in range(5):
        _type_pin(screen, qtbot, "000000")
    assert not screen.keypad.isEnabled()
    assert "锁定" in screen.message.text()
    assert screens.admin.pin_gate(kiosk.ctx).attempt("246810") == "locked"
    screens.admin._gate = None


def test_status_bar_reflects_health(kiosk):
    kiosk.ctx.health.set_online(False)
    kiosk.ctx.health.set_queue_depth(7)
    kiosk.ctx.health.set_device("printer", "fail", "paper out")
    bar = kiosk.window.status_bar
    assert "断开" in bar.network.text()
    assert "7" in bar.queue.text()
    assert "打印机 ✖" in bar.devices.text()


def test_log_masking():
    line = mask_pii(f"card {FAKE_ID} phone 13812345678 order 123456789012345678901")
    assert FAKE_ID not in line and "110101********4514" in line
    assert "13812345678" not in line and "138****5678" in line
    assert "123456789012345678901" in line  # longer digit runs are not ID numbers


def test_logging_writes_masked_json(tmp_path):
    import json as _json

    from kiosk.logs import setup_logging
    setup_logging(tmp_path, stderr=False)
    try:
        logging.getLogger("kiosk.test").info("read card %s for 13912345678", FAKE_ID)
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_kiosk", False):
                handler.flush()
                logging.getLogger().removeHandler(handler)
                handler.close()
    text = (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    entry = _json.loads(text.splitlines()[-1])
    assert entry["msg"] == "read card 110101********4514 for 139****5678"
    assert FAKE_ID not in text


def test_unused_widget_helper_is_not_left_visible(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    assert widget.isVisible()
