"""QR decoding with both backends: Chinese UTF-8 payloads, positions, odd payloads, bad input."""

from __future__ import annotations

import numpy as np
import pytest
import qrcode

from drivers.barcode import BarcodeResult, decode
from drivers.barcode import decoders as dec
from drivers.camera.scenes import make_scene

CHINESE = ["北京市朝阳区", "办件编号：20260115001，事项：社会保障卡补办", "郴州市北湖区政务服务中心 预约码 8841"]


def qr_image(payload: bytes, box: int = 6) -> np.ndarray:
    code = qrcode.QRCode(box_size=box, border=4)
    code.add_data(payload)
    code.make(fit=True)
    return np.array(code.make_image().get_image().convert("L"))


@pytest.mark.parametrize("text", CHINESE)
def test_zxing_reads_chinese_utf8(text):
    results = decode(qr_image(text.encode("utf-8")))
    assert [(r.format, r.text) for r in results] == [("QRCode", text)]
    xs = [p[0] for p in results[0].position]
    assert len(results[0].position) == 4 and min(xs) >= 20  # inside the quiet zone, in pixels


@pytest.mark.parametrize("text", CHINESE)
def test_zbar_backend_reads_chinese_utf8(text):
    pytest.importorskip("pyzbar.pyzbar")
    results = decode(qr_image(text.encode("utf-8")), backend="zbar")
    assert [(r.format, r.text) for r in results] == [("QRCode", text)]


def test_zbar_shift_jis_mojibake_is_repaired():
    mojibake = "北京市朝阳区".encode("utf-8").decode("shift_jis", errors="strict")
    assert dec.repair_zbar_text(mojibake.encode("utf-8")) == "北京市朝阳区"
    assert dec.repair_zbar_text("今度のバージョン".encode("utf-8")) == "今度のバージョン"  # real Japanese stays
    assert dec.repair_zbar_text(b"\xff\xfe") is None


def test_qr_on_a_generated_camera_frame_is_read():
    frame, truth = make_scene(np.random.default_rng(4), 1920, 1080, "none", kind="form", qr=True)
    assert truth.qr_text
    assert truth.qr_text in [r.text for r in decode(frame)]


def test_odd_binary_payload_does_not_crash_either_backend():
    image = qr_image(bytes([0x82, 0xA0, 0xFF, 0x00, 0x81]))
    for backend in ("zxing", "zbar"):
        results = decode(image, backend=backend)
        assert all(isinstance(r, BarcodeResult) for r in results)


def test_decoder_exception_becomes_unreadable(monkeypatch, caplog):
    def explode(gray):
        raise UnicodeDecodeError("shift_jis", b"\x82", 0, 1, "illegal multibyte sequence")

    monkeypatch.setattr(dec, "_decode_zxing", explode)
    results = decode(np.zeros((50, 50), np.uint8))
    assert results == [BarcodeResult("unknown", None, ())]
    assert not results[0].readable
    assert "zxing decoder failed" in caplog.text


def test_missing_zbar_library_is_reported(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pyzbar(name, *args, **kwargs):
        if name.startswith("pyzbar"):
            raise ImportError("Unable to find zbar shared library")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyzbar)
    with pytest.raises(dec.BackendUnavailable, match="libzbar0"):
        decode(np.zeros((50, 50), np.uint8), backend="zbar")


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="backend"):
        decode(np.zeros((10, 10), np.uint8), backend="wechat")
    with pytest.raises(ValueError, match="non-empty"):
        decode(np.zeros((0, 0), np.uint8))
    with pytest.raises(ValueError, match="shape"):
        decode(np.zeros((10, 10, 2), np.uint8))


def test_qr_only_mode_ignores_other_symbologies():
    import zxingcpp

    symbol = zxingcpp.create_barcode("9787111123453", zxingcpp.BarcodeFormat.EAN13)
    ean = np.pad(np.array(zxingcpp.write_barcode_to_image(symbol, scale=3)), 30, constant_values=255)
    assert [r.format for r in decode(ean)] == ["EAN13"]
    assert decode(ean, symbologies="qr") == []
    assert [r.text for r in decode(qr_image("进度查询".encode("utf-8")), symbologies="qr")] == ["进度查询"]
    with pytest.raises(ValueError, match="symbologies"):
        decode(ean, symbologies="everything")
