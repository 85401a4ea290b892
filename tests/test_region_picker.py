"""The address field's region picker: big buttons, one tap per level, the card's address split
into its parts, wiped back to the defaults."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.theme import MIN_TARGET_PX
from screens.apply.fields import REGIONS, AddressInput
from screens.apply.region_picker import RegionPicker


@pytest.fixture
def address(kiosk, qtbot):  # the kiosk fixture applies the theme's style sheet
    field = AddressInput()
    qtbot.addWidget(field)
    field.resize(1000, 400)
    field.show()
    qtbot.waitExposed(field)
    return field


def _tap(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _option(picker: RegionPicker, text: str):
    shown = [b for b in picker.option_buttons if b.isVisible()]
    return next(b for b in shown if b.text() == text)


def test_defaults_are_the_first_entries_and_the_street_is_required(address):
    first_province = next(iter(REGIONS))
    first_city = next(iter(REGIONS[first_province]))
    assert address.region.values() == (first_province, first_city, REGIONS[first_province][first_city][0])
    assert address.get() == ""  # no street, no address
    assert not address.region.options.isVisible()


def test_tapping_through_the_levels(address, qtbot):
    picker = address.region
    _tap(qtbot, picker.level_buttons[0])
    assert picker.options.isVisible() and picker.level_buttons[0].isChecked()
    assert sorted(b.text() for b in picker.option_buttons if b.isVisible()) == sorted(REGIONS)
    _tap(qtbot, _option(picker, "山东省"))
    assert picker.open_level_index() == 1  # on to the cities
    _tap(qtbot, _option(picker, "东营市"))
    assert picker.open_level_index() == 2
    assert {b.text() for b in picker.option_buttons if b.isVisible()} == set(REGIONS["山东省"]["东营市"])
    assert [b.text() for b in picker.option_buttons if b.isVisible() and b.isChecked()] == ["东营区"]
    _tap(qtbot, _option(picker, "垦利区"))
    assert not picker.options.isVisible()
    address.street.set("胜利路9号")
    assert address.get() == "山东省东营市垦利区胜利路9号"
    assert picker.level_buttons[2].text().startswith("垦利区")


def test_a_single_city_is_skipped_and_tapping_an_open_level_closes_it(address, qtbot):
    picker = address.region
    _tap(qtbot, picker.level_buttons[0])
    _tap(qtbot, _option(picker, "北京市"))  # 北京市 has one "city": straight to the districts
    assert picker.open_level_index() == 2 and picker.values()[1] == "北京市"
    _tap(qtbot, picker.level_buttons[2])
    assert not picker.options.isVisible()


def test_option_buttons_are_touch_sized_and_reused(address, qtbot):
    picker = address.region
    _tap(qtbot, picker.level_buttons[0])
    pool = list(picker.option_buttons)
    assert all(b.height() >= MIN_TARGET_PX for b in pool if b.isVisible())
    assert all(b.height() >= MIN_TARGET_PX for b in picker.level_buttons)
    for _ in range(5):
        _tap(qtbot, picker.level_buttons[1])
        _tap(qtbot, picker.level_buttons[2])
    assert picker.option_buttons[: len(pool)] == pool
    assert len(picker.option_buttons) == max(len(REGIONS), *(len(d) for c in REGIONS.values() for d in c.values()))


def test_card_address_is_split_and_unknown_parts_stay_in_the_street(address):
    address.set("湖南省郴州市苏仙区人民西路18号")
    assert address.region.values() == ("湖南省", "郴州市", "苏仙区")
    assert address.street.get() == "人民西路18号"
    assert address.get() == "湖南省郴州市苏仙区人民西路18号"
    address.set("湖北省黄石市某新区光明路1号")  # a district the table does not know
    assert address.region.values()[:2] == ("湖北省", "黄石市")
    assert address.street.get() == "某新区光明路1号"


def test_clear_wipes_the_street_and_resets_the_region(address, qtbot):
    address.set("四川省达州市渠县文化路3号")
    _tap(qtbot, address.region.level_buttons[1])
    address.clear()
    assert address.street.get() == "" and address.region.values()[0] == next(iter(REGIONS))
    assert not address.region.options.isVisible()


def test_bad_choices_and_tables_are_refused(qapp):
    with pytest.raises(ValueError, match="empty"):
        RegionPicker({})
    picker = RegionPicker(REGIONS)
    with pytest.raises(ValueError, match="火星"):
        picker.choose(0, "火星")


def test_a_dropped_picker_is_freed(qapp):
    """Nothing it connected keeps it alive (a lambda holding self did: one leaked per form)."""
    import gc
    import weakref

    picker = RegionPicker(REGIONS)
    picker.open_level(0)
    picker.choose(0, "湖北省")
    ref = weakref.ref(picker)
    del picker
    gc.collect()
    assert ref() is None
