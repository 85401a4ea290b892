"""The demo rig's simulators as separate processes (kioskctl sim idcard --control, kioskctl sim
printer): real pty and real TCP, driven from this process the way the soak and the demo do."""

import socket
import time

import pytest

from drivers.idcard import reader as rd
from drivers.idcard.identities import invented_identities
from kiosk.demo_devices import ProcessPrinter, ProcessReader, SimulatorError


def _read_card(device_path: str, wait_s: float = 8.0):
    reader = rd.IdCardReader(device_path, 115200, cooldown_s=0)
    reader.open()
    try:
        reader.startup()
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            for event in reader.poll_once():
                if event.kind == rd.CARD_READ:
                    return event.card
            time.sleep(reader.poll_interval_s)
    finally:
        reader.close()
    return None


def test_reader_process_reads_the_placed_identity_and_refuses_unknown_ones(tmp_path):
    identities = invented_identities(3, seed=7)
    sim = ProcessReader(identities, tmp_path).start()
    try:
        assert sim.device_path.startswith("/dev/pts/")
        sim.place(identities[1])
        card = _read_card(sim.device_path)
        assert card is not None
        assert card.id_number.strip() == identities[1].id_number.strip()
        sim.remove()
        with pytest.raises(SimulatorError, match="not among"):
            sim.place(invented_identities(1, seed=99)[0])
    finally:
        sim.stop()
    assert sim._process is None


def test_reader_control_line_errors_name_the_line(tmp_path):
    sim = ProcessReader(invented_identities(2, seed=1), tmp_path).start()
    try:
        with pytest.raises(SimulatorError, match=r"stdin:\d+: identity index 5 out of range"):
            sim._send("place 5")
        sim.remove()        # the simulator goes on after a refused line
    finally:
        sim.stop()


def test_printer_process_reports_each_job_with_its_text(tmp_path):
    printer = ProcessPrinter(tmp_path / "printed", tmp_path, width_mm=80).start()
    try:
        assert printer.uri.startswith("tcp://127.0.0.1:")
        host, port = printer.uri.removeprefix("tcp://").rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=5) as conn:
            conn.sendall(b"\x1b@HELLO SOAK\n\x1dV\x00")
        deadline = time.monotonic() + 8
        while not printer.jobs and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(printer.jobs) == 1
        job = printer.jobs[-1]
        assert any("HELLO SOAK" in line for line in job.lines)
        assert job.png_path and job.png_path.endswith(".png")
        del printer.jobs[:]                  # the soak forgets jobs it has checked
        assert printer.jobs == []
    finally:
        printer.stop()


@pytest.mark.parametrize("prints, reported", [("", "nothing within 1 s"), ("warming up\n", "'warming up'")])
def test_a_simulator_that_never_gets_ready_is_stopped_and_named(tmp_path, monkeypatch, prints, reported):
    import subprocess
    import sys

    from kiosk import demo_devices

    monkeypatch.setattr(demo_devices, "START_TIMEOUT_S", 1.0)
    hung = subprocess.Popen(
        [sys.executable, "-c", f"import sys, time; sys.stdout.write({prints!r}); sys.stdout.flush(); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    started = time.monotonic()
    try:
        with pytest.raises(SimulatorError) as raised:
            demo_devices._await_ready_line(hung, "camera", tmp_path / "sim-camera.log", "'listening …'",
                                           lambda line: line.startswith("listening"))
        assert time.monotonic() - started < 10  # not the child's 60 s
        assert hung.poll() is not None  # stopped, not left behind
        message = str(raised.value)
        assert "sim camera" in message and reported in message and "sim-camera.log" in message
    finally:
        hung.kill()
        hung.wait()
        hung.stdout.close()


def test_simulator_stops_on_sigint_when_started_with_sigint_ignored(tmp_path, caplog):
    """A soak or demo started in the background from a shell has SIGINT ignored, and children
    inherit that: stop() then waited 5 s and killed each simulator."""
    import signal

    from kiosk.demo_devices import ProcessCamera

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        camera = ProcessCamera(tmp_path).start()
    finally:
        signal.signal(signal.SIGINT, previous)
    process = camera._process
    camera.stop()
    assert process.returncode is not None and process.returncode != -signal.SIGKILL
    assert "killed" not in caplog.text
