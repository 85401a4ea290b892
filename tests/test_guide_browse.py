"""Catalog browser: tabs by life event / department / bundles, search from the screen's search box
(pinyin initials, full pinyin, Chinese, quick keywords), opening a guide and starting to apply.
The catalog is generated here (no dependency on the bundled sample or /work/shared)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.catalog import Catalog
from kiosk.context import Services

FIELDS = [
    {"key": "applicant_name", "label": "申请人姓名", "prefill": "name"},
    {"key": "applicant_id_number", "label": "申请人公民身份号码", "type": "id_number", "prefill": "id_number"},
    {"key": "applicant_phone", "label": "联系电话", "type": "phone"},
]


def _matter(code, name, department, events, materials, statutory, promised, keywords=(), **extra):
    return {
        "code": code, "name": name, "department": department, "life_events": list(events),
        "conditions": [f"{name}的受理条件"], "steps": [f"{name}：提交申请", f"{name}：审核办结"],
        "materials": materials, "statutory_days": statutory, "promised_days": promised,
        "result": f"{name}的办理结果", "place": "测试区政务服务中心一楼", "phone": "0735-1234567",
        "legal_basis": [f"《{name}管理办法》第三条"], "keywords": list(keywords), "fields": FIELDS, **extra,
    }


def write_catalog(folder) -> Catalog:
    """Three matters and one staged bundle with 容缺, reusable, optional and copied materials."""
    matters = [
        _matter("T-SBK", "社会保障卡申领", "人力资源和社会保障局", ["就业", "出生"],
                [{"name": "申请人居民身份证", "reusable": True, "formats": ["纸质", "电子证照"]},
                 {"name": "近期免冠彩色证件照", "originals": 2, "sample": "白色背景，2寸"}],
                20, 10, keywords=["社保卡"]),
        _matter("T-BIRTH", "出生医学证明签发", "卫生健康局", ["出生"],
                [{"name": "结婚证", "copies": 1, "deferrable": True},
                 {"name": "申请人居民身份证", "reusable": True, "formats": ["纸质", "电子证照"]}],
                5, 1, produces_materials=["出生医学证明"]),
        _matter("T-HUKOU", "出生登记（新生儿入户）", "公安局（户政）", ["出生", "户籍"],
                [{"name": "出生医学证明"}, {"name": "居民户口簿", "required": False}],
                20, 0, fees="工本费 10 元"),
    ]
    bundles = [{
        "code": "T-YJS", "name": "新生儿出生一件事", "department": "卫生健康局", "life_events": ["出生"],
        "keywords": ["出生一件事"], "mode": "staged", "stages": [["T-BIRTH"], ["T-HUKOU", "T-SBK"]],
        "conditions": ["新生儿在本市出生"],
    }]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "test.json").write_text(json.dumps({"matters": matters, "bundles": bundles}, ensure_ascii=False),
                                      encoding="utf-8")
    return Catalog.load_dir(folder)


@pytest.fixture
def catalog(tmp_path):
    return write_catalog(tmp_path / "catalog")


def tap(qtbot, widget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, widget.rect().center())


def open_browser(kiosk, qtbot, tile="guide_browse"):
    tap(qtbot, kiosk.flow.current().tiles[tile])
    assert kiosk.flow.current_name == tile
    return kiosk.flow.current().browser


def row_titles(browser) -> list[str]:
    return [row.title_label.text() for row in browser.rows]


def test_home_tiles_open_the_browser_on_life_events(make_kiosk, qtbot, catalog):
    kiosk = make_kiosk(services=Services(catalog=catalog))
    for tile in ("catalog", "guide_browse"):
        browser = open_browser(kiosk, qtbot, tile)
        assert browser.tab == "events"
        shown = [b.title_label.text() for b in browser.category_buttons]
        assert shown == ["出生", "就业", "户籍"]
        assert "4 项服务" in browser.category_buttons[0].text()   # the bundle and its three matters
        tap(qtbot, kiosk.flow.current().exit_button)
        assert kiosk.flow.current_name == "home"


def test_life_event_then_department_then_bundles(make_kiosk, qtbot, catalog):
    kiosk = make_kiosk(services=Services(catalog=catalog))
    browser = open_browser(kiosk, qtbot)
    tap(qtbot, browser.category_buttons[0])             # 出生
    assert browser.category == "出生"
    assert row_titles(browser) == ["新生儿出生一件事", "社会保障卡申领", "出生医学证明签发", "出生登记（新生儿入户）"]
    bundle_row = browser.rows[0]
    assert "一件事" in bundle_row.badge_label.text() and bundle_row.badge_label.isVisibleTo(bundle_row)
    assert "承诺时限：8 个工作日" in bundle_row.text()      # two stages: 30 % of (5 + 20), rounded up
    assert not browser.rows[1].badge_label.isVisibleTo(browser.rows[1])
    assert "即办" in browser.rows[3].text()                 # promised 0 days
    assert browser.up_button.isVisibleTo(browser)
    tap(qtbot, browser.up_button)
    assert browser.category is None and len(browser.category_buttons) == 3

    tap(qtbot, browser.tab_buttons["departments"])
    departments = [b.title_label.text() for b in browser.category_buttons]
    assert departments == ["卫生健康局", "人力资源和社会保障局", "公安局（户政）"]
    tap(qtbot, browser.category_buttons[0])
    assert row_titles(browser) == ["新生儿出生一件事", "出生医学证明签发"]

    tap(qtbot, browser.tab_buttons["bundles"])
    assert row_titles(browser) == ["新生儿出生一件事"]
    assert not browser.search_panel.isVisibleTo(browser)


def test_search_box_finds_by_pinyin_initials_full_pinyin_and_chinese(make_kiosk, qtbot, catalog):
    kiosk = make_kiosk(services=Services(catalog=catalog))
    browser = open_browser(kiosk, qtbot)
    tap(qtbot, browser.tab_buttons["search"])
    assert browser.search_panel.isVisibleTo(browser)
    QTest.keyClicks(browser.search_edit, "sbk")
    assert row_titles(browser)[0] == "社会保障卡申领"
    assert "找到" in browser.heading.text()
    browser.search_edit.clear()
    QTest.keyClicks(browser.search_edit, "chusheng")
    assert set(row_titles(browser)) >= {"新生儿出生一件事", "出生医学证明签发", "出生登记（新生儿入户）"}
    browser.search_edit.setText("户口簿")
    assert row_titles(browser) == ["出生登记（新生儿入户）"]    # found by one of its materials
    browser.search_edit.setText("zzzz")
    assert browser.rows == []
    assert any("没有找到" in w.text() for w in browser.scroll.widget().findChildren(type(browser.heading)))


def test_quick_keyword_fills_the_search_box(make_kiosk, qtbot, catalog):
    kiosk = make_kiosk(services=Services(catalog=catalog))
    browser = open_browser(kiosk, qtbot)
    tap(qtbot, browser.tab_buttons["search"])
    tap(qtbot, browser.keyword_buttons["社保"])
    assert browser.search_edit.text() == "社保"
    assert row_titles(browser)[0] == "社会保障卡申领"
    tap(qtbot, browser.clear_button)
    assert browser.rows == [] and browser.search_edit.text() == ""


def test_tapping_a_result_opens_its_guide_and_back_returns(make_kiosk, qtbot, catalog):
    kiosk = make_kiosk(services=Services(catalog=catalog))
    browser = open_browser(kiosk, qtbot)
    browser.search("sbk")
    tap(qtbot, browser.rows[0])
    assert kiosk.flow.current_name == "guide"
    guide = kiosk.flow.current()
    assert guide.code == "T-SBK" and guide.merged.name == "社会保障卡申领"
    tap(qtbot, guide.back_button)
    assert kiosk.flow.current_name == "guide_browse"
    assert kiosk.flow.current().browser.search_edit.text() == "sbk"   # same session: still there


def test_typed_search_is_gone_in_the_next_session(make_kiosk, qtbot, catalog):
    kiosk = make_kiosk(services=Services(catalog=catalog))
    browser = open_browser(kiosk, qtbot)
    browser.search("社保")
    tap(qtbot, kiosk.flow.current().exit_button)
    browser = open_browser(kiosk, qtbot)
    assert browser.search_edit.text() == "" and browser.tab == "events"


def test_apply_without_a_card_goes_to_identify_with_a_draft(make_kiosk, qtbot, catalog):
    kiosk = make_kiosk(services=Services(catalog=catalog))
    if "identify" not in kiosk.flow.registry:
        pytest.skip("the identify screen is not part of this build yet")
    kiosk.flow.go("guide", code="T-YJS")
    tap(qtbot, kiosk.flow.current().apply_button)
    assert kiosk.flow.current_name == "identify"
    session = kiosk.ctx.session
    assert session.entry == "T-YJS"
    draft = session.data["draft"]
    assert draft.merged.code == "T-YJS" and draft.form.get("applicant_name") is None
    assert set(draft.materials) == {"结婚证", "申请人居民身份证", "居民户口簿", "近期免冠彩色证件照"}


def test_apply_with_a_card_already_read_goes_to_the_prefilled_form(make_kiosk, qtbot, catalog):
    from types import SimpleNamespace
    kiosk = make_kiosk(services=Services(catalog=catalog))
    registry = kiosk.flow.registry
    if "form" not in registry:
        pytest.skip("the form screen is not part of this build yet")
    kiosk.flow.go("guide_browse")
    kiosk.ctx.session.person = SimpleNamespace(name="张三丰", id_number="110101199003074514")
    kiosk.flow.go("guide", code="T-SBK")
    tap(qtbot, kiosk.flow.current().apply_button)
    assert kiosk.flow.current_name == "form"
    draft = kiosk.ctx.session.data["draft"]
    assert draft.form["applicant_name"] == "张三丰"
    assert draft.form["applicant_id_number"] == "110101199003074514"


def test_apply_says_so_when_no_next_screen_exists(make_kiosk, qtbot, catalog):
    kiosk = make_kiosk(services=Services(catalog=catalog))
    kiosk.flow.registry.pop("identify", None)
    kiosk.flow.registry.pop("form", None)
    guide = kiosk.flow.go("guide", code="T-SBK")
    tap(qtbot, guide.apply_button)
    assert kiosk.flow.current_name == "guide"
    assert "暂不能办理" in guide.status_label.text()
    assert kiosk.ctx.session.data.get("draft") is None


def test_broken_catalog_folder_shows_a_message(make_kiosk, qtbot, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "a.json").write_text("{not json", encoding="utf-8")
    kiosk = make_kiosk(KIOSK_CATALOG__DIR=str(broken))
    screen = kiosk.flow.go("guide_browse")
    assert screen.browser is None
    texts = [w.text() for w in screen.findChildren(type(screen.title_label))]
    assert any("暂时无法显示事项目录" in t for t in texts)
    guide = kiosk.flow.go("guide", code="T-SBK")
    assert guide.merged is None and guide.print_button is None


def test_touching_the_search_box_opens_the_pinyin_keyboard_where_it_fits(make_kiosk, qtbot, catalog):
    pytest.importorskip("screens.keyboard")
    kiosk = make_kiosk(services=Services(catalog=catalog))
    browser = open_browser(kiosk, qtbot)
    tap(qtbot, browser.tab_buttons["search"])
    tap(qtbot, browser.search_edit)
    assert browser.keyboard.isVisibleTo(browser)
    assert not browser.quick_keywords.isVisibleTo(browser) and not browser.tab_bar.isVisibleTo(browser)
    browser.keyboard.done.emit()
    assert not browser.keyboard.isVisibleTo(browser)
    assert browser.quick_keywords.isVisibleTo(browser) and browser.tab_bar.isVisibleTo(browser)


def test_elder_landscape_searches_by_quick_keywords_without_the_keyboard(make_kiosk, qtbot, catalog):
    pytest.importorskip("screens.keyboard")
    kiosk = make_kiosk(services=Services(catalog=catalog), KIOSK_SCREEN__ORIENTATION="landscape",
                       KIOSK_SCREEN__WIDTH=1920, KIOSK_SCREEN__HEIGHT=1080)
    kiosk.ctx.set_elder(True)
    browser = open_browser(kiosk, qtbot)
    tap(qtbot, browser.tab_buttons["search"])
    tap(qtbot, browser.search_edit)
    assert not browser.keyboard.isVisibleTo(browser)     # 770 px of keys do not fit 1080 px
    assert browser.quick_keywords.isVisibleTo(browser)
