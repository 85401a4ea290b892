"""On-screen keyboards driven by real clicks (pytest-qt) inside the running kiosk, so the
application style sheet (normal and elder) applies."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from kiosk.a11y import audit
from kiosk.ime import DEFAULT_INDEX, PinyinDictionary
from screens.keyboard import DigitPad, IdNumberPad, KeyboardPanel, PhonePad, PinyinKeyboard

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module")
def ime():
    return PinyinDictionary.load(DEFAULT_INDEX)


@pytest.fixture
def mounted(kiosk, ime, qtbot):
    """A KeyboardPanel and a field placed on the current screen of a running kiosk."""
    screen = kiosk.flow.current()
    panel = KeyboardPanel(kiosk.ctx, ime)
    field = QLineEdit()
    screen.body.addWidget(field)
    screen.body.addWidget(panel)
    kiosk.app.processEvents()
    return kiosk, panel, field


def click(qtbot, widget):
    assert widget.isVisible() and widget.isEnabled(), widget.text()
    qtbot.mouseClick(widget, LEFT)


def type_keys(qtbot, keyboard, letters):
    for char in letters:
        click(qtbot, keyboard.keys[char])


def test_typing_pinyin_by_clicks_fills_line_edit(mounted, qtbot):
    kiosk, panel, field = mounted
    keyboard = panel.show_for(field, "text")
    assert isinstance(keyboard, PinyinKeyboard)
    committed = []
    panel.committed.connect(committed.append)
    type_keys(qtbot, keyboard, "beijing")
    assert keyboard.preedit_label.text() == "beijing"
    assert keyboard.candidate_buttons[0].text() == "北京"
    click(qtbot, keyboard.candidate_buttons[0])
    type_keys(qtbot, keyboard, "sbk")
    assert "社保卡" in [b.text() for b in keyboard.candidate_buttons if b.isVisible()]
    click(qtbot, next(b for b in keyboard.candidate_buttons if b.text() == "社保卡"))
    click(qtbot, keyboard.keys["1"])
    assert field.text() == "北京社保卡1"
    assert committed == ["北京", "社保卡", "1"]
    with qtbot.waitSignal(panel.done, timeout=1000):
        click(qtbot, keyboard.done_button)


def test_partial_candidate_keeps_rest_as_preedit(mounted, qtbot):
    _, panel, field = mounted
    keyboard = panel.show_for(field, "text")
    type_keys(qtbot, keyboard, "zhangsanfengx")
    slot = next(b for b in keyboard.candidate_buttons if b.text() == "张") if any(
        b.text() == "张" for b in keyboard.candidate_buttons) else None
    while slot is None:                      # page on until 张 shows up
        click(qtbot, keyboard.next_button)
        slot = next((b for b in keyboard.candidate_buttons if b.isVisible() and b.text() == "张"), None)
    click(qtbot, slot)
    assert field.text() == "张"
    assert keyboard.preedit == "sanfengx"


def test_candidate_paging_by_arrows(mounted, qtbot):
    _, panel, field = mounted
    keyboard = panel.show_for(field, "text")
    type_keys(qtbot, keyboard, "shi")
    first = [b.text() for b in keyboard.candidate_buttons if b.isVisible()]
    assert first and not keyboard.prev_button.isEnabled()
    click(qtbot, keyboard.next_button)
    second = [b.text() for b in keyboard.candidate_buttons if b.isVisible()]
    assert second and not set(first) & set(second)
    assert keyboard.page == 1
    click(qtbot, keyboard.prev_button)
    assert [b.text() for b in keyboard.candidate_buttons if b.isVisible()] == first


def test_delete_space_and_english_mode(mounted, qtbot):
    _, panel, field = mounted
    keyboard = panel.show_for(field, "text")
    type_keys(qtbot, keyboard, "nihaoo")
    click(qtbot, keyboard.delete_button)
    assert keyboard.preedit == "nihao"
    click(qtbot, keyboard.space_button)          # space takes the first candidate
    assert field.text() == "你好"
    click(qtbot, keyboard.mode_button)           # English: letters go straight in
    click(qtbot, keyboard.shift_button)
    type_keys(qtbot, keyboard, "ab")
    click(qtbot, keyboard.period_button)
    assert field.text() == "你好AB."
    click(qtbot, keyboard.delete_button)
    assert field.text() == "你好AB"


def test_plain_text_edit_target(kiosk, ime, qtbot):
    panel = KeyboardPanel(kiosk.ctx, ime)
    editor = QPlainTextEdit()
    kiosk.flow.current().body.addWidget(editor)
    kiosk.flow.current().body.addWidget(panel)
    kiosk.app.processEvents()
    keyboard = panel.show_for(editor, "text")
    type_keys(qtbot, keyboard, "gongjijin")
    click(qtbot, keyboard.candidate_buttons[0])
    assert editor.toPlainText() == "公积金"


def test_reset_leaves_no_preedit_candidates_or_target(mounted, qtbot):
    _, panel, field = mounted
    keyboard = panel.show_for(field, "text")
    type_keys(qtbot, keyboard, "gongjijin")
    assert keyboard.all_candidates
    panel.reset()
    assert keyboard.preedit == "" and keyboard.all_candidates == [] and keyboard.page_candidates == []
    assert not any(b.isVisible() for b in keyboard.candidate_buttons)
    assert "gongjijin" not in keyboard.preedit_label.text()
    assert keyboard.target() is None and panel.current() is None
    assert not keyboard.isVisible()


def test_switching_field_drops_half_typed_pinyin(mounted, qtbot):
    kiosk, panel, field = mounted
    keyboard = panel.show_for(field, "text")
    type_keys(qtbot, keyboard, "zhang")
    other = QLineEdit()
    kiosk.flow.current().body.addWidget(other)
    panel.show_for(other, "text")
    assert keyboard.preedit == "" and field.text() == ""


def test_panel_picks_keyboard_by_field_kind(mounted):
    _, panel, field = mounted
    expected = {"text": PinyinKeyboard, "number": DigitPad, "digits": DigitPad,
                "id_number": IdNumberPad, "phone": PhonePad}
    for kind, cls in expected.items():
        keyboard = panel.show_for(field, kind)
        assert type(keyboard) is cls and keyboard.isVisible()
        assert [k for k in panel.keyboards.values() if k.isVisible()] == [keyboard]
    with pytest.raises(ValueError, match="unknown field kind 'date'"):
        panel.show_for(field, "date")
    with pytest.raises(TypeError, match="QLabel"):
        from PySide6.QtWidgets import QLabel
        panel.show_for(QLabel(), "text")


def test_id_number_pad_types_x_only_as_check_character(mounted, qtbot):
    _, panel, field = mounted
    digits = panel.show_for(field, "digits")
    assert "X" not in digits.keys
    pad = panel.show_for(field, "id_number")
    click(qtbot, pad.keys["1"])
    assert not pad.keys["X"].isEnabled()
    pad.press("X")                               # even if pressed, X is refused mid-number
    assert field.text() == "1"
    for digit in "1010119900307451":
        click(qtbot, pad.keys[digit])
    assert len(field.text()) == 17 and pad.keys["X"].isEnabled()
    click(qtbot, pad.keys["X"])
    click(qtbot, pad.keys["5"])                  # nothing after the 18th character
    assert field.text() == "11010119900307451X"
    click(qtbot, pad.keys["back"])
    assert field.text() == "11010119900307451"
    with qtbot.waitSignal(panel.done, timeout=1000):
        click(qtbot, pad.keys["ok"])


def test_phone_pad_limits_length(mounted, qtbot):
    _, panel, field = mounted
    pad = panel.show_for(field, "phone")
    assert "X" not in pad.keys
    for digit in "138001380001234":
        click(qtbot, pad.keys[digit])
    assert field.text() == "13800138000"
    field.clear()
    for digit in "0755123456789":
        click(qtbot, pad.keys[digit])
    assert field.text() == "075512345678"


def test_digit_pad_respects_field_max_length(mounted, qtbot):
    _, panel, field = mounted
    field.setMaxLength(3)
    pad = panel.show_for(field, "number")
    committed = []
    panel.committed.connect(committed.append)
    for digit in "12345":
        click(qtbot, pad.keys[digit])
    assert field.text() == "123" and committed == ["1", "2", "3"]


def test_elder_mode_keys_are_bigger(mounted, qtbot):
    kiosk, panel, field = mounted
    keyboard = panel.show_for(field, "text")
    pad = panel.keyboard_for("id_number")
    kiosk.app.processEvents()
    normal_key = keyboard.keys["a"].minimumSizeHint().height()
    normal_font = keyboard.keys["a"].font().pixelSize()
    normal_pad = pad.keys["1"].minimumSizeHint().height()
    kiosk.ctx.set_elder(True)
    kiosk.app.processEvents()
    assert keyboard.keys["a"].minimumSizeHint().height() > normal_key >= 60
    assert keyboard.keys["a"].font().pixelSize() > normal_font
    assert pad.keys["1"].minimumSizeHint().height() > normal_pad


@pytest.mark.parametrize("orientation, size", [("portrait", (1080, 1920)), ("landscape", (1920, 1080))])
def test_sample_panel_meets_elder_rules_and_fits(make_kiosk, ime, orientation, size):
    kiosk = make_kiosk(KIOSK_SCREEN__ORIENTATION=orientation, KIOSK_SCREEN__WIDTH=size[0],
                       KIOSK_SCREEN__HEIGHT=size[1])
    kiosk.window.resize(*size)
    kiosk.ctx.set_elder(True)
    panel, field = KeyboardPanel.sample(kiosk.ctx, ime)
    assert field.text() == "" and panel.current().preedit == "shebaoka"
    screen = kiosk.flow.current()
    screen.body.addWidget(panel)
    kiosk.app.processEvents()
    assert panel.current().candidate_buttons[0].text() == "社保卡"
    problems = [str(f) for f in audit(panel)]
    assert not problems, "\n".join(problems)
    # the pinyin keyboard leaves room for a title, a field and the footer on the panel
    hint = panel.minimumSizeHint()
    assert hint.width() <= size[0] - 80 and hint.height() <= size[1] * 0.75, (hint.width(), hint.height())
    for kind in ("digits", "id_number", "phone"):
        panel.show_for(field, kind)
        kiosk.app.processEvents()
        assert not audit(panel), kind


def test_keyboards_are_built_on_first_use_in_the_current_mode(kiosk, ime):
    """A panel builds only the keyboards asked for; one first built after the switch to elder
    mode has elder-sized keys, like one that was already there when the mode changed."""
    screen = kiosk.flow.current()
    panel = KeyboardPanel(kiosk.ctx, ime)
    field = QLineEdit()
    screen.body.addWidget(field)
    screen.body.addWidget(panel)
    assert panel.keyboards == {}
    panel.show_for(field, "digits")
    assert list(panel.keyboards) == ["digits"]
    kiosk.app.processEvents()
    normal = panel.keyboard_for("digits").keys["1"].minimumSizeHint().height()
    kiosk.ctx.set_elder(True)
    pad = panel.show_for(field, "phone")          # built now, in elder mode
    kiosk.app.processEvents()
    assert pad.elder and pad.keys["1"].minimumSizeHint().height() > normal
    assert panel.keyboard_for("digits").keys["1"].minimumSizeHint().height() > normal
