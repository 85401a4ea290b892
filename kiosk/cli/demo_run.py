"""`kioskctl demo run`: the kiosk's main job with simulated devices and a local platform.
With a display: the kiosk window. Without: the scripted walkthrough offscreen."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kiosk.cli._registry import group


def run(args) -> int:
    from kiosk.offscreen import has_display
    if has_display() and not args.offscreen:
        return _windowed(args)
    out = Path(args.out or f"out/walkthrough-{time.strftime('%Y%m%d-%H%M%S')}")
    from kiosk.cli.ui import walkthrough
    walk_args = argparse.Namespace(out=str(out), orientations=args.orientations, offscreen=True,
                                   with_devices=True, config=args.config)
    return walkthrough(walk_args)


def _windowed(args) -> int:
    from kiosk.config import load_config
    from kiosk.demo import DemoRig
    rig = DemoRig(Path("out/demo-rig"), devices="process")   # simulators as separate hardware
    services = rig.start()
    from kiosk.app import Kiosk
    kiosk = Kiosk(load_config(args.config), services=services, kiosk_mode=False, long_running=True)
    kiosk.start()
    try:
        return kiosk.app.exec()
    finally:
        kiosk.shutdown()
        rig.stop()


def register(subparsers) -> None:
    parser = group(subparsers, "demo", "demonstration tools").add_parser(
        "run", help="the demo: kiosk window with simulated devices, or the offscreen walkthrough")
    parser.add_argument("--out", help="walkthrough folder (default out/walkthrough-<time>)")
    parser.add_argument("--orientations", default="portrait,landscape")
    parser.add_argument("--offscreen", action="store_true", help="walkthrough even with a display")
    parser.set_defaults(func=run)
