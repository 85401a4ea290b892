"""Plugin seam for the photo: the 1024-byte WLT image needs the reader vendor's licensed decoder.

No open decoder exists (reference §3.8), so the driver keeps the raw WLT bytes and, when a vendor
library is configured, loads it with ctypes. Its absence or failure never fails a card read.
Supported entry point: libwlt2bmp-style `int unpack(char *wlt, char *bmp, int flag)` returning 1
on success and writing a 38 862-byte BMP (102×126, 24-bit).
"""

from __future__ import annotations

import ctypes
import logging
import os
from typing import Protocol

log = logging.getLogger(__name__)

WLT_SIZE = 1024
BMP_SIZE = 38862  # 54-byte header + 126 rows × 308 bytes


class PhotoDecoder(Protocol):
    def decode(self, wlt: bytes) -> bytes | None: ...


class CtypesWltDecoder:
    """Wraps a vendor shared library exporting `unpack(src, dst, flag)`."""

    def __init__(self, library_path: str, entry: str = "unpack"):
        self._lib = ctypes.CDLL(library_path)
        self._unpack = getattr(self._lib, entry)
        self._unpack.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int]
        self._unpack.restype = ctypes.c_int
        self.path = library_path

    def decode(self, wlt: bytes) -> bytes | None:
        if len(wlt) != WLT_SIZE:
            log.warning("WLT photo has %d bytes, expected %d; not decoded", len(wlt), WLT_SIZE)
            return None
        src = ctypes.create_string_buffer(bytes(wlt), WLT_SIZE)
        dst = ctypes.create_string_buffer(BMP_SIZE + 1024)  # slack: vendors differ on padding
        result = self._unpack(src, dst, 1)
        if result != 1:
            log.warning("vendor WLT decoder returned %d; photo kept as raw WLT", result)
            return None
        return dst.raw[:BMP_SIZE]


def load_decoder(library_path: str) -> PhotoDecoder | None:
    """The configured decoder, or None (logged) when none is configured or it cannot load."""
    if not library_path:
        log.info("no WLT photo decoder configured; photos are kept as raw WLT bytes")
        return None
    if not os.path.exists(library_path):
        log.warning("WLT photo decoder %s does not exist; photos are kept as raw WLT", library_path)
        return None
    try:
        return CtypesWltDecoder(library_path)
    except (OSError, AttributeError) as exc:
        log.warning("WLT photo decoder %s could not be loaded (%s); photos kept as raw WLT",
                    library_path, exc)
        return None


def decode_photo(decoder: PhotoDecoder | None, wlt: bytes) -> bytes | None:
    """Decode with the plugin if there is one; any failure is logged and yields None."""
    if decoder is None or not wlt:
        return None
    try:
        return decoder.decode(wlt)
    except Exception:  # a vendor binary may fail in any way; the read itself must survive
        log.exception("WLT photo decoder failed; photo kept as raw WLT")
        return None
