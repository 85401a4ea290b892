"""GA 467 frame codec: pure functions over bytes.

Frame on the wire:  AA AA AA 96 69 | LenH LenL | body… | CHK
  host → reader body = CMD PARA [DATA];  reader → host body = SW1 SW2 SW3 [DATA]
  Len (big-endian) counts the body plus the checksum byte; CHK = XOR of LenH…last body byte.

Two ways in:
- `decode_frame(raw)` checks exactly one complete frame and raises `FrameError` naming the byte
  offset and the check that failed (technician's `idcard decode`).
- `FrameDecoder.feed(chunk)` accepts a byte stream in any fragmentation, skips garbage, rejects
  absurd lengths and bad checksums (dropping one byte and resynchronising) and never raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_SIZE = len(PREAMBLE) + 2  # preamble + length word
# Largest standard reply is 30 10 with 1024 B of fingerprint: 2321 bytes, length word 2314.
MAX_LENGTH = 2400
MIN_REPLY_LENGTH = 4  # SW1 SW2 SW3 CHK
MIN_COMMAND_LENGTH = 3  # CMD PARA CHK


class FrameError(ValueError):
    """A frame failed a structural check. `offset` is the byte offset in the given bytes."""

    def __init__(self, message: str, offset: int | None = None):
        super().__init__(message if offset is None else f"byte {offset}: {message}")
        self.offset = offset


def xor_checksum(data: bytes) -> int:
    return reduce(lambda acc, byte: acc ^ byte, data, 0)


def build_frame(body: bytes) -> bytes:
    """Wrap a body (CMD PARA DATA or SW1 SW2 SW3 DATA) into a complete frame."""
    length = len(body) + 1
    if length > 0xFFFF:
        raise FrameError(f"body of {len(body)} bytes does not fit a 16-bit length word")
    head = length.to_bytes(2, "big")
    return PREAMBLE + head + body + bytes([xor_checksum(head + body)])


def build_command(cmd: int, para: int, data: bytes = b"") -> bytes:
    """Host → reader frame, e.g. build_command(0x20, 0x01) == AA AA AA 96 69 00 03 20 01 22."""
    return build_frame(bytes([cmd, para]) + data)


def build_reply(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """Reader → host frame (used by the simulator and tests)."""
    return build_frame(bytes([sw1, sw2, sw3]) + data)


@dataclass(frozen=True)
class Frame:
    """A checked frame: the body between the length word and the checksum."""

    body: bytes

    @property
    def wire_size(self) -> int:
        return len(self.body) + HEADER_SIZE + 1


@dataclass(frozen=True)
class Reply:
    sw1: int
    sw2: int
    sw3: int
    data: bytes

    @classmethod
    def from_frame(cls, frame: Frame) -> Reply:
        body = frame.body
        if len(body) < 3:
            raise FrameError(f"reply body has {len(body)} bytes, needs at least SW1 SW2 SW3")
        return cls(body[0], body[1], body[2], body[3:])


@dataclass(frozen=True)
class Command:
    cmd: int
    para: int
    data: bytes

    @classmethod
    def from_frame(cls, frame: Frame) -> Command:
        body = frame.body
        if len(body) < 2:
            raise FrameError(f"command body has {len(body)} bytes, needs at least CMD PARA")
        return cls(body[0], body[1], body[2:])


def decode_frame(raw: bytes, *, min_length: int = MIN_REPLY_LENGTH) -> Frame:
    """Check that `raw` is exactly one complete frame and return it (strict: no resync)."""
    for index, expected in enumerate(PREAMBLE[: len(raw)]):
        if raw[index] != expected:
            raise FrameError(
                f"preamble mismatch: expected {expected:02X}, found {raw[index]:02X} "
                f"(a frame starts AA AA AA 96 69)",
                index,
            )
    if len(raw) < HEADER_SIZE:
        raise FrameError(f"only {len(raw)} bytes; a frame needs at least {HEADER_SIZE + min_length}")
    length = int.from_bytes(raw[5:7], "big")
    if not min_length <= length <= MAX_LENGTH:
        raise FrameError(f"length word {length} is outside {min_length}..{MAX_LENGTH}", 5)
    total = HEADER_SIZE + length
    if len(raw) < total:
        raise FrameError(f"frame truncated: length word announces {total} bytes, got {len(raw)}", len(raw))
    if len(raw) > total:
        raise FrameError(f"{len(raw) - total} unexpected bytes after the {total}-byte frame", total)
    computed = xor_checksum(raw[5 : total - 1])
    if computed != raw[total - 1]:
        raise FrameError(
            f"checksum mismatch: frame says {raw[total - 1]:02X}, XOR of bytes 5..{total - 2} "
            f"is {computed:02X}",
            total - 1,
        )
    return Frame(bytes(raw[HEADER_SIZE : total - 1]))


class FrameDecoder:
    """Incremental decoder. `feed()` returns the complete, checked frames found so far.

    Never raises on any input: bytes before a preamble are discarded, and a candidate with an
    absurd length or a bad checksum loses its first byte so the search resumes right after it.
    Counters `discarded` and `rejected` let callers log how noisy the line is.
    """

    def __init__(self, *, min_length: int = MIN_REPLY_LENGTH, max_length: int = MAX_LENGTH):
        self._buffer = bytearray()
        self._min_length = min_length
        self._max_length = max_length
        self.discarded = 0  # bytes thrown away (garbage or rejected candidates' first bytes)
        self.rejected = 0  # candidates rejected for length or checksum

    def reset(self) -> None:
        self.discarded += len(self._buffer)
        self._buffer.clear()

    @property
    def buffered(self) -> int:
        return len(self._buffer)

    def bytes_needed(self) -> int:
        """How many more bytes would complete the current candidate (at least 1): a read hint."""
        buf = self._buffer
        if len(buf) < HEADER_SIZE or not buf.startswith(PREAMBLE):
            return max(1, HEADER_SIZE - len(buf))
        length = int.from_bytes(buf[5:7], "big")
        return max(1, HEADER_SIZE + length - len(buf))

    def feed(self, data: bytes) -> list[Frame]:
        self._buffer += data
        frames: list[Frame] = []
        buf = self._buffer
        while True:
            start = buf.find(PREAMBLE)
            if start < 0:
                # Keep a tail that could be the beginning of a preamble split across reads.
                keep = _preamble_prefix_len(buf)
                self.discarded += len(buf) - keep
                del buf[: len(buf) - keep]
                return frames
            if start:
                self.discarded += start
                del buf[:start]
            if len(buf) < HEADER_SIZE:
                return frames
            length = int.from_bytes(buf[5:7], "big")
            if not self._min_length <= length <= self._max_length:
                self._reject(buf)
                continue
            total = HEADER_SIZE + length
            if len(buf) < total:
                return frames
            if xor_checksum(buf[5 : total - 1]) != buf[total - 1]:
                self._reject(buf)
                continue
            frames.append(Frame(bytes(buf[HEADER_SIZE : total - 1])))
            del buf[:total]

    def _reject(self, buf: bytearray) -> None:
        self.rejected += 1
        self.discarded += 1
        del buf[:1]


def _preamble_prefix_len(buf: bytearray) -> int:
    """Length of the longest suffix of `buf` that is a proper prefix of the preamble."""
    for size in range(min(len(PREAMBLE) - 1, len(buf)), 0, -1):
        if buf.endswith(PREAMBLE[:size]):
            return size
    return 0


def hex_bytes(data: bytes) -> str:
    return data.hex(" ").upper()


def parse_hex(text: str) -> bytes:
    """Hex with optional spaces, colons, commas or 0x prefixes → bytes; ValueError names the spot."""
    cleaned = text.replace("0x", " ").replace("0X", " ")
    for separator in ":,-\n\t":
        cleaned = cleaned.replace(separator, " ")
    digits = "".join(cleaned.split())
    for index, char in enumerate(digits):
        if char not in "0123456789abcdefABCDEF":
            raise ValueError(f"hex digit {index}: {char!r} is not a hexadecimal digit")
    if len(digits) % 2:
        raise ValueError(f"odd number of hex digits ({len(digits)}): a byte is cut in half")
    return bytes.fromhex(digits)
