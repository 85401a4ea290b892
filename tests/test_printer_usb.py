"""USB printer transport with the real pyusb + libusb-1.0: as far as a machine without the
printer goes (device not found, named by VID:PID), plus endpoint choice from descriptors."""

from __future__ import annotations

import json

import pytest

from drivers.printer import ReceiptPrinter
from drivers.printer.transport import PrinterConnection, PrinterIOError, PrinterNotFoundError
from drivers.printer.usb_device import pick_endpoints, printer_class_devices
from kiosk.cli.main import main as kioskctl

# 0xffff is not an allocated USB vendor id: no printer on any test machine has it.
ABSENT = "usb:ffff:fff1"


def test_libusb_backend_is_really_there():
    import usb.backend.libusb1

    assert usb.backend.libusb1.get_backend() is not None, "libusb-1.0 missing (setup.sh installs it)"
    assert isinstance(printer_class_devices(), list)


def test_absent_usb_printer_is_not_found_naming_vid_pid():
    with pytest.raises(PrinterNotFoundError) as caught:
        PrinterConnection(ABSENT, timeout=0.2).open()
    message = str(caught.value)
    assert "ffff:fff1 not found" in message and "USB printers present:" in message
    assert isinstance(caught.value, PrinterIOError)  # callers that catch I/O errors still do


def test_absent_usb_printer_fails_the_job_and_status_is_unknown():
    printer = ReceiptPrinter(ABSENT, timeout=0.2)
    result = printer.print_bytes(b"\x1b@hello\n")
    assert not result.ok and result.bytes_sent == 0
    assert "ffff:fff1" in result.reason
    status = printer.status()
    assert status.state == "unknown" and "ffff:fff1 not found" in status.detail


def test_cli_status_of_absent_usb_printer(capsys):
    assert kioskctl(["printer", "status", "--uri", ABSENT, "--timeout", "0.2"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["state"] == "unknown" and "ffff:fff1 not found" in report["detail"]


BULK, INTERRUPT = 0x02, 0x03


@pytest.mark.parametrize("interfaces, expected", [
    # a bidirectional printer interface (class 07): bulk OUT 0x01, bulk IN 0x82
    ([(0x07, [(0x01, BULK), (0x82, BULK)])], (0x01, 0x82)),
    # endpoints that are not python-escpos's defaults (its most reported USB failure)
    ([(0x07, [(0x83, BULK), (0x02, BULK)])], (0x02, 0x83)),
    # unidirectional printer: no IN endpoint, so no status read-back
    ([(0x07, [(0x03, BULK)])], (0x03, None)),
    # a vendor interface listed first does not win over the printer-class one
    ([(0xFF, [(0x04, BULK), (0x85, BULK)]), (0x07, [(0x01, BULK), (0x81, BULK)])], (0x01, 0x81)),
    # interrupt endpoints are not data pipes; vendor-class printer with bulk pipes is used
    ([(0xFF, [(0x81, INTERRUPT), (0x02, BULK), (0x86, BULK)])], (0x02, 0x86)),
])
def test_endpoints_come_from_the_descriptors(interfaces, expected):
    assert pick_endpoints(interfaces) == expected


def test_device_without_bulk_out_is_a_clear_error():
    with pytest.raises(PrinterIOError, match="no bulk OUT endpoint.*out_ep"):
        pick_endpoints([(0x03, [(0x81, INTERRUPT)])])
