"""Find a USB receipt printer by VID:PID (pyusb over libusb-1.0) and pick its bulk endpoints.

python-escpos 3.1 finds the device itself, but when it is absent it says
"Device (1208, 3605) not found" (decimal ids, no hint), and it assumes endpoints 0x82/0x01,
which many printers do not have ("Invalid endpoint address 0x1"). Here the absent device is
named as VID:PID with the printers that are present, and the endpoints come from the device's
own descriptors unless the URI gives them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from drivers.printer.transport import PrinterIOError, PrinterNotFoundError

log = logging.getLogger(__name__)

PRINTER_CLASS = 0x07  # USB interface class "printer"
_DIRECTION_IN = 0x80  # bit 7 of bEndpointAddress
_TRANSFER_BULK = 0x02  # bits 0-1 of bmAttributes

# (bInterfaceClass, [(bEndpointAddress, bmAttributes), ...]) per interface
InterfaceEndpoints = tuple[int, list[tuple[int, int]]]


def _usb_core(ids: str):
    try:
        import usb.core
    except ImportError as exc:
        raise PrinterIOError(f"USB printer {ids}: pyusb is not installed "
                             "(pip install 'python-escpos[usb]')") from exc
    return usb.core


def find_usb_printer(vid: int, pid: int):
    """The pyusb device with this VID:PID; PrinterNotFoundError when it is not on the bus."""
    ids = f"{vid:04x}:{pid:04x}"
    core = _usb_core(ids)
    try:
        device = core.find(idVendor=vid, idProduct=pid)
    except core.NoBackendError as exc:
        raise PrinterIOError(f"USB printer {ids}: libusb-1.0 is not available "
                             "(install the libusb-1.0-0 package)") from exc
    except core.USBError as exc:
        raise PrinterIOError(f"USB printer {ids}: listing USB devices failed: {exc}") from exc
    if device is None:
        present = printer_class_devices()
        raise PrinterNotFoundError(
            f"USB printer {ids} not found: no device with VID:PID {ids} on the USB bus (check "
            f"the cable and the printer's power); USB printers present: "
            f"{', '.join(present) or 'none'}")
    return device


def printer_class_devices() -> list[str]:
    """VID:PID of every attached device with a printer-class interface (for error messages)."""
    try:
        import usb.core

        devices = list(usb.core.find(find_all=True))
    except Exception as exc:  # only feeds an error message: say why it is missing
        log.warning("cannot list USB devices: %s", exc)
        return []
    found = []
    for device in devices:
        try:
            if any(cls == PRINTER_CLASS for cls, _ in device_interfaces(device)):
                found.append(f"{device.idVendor:04x}:{device.idProduct:04x}")
        except Exception as exc:  # a device whose descriptors cannot be read is skipped
            log.debug("USB device %04x:%04x unreadable: %s", device.idVendor,
                      device.idProduct, exc)
    return found


def device_interfaces(device) -> list[InterfaceEndpoints]:
    """The first configuration's interfaces as plain numbers (descriptors only, no claim)."""
    config = device[0]
    return [(intf.bInterfaceClass, [(ep.bEndpointAddress, ep.bmAttributes) for ep in intf])
            for intf in config]


def pick_endpoints(interfaces: Iterable[InterfaceEndpoints]) -> tuple[int, int | None]:
    """(bulk OUT, bulk IN or None) of the printer-class interface, else of the first interface
    with a bulk OUT endpoint. IN is None for a unidirectional printer (no status read-back)."""
    candidates = sorted(interfaces, key=lambda i: i[0] != PRINTER_CLASS)  # printer class first
    for _cls, endpoints in candidates:
        bulk = [addr for addr, attrs in endpoints if attrs & 0x03 == _TRANSFER_BULK]
        outs = [a for a in bulk if not a & _DIRECTION_IN]
        ins = [a for a in bulk if a & _DIRECTION_IN]
        if outs:
            return outs[0], (ins[0] if ins else None)
    raise PrinterIOError("USB device has no bulk OUT endpoint: not a printer interface "
                         "(give out_ep=0x.. in the URI if it is one)")
