"""The guide screen shows every element of the implementation list, in normal and elder mode,
portrait and landscape, and scrolls by touch; without a printer it says so."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QScroller

from kiosk.a11y import audit
from kiosk.context import Services
from tests.test_guide_browse import tap, write_catalog

SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}


@pytest.fixture
def catalog(tmp_path):
    return write_catalog(tmp_path / "catalog")


def texts(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def section(guide, key) -> str:
    return texts(guide.sections[key])


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_bundle_guide_shows_every_element(make_kiosk, catalog, elder, orientation):
    width, height = SIZES[orientation]
    kiosk = make_kiosk(services=Services(catalog=catalog), KIOSK_SCREEN__ORIENTATION=orientation,
                       KIOSK_SCREEN__WIDTH=width, KIOSK_SCREEN__HEIGHT=height)
    kiosk.window.resize(width, height)
    kiosk.ctx.set_elder(elder)
    guide = kiosk.flow.go("guide", code="T-YJS")
    kiosk.app.processEvents()
    head = texts(guide)
    assert "新生儿出生一件事" in head and "一件事，含 3 个事项" in head

    time = section(guide, "time")
    assert "一件事整体办结时限：8 个工作日" in time          # staged: 30 % of (5 + 20), rounded up
    assert "分 2 个阶段依次办理" in time
    assert "第 1 阶段：出生医学证明签发" in time
    assert "第 2 阶段：出生登记（新生儿入户）、社会保障卡申领" in time
    assert "出生医学证明签发：法定 5 个工作日，承诺 1 个工作日" in time
    assert "出生登记（新生儿入户）：法定 20 个工作日，承诺 即办" in time
    assert "各事项法定时限合计：45 个工作日" in time

    assert "新生儿在本市出生" in section(guide, "conditions")
    assert "社会保障卡申领的受理条件" in section(guide, "conditions")
    steps = section(guide, "steps")
    for name in ("出生医学证明签发", "出生登记（新生儿入户）", "社会保障卡申领"):
        assert f"【{name}】" in steps and f"1. {name}：提交申请" in steps and f"2. {name}：审核办结" in steps

    materials = section(guide, "materials")
    assert "申请材料（共 4 项）" in materials
    assert "出生医学证明" not in materials.replace("出生医学证明签发", "")   # produced by stage 1
    for line in ("1. 结婚证", "原件 1 份 · 复印件 1 份", "可容缺受理", "已有电子证照或已存档，可免提交",
                 "3. 居民户口簿", "符合情形时提供", "原件 2 份 · 复印件 0 份", "白色背景，2寸",
                 "用于：出生医学证明签发、社会保障卡申领"):
        assert line in materials, line

    assert "出生登记（新生儿入户）：工本费 10 元" in section(guide, "fees")
    assert "社会保障卡申领的办理结果" in section(guide, "result")
    assert "测试区政务服务中心一楼" in section(guide, "place")
    assert "0735-1234567" in section(guide, "phone")
    assert "《出生医学证明签发管理办法》第三条" in section(guide, "legal")
    assert "个人" in section(guide, "audience")
    assert guide.apply_button.text() == "我要办理" and guide.print_button.text() == "打印告知单"
    if elder:
        assert [str(f) for f in audit(kiosk.window) if "StatusBar" not in f.widget] == []
        assert guide.minimumSizeHint().height() <= height and guide.minimumSizeHint().width() <= width


def test_single_matter_guide_shows_its_own_limits(make_kiosk, catalog):
    kiosk = make_kiosk(services=Services(catalog=catalog))
    guide = kiosk.flow.go("guide", code="T-SBK")
    time = section(guide, "time")
    assert "法定办结时限：20 个工作日" in time and "承诺办结时限：10 个工作日" in time
    assert "阶段" not in time
    assert "【" not in section(guide, "steps")
    assert "不收费" in section(guide, "fees")


def test_long_guide_scrolls_by_touch_in_elder_mode(make_kiosk, catalog):
    kiosk = make_kiosk(services=Services(catalog=catalog))
    kiosk.ctx.set_elder(True)
    kiosk.apply_theme()
    guide = kiosk.flow.go("guide", code="T-YJS")
    kiosk.app.processEvents()
    bar = guide.scroll.verticalScrollBar()
    assert bar.maximum() > 0          # more than one panel of content: it must scroll
    assert QScroller.hasScroller(guide.scroll.viewport())     # kinetic: drag with inertia


def test_guide_without_code_uses_the_session_entry(make_kiosk, catalog):
    kiosk = make_kiosk(services=Services(catalog=catalog))
    kiosk.flow.go("guide_browse")              # starts the session
    kiosk.ctx.session.entry = "T-HUKOU"
    guide = kiosk.flow.go("guide")
    assert guide.code == "T-HUKOU" and guide.merged.name == "出生登记（新生儿入户）"


def test_unknown_code_says_so_and_offers_no_actions(make_kiosk, catalog):
    kiosk = make_kiosk(services=Services(catalog=catalog))
    guide = kiosk.flow.go("guide", code="NO-SUCH")
    assert guide.merged is None and guide.apply_button is None
    assert "找不到这项服务的办事指南" in texts(guide)


def test_print_without_printer_says_printer_not_connected(make_kiosk, qtbot, catalog):
    kiosk = make_kiosk(services=Services(catalog=catalog))
    guide = kiosk.flow.go("guide", code="T-YJS")
    tap(qtbot, guide.print_button)
    assert "打印机未连接" in guide.status_label.text()
    assert guide.status_label.isVisibleTo(guide) and guide.status_label.property("role") == "error"
    assert guide.print_button.isEnabled()
