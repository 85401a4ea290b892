"""The ESC/POS parser on streams python-escpos and other software produce."""

from __future__ import annotations

import random

from escpos.printer import Dummy
from PIL import Image, ImageDraw

from drivers.printer import templates
from drivers.printer.parser import (
    EscPosTokenizer,
    JobInterpreter,
    PaperCut,
    PrintedBarcode,
    PrintedImage,
    PrintedText,
    parse,
)
from tests.printer_helpers import receipt


def test_arbitrary_chunking_gives_the_same_job():
    payload = templates.render("receipt", receipt(applicant_name="𠮷野家"), 58, "POS-5890")
    (whole,) = parse(payload, 32, 384)
    rng = random.Random(7)
    tok, interp = EscPosTokenizer(), JobInterpreter(32, 384)
    i = 0
    while i < len(payload):
        step = rng.randint(1, 40)
        interp.feed(tok.feed(payload[i:i + step]))
        i += step
    assert tok.finish() == []
    interp.finish()
    (chunked,) = interp.jobs
    assert chunked.lines == whole.lines
    assert [e.image.tobytes() for e in chunked.images] == [e.image.tobytes() for e in whole.images]


def _picture() -> Image.Image:
    img = Image.new("1", (64, 48), 1)
    ImageDraw.Draw(img).rectangle((8, 8, 40, 30), fill=0)
    return img


def test_images_in_all_three_python_escpos_formats_decode_to_the_same_pixels():
    reference = _picture()
    for impl in ("bitImageRaster", "graphics", "bitImageColumn"):
        p = Dummy(profile="TM-T88V")
        p.image(reference, impl=impl)
        (job,) = parse(p.output)
        images = job.images
        assert images, impl
        # Column format arrives in 24-dot bands; stack them.
        stacked = Image.new("1", (images[0].image.width, sum(i.image.height for i in images)), 1)
        y = 0
        for part in images:
            stacked.paste(part.image, (0, y))
            y += part.image.height
        got = stacked.crop((0, 0, 64, 48))
        assert got.tobytes() == reference.tobytes(), impl
        assert job.errors == [] and job.unknown == []


def test_common_commands_from_other_software():
    p = Dummy(profile="TM-T88V")
    p.set(align="center", bold=True, double_height=True, double_width=True)  # ESC ! style
    p._raw(b"\x1b!\x38")
    p._raw(b"TOTAL\n")
    p._raw(b"\x1b!\x00\x1ba\x00")
    p.barcode("4006381333931", "EAN13", function_type="A")
    p._raw(b"\x1c.")  # leave Chinese mode: single-byte code page text
    p._raw(b"\x1bt\x10caf\xe9\n")  # ESC t 16 = CP1252
    p._raw(b"\x1c&" + "中文".encode("gb18030") + b"\n")
    p._raw(b"\x1bp\x00\x19\xfa")  # drawer kick
    p._raw(b"\x1d(A\x02\x00\x00\x01")  # unsupported-but-sized GS ( A
    p.cut(mode="PART")
    (job,) = parse(p.output)
    texts = [e for e in job.elements if isinstance(e, PrintedText)]
    total = next(e for e in texts if e.text == "TOTAL")
    assert (total.width_mul, total.height_mul, total.bold, total.align) == (2, 2, True, "center")
    assert any(isinstance(e, PrintedBarcode) and "400638133393" in e.content
               for e in job.elements)
    assert "café" in job.lines and "中文" in job.lines
    assert isinstance(job.elements[-1], PaperCut) and job.elements[-1].partial
    assert job.unknown == [] and job.errors == []


def test_unknown_command_is_reported_with_its_offset():
    data = b"\x1b@\x1c&abc\n\x1b\x7fdef\n"
    (job,) = parse(data)
    assert job.unknown == ["byte offset 8: ESC '\\x7f'"]
    assert "def" in job.lines


def test_truncated_command_at_the_end_is_reported():
    data = b"\x1b@\x1c&" + "受理".encode("gb18030") + b"\n\x1dv0\x00\x02\x00\x10\x00\xff\xff"
    (job,) = parse(data)
    assert job.lines == ["受理"]
    assert any("truncated command at byte offset" in e and "1d 76 30" in e for e in job.errors)


def test_undecodable_chinese_bytes_are_reported():
    data = b"\x1b@\x1c&\xd5\x0a"  # a lead byte cut off by LF
    (job,) = parse(data)
    assert any("undecodable text at byte offset 4" in e for e in job.errors)


def test_long_line_wraps_like_the_printer():
    (job,) = parse(b"\x1b@\x1c&" + ("政" * 20).encode("gb18030") + b"\n", 32, 384)
    assert [len(t) for t in job.text_lines] == [16, 4]


def test_status_queries_are_tokens_and_do_not_print():
    tok = EscPosTokenizer()
    tokens = tok.feed(b"\x10\x04\x01\x10\x04\x04\x1d\x72\x01")
    assert [(t.name, t.args) for t in tokens] == [("DLE EOT", b"\x01"), ("DLE EOT", b"\x04"),
                                                 ("GS r", b"\x01")]
    assert parse(b"\x10\x04\x01") == []


def test_image_wider_than_paper_is_an_error():
    p = Dummy(profile="TM-T88V")
    p.image(Image.new("1", (480, 8), 0))
    (job,) = parse(p.output, 32, 384)
    assert any("480 dots wide, paper has 384" in e for e in job.errors)
    assert isinstance(job.elements[0], PrintedImage)
