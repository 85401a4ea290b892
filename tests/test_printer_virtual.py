"""End to end over loopback TCP: driver → virtual printer → parsed job, text file and PNG."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from drivers.printer import ReceiptPrinter
from drivers.printer.transport import PrinterConnection, PrinterIOError, PrinterUriError, parse_uri
from drivers.printer.virtual import VirtualPrinter
from kiosk.cli.main import main as kioskctl
from tests.printer_helpers import TICKET, compact, receipt


@pytest.fixture
def vprinter(tmp_path):
    vp = VirtualPrinter(port=0, out_dir=tmp_path / "out", width_mm=58).start()
    yield vp
    vp.stop()


def test_receipt_end_to_end(vprinter):
    printer = ReceiptPrinter(vprinter.uri, 58, "TM-T88V", native_qr=True, timeout=0.5)
    result = printer.print_bytes(printer.render("receipt", receipt(applicant_name="𠮷野家")))
    assert result.ok, result.reason
    assert result.before.state == "ok" and result.after.state == "ok"
    assert vprinter.wait_for_jobs(1)
    (job,) = vprinter.jobs
    text = compact(job.lines)
    assert "受理回执" in text and "证件号码：110101********1234" in text
    assert any(e.image.width == 384 for e in job.images)  # the rare-glyph name line
    png = Image.open(job.png_path)
    assert png.width == 384
    assert [r.text for r in zxingcpp.read_barcodes(png)] == ["330106-K07-20240506-0042-X"]
    saved = Path(job.text_path).read_text(encoding="utf-8")
    assert "受理回执" in saved and "[图像 384×" in saved
    assert vprinter.status_queries == 8  # four before, four after


def test_near_end_prints_but_warns(vprinter):
    vprinter.set_paper("near-end")
    printer = ReceiptPrinter(vprinter.uri, 58, timeout=0.5)
    result = printer.print_bytes(printer.render("ticket", TICKET))
    assert result.ok and result.after.state == "warn" and result.after.paper == "near_end"
    assert vprinter.wait_for_jobs(1)


@pytest.mark.parametrize("setting, reason", [
    (("paper", "out"), "打印纸已用完"),
    (("offline", True), "脱机"),
    (("cover", True), "盖未关"),
])
def test_printer_that_cannot_print_is_not_sent_the_job(vprinter, setting, reason):
    name, value = setting
    {"paper": vprinter.set_paper, "offline": vprinter.set_offline,
     "cover": vprinter.set_cover_open}[name](value)
    printer = ReceiptPrinter(vprinter.uri, 58, timeout=0.5)
    result = printer.print_bytes(printer.render("ticket", TICKET))
    assert not result.ok and reason in result.reason and result.bytes_sent == 0
    assert vprinter.jobs == [] and vprinter.rejected == []


def test_silent_printer_is_unknown_and_the_job_is_reported(vprinter):
    vprinter.set_silent(True)
    printer = ReceiptPrinter(vprinter.uri, 58, timeout=0.2)
    assert printer.status().state == "unknown"
    result = printer.print_bytes(printer.render("ticket", TICKET))
    assert not result.ok and "无法确认" in result.reason
    assert result.after.paper == "unknown"


def test_paper_running_out_during_the_job_is_reported(vprinter):
    """The job is sent while paper is fine, but the status after it says out."""
    printer = ReceiptPrinter(vprinter.uri, 58, timeout=0.5)
    job = printer.render("ticket", TICKET)
    assert job.endswith(b"\x1dV\x00")
    with PrinterConnection(vprinter.uri, timeout=0.5) as conn:
        assert conn.status().state == "ok"
        conn.write(job[:-3])  # the job up to the cut...
        vprinter.set_paper("out")
        conn.write(b"\x1dV\x00")  # ...the cut
        after = conn.status()
    assert after.paper == "out" and after.state == "fail"
    assert vprinter.rejected and not vprinter.jobs


def test_unreachable_printer_is_an_io_error_and_unknown_status():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    uri = f"tcp://127.0.0.1:{port}"
    with pytest.raises(PrinterIOError, match=f"127.0.0.1:{port}"):
        PrinterConnection(uri, timeout=0.2).open()
    printer = ReceiptPrinter(uri, timeout=0.2)
    assert printer.status().state == "unknown"
    result = printer.print_bytes(b"\x1b@")
    assert not result.ok and "连接失败" in result.reason


@pytest.mark.parametrize("uri, kind, target", [
    ("tcp://10.0.0.5:9100", "tcp", "10.0.0.5"), ("tcp://printer", "tcp", "printer"),
    ("usb:0416:5011", "usb", "0416:5011"), ("usb:0x04b8:0x0202", "usb", "04b8:0202"),
    ("serial:/dev/ttyUSB0?baud=115200", "serial", "/dev/ttyUSB0"),
    ("file:/dev/usb/lp0", "file", "/dev/usb/lp0"),
])
def test_parse_uri(uri, kind, target):
    u = parse_uri(uri)
    assert (u.kind, u.target) == (kind, target)


@pytest.mark.parametrize("uri", ["lpt1", "usb:zz:11", "serial:", "tcp://", "serial:/dev/x?baud=fast"])
def test_bad_uri_is_a_clear_error(uri):
    with pytest.raises(PrinterUriError, match="printer URI"):
        parse_uri(uri)


# --- CLI -----------------------------------------------------------------------------------


def test_cli_status_and_test_page(vprinter, capsys):
    assert kioskctl(["printer", "status", "--uri", vprinter.uri, "--width", "58"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["state"] == "ok" and status["paper"] == "ok"

    assert kioskctl(["printer", "test", "--uri", vprinter.uri, "--width", "58"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["printed"] is True
    assert vprinter.wait_for_jobs(1)
    assert "打印机测试页" in compact(vprinter.jobs[0].lines) and vprinter.jobs[0].images

    vprinter.set_paper("out")
    assert kioskctl(["printer", "status", "--uri", vprinter.uri]) == 1
    assert json.loads(capsys.readouterr().out)["paper"] == "out"


def test_cli_render_writes_bytes_and_png(tmp_path, capsys):
    data = tmp_path / "r.json"
    data.write_text(json.dumps(receipt(), ensure_ascii=False), encoding="utf-8")
    out, png = tmp_path / "r.bin", tmp_path / "r.png"
    code = kioskctl(["printer", "render", "receipt", "--data", str(data), "--out", str(out),
                     "--png", str(png), "--width", "80", "--image-qr"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["bytes"] == out.stat().st_size and summary["parse_problems"] == []
    assert out.read_bytes().startswith(b"\x1b@\x1c&")
    img = Image.open(png)
    assert img.width == 576
    assert [r.text for r in zxingcpp.read_barcodes(img)] == ["330106-K07-20240506-0042-X"]


def test_cli_render_bad_input_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"receipt_no": ', encoding="utf-8")
    assert kioskctl(["printer", "render", "receipt", "--data", str(bad), "--out",
                     str(tmp_path / "x.bin")]) == 2
    assert "bad.json: invalid JSON at line 1" in capsys.readouterr().err
    missing = tmp_path / "m.json"
    missing.write_text("{}", encoding="utf-8")
    assert kioskctl(["printer", "render", "ticket", "--data", str(missing), "--out",
                     str(tmp_path / "x.bin")]) == 2
    assert "ticket: missing required field" in capsys.readouterr().err
