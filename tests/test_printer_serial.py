"""Serial printing end to end over a pseudo-terminal: driver (python-escpos Serial / pyserial)
→ pty → the same ESC/POS parser as the network virtual printer, DLE EOT answered on the line."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import serial

from drivers.printer import ReceiptPrinter
from drivers.printer.transport import (
    PrinterConnection,
    PrinterIOError,
    PrinterNotFoundError,
    PrinterUriError,
    parse_uri,
)
from drivers.printer.virtual_serial import SerialVirtualPrinter
from tests.printer_helpers import TICKET, compact, receipt

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def sprinter(tmp_path):
    vp = SerialVirtualPrinter(out_dir=tmp_path / "out", width_mm=58, idle_end_s=0.2).start()
    yield vp
    vp.stop()


def _printer(vp: SerialVirtualPrinter, timeout: float = 0.5) -> ReceiptPrinter:
    return ReceiptPrinter(vp.uri, 58, "TM-T88V", native_qr=True, timeout=timeout)


def test_receipt_over_the_serial_line(sprinter):
    assert sprinter.uri.startswith("serial:/dev/pts/")
    printer = _printer(sprinter)
    result = printer.print_bytes(printer.render("receipt", receipt()))
    assert result.ok, result.reason
    assert result.before.state == "ok" and result.after.state == "ok"
    assert sprinter.wait_for_jobs(1)
    (job,) = sprinter.jobs
    assert not job.unknown and not job.errors  # every byte came through unchanged (raw tty)
    assert "证件号码：110101********1234" in compact(job.lines)
    assert Path(job.png_path).stat().st_size > 0
    assert sprinter.status_queries == 8  # four before the job, four after, answered on the line


def test_port_closed_and_reopened_between_jobs(sprinter):
    printer = _printer(sprinter)
    for data in (receipt(), TICKET):
        template = "receipt" if data is not TICKET else "ticket"
        assert printer.print_bytes(printer.render(template, data)).ok
    assert sprinter.wait_for_jobs(2)
    assert "A012" in compact(sprinter.jobs[1].lines)


def test_near_end_prints_with_a_warning(sprinter):
    sprinter.set_paper("near-end")
    printer = _printer(sprinter)
    assert printer.status().state == "warn"
    assert printer.print_bytes(printer.render("ticket", TICKET)).ok
    assert sprinter.wait_for_jobs(1)


@pytest.mark.parametrize("setting, reason", [
    ("paper", "打印纸已用完"), ("offline", "打印机脱机"), ("cover", "打印机盖未关")])
def test_printer_that_cannot_print_is_not_sent_the_job(sprinter, setting, reason):
    {"paper": lambda: sprinter.set_paper("out"), "offline": lambda: sprinter.set_offline(True),
     "cover": lambda: sprinter.set_cover_open(True)}[setting]()
    printer = _printer(sprinter)
    result = printer.print_bytes(printer.render("ticket", TICKET))
    assert not result.ok and reason in result.reason and result.bytes_sent == 0
    # Replies come in stream order: once a later query is answered, anything sent before it
    # (there was nothing) would already have been filed as a job.
    assert printer.status().state == "fail"
    assert sprinter.jobs == [] and sprinter.rejected == []


def test_silent_serial_printer_is_unknown_and_the_job_unconfirmed(sprinter):
    sprinter.set_silent(True)
    printer = _printer(sprinter, timeout=0.2)
    assert printer.status().state == "unknown"
    result = printer.print_bytes(printer.render("ticket", TICKET))
    assert not result.ok and "无法确认" in result.reason and result.bytes_sent > 0
    assert sprinter.wait_for_jobs(1)  # it did print: we just could not know


def test_job_without_a_cut_ends_when_the_line_goes_quiet(sprinter):
    with serial.Serial(sprinter.device_path, 9600, timeout=0.2) as line:
        line.write(b"\x1b@hello serial\n")
        line.flush()
        assert sprinter.wait_for_jobs(1, timeout=3)
    assert compact(sprinter.jobs[0].lines) == "helloserial"


def test_stale_reply_is_dropped_before_the_next_query(sprinter):
    sprinter.set_paper("near-end")  # so the replies to DLE EOT 1 and 4 differ
    replies = sprinter.status_replies()
    assert replies[1] != replies[4]
    with PrinterConnection(sprinter.uri, timeout=0.5) as conn:
        conn.write(b"\x10\x04\x01")  # a query whose reply nobody reads
        line, deadline = conn._printer.device, time.monotonic() + 5
        while not line.in_waiting and time.monotonic() < deadline:
            time.sleep(0.01)  # until the stale reply sits in our input buffer
        assert line.in_waiting == 1
        assert conn.query(4) == replies[4]


@pytest.mark.parametrize("options", ["baud=115200&flow=rtscts", "baud=19200&flow=xonxoff",
                                     "flow=none"])
def test_flow_control_settings_print(sprinter, options):
    printer = ReceiptPrinter(f"{sprinter.uri}?{options}", 58, timeout=0.5)
    assert printer.print_bytes(printer.render("receipt", receipt())).ok
    assert sprinter.wait_for_jobs(1)
    with PrinterConnection(f"{sprinter.uri}?{options}") as conn:
        line = conn._printer.device
        flow = options.rpartition("flow=")[2]
        assert (line.rtscts, line.xonxoff, line.dsrdtr) == (
            flow == "rtscts", flow == "xonxoff", flow == "dsrdtr")


def test_printer_holding_the_line_times_the_write_out(sprinter):
    sprinter.set_holding(True)
    with PrinterConnection(sprinter.uri, timeout=0.2, write_timeout=0.3) as conn:
        with pytest.raises(PrinterIOError, match=f"{sprinter.device_path}"):
            conn.write(b"\x1b@" + b"x" * 1_000_000)  # far more than the pty buffers
    # (still holding at teardown: the bytes left on the line are thrown away with it)


@pytest.mark.parametrize("uri, message", [
    ("serial:/dev/ttyS0?flow=cts", "flow must be one of"),
    ("serial:/dev/ttyS0?buad=9600", "unknown option buad"),
    ("usb:04b8:0202?out_ep=one", "out_ep must be an endpoint"),
    ("usb:04b8:0202?ep=1", "unknown option ep"),
])
def test_bad_transport_options_are_named(uri, message):
    with pytest.raises(PrinterUriError, match=message):
        parse_uri(uri)


def test_stable_link_path(tmp_path):
    link = tmp_path / "ttyPrinter"
    with SerialVirtualPrinter(out_dir=tmp_path / "out", link_path=link) as vp:
        assert vp.uri == f"serial:{link}" and link.resolve().as_posix().startswith("/dev/pts/")
        assert ReceiptPrinter(vp.uri, timeout=0.5).status().state == "ok"
    assert not link.exists()


def test_missing_serial_port_is_not_found_naming_it(tmp_path):
    path = tmp_path / "ttyNothing"
    with pytest.raises(PrinterNotFoundError, match=f"no such serial port {path}"):
        PrinterConnection(f"serial:{path}").open()


def _readline(proc: subprocess.Popen, deadline_s: float = 20.0) -> str:
    """One stdout line of the child, or fail (never hang the suite on a silent child)."""
    fd, buf, end = proc.stdout.fileno(), b"", time.monotonic() + deadline_s
    while not buf.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
        chunk = os.read(fd, 1) if ready else b""
        if not chunk:
            err = proc.stderr.read().decode() if proc.poll() is not None else ""
            pytest.fail(f"no output line from the simulator (got {buf!r}) {err}")
        buf += chunk
    return buf.decode()


def test_cli_sim_printer_serial(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-c", "from kiosk.cli.main import main; raise SystemExit(main())",
         "sim", "printer", "--serial", "--width", "58", "--out", str(tmp_path / "jobs")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        first = json.loads(_readline(proc))
        assert first["uri"].startswith("serial:/dev/pts/") and first["paper_width_mm"] == 58
        printer = ReceiptPrinter(first["uri"], 58, timeout=0.5)
        assert printer.print_bytes(printer.render("test", {"profile": "TM-T88V"})).ok
        job = json.loads(_readline(proc))
        assert job["problems"] == [] and Path(job["png"]).exists()
        assert "打印机测试页" in Path(job["text"]).read_text(encoding="utf-8")
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        proc.stdout.close()
        proc.stderr.close()
