"""A parsed job → the text a resident would read, and a PNG the width of the paper.

Text is drawn with Noto Sans CJK in the printer's cell grid (12 dots per half-width column,
24-dot glyphs, 30-dot line pitch at size 1); raster images are pasted as sent; native QR codes
are drawn with the module size the job asked for.
"""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageOps

from drivers.printer.encoder import qr_matrix, render_line_image
from drivers.printer.layout import Paper, TextLine, center, display_width
from drivers.printer.parser import (
    PaperCut,
    PaperFeed,
    ParsedJob,
    PrintedBarcode,
    PrintedImage,
    PrintedQr,
    PrintedText,
)

MARGIN = 16  # blank dots above and below the printed area in the PNG


def render_text(job: ParsedJob, columns: int) -> str:
    """Plain text: centred and right-aligned lines padded as on paper; images as markers."""
    out = []
    for e in job.elements:
        if isinstance(e, PrintedText):
            cols = max(1, columns // e.width_mul)
            if e.align == "center":
                out.append(center(e.text, cols))
            elif e.align == "right":
                out.append(" " * max(0, cols - display_width(e.text)) + e.text)
            else:
                out.append(e.text)
        elif isinstance(e, PrintedImage):
            out.append(f"[图像 {e.image.width}×{e.image.height}]")
        elif isinstance(e, PrintedQr):
            out.append(f"[二维码 {e.content}]")
        elif isinstance(e, PrintedBarcode):
            out.append(f"[条码 {e.content}]")
        elif isinstance(e, PaperCut):
            out.append("-" * columns + (" ✂ 半切" if e.partial else " ✂"))
    return "\n".join(line.rstrip() for line in out) + "\n"


def render_png(job: ParsedJob, paper: Paper) -> Image.Image:
    """The job as printed, one dot per pixel, black on white (mode "L")."""
    pieces: list[tuple[Image.Image, str]] = []
    for e in job.elements:
        if isinstance(e, PrintedText):
            line = TextLine(e.text, e.align, e.width_mul, e.height_mul, e.bold)
            img = render_line_image(e.text, paper, line).convert("L") if e.text else \
                Image.new("L", (paper.dots, 30 * e.height_mul), 255)
            if e.underline or e.reverse:
                img = _decorate(img, e)
            pieces.append((img, "left"))
        elif isinstance(e, PrintedImage):
            pieces.append((e.image.convert("L"), e.align))
        elif isinstance(e, PrintedQr):
            pieces.append((_qr(e), e.align))
        elif isinstance(e, PrintedBarcode):
            img = render_line_image(f"|||| {e.content} ||||", paper, TextLine("", e.align))
            pieces.append((img.convert("L"), "left"))
        elif isinstance(e, PaperFeed):
            pieces.append((Image.new("L", (paper.dots, max(1, e.dots)), 255), "left"))
        elif isinstance(e, PaperCut):
            pieces.append((_cut_mark(paper), "left"))
    height = sum(p.height for p, _ in pieces) + 2 * MARGIN
    page = Image.new("L", (paper.dots, height), 255)
    y = MARGIN
    for img, align in pieces:
        img = img.crop((0, 0, min(img.width, paper.dots), img.height))
        if align == "center":
            x = (paper.dots - img.width) // 2
        elif align == "right":
            x = paper.dots - img.width
        else:
            x = 0
        page.paste(img, (x, y))
        y += img.height
    return page


def _qr(e: PrintedQr) -> Image.Image:
    matrix = qr_matrix(e.content, e.ec)
    module = max(1, e.module)
    return matrix.resize((matrix.width * module, matrix.height * module), Image.NEAREST)


def _decorate(img: Image.Image, e: PrintedText) -> Image.Image:
    draw = ImageDraw.Draw(img)
    if e.underline:
        draw.line((0, img.height - 3, img.width, img.height - 3), fill=0, width=2)
    if e.reverse:
        img = ImageOps.invert(img)
    return img


def _cut_mark(paper: Paper) -> Image.Image:
    img = Image.new("L", (paper.dots, 12), 255)
    draw = ImageDraw.Draw(img)
    for x in range(0, paper.dots, 12):
        draw.line((x, 6, x + 6, 6), fill=128, width=1)
    return img
