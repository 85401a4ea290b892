"""Document → ESC/POS bytes, with Chinese text written by us.

python-escpos 3.1 is used for what it does well (raster images, native QR, cut, via its
`Dummy` printer that collects bytes). Its "magic encoder" is not used for text: it sends no
Chinese-mode command, loses full-width punctuation and rare characters and mixes in single-byte
code pages. So each job starts with `ESC @` + `FS &`, every text line is GB18030 bytes, sizes
use `GS !` (which scales Kanji too, unlike `ESC !`) and centring uses `ESC a`.

A line the printer font cannot show (strict GBK encoding fails: 䶮, 𠮷 in names) is drawn with
Noto Sans CJK and sent as a raster image the width of the paper.
"""

from __future__ import annotations

import copy
import functools
import logging

import numpy as np
import zxingcpp
from escpos.capabilities import get_profile
from escpos.printer import Dummy
from PIL import Image, ImageDraw

from drivers.printer.fonts import cjk_font
from drivers.printer.layout import (
    Cut,
    Document,
    Feed,
    Paper,
    QrCode,
    TextLine,
    char_width,
    display_width,
)

log = logging.getLogger(__name__)

ESC, FS, GS, LF = b"\x1b", b"\x1c", b"\x1d", b"\n"
INIT = ESC + b"@"
CHINESE_ON = FS + b"&"
ALIGN = {"left": ESC + b"a\x00", "center": ESC + b"a\x01", "right": ESC + b"a\x02"}
KANJI_DOTS = 24  # a full-width glyph of font A is 24×24 dots
LINE_DOTS = 30  # default line pitch (1/6 inch at 180 dpi)

# Half-width look-alikes a GBK font prints badly or not at all: sent as their full-width form.
_FULL_WIDTH = str.maketrans({"\u00a5": "\uffe5"})  # ¥ → ￥ (U+00A5 is 4 bytes in GB18030)

_QR_EC = ("L", "M", "Q", "H")
_NATIVE_EC = {"L": 0, "M": 1, "Q": 2, "H": 3}
QR_QUIET_ZONE = 4  # modules, as ISO/IEC 18004 asks (python-escpos draws only 1)


def normalise(text: str) -> str:
    return text.translate(_FULL_WIDTH)


def printable_as_text(text: str) -> bool:
    """True when the printer's GBK font can show every character of `text`."""
    try:
        text.encode("gbk", errors="strict")
    except UnicodeEncodeError:
        return False
    return all(c >= " " or c == "\t" for c in text)


def size_byte(width_mul: int, height_mul: int) -> int:
    """`GS !` argument: bits 4-6 width−1, bits 0-2 height−1 (1…8 each)."""
    if not (1 <= width_mul <= 8 and 1 <= height_mul <= 8):
        raise ValueError(f"character size {width_mul}×{height_mul} out of range 1…8")
    return ((width_mul - 1) << 4) | (height_mul - 1)


@functools.lru_cache(maxsize=32)
def _profile(name: str, dots: int):
    """The python-escpos profile `name`, with its media width set to the configured paper."""
    try:
        profile = get_profile(name)
    except Exception as exc:  # escpos raises its own NotSupported / KeyError variants
        raise ValueError(f"unknown python-escpos printer profile {name!r}: {exc}") from exc
    data = copy.deepcopy(profile.profile_data)
    data.setdefault("media", {}).setdefault("width", {})["pixels"] = dots
    profile.profile_data = data  # instance attribute; the shared class data stays untouched
    return profile


def supports_native_qr(profile: str) -> bool:
    return bool(_profile(profile, 384).supports("qrCode"))


class EscPosEncoder:
    """Turns a `Document` into the bytes one printer model on one paper width receives."""

    def __init__(self, paper: Paper, profile: str = "TM-T88V", native_qr: bool = True) -> None:
        self.paper = paper
        self.profile_name = profile
        self.profile = _profile(profile, paper.dots)
        self.native_qr = bool(native_qr and self.profile.supports("qrCode"))
        if native_qr and not self.native_qr:
            log.info("profile %s has no native QR support: QR codes are sent as images", profile)
        if self.profile.supports("bitImageRaster"):
            self.image_impl = "bitImageRaster"
        elif self.profile.supports("graphics"):
            self.image_impl = "graphics"
        else:
            self.image_impl = "bitImageColumn"
        self.qr_module = 6 if paper.dots <= 384 else 8

    def encode(self, doc: Document) -> bytes:
        job = _Job(self)
        for block in doc.blocks:
            if isinstance(block, TextLine):
                job.text_line(block)
            elif isinstance(block, QrCode):
                job.qr(block)
            elif isinstance(block, Feed):
                job.feed(block.lines)
            elif isinstance(block, Cut):
                job.cut(block.partial)
            else:
                raise TypeError(f"unknown document block {block!r}")
        return job.output()


class _Job:
    """Byte output of one job, tracking the modes we set so each command is sent only on change."""

    def __init__(self, encoder: EscPosEncoder) -> None:
        self.enc = encoder
        self.dummy = Dummy(profile=encoder.profile_name)
        self.dummy.profile = encoder.profile
        self.dummy._raw(INIT + CHINESE_ON)
        self.align = "left"
        self.size = 0
        self.bold = False

    def output(self) -> bytes:
        return self.dummy.output

    def _set(self, align: str, size: int, bold: bool) -> None:
        raw = self.dummy._raw
        if align != self.align:
            raw(ALIGN[align])
            self.align = align
        if size != self.size:
            raw(GS + b"!" + bytes([size]))
            self.size = size
        if bold != self.bold:
            raw(ESC + b"E" + (b"\x01" if bold else b"\x00"))
            self.bold = bold

    def text_line(self, line: TextLine) -> None:
        text = normalise(line.text)
        if not printable_as_text(text):
            log.debug("line of %d characters has glyphs outside GBK: sent as an image", len(text))
            self.image(render_line_image(text, self.enc.paper, line))
            return
        self._set(line.align, size_byte(line.width_mul, line.height_mul), line.bold)
        self.dummy._raw(text.encode("gb18030") + LF)

    def image(self, img: Image.Image) -> None:
        self._set("left", 0, self.bold)
        self.dummy.image(img, impl=self.enc.image_impl)

    def qr(self, block: QrCode) -> None:
        if not block.content:
            raise ValueError("QR code content is empty")
        self._set("center", 0, False)
        if self.enc.native_qr:
            # The printer draws no quiet zone: feed 4 modules of blank paper above and below.
            quiet = ESC + b"J" + bytes([min(255, QR_QUIET_ZONE * self.enc.qr_module)])
            self.dummy._raw(quiet)
            self.dummy.qr(block.content, ec=_NATIVE_EC[block.ec], size=self.enc.qr_module,
                          native=True)
            self.dummy._raw(quiet)
        else:
            self.dummy.image(qr_image(block.content, self.enc.paper, self.enc.qr_module, block.ec),
                             impl=self.enc.image_impl)

    def feed(self, lines: int) -> None:
        self.dummy._raw(ESC + b"d" + bytes([max(0, min(255, lines))]))

    def cut(self, partial: bool) -> None:
        self.dummy.cut(mode="PART" if partial else "FULL")


def qr_matrix(content: str, ec: str = "M") -> Image.Image:
    """The code's modules, one pixel each, black on white, no quiet zone.

    zxing-cpp writes the code: ~0.2 ms against ~19 ms for the pure-Python `qrcode` package
    (its mask search), which alone would blow the 20 ms receipt budget.
    """
    if ec not in _QR_EC:
        raise ValueError(f"QR error correction must be L, M, Q or H, got {ec!r}")
    code = zxingcpp.create_barcode(content, zxingcpp.BarcodeFormat.QRCode, ec_level=ec)
    return Image.fromarray(np.asarray(code.to_image(scale=1, add_quiet_zones=False), np.uint8))


def qr_image(content: str, paper: Paper, module: int, ec: str = "M") -> Image.Image:
    """A QR code with a 4-module quiet zone (sent centred with ESC a 1)."""
    matrix = qr_matrix(content, ec)
    modules = matrix.width + 2 * QR_QUIET_ZONE
    module = max(1, min(module, paper.dots // modules))
    framed = Image.new("L", (modules, modules), 255)
    framed.paste(matrix, (QR_QUIET_ZONE, QR_QUIET_ZONE))
    side = modules * module
    return framed.resize((side, side), Image.NEAREST).convert("1")


def render_line_image(text: str, paper: Paper, line: TextLine) -> Image.Image:
    """Draw one text line as the printer would print it: paper-wide, 24 dots per size step."""
    glyph = KANJI_DOTS * line.height_mul
    height = LINE_DOTS * line.height_mul
    font = cjk_font(glyph)
    narrow = cjk_font(glyph * 4 // 5)  # Latin glyphs of the CJK font overflow a 12-dot cell
    # Draw at height scale, then stretch horizontally when width and height multipliers differ.
    col = paper.dots_per_column * line.height_mul
    width = max(1, display_width(text) * col)
    strip = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(strip)
    x = 0
    for ch in text:
        cw = char_width(ch) * col
        if cw:
            draw.text((x + cw / 2, height / 2), ch, font=font if cw > col else narrow,
                      fill=0, anchor="mm",
                      stroke_width=1 if line.bold else 0, stroke_fill=0)
        x += cw
    if line.width_mul != line.height_mul:
        strip = strip.resize((max(1, width * line.width_mul // line.height_mul), height))
    canvas = Image.new("L", (paper.dots, height), 255)
    strip = strip.crop((0, 0, min(strip.width, paper.dots), height))
    if line.align == "center":
        left = (paper.dots - strip.width) // 2
    elif line.align == "right":
        left = paper.dots - strip.width
    else:
        left = 0
    canvas.paste(strip, (left, 0))
    return canvas.point(lambda v: 0 if v < 160 else 255, mode="1")
