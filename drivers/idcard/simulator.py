"""A simulated reader module that speaks GA 467 over a pseudo-terminal.

The reader side opens `device_path` with pyserial exactly as it would open /dev/ttyUSB0. Replies
are paced at the configured baud rate (10 bits per byte, delivered in USB-sized chunks as a
USB-serial bridge does), so timing is honest; tests pass a higher baud rate to stay quick.

Card behaviour: find answers 9F for a card in the field; select needs a preceding find; read
needs select. After a read, find answers `find_after_read` ("9F" or "80": firmware differs) while
select keeps answering 90 until the card is removed.

Faults (`inject(name, count=1, on=None)`, `on` = a command name such as "read_base"):
  stray_bytes   garbage before the reply          split        reply dribbled out in small writes
  bad_checksum  last byte of the reply flipped    no_reply     command ignored
  sam_fault     answered with SW3 60              card_moved   read answered 41, card must be found again
`unplug()` / `replug()` make the port vanish and come back (use `link_path` for a stable name).
"""

from __future__ import annotations

import logging
import os
import pty
import select
import threading
import time
import tty
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from drivers.idcard import commands as cmds
from drivers.idcard.cards import encode_field
from drivers.idcard.codec import (
    MIN_COMMAND_LENGTH,
    Command,
    FrameDecoder,
    build_reply,
)
from drivers.idcard.commands import BITS_PER_BYTE
from drivers.idcard.identities import Identity

log = logging.getLogger(__name__)

FAULTS = ("stray_bytes", "split", "bad_checksum", "no_reply", "sam_fault", "card_moved")
SPECS = {(s.cmd, s.para): s for s in (
    cmds.RESET_SAM, cmds.SAM_STATUS, cmds.SAM_ID, cmds.FIND, cmds.SELECT, cmds.READ_BASE,
    cmds.READ_FINGERPRINT, cmds.READ_APPENDED_ADDRESS)}
COMMAND_NAMES = {spec.name for spec in SPECS.values()}
STRAY = b"\xaa\x00\x13\x96\x37"  # includes preamble-like bytes, as seen in public logs
CHUNK = 64  # a full-speed USB bulk packet
# A plausible SAM: "05.01-20220101-0012345678-0987654321" once decoded.
SAM_INFO = bytes([5, 0, 1, 0]) + (20220101).to_bytes(4, "little") + (12345678).to_bytes(4, "little") \
    + (987654321).to_bytes(4, "little")


@dataclass
class _Fault:
    name: str
    remaining: int
    on: str | None


class IdCardSimulator:
    def __init__(self, baudrate: int = 115200, *, link_path: str | os.PathLike | None = None,
                 find_after_read: str = "9F", card_delay_s: float = 0.0):
        if find_after_read not in ("9F", "80"):
            raise ValueError(f"find_after_read must be '9F' or '80', got {find_after_read!r}")
        self.baudrate = baudrate
        self.link_path = Path(link_path) if link_path else None
        self.find_after_read = find_after_read
        self.card_delay_s = card_delay_s  # optional RF/card processing time before a read reply
        self.received: Counter[str] = Counter()  # command name → count, for tests and demos
        self._lock = threading.Lock()
        self._card: Identity | None = None
        self._card_state = "absent"  # absent | idle | found | selected | read
        self._faults: list[_Fault] = []
        self._master: int | None = None
        self._slave: int | None = None
        self._slave_name = ""
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._plugged = threading.Event()

    # -- lifecycle ----------------------------------------------------------------------
    @property
    def device_path(self) -> str:
        return str(self.link_path) if self.link_path else self._slave_name

    def start(self) -> IdCardSimulator:
        self._open_pty()
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name="idcard-sim", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
        self._close_pty()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def unplug(self) -> None:
        """The port vanishes: the reader's next read or write fails."""
        with self._lock:
            self._plugged.clear()
            self._close_pty()
        log.info("simulated reader unplugged")

    def replug(self) -> None:
        with self._lock:
            self._open_pty()
        log.info("simulated reader plugged in again at %s", self.device_path)

    def _open_pty(self) -> None:
        master, slave = pty.openpty()
        tty.setraw(slave)  # no echo, no line discipline: bytes pass unchanged
        os.set_blocking(master, False)
        self._master, self._slave = master, slave
        self._slave_name = os.ttyname(slave)
        self._decoder = FrameDecoder(min_length=MIN_COMMAND_LENGTH)
        if self.link_path:
            tmp = self.link_path.with_name(self.link_path.name + ".new")
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(self._slave_name)
            tmp.replace(self.link_path)
        self._plugged.set()

    def _close_pty(self) -> None:
        if self.link_path:
            self.link_path.unlink(missing_ok=True)
        for fd in (self._master, self._slave):
            if fd is not None:
                os.close(fd)
        self._master = self._slave = None

    # -- card and faults ----------------------------------------------------------------
    def place(self, identity: Identity) -> None:
        with self._lock:
            self._card, self._card_state = identity, "idle"
        log.info("simulated card placed (%s)", identity.card_type)

    def remove(self) -> None:
        with self._lock:
            self._card, self._card_state = None, "absent"
        log.info("simulated card removed")

    @property
    def card_present(self) -> bool:
        return self._card is not None

    def inject(self, fault: str, count: int = 1, on: str | None = None) -> None:
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; expected one of {', '.join(FAULTS)}")
        if on is not None and on not in COMMAND_NAMES:
            raise ValueError(f"unknown command {on!r}; expected one of {', '.join(sorted(COMMAND_NAMES))}")
        with self._lock:
            self._faults.append(_Fault(fault, count, on))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def _take_fault(self, name: str, command: str) -> bool:
        for fault in self._faults:
            if fault.name == name and fault.on in (None, command) and fault.remaining > 0:
                fault.remaining -= 1
                if not fault.remaining:
                    self._faults.remove(fault)
                return True
        return False

    # -- serving ------------------------------------------------------------------------
    def _serve(self) -> None:
        while not self._stop.is_set():
            if not self._plugged.wait(0.05):
                continue
            master = self._master
            if master is None:
                continue
            try:
                ready, _, _ = select.select([master], [], [], 0.05)
                if not ready:
                    continue
                data = os.read(master, 4096)
            except (OSError, ValueError):  # closed by unplug()/stop() under our feet
                continue
            for frame in self._decoder.feed(data):
                self._handle(Command.from_frame(frame), master)

    def _handle(self, command: Command, master: int) -> None:
        spec = SPECS.get((command.cmd, command.para))
        name = spec.name if spec else f"{command.cmd:02X} {command.para:02X}"
        self.received[name] += 1
        with self._lock:
            if self._take_fault("no_reply", name):
                return
            reply = self._reply_to(command, name)
            stray = self._take_fault("stray_bytes", name)
            split = self._take_fault("split", name)
            if self._take_fault("bad_checksum", name):
                reply = reply[:-1] + bytes([reply[-1] ^ 0xFF])
        # The command's own bytes take wire time to arrive before the module can answer.
        wire_in = (len(command.data) + 10) * BITS_PER_BYTE / self.baudrate
        if name in ("read_base", "read_fingerprint") and self.card_delay_s:
            wire_in += self.card_delay_s
        self._send((STRAY if stray else b"") + reply, master, wire_in, split)

    def _reply_to(self, command: Command, name: str) -> bytes:
        if self._take_fault("sam_fault", name):
            return build_reply(0x60)
        card, state = self._card, self._card_state
        if name in ("reset_sam", "sam_status"):
            return build_reply(0x90)
        if name == "sam_id":
            return build_reply(0x90, SAM_INFO)
        if name == "find":
            if card is None:
                return build_reply(0x80)
            if state in ("selected", "read") and self.find_after_read == "80":
                return build_reply(0x80)
            if state == "idle":
                self._card_state = "found"
            return build_reply(0x9F, bytes(4))
        if name == "select":
            if card is None or state == "idle":
                return build_reply(0x81)
            if state == "found":
                self._card_state = "selected"
            return build_reply(0x90, bytes(8))
        if name in ("read_base", "read_fingerprint"):
            if card is None or state not in ("selected", "read"):
                return build_reply(0x41)
            if self._take_fault("card_moved", name):
                self._card_state = "idle"
                return build_reply(0x41)
            self._card_state = "read"
            return build_reply(0x90, card.read_data(with_fingerprint=name == "read_fingerprint"))
        if name == "read_appended_address":
            if card is None or state not in ("selected", "read"):
                return build_reply(0x41)
            if not card.appended_address:
                return build_reply(0x91)
            return build_reply(0x90, encode_field(card.appended_address, 70, "appended_address"))
        return build_reply(0x21)

    def _send(self, data: bytes, master: int, delay_s: float, split: bool) -> None:
        """Deliver `data` no earlier than the wire would: each chunk once its last bit arrived."""
        seconds_per_byte = BITS_PER_BYTE / self.baudrate
        chunk = 7 if split else CHUNK
        start = time.monotonic() + delay_s
        for offset in range(0, len(data), chunk):
            piece = data[offset : offset + chunk]
            due = start + (offset + len(piece)) * seconds_per_byte
            if split:
                due += 0.002 * (offset // chunk)  # visible gaps between pieces
            pause = due - time.monotonic()
            if pause > 0 and self._stop.wait(pause):
                return
            if not self._write_all(master, piece):
                return

    def _write_all(self, master: int, data: bytes) -> bool:
        view = memoryview(data)
        while view:
            if master != self._master:  # unplugged (the fd number may even be reused)
                return False
            try:
                view = view[os.write(master, view):]
            except BlockingIOError:
                # Nobody is reading the other end: wait a little, give up when stopping.
                select.select([], [master], [], 0.2)
                if self._stop.is_set():
                    return False
            except OSError:  # unplugged meanwhile
                return False
        return True
