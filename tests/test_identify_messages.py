"""The identify screen's own messages, with the ID-card simulator speaking the real protocol over
a pseudo-terminal to a real IdCardService: place again, card expired, reader out of service (SAM
fault, then back), no reader at all."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt

from drivers.idcard import cards
from drivers.idcard.identities import invented_identity
from drivers.idcard.simulator import IdCardSimulator
from kiosk.context import Services
from kiosk.services.idcard import IdCardService

BAUD = 921600
FAST = {"cooldown_s": 0.0, "retry_gap_s": 0.01, "timeout_scale": 0.2, "reconnect_interval_s": 0.05,
        "recover_interval_s": 0.2}


def resident(valid_to: str | None = None):
    identity = invented_identity(cards.RESIDENT, random.Random(11))
    if valid_to is not None:   # an invented card whose validity ended years ago
        identity.fields.update(valid_from="20050101", valid_to=valid_to)
    return identity


@pytest.fixture
def sim(tmp_path):
    with IdCardSimulator(BAUD, link_path=tmp_path / "ttyIDCARD") as simulator:
        yield simulator


@pytest.fixture
def reader(qtbot, sim):
    service = IdCardService(sim.device_path, BAUD, poll_interval_ms=100, reader_options=FAST)
    yield service
    service.stop()


def identify(qtbot, make_kiosk, reader, wait_idle: bool = True):
    if wait_idle:
        with qtbot.waitSignal(reader.statusChanged, timeout=3000, check_params_cb=lambda s: s == "idle"):
            reader.start()
    kiosk = make_kiosk(services=Services(idcard=reader))
    return kiosk, kiosk.flow.go("identify")


def test_card_moved_asks_to_place_again_then_reads(qtbot, make_kiosk, reader, sim):
    kiosk, screen = identify(qtbot, make_kiosk, reader)
    assert screen.state.text() == "正在等待身份证…"
    card = resident()
    sim.inject("card_moved")
    with qtbot.waitSignal(reader.placeAgain, timeout=3000):
        sim.place(card)
    assert screen.state.text() == "请拿起身份证，重新放置。"
    qtbot.waitUntil(screen.confirm_button.isVisible, timeout=3000)   # the next poll reads it
    assert screen.state.text() == "读卡成功，请核对您的姓名。"
    assert screen.name_label.text() == card.fields["name"]
    assert screen.id_label.text() == f"{card.id_number[:6]}********{card.id_number[-4:]}"
    qtbot.mouseClick(screen.confirm_button, Qt.MouseButton.LeftButton)
    assert kiosk.ctx.session.person.id_number == card.id_number


def test_expired_card_is_refused_with_a_reason(qtbot, make_kiosk, reader, sim):
    _kiosk, screen = identify(qtbot, make_kiosk, reader)
    with qtbot.waitSignal(reader.cardRead, timeout=3000) as read:
        sim.place(resident(valid_to="20150101"))
    assert read.args[0].expired is True
    assert "已过有效期" in screen.state.text()
    assert screen.state.property("role") == "error"
    assert screen.confirm_card.isVisible() and not screen.confirm_button.isVisible()


def test_sam_fault_puts_the_reader_out_of_service_until_it_recovers(qtbot, make_kiosk, reader, sim):
    sim.inject("sam_fault", count=10_000)
    kiosk = make_kiosk(services=Services(idcard=reader))
    screen = kiosk.flow.go("identify")
    with qtbot.waitSignal(reader.outOfService, timeout=3000):
        reader.start()
    assert screen.state.text() == "读卡器暂停服务。"
    assert screen.detail.text() == "请工作人员帮助。"   # no e-ID way here: no platform, no camera
    with qtbot.waitSignal(reader.statusChanged, timeout=3000, check_params_cb=lambda s: s == "idle"):
        sim.clear_faults()
    assert screen.state.text() == "正在等待身份证…" and screen.detail.text() == ""


def test_no_reader_is_out_of_service(qtbot, make_kiosk):
    without_port = IdCardService("")
    with qtbot.waitSignal(without_port.outOfService, timeout=1000):
        without_port.start()
    for idcard in (None, without_port):
        kiosk = make_kiosk(services=Services(idcard=idcard))
        screen = kiosk.flow.go("identify")
        assert screen.state.text() == "读卡器暂停服务。"
        assert screen.state.property("role") == "error"
        kiosk.flow.home("test")


def test_read_card_shows_the_name_in_sight_on_an_elder_landscape_panel(qtbot, panel_kiosk, reader, sim):
    with qtbot.waitSignal(reader.statusChanged, timeout=3000, check_params_cb=lambda s: s == "idle"):
        reader.start()
    kiosk = panel_kiosk("landscape", elder=True, services=Services(idcard=reader))
    screen = kiosk.flow.go("identify")
    assert screen.instructions.isVisible()
    sim.place(resident())
    qtbot.waitUntil(screen.confirm_button.isVisible, timeout=3000)
    assert not screen.instructions.isVisible()  # the card is read: the name is what to check
    for widget in (screen.name_label, screen.id_label, screen.confirm_button):
        assert widget.visibleRegion().boundingRect() == widget.rect(), widget
