"""Reader device class against the simulator over a real pseudo-terminal: start-up, presence
state machine, faults, out of service, unplug/replug, and what reaches the logs."""

from __future__ import annotations

import logging
import queue
import threading
import time

import pytest

from drivers.idcard import reader as rd
from drivers.idcard.identities import invented_identities
from drivers.idcard.reader import IdCardReader
from drivers.idcard.simulator import IdCardSimulator

BAUD = 921600  # fast but still paced byte by byte; the bench uses 115200
IDS = invented_identities(4, seed=11)


def kinds(events):
    return [e.kind for e in events if e.kind != rd.STATUS]


@pytest.fixture
def sim(tmp_path):
    simulator = IdCardSimulator(BAUD, link_path=tmp_path / "ttyIDCARD")
    simulator.start()
    yield simulator
    simulator.stop()


def make_reader(sim, **kwargs):
    options = {"cooldown_s": 0.0, "retry_gap_s": 0.01, "timeout_scale": 0.2, "poll_interval_ms": 100,
               **kwargs}
    reader = IdCardReader(sim.device_path, BAUD, **options)
    reader.open()
    return reader


@pytest.fixture
def reader(sim):
    reader = make_reader(sim)
    assert kinds(reader.startup()) == [rd.READY]
    yield reader
    reader.close()


def test_startup_reports_sam_id(sim):
    reader = make_reader(sim)
    try:
        events = reader.startup()
        assert kinds(events) == [rd.READY]
        ready = [e for e in events if e.kind == rd.READY]
        assert ready[0].reason == "05.01-20220101-0012345678-0987654321"
        assert reader.state == rd.IDLE
    finally:
        reader.close()


@pytest.mark.parametrize("find_after_read", ["9F", "80"])
def test_card_left_on_reader_is_read_once(tmp_path, find_after_read):
    with IdCardSimulator(BAUD, find_after_read=find_after_read) as sim:
        reader = make_reader(sim)
        try:
            reader.startup()
            assert reader.poll_once() == []
            sim.place(IDS[0])
            events = reader.poll_once()
            assert kinds(events) == [rd.CARD_READ]
            card = events[-1].card
            assert card.id_number == IDS[0].id_number and card.card_type == IDS[0].card_type
            for _ in range(5):
                assert kinds(reader.poll_once()) == []
            assert sim.received["read_base"] == 1
            sim.remove()
            assert kinds(reader.poll_once()) == []  # one miss is not a removal yet
            assert kinds(reader.poll_once()) == [rd.CARD_REMOVED]
            sim.place(IDS[1])
            assert kinds(reader.poll_once()) == [rd.CARD_READ]
            assert sim.received["read_base"] == 2
        finally:
            reader.close()


def test_cooldown_holds_back_an_immediate_re_read(sim):
    reader = make_reader(sim, cooldown_s=30)
    try:
        reader.startup()
        sim.place(IDS[0])
        assert kinds(reader.poll_once()) == [rd.CARD_READ]
        sim.remove()
        reader.poll_once()
        assert kinds(reader.poll_once()) == [rd.CARD_REMOVED]
        sim.place(IDS[0])
        assert kinds(reader.poll_once()) == []
        assert sim.received["read_base"] == 1
    finally:
        reader.close()


@pytest.mark.parametrize("card", IDS, ids=[i.card_type for i in IDS])
def test_all_card_types_with_fingerprint_and_appended_address(sim, card):
    reader = make_reader(sim, read_fingerprint=True)
    try:
        reader.startup()
        sim.place(card)
        events = reader.poll_once()
        got = events[-1].card
        assert got.card_type == card.card_type
        assert got.fingerprint == (card.fingerprint or b"")
        assert got.photo_wlt == card.photo_wlt
        assert got.appended_address == card.appended_address
        assert sim.received["read_fingerprint"] == 1
    finally:
        reader.close()


@pytest.mark.parametrize("fault", ["stray_bytes", "split", "bad_checksum", "no_reply"])
def test_line_faults_on_the_read_are_survived(sim, reader, fault):
    sim.inject(fault, on="read_base")
    sim.place(IDS[2])
    events = reader.poll_once()
    assert kinds(events) == [rd.CARD_READ]
    assert events[-1].card.id_number == IDS[2].id_number
    expected_reads = 2 if fault in ("bad_checksum", "no_reply") else 1
    assert sim.received["read_base"] == expected_reads


def test_card_moved_mid_read_asks_once_then_reads(sim, reader):
    sim.inject("card_moved", count=2)
    sim.place(IDS[0])
    events = reader.poll_once()
    assert kinds(events) == [rd.PLACE_AGAIN]
    assert "41" in events[-1].reason
    assert kinds(reader.poll_once()) == []  # still failing: not repeated on every poll
    assert kinds(reader.poll_once()) == [rd.CARD_READ]


def test_single_missing_reply_is_retried_without_fuss(sim, reader):
    sim.inject("no_reply", on="find")
    assert reader.poll_once() == []
    sim.place(IDS[0])
    assert kinds(reader.poll_once()) == [rd.CARD_READ]
    assert reader.state == rd.PRESENT


def test_sam_fault_at_startup_means_out_of_service_after_reset(sim):
    sim.inject("sam_fault", count=100)
    reader = make_reader(sim)
    try:
        events = reader.startup()
        assert kinds(events) == [rd.OUT_OF_SERVICE]
        assert "60" in events[-1].reason
        assert sim.received["reset_sam"] == 1 and sim.received["sam_status"] == 4
        assert reader.state == rd.OUT_OF_SERVICE_STATE
    finally:
        reader.close()


def test_transient_sam_fault_recovers_through_reset(sim, reader):
    sim.inject("sam_fault", count=1, on="find")
    assert kinds(reader.poll_once()) == []
    assert sim.received["sam_status"] == 2  # start-up + the re-check after the fault
    assert reader.state == rd.IDLE


def test_silent_reader_goes_out_of_service(sim, reader):
    sim.inject("no_reply", count=100)
    events = []
    for _ in range(reader.no_reply_limit):
        events += reader.poll_once()
    assert kinds(events) == [rd.OUT_OF_SERVICE]
    assert "no reply" in events[-1].reason and "after SAM reset" in events[-1].reason
    assert sim.received["reset_sam"] == 1


class Collector:
    def __init__(self):
        self.events: queue.Queue = queue.Queue()

    def __call__(self, event):
        self.events.put(event)

    def wait_for(self, kind, timeout=5.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                event = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            if event.kind == kind:
                return event
        raise AssertionError(f"no {kind} event within {timeout} s")


def run_in_thread(reader, collector):
    stop = threading.Event()
    thread = threading.Thread(target=reader.run, args=(stop, collector), daemon=True)
    thread.start()
    return stop, thread


def test_run_loop_unplug_and_replug(sim):
    reader = IdCardReader(sim.device_path, BAUD, poll_interval_ms=100, cooldown_s=0,
                          timeout_scale=0.2, reconnect_interval_s=0.05)
    collector = Collector()
    stop, thread = run_in_thread(reader, collector)
    try:
        collector.wait_for(rd.READY)
        sim.place(IDS[0])
        assert collector.wait_for(rd.CARD_READ).card.id_number == IDS[0].id_number
        sim.unplug()
        assert "disconnected" in collector.wait_for(rd.DISCONNECTED).reason
        sim.replug()
        collector.wait_for(rd.READY)
        sim.place(IDS[1])
        assert collector.wait_for(rd.CARD_READ).card.id_number == IDS[1].id_number
    finally:
        stop.set()
        thread.join(timeout=1.0)
    assert not thread.is_alive()


def test_run_loop_reports_missing_port_and_waits_for_it(tmp_path):
    sim = IdCardSimulator(BAUD, link_path=tmp_path / "ttyLATE")
    reader = IdCardReader(str(tmp_path / "ttyLATE"), BAUD, poll_interval_ms=100,
                          timeout_scale=0.2, reconnect_interval_s=0.05)
    collector = Collector()
    stop, thread = run_in_thread(reader, collector)
    try:
        assert "cannot open" in collector.wait_for(rd.DISCONNECTED).reason
        sim.start()
        collector.wait_for(rd.READY)
    finally:
        stop.set()
        thread.join(timeout=1.0)
        sim.stop()
    assert not thread.is_alive()


def test_out_of_service_recovers_when_the_fault_clears(sim):
    sim.inject("sam_fault", count=10_000)
    reader = IdCardReader(sim.device_path, BAUD, poll_interval_ms=50, retry_gap_s=0.01,
                          timeout_scale=0.2, recover_interval_s=0.2)
    collector = Collector()
    stop, thread = run_in_thread(reader, collector)
    try:
        collector.wait_for(rd.OUT_OF_SERVICE)
        sim.clear_faults()
        collector.wait_for(rd.READY)
    finally:
        stop.set()
        thread.join(timeout=1.0)
    assert not thread.is_alive()


def test_stop_interrupts_a_command_in_flight(sim):
    sim.inject("no_reply", count=100)
    reader = IdCardReader(sim.device_path, BAUD)  # full 0.5 s status timeouts, 3 retries
    collector = Collector()
    stop, thread = run_in_thread(reader, collector)
    time.sleep(0.1)
    started = time.monotonic()
    stop.set()
    thread.join(timeout=1.0)
    assert not thread.is_alive()
    assert time.monotonic() - started < 1.0


def test_personal_data_never_reaches_the_logs(sim, reader, caplog):
    caplog.set_level(logging.DEBUG)
    sim.inject("bad_checksum", on="read_base")
    ident = IDS[0]
    sim.place(ident)
    events = reader.poll_once()
    card = events[-1].card
    text = caplog.text
    assert "card read" in text and card.id_hash()[:16] in text
    for secret in (ident.id_number, ident.id_number[6:14], ident.fields["name"]):
        assert secret not in text
    assert "aaaaaa9669" not in text.lower().replace(" ", "")  # no raw frame dumps
