"""Command layer: one request/reply exchange per GA 467 command, with per-command timeouts.

Works over any object with pyserial's `write`, `read(size)` (returning whatever arrived within
the port's short read timeout) and `reset_input_buffer`. Replies are framed by the incremental
decoder, so fragmentation and stray bytes do not matter; the reply size always comes from the
length word.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Protocol

from drivers.idcard import codes
from drivers.idcard.codec import FrameDecoder, Reply, build_command

log = logging.getLogger(__name__)

BITS_PER_BYTE = 10  # 8N1: start + 8 data + stop


class SerialLike(Protocol):
    def write(self, data: bytes) -> int | None: ...
    def read(self, size: int = 1) -> bytes: ...
    def reset_input_buffer(self) -> None: ...


@dataclass(frozen=True)
class CommandSpec:
    name: str
    cmd: int
    para: int
    timeout_s: float  # card/SAM processing budget; the reply's wire time is added per baud rate
    max_reply: int  # largest reply in bytes, for that wire-time allowance


# Budgets from reference §7.1 (find/select 300 ms, read 2.5 s, read+FP 3.5 s, 30 03 1.5 s).
RESET_SAM = CommandSpec("reset_sam", 0x10, 0xFF, 1.5, 11)
SAM_STATUS = CommandSpec("sam_status", 0x11, 0xFF, 0.5, 11)
SAM_ID = CommandSpec("sam_id", 0x12, 0xFF, 0.3, 27)
FIND = CommandSpec("find", 0x20, 0x01, 0.3, 15)
SELECT = CommandSpec("select", 0x20, 0x02, 0.3, 19)
READ_BASE = CommandSpec("read_base", 0x30, 0x01, 2.5, 1295)
READ_FINGERPRINT = CommandSpec("read_fingerprint", 0x30, 0x10, 3.5, 2321)
READ_APPENDED_ADDRESS = CommandSpec("read_appended_address", 0x30, 0x03, 1.5, 81)


class CommandError(Exception):
    """Base of the command layer's own errors."""


class NoReply(CommandError):
    def __init__(self, spec: CommandSpec, timeout_s: float):
        super().__init__(f"{spec.name}: no complete reply within {timeout_s * 1000:.0f} ms")
        self.spec = spec


class StatusError(CommandError):
    def __init__(self, spec: CommandSpec, reply: Reply):
        super().__init__(f"{spec.name}: SW3 {reply.sw3:02X} ({codes.sw3_meaning(reply.sw3)})")
        self.spec = spec
        self.reply = reply


class Cancelled(CommandError):
    """The caller's cancel event was set while waiting for a reply (service stopping)."""


def format_sam_id(data: bytes) -> str:
    """16 bytes of SAM management info → 'AA.BB-N1-N2-N3' (N2, N3 zero-padded to 10 digits)."""
    if len(data) < 16:
        raise ValueError(f"SAM ID needs 16 data bytes, got {len(data)}")
    n1, n2, n3 = (int.from_bytes(data[i : i + 4], "little") for i in (4, 8, 12))
    return f"{data[0]:02d}.{data[2]:02d}-{n1}-{n2:010d}-{n3:010d}"


class SamLink:
    """Sends one command at a time and waits for its reply frame."""

    def __init__(self, port: SerialLike, baudrate: int = 115200, cancel: threading.Event | None = None,
                 timeout_scale: float = 1.0):
        self._port = port
        self._baudrate = baudrate
        self.cancel = cancel
        self._timeout_scale = timeout_scale  # < 1 only in tests, to reach fault paths quickly
        self._decoder = FrameDecoder()

    def timeout_for(self, spec: CommandSpec) -> float:
        return spec.timeout_s * self._timeout_scale + spec.max_reply * BITS_PER_BYTE / self._baudrate

    def exchange(self, spec: CommandSpec, data: bytes = b"") -> Reply:
        """Send `spec` and return the first complete, checked reply frame."""
        frame = build_command(spec.cmd, spec.para, data)
        # Leftovers of an aborted exchange would otherwise be taken for this reply.
        self._port.reset_input_buffer()
        self._decoder.reset()
        discarded_before = self._decoder.discarded
        started = time.monotonic()
        timeout = self.timeout_for(spec)
        deadline = started + timeout
        self._port.write(frame)
        while True:
            chunk = self._port.read(self._decoder.bytes_needed())
            if chunk:
                frames = self._decoder.feed(chunk)
                if frames:
                    reply = Reply.from_frame(frames[0])
                    junk = self._decoder.discarded - discarded_before
                    log.debug("%s: SW3 %02X, %d data bytes, %.1f ms%s", spec.name, reply.sw3,
                              len(reply.data), (time.monotonic() - started) * 1000,
                              f", {junk} stray bytes skipped" if junk else "")
                    return reply
            if self.cancel is not None and self.cancel.is_set():
                raise Cancelled(spec.name)
            if time.monotonic() >= deadline:
                log.debug("%s: no reply (%d bytes buffered, %d rejected frames)", spec.name,
                          self._decoder.buffered, self._decoder.rejected)
                raise NoReply(spec, timeout)

    def expect(self, spec: CommandSpec, *ok: int) -> Reply:
        """Exchange and raise StatusError unless SW3 is one of `ok` (default 90)."""
        reply = self.exchange(spec)
        if reply.sw3 not in (ok or (codes.Sw3.OK,)):
            raise StatusError(spec, reply)
        return reply

    # One method per command, so callers read like the protocol.
    def reset_sam(self) -> Reply:
        return self.exchange(RESET_SAM)

    def sam_status(self) -> Reply:
        return self.exchange(SAM_STATUS)

    def sam_id(self) -> str:
        return format_sam_id(self.expect(SAM_ID).data)

    def find(self) -> Reply:
        return self.exchange(FIND)

    def select(self) -> Reply:
        return self.exchange(SELECT)

    def read_base(self) -> Reply:
        return self.exchange(READ_BASE)

    def read_with_fingerprint(self) -> Reply:
        return self.exchange(READ_FINGERPRINT)

    def read_appended_address(self) -> Reply:
        return self.exchange(READ_APPENDED_ADDRESS)
