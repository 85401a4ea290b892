"""QR and barcode decoding: zxing-cpp by default, pyzbar (the `zbar` extra) as an alternative.

Both backends return the same `BarcodeResult`. A symbol that was found but whose payload the
backend cannot turn into text (odd encodings, decoder exceptions) is returned with
`text=None` — "unreadable" — so a scanning loop can say so instead of crashing.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)
BACKENDS = ("zxing", "zbar")
SYMBOLOGIES = ("all", "qr")  # "qr": QR codes only, about 7× faster on a busy 1080p frame (measured)


class BackendUnavailable(RuntimeError):
    """The requested backend is not installed (the message says how to install it)."""


@dataclass(frozen=True)
class BarcodeResult:
    format: str  # e.g. "QRCode", "EAN13" (zxing names; zbar types are mapped onto them)
    text: str | None  # None: found but unreadable
    position: tuple[tuple[int, int], ...] = ()  # corners TL, TR, BR, BL in image pixels

    @property
    def readable(self) -> bool:
        return self.text is not None

    def as_dict(self) -> dict:
        return {"format": self.format, "text": self.text, "position": [list(p) for p in self.position]}


def _digest(text: str) -> str:
    """Payloads may carry personal data: log a short hash, never the text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _gray(image: np.ndarray) -> np.ndarray:
    if image is None or not isinstance(image, np.ndarray) or image.size == 0:
        raise ValueError("decode needs a non-empty numpy image (BGR or grey)")
    if image.ndim == 2:
        return np.ascontiguousarray(image)
    if image.ndim == 3 and image.shape[2] in (3, 4):
        import cv2

        code = cv2.COLOR_BGR2GRAY if image.shape[2] == 3 else cv2.COLOR_BGRA2GRAY
        return cv2.cvtColor(image, code)
    raise ValueError(f"unsupported image shape {image.shape}; expected HxW or HxWx3")


def _decode_zxing(gray: np.ndarray, symbologies: str = "all") -> list[BarcodeResult]:
    import zxingcpp

    results = []
    options = {"text_mode": zxingcpp.TextMode.Plain}  # the payload as encoded, no "<SOH>" markers
    if symbologies == "qr":
        options["formats"] = zxingcpp.BarcodeFormat.QRCode
    for symbol in zxingcpp.read_barcodes(gray, **options):
        p = symbol.position
        corners = tuple((int(q.x), int(q.y)) for q in (p.top_left, p.top_right, p.bottom_right, p.bottom_left))
        name = getattr(symbol.format, "name", str(symbol.format))
        try:
            text = symbol.text
        except (UnicodeDecodeError, ValueError) as exc:  # text conversion of an odd payload
            log.warning("zxing: %s symbol unreadable (%s)", name, type(exc).__name__)
            text = None
        results.append(BarcodeResult(name, text, corners))
    return results


_ZBAR_FORMATS = {"QRCODE": "QRCode", "EAN13": "EAN13", "EAN8": "EAN8", "CODE128": "Code128",
                 "CODE39": "Code39", "CODE93": "Code93", "I25": "ITF", "UPCA": "UPCA", "UPCE": "UPCE",
                 "PDF417": "PDF417", "DATABAR": "DataBar", "CODABAR": "Codabar"}


def repair_zbar_text(data: bytes) -> str | None:
    """Text of a zbar payload. zbar guesses the QR text encoding and sometimes takes UTF-8 Chinese
    for Shift-JIS, converting it to mojibake (北京市朝阳区 → 蛹嶺ｺｬ…). If the text maps back to
    Shift-JIS bytes that are valid UTF-8 with CJK in them, those were the real bytes."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    try:
        original = text.encode("shift_jis").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text
    if original != text and any("\u4e00" <= ch <= "\u9fff" for ch in original):
        return original
    return text


def _decode_zbar(gray: np.ndarray, symbologies: str = "all") -> list[BarcodeResult]:
    try:
        from pyzbar import pyzbar
    except (ImportError, OSError) as exc:  # no package, or no libzbar0 shared library
        raise BackendUnavailable(
            f"pyzbar backend unavailable ({exc}); install with `pip install 'kiosk[zbar]'` "
            "and the system package libzbar0") from exc
    results = []
    symbols = [pyzbar.ZBarSymbol.QRCODE] if symbologies == "qr" else None
    for symbol in pyzbar.decode(gray, symbols=symbols):
        pts = symbol.polygon
        if len(pts) == 4:
            # zbar lists the polygon counter-clockwise from TL; reorder to TL, TR, BR, BL
            xy = np.array([(p.x, p.y) for p in pts], np.float32)
            s, d = xy.sum(axis=1), xy[:, 1] - xy[:, 0]
            order = [int(np.argmin(s)), int(np.argmin(d)), int(np.argmax(s)), int(np.argmax(d))]
            corners = tuple((int(xy[i][0]), int(xy[i][1])) for i in order)
        else:
            r = symbol.rect
            corners = ((r.left, r.top), (r.left + r.width, r.top), (r.left + r.width, r.top + r.height),
                       (r.left, r.top + r.height))
        text = repair_zbar_text(symbol.data)
        if text is None:
            log.warning("zbar: %s symbol with undecodable bytes (%d bytes)", symbol.type, len(symbol.data))
        results.append(BarcodeResult(_ZBAR_FORMATS.get(symbol.type, symbol.type), text, corners))
    return results


def decode(image_bgr_or_gray: np.ndarray, backend: str = "zxing", symbologies: str = "all") -> list[BarcodeResult]:
    """All barcodes in the image (`symbologies="qr"`: QR codes only). Never raises for what is in
    the picture: a decoder failure is logged and reported as one unreadable result. Raises
    ValueError for a bad image, backend or symbology name, BackendUnavailable when pyzbar/libzbar
    is missing."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown barcode backend {backend!r}; expected one of {BACKENDS}")
    if symbologies not in SYMBOLOGIES:
        raise ValueError(f"unknown symbologies {symbologies!r}; expected one of {SYMBOLOGIES}")
    gray = _gray(image_bgr_or_gray)
    decoder = _decode_zxing if backend == "zxing" else _decode_zbar
    try:
        results = decoder(gray, symbologies)
    except BackendUnavailable:
        raise
    except Exception as exc:  # noqa: BLE001 — a decoder bug on an odd payload must not end the scan
        log.warning("%s decoder failed on a %dx%d image: %s: %s", backend, gray.shape[1], gray.shape[0],
                    type(exc).__name__, exc)
        return [BarcodeResult("unknown", None, ())]
    for result in results:
        if result.text is not None:
            log.debug("%s: %s payload sha256:%s", backend, result.format, _digest(result.text))
    return results
