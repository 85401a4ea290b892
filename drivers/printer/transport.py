"""Printer URI → python-escpos device, plus DLE EOT status queries over the same connection.

URIs:  tcp://HOST[:PORT]            network printer (raw TCP, default port 9100)
       usb:VID:PID[?in_ep=0x82&out_ep=0x01]   USB printer (hex ids; endpoints default to the
                                    device's own bulk endpoints), needs pyusb + libusb-1.0
       serial:/dev/ttyUSB0[?baud=N&flow=F]   serial printer (default 9600 8N1; flow control
                                    F = dsrdtr (python-escpos's default) | rtscts | xonxoff | none)
       file:/dev/usb/lp0            kernel line-printer device (write-only: status unknown)

python-escpos reads status with no bound on the wait (60 s for TCP, pyusb's default for USB)
and treats silence as "paper OK"; here every read has a short timeout and silence is None.
"""

from __future__ import annotations

import logging
import socket
import time
from dataclasses import dataclass, field
from typing import Self
from urllib.parse import parse_qs, urlsplit

from drivers.printer.status import QUERIES, PrinterStatus, query_bytes, status_from_replies

log = logging.getLogger(__name__)


SERIAL_FLOW = ("dsrdtr", "rtscts", "xonxoff", "none")


class PrinterUriError(ValueError):
    pass


class PrinterIOError(OSError):
    """The printer could not be reached or a write failed."""


class PrinterNotFoundError(PrinterIOError):
    """The printer's device is not there (USB VID:PID not on the bus, no such serial port)."""


@dataclass(frozen=True)
class PrinterUri:
    kind: str  # tcp | usb | serial | file
    target: str  # host, device path, or "VID:PID"
    port: int = 9100
    options: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return {"tcp": f"tcp://{self.target}:{self.port}"}.get(self.kind, f"{self.kind}:{self.target}")


def parse_uri(uri: str) -> PrinterUri:
    text = (uri or "").strip()
    if text.startswith("tcp://"):
        parts = urlsplit(text)
        if not parts.hostname:
            raise PrinterUriError(f"printer URI {uri!r}: missing host (tcp://HOST:PORT)")
        try:
            port = parts.port or 9100
        except ValueError as exc:
            raise PrinterUriError(f"printer URI {uri!r}: bad port ({exc})") from exc
        return PrinterUri("tcp", parts.hostname, port)
    kind, _, rest = text.partition(":")
    path, _, query = rest.partition("?")
    options = {k: v[-1] for k, v in parse_qs(query).items()}
    allowed = {"usb": ("in_ep", "out_ep"), "serial": ("baud", "flow")}.get(kind, ())
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        raise PrinterUriError(f"printer URI {uri!r}: unknown option {', '.join(unknown)} "
                              f"(allowed: {', '.join(allowed) or 'none'})")
    if kind == "usb":
        for name in ("in_ep", "out_ep"):
            try:
                if name in options and not 0 < int(options[name], 0) <= 0xFF:
                    raise ValueError
            except ValueError as exc:
                raise PrinterUriError(f"printer URI {uri!r}: {name} must be an endpoint "
                                      "address such as 0x81") from exc
        ids = path.split(":")
        if len(ids) != 2:
            raise PrinterUriError(f"printer URI {uri!r}: expected usb:VID:PID (hex)")
        try:
            vid, pid = (int(i, 16) for i in ids)
        except ValueError as exc:
            raise PrinterUriError(f"printer URI {uri!r}: VID/PID must be hexadecimal") from exc
        return PrinterUri("usb", f"{vid:04x}:{pid:04x}", options=options)
    if kind == "serial":
        if not path:
            raise PrinterUriError(f"printer URI {uri!r}: expected serial:/dev/ttyXXX[?baud=N]")
        if "baud" in options and not options["baud"].isdigit():
            raise PrinterUriError(f"printer URI {uri!r}: baud must be a number")
        if options.get("flow", "dsrdtr") not in SERIAL_FLOW:
            raise PrinterUriError(f"printer URI {uri!r}: flow must be one of "
                                  f"{', '.join(SERIAL_FLOW)}")
        return PrinterUri("serial", path, options=options)
    if kind == "file":
        if not path:
            raise PrinterUriError(f"printer URI {uri!r}: expected file:/dev/usb/lpN")
        return PrinterUri("file", path)
    raise PrinterUriError(
        f"printer URI {uri!r}: unknown scheme (use tcp://HOST:PORT, usb:VID:PID, "
        "serial:/dev/ttyUSB0?baud=N or file:/dev/usb/lp0)"
    )


class PrinterConnection:
    """One open connection to a printer: write job bytes, ask DLE EOT status."""

    def __init__(self, uri: str, profile: str = "TM-T88V", timeout: float = 1.0,
                 write_timeout: float = 30.0) -> None:
        self.uri = parse_uri(uri)
        self.profile = profile
        self.timeout = timeout
        self.write_timeout = write_timeout
        self._printer = None
        self._usb_in_ep: int | None = None  # None: a unidirectional USB printer

    # -- lifecycle -------------------------------------------------------------------------

    def open(self) -> PrinterConnection:
        u = self.uri
        try:
            if u.kind == "tcp":
                from escpos.printer import Network

                self._printer = Network(u.target, port=u.port, timeout=self.write_timeout,
                                        profile=self.profile)
            elif u.kind == "usb":
                self._printer = self._usb_printer()
            elif u.kind == "serial":
                from escpos.printer import Serial

                flow = u.options.get("flow", "dsrdtr")
                self._printer = Serial(u.target, baudrate=int(u.options.get("baud", 9600)),
                                       timeout=self.timeout, profile=self.profile,
                                       dsrdtr=flow == "dsrdtr", xonxoff=flow == "xonxoff")
            else:
                from escpos.printer import File

                self._printer = File(u.target, profile=self.profile)
            self._printer.open()
        except PrinterIOError:
            self._printer = None
            raise
        except Exception as exc:  # escpos wraps OS errors in its own DeviceNotFoundError
            self._printer = None
            hint = ""
            if u.kind == "usb" and "Access denied" in str(exc):
                hint = (f" (the kiosk user needs access to the device: a udev rule such as "
                        f'SUBSYSTEM=="usb", ATTR{{idVendor}}=="{u.target[:4]}", '
                        f'ATTR{{idProduct}}=="{u.target[5:]}", MODE="0660", GROUP="lp")')
            elif u.kind == "serial" and "No such file or directory" in str(exc):
                raise PrinterNotFoundError(f"cannot open printer {u}: no such serial port "
                                           f"{u.target}") from exc
            raise PrinterIOError(f"cannot open printer {u}: {exc}{hint}") from exc
        if self._printer.device is None:
            self._printer = None
            raise PrinterIOError(f"cannot open printer {u}: device not found")
        if u.kind == "tcp":
            # A status query right after a job is 3 bytes behind unacknowledged job data: with
            # Nagle it waits for the printer's delayed ACK (~40 ms on loopback, more on a LAN).
            self._printer.device.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if u.kind == "serial":
            line = self._printer.device
            # escpos has no rtscts parameter, and leaves writes unbounded: a printer holding
            # CTS low (paper out mid-job) would hang the print worker for ever.
            line.rtscts = u.options.get("flow") == "rtscts"
            line.write_timeout = self.write_timeout
        return self

    def _usb_printer(self):
        from escpos.printer import Usb

        from drivers.printer.usb_device import device_interfaces, find_usb_printer, pick_endpoints

        vid, pid = (int(x, 16) for x in self.uri.target.split(":"))
        device = find_usb_printer(vid, pid)  # absent → PrinterNotFoundError naming VID:PID
        given = {k: int(v, 0) for k, v in self.uri.options.items() if k in ("in_ep", "out_ep")}
        if "out_ep" in given:
            out_ep, in_ep = given["out_ep"], given.get("in_ep")
        else:
            out_ep, in_ep = pick_endpoints(device_interfaces(device))
            in_ep = given.get("in_ep", in_ep)
        log.info("USB printer %s: endpoints out 0x%02x, in %s", self.uri, out_ep,
                 "none" if in_ep is None else f"0x{in_ep:02x}")
        self._usb_in_ep = in_ep
        # escpos needs some in_ep; with none we never read (see query()).
        return Usb(vid, pid, timeout=int(self.write_timeout * 1000), profile=self.profile,
                   in_ep=0x82 if in_ep is None else in_ep, out_ep=out_ep)

    def close(self) -> None:
        if self._printer is not None:
            try:
                self._printer.close()
            except Exception:  # closing must not hide the real error of a job
                log.warning("closing printer %s failed", self.uri, exc_info=True)
            self._printer = None

    def __enter__(self) -> Self:
        return self.open()

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- I/O -------------------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        if self._printer is None:
            raise PrinterIOError("printer connection is not open")
        try:
            self._printer._raw(data)
            if self.uri.kind == "serial":
                self._wait_sent()
        except PrinterIOError:
            raise
        except Exception as exc:
            raise PrinterIOError(f"writing {len(data)} bytes to {self.uri} failed: {exc}") from exc

    def _wait_sent(self) -> None:
        """Until the serial driver's output queue is on the wire, so that a status query sent
        next is answered within its timeout even at 9600 baud. Bounded, unlike pyserial's
        flush() (tcdrain), which waits for ever on a printer that holds flow control."""
        line = self._printer.device
        deadline = time.monotonic() + self.write_timeout
        while (left := line.out_waiting) and time.monotonic() < deadline:
            time.sleep(min(0.05, max(0.001, left * 10 / max(line.baudrate, 1))))
        if line.out_waiting:
            raise PrinterIOError(f"{self.uri}: {line.out_waiting} bytes still unsent after "
                                 f"{self.write_timeout:.0f} s (printer holding flow control?)")

    def query(self, n: int) -> int | None:
        """Send DLE EOT n and return the reply byte, or None if none came within the timeout."""
        if self._printer is None:
            raise PrinterIOError("printer connection is not open")
        if self.uri.kind == "file" or (self.uri.kind == "usb" and self._usb_in_ep is None):
            return None  # a line-printer device node / unidirectional printer cannot answer
        self._drain()
        self.write(query_bytes(n))
        reply = self._read_byte()
        if reply is None:
            log.info("printer %s: no reply to DLE EOT %d within %.1f s", self.uri, n, self.timeout)
        return reply

    def status(self) -> PrinterStatus:
        first = self.query(QUERIES[0])
        if first is None:
            # A printer that ignores DLE EOT 1 ignores the rest too: don't wait four timeouts.
            return status_from_replies({})
        replies = {QUERIES[0]: first}
        replies.update({n: self.query(n) for n in QUERIES[1:]})
        return status_from_replies(replies)

    def _read_byte(self) -> int | None:
        dev = self._printer.device
        kind = self.uri.kind
        try:
            if kind == "tcp":
                dev.settimeout(self.timeout)
                try:
                    data = dev.recv(1)
                finally:
                    dev.settimeout(self.write_timeout)
                if data == b"":
                    raise PrinterIOError(f"printer {self.uri} closed the connection")
                return data[0]
            if kind == "serial":
                dev.timeout = self.timeout
                data = dev.read(1)
                return data[0] if data else None
            if kind == "usb":
                data = dev.read(self._usb_in_ep, 64, int(self.timeout * 1000))
                return data[-1] if len(data) else None
        except TimeoutError:
            return None
        except PrinterIOError:
            raise
        except Exception as exc:
            if type(exc).__name__ == "USBTimeoutError":
                return None
            raise PrinterIOError(f"reading status from {self.uri} failed: {exc}") from exc
        return None

    def _drain(self) -> None:
        """Drop stale bytes (a late reply to an earlier query) before asking again."""
        dev = self._printer.device
        try:
            if self.uri.kind == "tcp":
                dev.setblocking(False)
                try:
                    while dev.recv(64):
                        pass
                except (TimeoutError, BlockingIOError):
                    pass
                finally:
                    dev.settimeout(self.write_timeout)
            elif self.uri.kind == "serial":
                dev.reset_input_buffer()
        except OSError as exc:
            log.debug("draining %s: %s", self.uri, exc)


def read_status(uri: str, profile: str = "TM-T88V", timeout: float = 1.0) -> PrinterStatus:
    """Open, query DLE EOT 1-4, close. An unreachable printer is reported, not raised."""
    try:
        with PrinterConnection(uri, profile, timeout) as conn:
            return conn.status()
    except PrinterIOError as exc:
        log.warning("printer status: %s", exc)
        return PrinterStatus(detail=str(exc))

