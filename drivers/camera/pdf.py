"""Multi-page materials as one PDF: JPEG pages kept under a byte budget, assembled by img2pdf."""

from __future__ import annotations

import logging
import sys

import cv2
import numpy as np

log = logging.getLogger(__name__)


def _img2pdf_without_pikepdf():
    """img2pdf, made to use its own PDF writer: on import it loads pikepdf (qpdf, ~45 modules)
    when installed, which JPEG pages wrapped as they are never need, and which would then stay
    in the kiosk's memory. Anyone else may still import pikepdf afterwards."""
    blocked = "pikepdf" not in sys.modules
    if blocked:
        sys.modules["pikepdf"] = None  # makes `import pikepdf` raise ImportError
    try:
        import img2pdf
    finally:
        if blocked:
            del sys.modules["pikepdf"]
    return img2pdf


img2pdf = _img2pdf_without_pikepdf()


def encode_jpeg_within(image: np.ndarray, max_bytes: int, dpi: int | None = None,
                       quality: int = 85, min_quality: int = 35) -> bytes:
    """JPEG of `image` no larger than `max_bytes`: lower the quality first (binary search), then
    shrink the image if even `min_quality` is too big."""
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")

    def encode(img: np.ndarray, q: int) -> bytes:
        ok, data = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, q, cv2.IMWRITE_JPEG_OPTIMIZE, 1])
        if not ok:
            raise ValueError("JPEG encoding failed")
        return data.tobytes()

    current = image
    while True:
        best = encode(current, quality)
        if len(best) <= max_bytes:
            return best
        lo, hi, found = min_quality, quality - 1, None
        while lo <= hi:
            mid = (lo + hi) // 2
            data = encode(current, mid)
            if len(data) <= max_bytes:
                found, lo = data, mid + 1
            else:
                hi = mid - 1
        if found is not None:
            return found
        if min(current.shape[:2]) < 64:
            raise ValueError(f"cannot fit the page into {max_bytes} bytes")
        log.info("page over %d bytes at quality %d: shrinking to 85 %%", max_bytes, min_quality)
        current = cv2.resize(current, None, fx=0.85, fy=0.85, interpolation=cv2.INTER_AREA)


def assemble_pdf(jpeg_pages: list[bytes], dpi: int = 150) -> bytes:
    """One PDF from JPEG pages; the page size follows each image at `dpi` (A4 at 150 dpi → A4)."""
    if not jpeg_pages:
        raise ValueError("no pages to assemble")
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    return img2pdf.convert(list(jpeg_pages), layout_fun=layout)
