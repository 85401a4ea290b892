"""UI verbs: `kioskctl screenshots`, `kioskctl walkthrough`, `kioskctl bench startup`,
`kioskctl admin hash-pin`."""

from __future__ import annotations

import getpass
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from kiosk.cli._registry import group


def _prepare_qt(width: int, height: int) -> None:
    from kiosk.offscreen import use_offscreen
    use_offscreen(width, height)


def _kiosk_for(args, orientation: str, services=None):
    from kiosk.config import load_config
    environ = dict(os.environ)
    width, height = (1080, 1920) if orientation == "portrait" else (1920, 1080)
    environ.update({"KIOSK_SCREEN__ORIENTATION": orientation, "KIOSK_SCREEN__WIDTH": str(width),
                    "KIOSK_SCREEN__HEIGHT": str(height)})
    config = load_config(args.config, environ=environ)
    from kiosk.app import Kiosk
    kiosk = Kiosk(config, services=services)
    kiosk.start()
    kiosk.window.resize(width, height)
    return kiosk


def screenshots(args) -> int:
    _prepare_qt(1920, 1920)
    from kiosk.showcase import Shot, iter_screens, save
    out = Path(args.out)
    count = 0
    for orientation in ("portrait", "landscape"):
        kiosk = _kiosk_for(args, orientation)
        index = 0
        for mode, elder in (("normal", False), ("elder", True)):
            for name, _screen in iter_screens(kiosk, elder):
                index += 1
                save(kiosk.window, out / Shot(index, name, mode, orientation).filename())
                count += 1
        kiosk.shutdown()
    print(f"{count} screenshots written to {out.resolve()}")
    return 0


def walkthrough(args) -> int:
    from kiosk.offscreen import has_display
    if not has_display() or args.offscreen:
        _prepare_qt(1920, 1920)
    from kiosk import walkthrough as walk_module
    out = Path(args.out)
    failures = []
    total = 0
    for orientation in args.orientations.split(","):
        demo = None
        if args.with_devices:
            from kiosk.app import Kiosk
            from kiosk.demo import DemoRig
            # reader and printer simulators as their own processes, as separate hardware
            demo = DemoRig(Path(args.out) / f"rig-{orientation}", orientation=orientation,
                           config_file=args.config, devices="process")
            services = demo.start()
            kiosk = Kiosk(demo.config, services=services, health=demo.health)
            kiosk.rig = demo
            kiosk.start()
            kiosk.window.resize(demo.config.screen.width, demo.config.screen.height)
        else:
            kiosk = _kiosk_for(args, orientation)
        try:
            walk = walk_module.run(kiosk, out, orientation)
        finally:
            kiosk.shutdown()
            if demo is not None:
                demo.stop()
        failures += walk.failures
        total += len(walk.saved)
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    print(f"walkthrough: {total} screenshots in {out.resolve()}" + (f", {len(failures)} failed steps" if failures else ""))
    return 1 if failures else 0


_BARE_WINDOW = """
import os, resource, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("政务服务自助终端")
label.resize(1080, 1920)
label.show()
def ready():
    print("READY", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""

_KIOSK_APP = """
import resource, sys
from PySide6.QtCore import QTimer
from kiosk.config import load_config
from kiosk.app import Kiosk
kiosk = Kiosk(load_config())
kiosk.start()
def ready():
    print("READY", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    kiosk.quit()
QTimer.singleShot(0, ready)
kiosk.app.exec()
"""


def _time_to_ready(code: str, env: dict) -> tuple[float, float]:
    """Seconds from process start until the event loop runs with the window shown; peak RSS MB."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env=env)
    for line in process.stdout:
        if line.startswith("READY"):
            elapsed = time.perf_counter() - started
            rss_mb = int(line.split()[1]) / 1024
            process.wait(timeout=30)
            return elapsed, rss_mb
    process.wait(timeout=30)
    raise RuntimeError("process ended before the window was ready")


def bench_startup(args) -> int:
    _prepare_qt(1080, 1920)
    env = dict(os.environ)
    env["KIOSK_PATHS__LOG_DIR"] = str(Path(os.environ.get("TMPDIR", "/tmp")) / "kiosk-bench-log")
    rows = {}
    for label, code in (("bare PySide6 window", _BARE_WINDOW), ("kiosk home screen", _KIOSK_APP)):
        runs = [_time_to_ready(code, env) for _ in range(args.runs)]
        rows[label] = {"median_s": statistics.median(r[0] for r in runs), "max_s": max(r[0] for r in runs),
                       "peak_rss_mb": max(r[1] for r in runs)}
    kiosk_row = rows["kiosk home screen"]
    result = {"runs": args.runs, **rows, "budget": {"startup_s": 1.5, "peak_rss_mb": 150},
              "within_budget": kiosk_row["median_s"] <= 1.5 and kiosk_row["peak_rss_mb"] <= 150}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for label, row in rows.items():
            print(f"{label:22s} start→interactive median {row['median_s']*1000:6.0f} ms  "
                  f"max {row['max_s']*1000:6.0f} ms  peak RSS {row['peak_rss_mb']:6.1f} MB")
        print(f"budget: ≤ 1500 ms, ≤ 150 MB → {'OK' if result['within_budget'] else 'OVER BUDGET'}")
    return 0


def hash_pin_cmd(args) -> int:
    from kiosk.pin import hash_pin
    pin = args.pin or getpass.getpass("新维护密码 / new PIN: ")
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        print("kioskctl: the PIN must be 4–12 digits", file=sys.stderr)
        return 2
    print(hash_pin(pin))
    return 0


def register(subparsers) -> None:
    shots = subparsers.add_parser("screenshots", help="render every screen (normal/elder, portrait/landscape) to PNG")
    shots.add_argument("--out", required=True)
    shots.set_defaults(func=screenshots)

    walk = subparsers.add_parser("walkthrough", help="scripted walk through every screen, a PNG per step")
    walk.add_argument("--out", required=True)
    walk.add_argument("--orientations", default="portrait,landscape")
    walk.add_argument("--offscreen", action="store_true", help="offscreen even when a display exists")
    walk.add_argument("--with-devices", action="store_true",
                      help="start the simulated devices and a local platform (the demo does)")
    walk.set_defaults(func=walkthrough)

    startup = group(subparsers, "bench", "benchmarks (print figures)").add_parser(
        "startup", help="time from process start to an interactive home screen, and peak RSS")
    startup.add_argument("--runs", type=int, default=5)
    startup.add_argument("--json", action="store_true")
    startup.set_defaults(func=bench_startup)

    admin = subparsers.add_parser("admin", help="technician tools")
    admin_verbs = admin.add_subparsers(dest="admin_verb", required=True)
    hash_parser = admin_verbs.add_parser("hash-pin", help="print the pin_hash line for a new technician PIN")
    hash_parser.add_argument("--pin", help="the PIN (asked for when omitted)")
    hash_parser.set_defaults(func=hash_pin_cmd)
