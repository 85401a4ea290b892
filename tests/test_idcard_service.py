"""IdCardService: the reader on its own thread, reporting through Qt signals (offscreen)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading

import pytest
from PySide6.QtCore import QObject, Slot

from drivers.idcard.identities import invented_identities
from drivers.idcard.simulator import IdCardSimulator
from kiosk.services.idcard import IdCardService

BAUD = 921600
IDS = invented_identities(4, seed=21)
FAST = {"cooldown_s": 0.0, "retry_gap_s": 0.01, "timeout_scale": 0.2, "reconnect_interval_s": 0.05,
        "recover_interval_s": 0.2}


@pytest.fixture
def sim(tmp_path):
    with IdCardSimulator(BAUD, link_path=tmp_path / "ttyIDCARD") as simulator:
        yield simulator


@pytest.fixture
def service(qtbot, sim):
    svc = IdCardService(sim.device_path, BAUD, poll_interval_ms=100, reader_options=FAST)
    yield svc
    svc.stop()
    assert not any(t.name == "idcard-reader" for t in threading.enumerate())


class Receiver(QObject):
    """A GUI-thread object, as a screen would be."""

    def __init__(self):
        super().__init__()
        self.threads = []

    @Slot(object)
    def on_card(self, card):
        self.threads.append(threading.current_thread())


def started(qtbot, svc):
    with qtbot.waitSignal(svc.statusChanged, timeout=3000, check_params_cb=lambda s: s == "idle"):
        svc.start()
    return svc


def test_card_read_and_removed_reach_the_gui_thread(qtbot, service, sim):
    started(qtbot, service)
    assert service.sam_id == "05.01-20220101-0012345678-0987654321"
    receiver = Receiver()
    service.cardRead.connect(receiver.on_card)
    threads = receiver.threads
    with qtbot.waitSignal(service.cardRead, timeout=3000) as read:
        sim.place(IDS[1])
    card = read.args[0]
    assert card.id_number == IDS[1].id_number and card.card_type == IDS[1].card_type
    assert service.status == "card_present"
    qtbot.waitUntil(lambda: bool(threads), timeout=1000)
    assert threads == [threading.main_thread()]  # queued to the receiver's thread
    with qtbot.waitSignal(service.cardRemoved, timeout=3000):
        sim.remove()


def test_card_left_on_reader_is_reported_once(qtbot, service, sim):
    started(qtbot, service)
    reads = []
    service.cardRead.connect(reads.append)
    with qtbot.waitSignal(service.cardRead, timeout=3000):
        sim.place(IDS[0])
    qtbot.wait(600)  # several polls with the card still there
    assert len(reads) == 1


def test_card_moved_asks_to_place_again(qtbot, service, sim):
    started(qtbot, service)
    sim.inject("card_moved")
    with qtbot.waitSignal(service.placeAgain, timeout=3000) as again:
        sim.place(IDS[2])
    assert "41" in again.args[0]
    with qtbot.waitSignal(service.cardRead, timeout=3000):
        pass  # the card is still there: the next poll reads it


def test_sam_fault_means_out_of_service_then_recovers(qtbot, service, sim):
    sim.inject("sam_fault", count=10_000)
    with qtbot.waitSignal(service.outOfService, timeout=3000) as fault:
        service.start()
    assert "60" in fault.args[0]
    with qtbot.waitSignal(service.statusChanged, timeout=3000, check_params_cb=lambda s: s == "idle"):
        sim.clear_faults()


def test_unplugged_reader_is_reported_and_reconnected(qtbot, service, sim):
    started(qtbot, service)
    with qtbot.waitSignal(service.outOfService, timeout=3000) as lost:
        sim.unplug()
    assert "disconnected" in lost.args[0]
    assert service.status == "disconnected"
    with qtbot.waitSignal(service.statusChanged, timeout=3000, check_params_cb=lambda s: s == "idle"):
        sim.replug()
    with qtbot.waitSignal(service.cardRead, timeout=3000):
        sim.place(IDS[3])


def test_stop_joins_the_thread_quickly_even_mid_command(qtbot, service, sim):
    started(qtbot, service)
    sim.inject("no_reply", count=1000)
    qtbot.wait(150)
    service.stop()
    assert not service.isRunning()
    assert not any(t.name == "idcard-reader" for t in threading.enumerate())


def test_no_port_configured_is_out_of_service(qtbot):
    svc = IdCardService("")
    with qtbot.waitSignal(svc.outOfService, timeout=1000) as signal:
        svc.start()
    assert "no ID card reader port" in signal.args[0]
    assert not svc.isRunning()


def test_from_config_uses_the_idcard_section(qtbot):
    from kiosk.config import load_config

    config = load_config(environ={"KIOSK_IDCARD__PORT": "/dev/ttyUSB9", "KIOSK_IDCARD__BAUDRATE": "57600"})
    svc = IdCardService.from_config(config.idcard)
    assert (svc._port, svc._baudrate) == ("/dev/ttyUSB9", 57600)
