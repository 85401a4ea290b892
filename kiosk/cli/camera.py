"""`kioskctl camera detect|capture`, `kioskctl sim camera` and `kioskctl bench camera`."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from kiosk.cli._registry import group


def register(subparsers) -> None:
    parser = subparsers.add_parser("camera", help="document camera: page detection and capture")
    verbs = parser.add_subparsers(dest="camera_verb", required=True)

    detect = verbs.add_parser("detect", help="find the page in an image and judge its quality")
    detect.add_argument("image", help="image file (PNG, JPEG, …)")
    detect.add_argument("--json", action="store_true", help="JSON output")
    detect.add_argument("--out", help="write the corrected page (grey, enhanced) to this file")
    detect.add_argument("--dpi", type=int, help="resolution of the corrected page (default: [camera] dpi)")
    detect.set_defaults(func=_detect)

    capture = verbs.add_parser("capture", help="capture pages from a real camera (technician test)")
    capture.add_argument("--device", default="0",
                         help="device index N, or a source spec: scene | device:N | folder:PATH | url:URL")
    capture.add_argument("--out", required=True, help="folder for the captured pages and materials.pdf")
    capture.add_argument("--count", type=int, default=1, help="pages to capture before stopping")
    capture.add_argument("--timeout", type=float, default=60.0, help="give up after this many seconds")
    capture.set_defaults(func=_capture)

    sims = group(subparsers, "sim", "simulators")
    sim = sims.add_parser("camera", help="generated document-camera frames: written with their "
                          "ground_truth.json (--out), or served live on a Unix socket (--serve)")
    output = sim.add_mutually_exclusive_group(required=True)
    output.add_argument("--out", help="output folder")
    output.add_argument("--serve", metavar="SOCKET", help="serve live frames on this Unix socket "
                        "(camera source sim:SOCKET); prints 'listening SOCKET' once ready")
    sim.add_argument("--count", type=int, default=40)
    sim.add_argument("--seed", type=int, default=0)
    sim.add_argument("--width", type=int, default=1920)
    sim.add_argument("--height", type=int, default=1080)
    sim.add_argument("--format", choices=("png", "jpg"), default="png")
    sim.set_defaults(func=_sim)

    bench = group(subparsers, "bench", "benchmarks that print their figures")
    bench_camera = bench.add_parser("camera", help="detection + gates per 1080p frame vs a bare baseline")
    bench_camera.add_argument("--frames", type=int, default=24, help="generated 1080p frames")
    bench_camera.add_argument("--rounds", type=int, default=5, help="passes over the frames")
    bench_camera.add_argument("--seed", type=int, default=7)
    bench_camera.set_defaults(func=_bench)


def _fail(message: str) -> int:
    print(f"kioskctl: {message}", file=sys.stderr)
    return 2


def _camera_config(args):
    from kiosk.config import ConfigError, load_config

    try:
        return load_config(getattr(args, "config", None)).camera
    except ConfigError as exc:
        raise SystemExit(_fail(str(exc))) from None


def thresholds_from_config(camera_config):
    from drivers.camera.quality import Thresholds

    return Thresholds.from_mapping(camera_config.model_dump())


def _detect(args) -> int:
    import cv2

    from drivers.camera import analyze_frame, correct_page
    from drivers.camera.enhance import enhance

    path = Path(args.image)
    if not path.is_file():
        return _fail(f"{path}: no such image file")
    frame = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if frame is None:
        return _fail(f"{path}: not a readable image")
    config = _camera_config(args)
    analysis = analyze_frame(frame, thresholds_from_config(config))
    result = analysis.as_dict()
    if args.out:
        if not analysis.detection.found:
            return _fail(f"{path}: no page found, nothing written to {args.out}")
        page = enhance(correct_page(frame, analysis.detection, args.dpi or config.dpi)).grey
        if not cv2.imwrite(args.out, page):
            return _fail(f"{args.out}: could not write the corrected page (unknown extension?)")
        result["out"] = args.out
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        corners = " ".join(f"({x:.0f},{y:.0f})" for x, y in (result["corners"] or []))
        print(f"{result['verdict']}: {result['hint']}")
        print(f"  found={result['found']} kind={result['kind']} corners TL,TR,BR,BL: {corners or '-'}")
        print("  " + " ".join(f"{k}={v}" for k, v in result["quality"].items()))
    return 0


def _capture(args) -> int:
    from drivers.camera import SourceError, StillnessTracker, analyze_frame, capture_page, open_source
    from drivers.camera.pdf import assemble_pdf

    config = _camera_config(args)
    spec = f"device:{args.device}" if args.device.isdigit() else args.device
    try:
        source = open_source(spec, config.width, config.height)
    except SourceError as exc:
        return _fail(str(exc))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    thresholds = thresholds_from_config(config)
    tracker = StillnessTracker(config.still_frames)
    pages, frames, last_verdict = [], 0, "none"
    deadline = time.monotonic() + args.timeout
    try:
        while len(pages) < args.count and time.monotonic() < deadline:
            frame = source.read()
            if frame is None:
                break
            frames += 1
            analysis = analyze_frame(frame, thresholds)
            if analysis.verdict != last_verdict:
                print(f"frame {frames}: {analysis.verdict} ({analysis.report.hint})", file=sys.stderr)
                last_verdict = analysis.verdict
            size = (frame.shape[1], frame.shape[0])
            if tracker.update(analysis.detection.corners, analysis.report.ok, size):
                page = capture_page(frame, analysis, config.dpi, config.max_jpeg_kb * 1024)
                name = f"page_{len(pages) + 1:03d}"
                (out / f"{name}.jpg").write_bytes(page.grey_jpeg)
                (out / f"{name}_bw.png").write_bytes(page.bw_png)
                pages.append(page)
                print(f"captured {name}.jpg ({len(page.grey_jpeg) // 1024} KB)", file=sys.stderr)
    finally:
        source.close()
    summary = {"source": source.describe(), "frames": frames, "pages": len(pages)}
    if pages:
        pdf = out / "materials.pdf"
        pdf.write_bytes(assemble_pdf([p.grey_jpeg for p in pages], config.dpi))
        summary["pdf"] = str(pdf)
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0 if len(pages) >= args.count else 1


def _sim(args) -> int:
    if args.serve:
        return _serve(args.serve)
    from drivers.camera.scenes import generate_scenes

    if args.count < 1:
        return _fail(f"--count must be at least 1, got {args.count}")
    if args.width < 160 or args.height < 120:
        return _fail(f"frame size {args.width}x{args.height} is too small (min 160x120)")
    truths = generate_scenes(args.out, args.count, args.seed, args.width, args.height, args.format)
    counts: dict[str, int] = {}
    for truth in truths:
        counts[truth.degradation] = counts.get(truth.degradation, 0) + 1
    print(json.dumps({"out": args.out, "frames": len(truths), "degradations": counts,
                      "ground_truth": str(Path(args.out) / "ground_truth.json")}, ensure_ascii=False, indent=2))
    return 0


def _serve(socket_path: str) -> int:
    from drivers.camera.scenes import LiveSceneSource
    from drivers.camera.stream import serve_frames

    def listening() -> None:
        print(f"listening {socket_path}", flush=True)

    try:
        serve_frames(socket_path, LiveSceneSource, listening)   # LiveSceneSource(width, height)
    except KeyboardInterrupt:
        return 0
    except OSError as exc:
        return _fail(f"sim camera: cannot serve on {socket_path}: {exc}")
    return 0


def _bench(args) -> int:
    from kiosk.cli._camera_bench import run_camera_bench

    return run_camera_bench(args.frames, args.rounds, args.seed)
