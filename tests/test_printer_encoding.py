"""Encoder bytes: Chinese mode, GB18030 text, sizes, full-width ¥, image fallback, QR choice."""

from __future__ import annotations

import pytest

from drivers.printer.encoder import EscPosEncoder, printable_as_text, size_byte
from drivers.printer.layout import PAPER_58, PAPER_80, Layout
from drivers.printer.parser import PrintedImage, PrintedQr, PrintedText, parse


def encode(build, paper=PAPER_80, profile="TM-T88V", native_qr=True) -> bytes:
    lay = Layout(paper)
    build(lay)
    return EscPosEncoder(paper, profile, native_qr).encode(lay.doc)


def test_job_starts_with_init_and_chinese_mode_and_text_is_gb18030():
    data = encode(lambda lay: lay.text("政务服务中心"))
    assert data.startswith(b"\x1b@\x1c&")
    assert "政务服务中心".encode("gb18030") + b"\n" in data


def test_punctuation_only_line_is_not_lost():
    # python-escpos 3.1 turns this into "?????" (no ideograph → single-byte code page).
    data = encode(lambda lay: lay.text("（）【】"))
    assert "（）【】".encode("gb18030") in data and b"?" not in data
    assert b"\x1bt" not in data  # no single-byte code page switch


def test_yen_sign_is_printed_full_width():
    data = encode(lambda lay: lay.text("金额¥12"))
    assert "金额￥12".encode("gb18030") in data
    assert b"\x81\x30\x84\x36" not in data  # the 4-byte GB18030 form of U+00A5


def test_sizes_use_gs_exclamation_and_alignment_uses_esc_a():
    data = encode(lambda lay: lay.title("受理回执"))
    assert b"\x1ba\x01" in data and b"\x1d!\x11" in data
    assert b"\x1b!" not in data
    assert size_byte(3, 3) == 0x22 and size_byte(1, 2) == 0x01
    with pytest.raises(ValueError):
        size_byte(9, 1)


@pytest.mark.parametrize("text, ok", [("张三", True), ("刘䶮", False), ("𠮷野家", False),
                                      ("（）、。￥", True), ("lǜ café", True),
                                      ("Straße", False)])
def test_printable_as_text_is_strict_gbk(text, ok):
    assert printable_as_text(text) is ok


@pytest.mark.parametrize("paper", [PAPER_58, PAPER_80])
def test_rare_glyph_line_becomes_a_paper_wide_image(paper):
    data = encode(lambda lay: lay.text("正常一行").text("申请人：刘䶮").text("再一行"), paper)
    (job,) = parse(data, paper.columns, paper.dots)
    kinds = [type(e).__name__ for e in job.elements]
    assert kinds == ["PrintedText", "PrintedImage", "PrintedText"]
    img = job.elements[1].image
    assert img.width == paper.dots and 24 <= img.height <= 40
    assert 0 < img.convert("L").histogram()[0] < img.width * img.height // 2  # ink, not a block
    assert "䶮" not in "".join(job.text_lines) and "刘䶮".encode("gb18030") not in data


def test_native_qr_only_when_the_profile_supports_it():
    native = encode(lambda lay: lay.qr("R1"), PAPER_58, "TM-T88V", native_qr=True)
    assert b"\x1d(k" in native
    fallback = encode(lambda lay: lay.qr("R1"), PAPER_58, "POS-5890", native_qr=True)
    assert b"\x1d(k" not in fallback and b"\x1dv0" in fallback
    (job,) = parse(fallback, 32, 384)
    assert isinstance(job.elements[0], PrintedImage)
    (job,) = parse(native, 32, 384)
    assert isinstance(job.qr_codes[0], PrintedQr) and job.qr_codes[0].content == "R1"


def test_image_qr_has_a_four_module_quiet_zone():
    from drivers.printer.encoder import qr_image, qr_matrix

    module = 6
    img = qr_image("330106-K07-20240506-0042-X", PAPER_58, module).convert("L")
    modules = qr_matrix("330106-K07-20240506-0042-X").width
    assert img.width == (modules + 8) * module
    border = 4 * module
    for box in [(0, 0, img.width, border), (0, 0, border, img.height),
                (img.width - border, 0, img.width, img.height)]:
        assert img.crop(box).getextrema() == (255, 255)


def test_text_state_commands_are_sent_only_on_change():
    data = encode(lambda lay: lay.text("一").text("二").text("三"))
    assert data.count(b"\x1ba") == 0 and data.count(b"\x1d!") == 0
    (job,) = parse(data)
    assert [e.text for e in job.elements if isinstance(e, PrintedText)] == ["一", "二", "三"]


def test_unknown_profile_is_a_clear_error():
    with pytest.raises(ValueError, match="NOPE-1"):
        EscPosEncoder(PAPER_80, "NOPE-1")
