"""`kioskctl barcode decode` and `kioskctl bench barcode`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kiosk.cli._registry import group

DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "qr"  # ../shared/corpora/qr


def register(subparsers) -> None:
    parser = subparsers.add_parser("barcode", help="QR codes and barcodes")
    verbs = parser.add_subparsers(dest="barcode_verb", required=True)
    decode = verbs.add_parser("decode", help="decode every barcode in an image")
    decode.add_argument("image")
    decode.add_argument("--json", action="store_true", help="JSON output")
    decode.add_argument("--backend", choices=("zxing", "zbar"),
                        help="decoder (default: [barcode] backend of the configuration)")
    decode.set_defaults(func=_decode)

    bench = group(subparsers, "bench", "benchmarks that print their figures")
    bench_barcode = bench.add_parser("barcode", help="QR decode per 1080p frame, and the QR corpus, per backend")
    bench_barcode.add_argument("--corpus", default=str(DEFAULT_CORPUS),
                               help="folder of images with NAME.txt expectations (default: ../shared/corpora/qr)")
    bench_barcode.add_argument("--frames", type=int, default=12)
    bench_barcode.add_argument("--rounds", type=int, default=5)
    bench_barcode.set_defaults(func=_bench)


def _fail(message: str) -> int:
    print(f"kioskctl: {message}", file=sys.stderr)
    return 2


def _decode(args) -> int:
    import cv2

    from drivers.barcode import BackendUnavailable, decode

    path = Path(args.image)
    if not path.is_file():
        return _fail(f"{path}: no such image file")
    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if image is None:
        return _fail(f"{path}: not a readable image")
    backend = args.backend
    if backend is None:
        from kiosk.config import ConfigError, load_config

        try:
            backend = load_config(getattr(args, "config", None)).barcode.backend
        except ConfigError as exc:
            return _fail(str(exc))
    try:
        results = decode(image, backend=backend)
    except BackendUnavailable as exc:
        return _fail(str(exc))
    rows = [{"format": r.format, "text": r.text if r.readable else "unreadable"} for r in results]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not rows:
        print("no barcode found")
    else:
        for row in rows:
            print(f"{row['format']}: {row['text']}")
    return 0


def _bench(args) -> int:
    from kiosk.cli._camera_bench import run_barcode_bench

    return run_barcode_bench(Path(args.corpus), args.frames, args.rounds)
