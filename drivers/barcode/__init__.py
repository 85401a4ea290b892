"""QR and barcode reading (no Qt): `decode(image, backend="zxing") -> list[BarcodeResult]`."""

from drivers.barcode.decoders import BACKENDS, BackendUnavailable, BarcodeResult, decode

__all__ = ["BACKENDS", "BackendUnavailable", "BarcodeResult", "decode"]
