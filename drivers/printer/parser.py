"""ESC/POS stream parser, shared by the tests and the virtual printer.

Two stages:
- `EscPosTokenizer` splits a byte stream (fed in arbitrary chunks) into text runs and commands,
  each with its byte offset. A command cut off at the end of a chunk waits for the next one.
- `JobInterpreter` keeps the printer's modes (Chinese mode, alignment, size, bold) and turns the
  tokens into printed elements: text lines (GB18030 in Chinese mode), raster images, QR codes,
  feeds and cuts. A cut ends a job.

It covers every command our encoder and python-escpos emit, plus the common ones a POS stream
may carry (print modes, code pages, barcodes, column images, GS ( L graphics, drawer kick,
buzzer, real-time requests). Anything else is recorded as "unknown" with its offset.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from drivers.printer.layout import char_width

log = logging.getLogger(__name__)

NUL, HT, LF, FF, CR, DLE, EOT, ENQ, DC4, CAN, ESC, FS, GS = (
    0x00, 0x09, 0x0A, 0x0C, 0x0D, 0x10, 0x04, 0x05, 0x14, 0x18, 0x1B, 0x1C, 0x1D)


class NeedMore(Exception):
    """The command starting here is not complete yet."""


@dataclass(frozen=True)
class Text:
    offset: int
    data: bytes


@dataclass(frozen=True)
class Command:
    offset: int
    name: str  # mnemonic, e.g. "ESC a", "GS v 0", "GS ( k", "DLE EOT"
    args: bytes = b""  # the fixed parameter bytes after the command code
    payload: bytes = b""  # variable-length data (image rows, QR data, ...)
    known: bool = True


Token = Text | Command


# Fixed lengths (total bytes including the prefix) of simple ESC/FS/GS commands.
_ESC_FIXED = {
    "@": 2, "!": 3, "E": 3, "-": 3, "a": 3, "d": 3, "e": 3, "J": 3, "K": 3, "2": 2, "3": 3,
    "t": 3, "M": 3, "G": 3, "{": 3, "V": 3, "R": 3, "p": 5, "$": 4, "\\": 4, "i": 2, "m": 2,
    " ": 3, "U": 3, "r": 3, "B": 4, "S": 2, "L": 2, "T": 3, "W": 10, "=": 3, "%": 3, "?": 3,
    "<": 2, "C": 3, "f": 4, "u": 3, "v": 2, "l": 3,
}
_FS_FIXED = {"&": 2, ".": 2, "!": 3, "-": 3, "S": 4, "W": 3, "C": 3, "p": 4, "?": 3}
_GS_FIXED = {
    "!": 3, "B": 3, "b": 3, "H": 3, "h": 3, "w": 3, "f": 3, "a": 3, "r": 3, "I": 3, "L": 4,
    "W": 4, "P": 4, "$": 4, "\\": 4, "/": 3, ":": 2, "E": 3, "^": 5, "T": 3, "x": 4, "c": 2,
}


class EscPosTokenizer:
    """Incremental: `feed()` returns the complete tokens; a partial command is kept."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._base = 0  # stream offset of _buf[0]

    @property
    def pending(self) -> int:
        return len(self._buf)

    def feed(self, data: bytes) -> list[Token]:
        self._buf += data
        tokens: list[Token] = []
        i = 0
        buf = self._buf
        while i < len(buf):
            b = buf[i]
            if b >= 0x20 or b == 0x7F:
                j = i
                while j < len(buf) and buf[j] >= 0x20:
                    j += 1
                tokens.append(Text(self._base + i, bytes(buf[i:j])))
                i = j
                continue
            try:
                cmd, length = _command_at(buf, i, self._base + i)
            except NeedMore:
                break
            tokens.append(cmd)
            i += length
        del self._buf[:i]
        self._base += i
        return tokens

    def finish(self) -> list[str]:
        """End of stream: describe any command left incomplete."""
        if not self._buf:
            return []
        msg = (f"truncated command at byte offset {self._base}: "
               f"{bytes(self._buf[:8]).hex(' ')}{'…' if len(self._buf) > 8 else ''}")
        self._buf.clear()
        return [msg]


def _need(buf: bytearray, end: int) -> None:
    if len(buf) < end:
        raise NeedMore


def _u16(buf: bytearray, i: int) -> int:
    return buf[i] | (buf[i + 1] << 8)


def _command_at(buf: bytearray, i: int, offset: int) -> tuple[Command, int]:
    b = buf[i]
    if b in (LF, CR, HT, FF, CAN, NUL):
        names = {LF: "LF", CR: "CR", HT: "HT", FF: "FF", CAN: "CAN", NUL: "NUL"}
        return Command(offset, names[b]), 1
    if b == ESC:
        return _esc(buf, i, offset)
    if b == FS:
        return _fs(buf, i, offset)
    if b == GS:
        return _gs(buf, i, offset)
    if b == DLE:
        return _dle(buf, i, offset)
    return Command(offset, f"0x{b:02x}", known=False), 1


def _fixed(prefix: str, table: dict, buf: bytearray, i: int, offset: int):
    _need(buf, i + 2)
    code = chr(buf[i + 1])
    if code in table:
        n = table[code]
        _need(buf, i + n)
        return Command(offset, f"{prefix} {code}", bytes(buf[i + 2:i + n])), n
    return None


def _esc(buf, i, offset):
    found = _fixed("ESC", _ESC_FIXED, buf, i, offset)
    if found:
        return found
    code = chr(buf[i + 1])
    if code == "*":  # ESC * m nL nH d…: column bit image
        _need(buf, i + 5)
        m, n = buf[i + 2], _u16(buf, i + 3)
        size = n * (3 if m in (32, 33) else 1)
        _need(buf, i + 5 + size)
        return Command(offset, "ESC *", bytes(buf[i + 2:i + 5]), bytes(buf[i + 5:i + 5 + size])), \
            5 + size
    if code == "c":  # ESC c 3 n / ESC c 4 n / ESC c 5 n
        _need(buf, i + 4)
        return Command(offset, f"ESC c {chr(buf[i + 2])}", bytes(buf[i + 3:i + 4])), 4
    if code == "D":  # ESC D n1 … nk NUL: tab positions
        j = buf.find(b"\x00", i + 2)
        if j < 0:
            raise NeedMore
        return Command(offset, "ESC D", bytes(buf[i + 2:j])), j + 1 - i
    if code == "&":  # ESC & y c1 c2 [x d1…d(y×x)]…: user-defined characters
        _need(buf, i + 5)
        y, c1, c2 = buf[i + 2], buf[i + 3], buf[i + 4]
        j = i + 5
        for _ in range(max(0, c2 - c1 + 1)):
            _need(buf, j + 1)
            j += 1 + y * buf[j]
        _need(buf, j)
        return Command(offset, "ESC &", bytes(buf[i + 2:i + 5]), bytes(buf[i + 5:j])), j - i
    return Command(offset, f"ESC {code!r}", known=False), 2


def _fs(buf, i, offset):
    found = _fixed("FS", _FS_FIXED, buf, i, offset)
    if found:
        return found
    code = chr(buf[i + 1])
    if code == "(":  # FS ( fn pL pH …
        _need(buf, i + 5)
        n = _u16(buf, i + 3)
        _need(buf, i + 5 + n)
        return Command(offset, f"FS ( {chr(buf[i + 2])}", b"", bytes(buf[i + 5:i + 5 + n])), 5 + n
    return Command(offset, f"FS {code!r}", known=False), 2


def _gs(buf, i, offset):
    found = _fixed("GS", _GS_FIXED, buf, i, offset)
    if found:
        return found
    code = chr(buf[i + 1])
    if code == "V":  # GS V m [n]
        _need(buf, i + 3)
        n = 3 if buf[i + 2] in (0, 1, 48, 49) else 4
        _need(buf, i + n)
        return Command(offset, "GS V", bytes(buf[i + 2:i + n])), n
    if code == "v":  # GS v 0 m xL xH yL yH d…: raster bit image
        _need(buf, i + 8)
        size = _u16(buf, i + 4) * _u16(buf, i + 6)
        _need(buf, i + 8 + size)
        return Command(offset, "GS v 0", bytes(buf[i + 3:i + 8]), bytes(buf[i + 8:i + 8 + size])), \
            8 + size
    if code == "(":  # GS ( X pL pH …
        _need(buf, i + 5)
        n = _u16(buf, i + 3)
        _need(buf, i + 5 + n)
        return Command(offset, f"GS ( {chr(buf[i + 2])}", b"", bytes(buf[i + 5:i + 5 + n])), 5 + n
    if code == "8":  # GS 8 L p1 p2 p3 p4 …: large graphics data
        _need(buf, i + 7)
        n = int.from_bytes(bytes(buf[i + 3:i + 7]), "little")
        _need(buf, i + 7 + n)
        return Command(offset, f"GS 8 {chr(buf[i + 2])}", b"", bytes(buf[i + 7:i + 7 + n])), 7 + n
    if code == "k":  # GS k m d… NUL (m ≤ 6) or GS k m n d1…dn (m ≥ 65)
        _need(buf, i + 3)
        m = buf[i + 2]
        if m <= 6:
            j = buf.find(b"\x00", i + 3)
            if j < 0:
                raise NeedMore
            return Command(offset, "GS k", bytes([m]), bytes(buf[i + 3:j])), j + 1 - i
        _need(buf, i + 4)
        n = buf[i + 3]
        _need(buf, i + 4 + n)
        return Command(offset, "GS k", bytes([m]), bytes(buf[i + 4:i + 4 + n])), 4 + n
    if code == "*":  # GS * x y d…: define downloaded bit image
        _need(buf, i + 4)
        size = buf[i + 2] * buf[i + 3] * 8
        _need(buf, i + 4 + size)
        return Command(offset, "GS *", bytes(buf[i + 2:i + 4]), bytes(buf[i + 4:i + 4 + size])), \
            4 + size
    return Command(offset, f"GS {code!r}", known=False), 2


def _dle(buf, i, offset):
    _need(buf, i + 2)
    code = buf[i + 1]
    if code == EOT:
        _need(buf, i + 3)
        n = 4 if buf[i + 2] in (7, 8) else 3
        _need(buf, i + n)
        return Command(offset, "DLE EOT", bytes(buf[i + 2:i + n])), n
    if code == ENQ:
        _need(buf, i + 3)
        return Command(offset, "DLE ENQ", bytes(buf[i + 2:i + 3])), 3
    if code == DC4:
        _need(buf, i + 3)
        n = {1: 5, 2: 5, 7: 4, 8: 10}.get(buf[i + 2], 3)
        _need(buf, i + n)
        return Command(offset, "DLE DC4", bytes(buf[i + 2:i + n])), n
    return Command(offset, f"DLE 0x{code:02x}", known=False), 2


# --- interpretation ------------------------------------------------------------------------


@dataclass
class PrintedText:
    text: str
    align: str = "left"
    width_mul: int = 1
    height_mul: int = 1
    bold: bool = False
    underline: bool = False
    reverse: bool = False


@dataclass
class PrintedImage:
    image: Image.Image  # mode "1", white background
    align: str = "left"
    command: str = "GS v 0"


@dataclass
class PrintedQr:
    content: str
    module: int = 3
    ec: str = "L"
    align: str = "left"


@dataclass
class PrintedBarcode:
    content: str
    kind: int
    align: str = "left"


@dataclass
class PaperFeed:
    dots: int


@dataclass
class PaperCut:
    partial: bool = False


Element = PrintedText | PrintedImage | PrintedQr | PrintedBarcode | PaperFeed | PaperCut


@dataclass
class ParsedJob:
    elements: list[Element] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # "offset N: ESC 'x'"
    errors: list[str] = field(default_factory=list)
    status_queries: list[int] = field(default_factory=list)
    byte_count: int = 0
    png_path: str | None = None
    text_path: str | None = None

    @property
    def lines(self) -> list[str]:
        """One entry per printed row: text, or a marker for an image / code."""
        out: list[str] = []
        for e in self.elements:
            if isinstance(e, PrintedText):
                out.append(e.text)
            elif isinstance(e, PrintedImage):
                out.append(f"[图像 {e.image.width}×{e.image.height}]")
            elif isinstance(e, PrintedQr):
                out.append(f"[二维码 {e.content}]")
            elif isinstance(e, PrintedBarcode):
                out.append(f"[条码 {e.content}]")
        return out

    @property
    def text_lines(self) -> list[str]:
        return [e.text for e in self.elements if isinstance(e, PrintedText)]

    @property
    def images(self) -> list[PrintedImage]:
        return [e for e in self.elements if isinstance(e, PrintedImage)]

    @property
    def qr_codes(self) -> list[PrintedQr]:
        return [e for e in self.elements if isinstance(e, PrintedQr)]

    @property
    def cut(self) -> bool:
        return any(isinstance(e, PaperCut) for e in self.elements)

    @property
    def has_content(self) -> bool:
        return any(not isinstance(e, PaperFeed | PaperCut) for e in self.elements)


_CODE_PAGES = {0: "cp437", 2: "cp850", 3: "cp860", 4: "cp863", 5: "cp865", 16: "cp1252",
               17: "cp866", 18: "cp852", 19: "cp858"}
_ALIGNS = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}
_EC = {48: "L", 49: "M", 50: "Q", 51: "H"}


class JobInterpreter:
    """Printer state machine: tokens in, finished jobs out (a cut ends a job)."""

    def __init__(self, columns: int = 48, dots: int = 576, chinese_default: bool = True) -> None:
        self.columns = columns
        self.dots = dots
        self.chinese_default = chinese_default
        self.jobs: list[ParsedJob] = []
        self.job = ParsedJob()
        self._reset_modes()

    def _reset_modes(self) -> None:
        self.chinese = self.chinese_default
        self.code_page = "cp437"
        self.align = "left"
        self.gs_size = (1, 1)
        self.esc_mode = 0
        self.bold = False
        self.underline = False
        self.reverse = False
        self.line = bytearray()
        self.line_attrs: tuple | None = None
        self.line_offset = 0
        self.qr = {"module": 3, "ec": "L", "data": b""}
        self.graphics: Image.Image | None = None
        self._skip_next_blank = False  # the LF that ends an ESC * band

    # -- feeding ---------------------------------------------------------------------------

    def feed(self, tokens: list[Token]) -> list[ParsedJob]:
        """Apply tokens; return the jobs a cut finished during them."""
        done_before = len(self.jobs)
        for tok in tokens:
            if isinstance(tok, Text):
                self.job.byte_count += len(tok.data)
                if not self.line:
                    self.line_attrs = self._attrs()
                    self.line_offset = tok.offset
                self.line += tok.data
                self._skip_next_blank = False
            else:
                self.job.byte_count += 1 + len(tok.args) + len(tok.payload)
                self._command(tok)
        return self.jobs[done_before:]

    def finish(self) -> ParsedJob | None:
        """End of stream: flush a pending line and return the unfinished job, if it has content."""
        if self.line:
            self._flush_line()
        job, self.job = self.job, ParsedJob()
        if job.has_content or job.unknown or job.errors:
            self.jobs.append(job)
            return job
        return None

    # -- state -----------------------------------------------------------------------------

    def _size(self) -> tuple[int, int]:
        w, h = self.gs_size
        if self.esc_mode & 0x20:
            w = max(w, 2)
        if self.esc_mode & 0x10:
            h = max(h, 2)
        return w, h

    def _attrs(self) -> tuple:
        w, h = self._size()
        return (self.align, w, h, self.bold or bool(self.esc_mode & 0x08),
                self.underline or bool(self.esc_mode & 0x80), self.reverse)

    def _decode(self, data: bytes) -> str:
        if self.chinese:
            text = data.decode("gb18030", errors="replace")
        else:
            text = data.decode(self.code_page, errors="replace")
        if "\ufffd" in text:
            self.job.errors.append(
                f"undecodable text at byte offset {self.line_offset}: {data[:16].hex(' ')}")
        return text

    def _flush_line(self, blank_if_empty: bool = True) -> None:
        attrs = self.line_attrs or self._attrs()
        if not self.line and not blank_if_empty:
            return
        text = self._decode(bytes(self.line)) if self.line else ""
        self.line.clear()
        self.line_attrs = None
        align, w, h, bold, underline, reverse = attrs
        for row in _wrap_columns(text, max(1, self.columns // w)):
            self.job.elements.append(PrintedText(row, align, w, h, bold, underline, reverse))

    def _end_job(self) -> None:
        self.jobs.append(self.job)
        self.job = ParsedJob()

    def _command(self, c: Command) -> None:
        n = c.args[0] if c.args else 0
        name = c.name
        if not c.known:
            self.job.unknown.append(f"byte offset {c.offset}: {name}")
            log.debug("unknown ESC/POS command at %d: %s", c.offset, name)
            return
        if name == "LF":
            if self._skip_next_blank and not self.line:
                self._skip_next_blank = False
                return
            self._flush_line()
        elif name == "FF":
            self._flush_line(blank_if_empty=False)
        elif name == "HT":
            self.line += b"    "
        elif name in ("CR", "NUL", "CAN"):
            if name == "CAN":
                self.line.clear()
        elif name == "ESC @":
            self._flush_line(blank_if_empty=False)
            self._reset_modes()
        elif name == "FS &":
            self.chinese = True
        elif name == "FS .":
            self.chinese = False
        elif name == "ESC t":
            self.code_page = _CODE_PAGES.get(n, "cp437")
        elif name == "ESC a":
            self.align = _ALIGNS.get(n, "left")
            if self.line_attrs and not self.line:
                self.line_attrs = None
        elif name == "GS !":
            self.gs_size = (((n >> 4) & 7) + 1, (n & 7) + 1)
        elif name in ("ESC !", "FS !"):
            self.esc_mode = n
        elif name in ("ESC E", "ESC G"):
            self.bold = bool(n & 1)
        elif name in ("ESC -", "FS -"):
            self.underline = bool(n & 3)
        elif name == "GS B":
            self.reverse = bool(n & 1)
        elif name in ("ESC d", "ESC e"):
            if self.line:
                self._flush_line()
            self.job.elements.extend(PrintedText("", self.align) for _ in range(n))
        elif name == "ESC J":
            if self.line:
                self._flush_line()
            self.job.elements.append(PaperFeed(n))
        elif name == "GS V":
            self._flush_line(blank_if_empty=False)
            self.job.elements.append(PaperCut(partial=n in (1, 49, 66)))
            self._end_job()
        elif name in ("ESC i", "ESC m"):
            self._flush_line(blank_if_empty=False)
            self.job.elements.append(PaperCut(partial=name == "ESC m"))
            self._end_job()
        elif name == "GS v 0":
            self._raster(c)
        elif name == "ESC *":
            self._column_image(c)
        elif name in ("GS ( L", "GS 8 L"):
            self._graphics(c)
        elif name == "GS ( k":
            self._two_d(c)
        elif name == "GS k":
            self._flush_line(blank_if_empty=False)
            self.job.elements.append(
                PrintedBarcode(c.payload.decode("ascii", errors="replace"), n, self.align))
        elif name == "DLE EOT":
            self.job.status_queries.append(n)
        # Everything else (spacing, fonts, code systems, drawer, buzzer, panel buttons, margins,
        # ASB, real-time requests) changes nothing we render.

    # -- images and codes ------------------------------------------------------------------

    def _raster(self, c: Command) -> None:
        width_bytes = c.args[1] | (c.args[2] << 8)
        height = c.args[3] | (c.args[4] << 8)
        if width_bytes == 0 or height == 0:
            self.job.errors.append(f"empty raster image at byte offset {c.offset}")
            return
        img = Image.frombytes("1", (width_bytes * 8, height), c.payload, "raw", "1;I")
        scale_x = 2 if c.args[0] in (1, 3, 49, 51) else 1
        scale_y = 2 if c.args[0] in (2, 3, 50, 51) else 1
        if scale_x > 1 or scale_y > 1:
            img = img.resize((img.width * scale_x, img.height * scale_y), Image.NEAREST)
        self._add_image(img, "GS v 0", c.offset)

    def _column_image(self, c: Command) -> None:
        m, columns = c.args[0], c.args[1] | (c.args[2] << 8)
        per_column = 3 if m in (32, 33) else 1
        if columns == 0:
            return
        bits = np.unpackbits(np.frombuffer(c.payload, np.uint8).reshape(columns, per_column),
                             axis=1)  # (columns, 8 or 24): MSB is the top dot
        pixels = np.where(bits.T == 1, 0, 255).astype(np.uint8)
        img = Image.fromarray(pixels).convert("1")
        if m in (0, 32):  # single density horizontally: each dot is two wide
            img = img.resize((img.width * 2, img.height), Image.NEAREST)
        # A column band and the LF after it make one printed band, not a band plus a blank line.
        self._flush_line(blank_if_empty=False)
        self._add_image(img, "ESC *", c.offset)
        self._skip_next_blank = True

    def _graphics(self, c: Command) -> None:
        p = c.payload
        if len(p) < 2:
            self.job.errors.append(f"short graphics command at byte offset {c.offset}")
            return
        fn = p[1]
        if fn in (112, 113):  # store raster graphics: m fn a bx by c xL xH yL yH d…
            if len(p) < 10:
                self.job.errors.append(f"short graphics header at byte offset {c.offset}")
                return
            bx, by = p[3], p[4]
            width, height = p[6] | (p[7] << 8), p[8] | (p[9] << 8)
            row_bytes = (width + 7) // 8
            data = p[10:10 + row_bytes * height]
            if len(data) < row_bytes * height:
                self.job.errors.append(f"short graphics data at byte offset {c.offset}")
                return
            img = Image.frombytes("1", (row_bytes * 8, height), data, "raw", "1;I")
            img = img.crop((0, 0, width, height))
            if bx == 2 or by == 2:
                img = img.resize((width * bx, height * by), Image.NEAREST)
            self.graphics = img
        elif fn in (50, 2):  # print stored graphics
            if self.graphics is None:
                self.job.errors.append(f"print graphics without data at byte offset {c.offset}")
                return
            self._add_image(self.graphics, "GS ( L", c.offset)
            self.graphics = None

    def _two_d(self, c: Command) -> None:
        p = c.payload
        if len(p) < 2:
            self.job.errors.append(f"short GS ( k at byte offset {c.offset}")
            return
        cn, fn = p[0], p[1]
        if cn != 49:  # only QR is rendered; PDF417 and others are noted
            if fn in (81,):
                self.job.unknown.append(f"byte offset {c.offset}: 2D code type {cn} not rendered")
            return
        if fn == 67 and len(p) > 2:
            self.qr["module"] = p[2]
        elif fn == 69 and len(p) > 2:
            self.qr["ec"] = _EC.get(p[2], "L")
        elif fn == 80:
            self.qr["data"] = p[3:]
        elif fn == 81:
            self._flush_line(blank_if_empty=False)
            content = self.qr["data"].decode("utf-8", errors="replace")
            self.job.elements.append(
                PrintedQr(content, int(self.qr["module"]), self.qr["ec"], self.align))

    def _add_image(self, img: Image.Image, command: str, offset: int) -> None:
        if img.width > self.dots:
            self.job.errors.append(
                f"image at byte offset {offset} is {img.width} dots wide, paper has {self.dots}")
        self._flush_line(blank_if_empty=False)
        self.job.elements.append(PrintedImage(img, self.align, command))



def _wrap_columns(text: str, columns: int) -> list[str]:
    """The printer wraps a line that is too long at the character that does not fit."""
    rows, row, width = [], "", 0
    for ch in text:
        cw = char_width(ch)
        if width + cw > columns and row:
            rows.append(row)
            row, width = "", 0
        row += ch
        width += cw
    rows.append(row)
    return rows


def parse(data: bytes, columns: int = 48, dots: int = 576) -> list[ParsedJob]:
    """Parse a whole byte stream into jobs (the last one may be uncut)."""
    tokenizer = EscPosTokenizer()
    interp = JobInterpreter(columns, dots)
    interp.feed(tokenizer.feed(data))
    leftovers = tokenizer.finish()
    interp.job.errors.extend(leftovers)
    interp.finish()
    return interp.jobs
