"""`kioskctl bench soak --sessions N`: N complete simulated journeys through the real app
offscreen (all simulators and the platform); prints sessions/min, RSS, fds, threads, queue."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from kiosk.cli._registry import group


def register(subparsers) -> None:
    bench = group(subparsers, "bench", "benchmarks that print their figures")
    soak = bench.add_parser("soak", help="N full journeys offscreen: sessions/min, RSS, fds, threads, queue")
    soak.add_argument("--sessions", type=int, default=50)
    soak.add_argument("--work-dir", help="scratch folder (default: a temporary one)")
    soak.add_argument("--orientation", choices=("portrait", "landscape"), default="portrait")
    soak.set_defaults(func=run)


def run(args) -> int:
    if args.sessions < 1:
        print("kioskctl bench soak: --sessions must be at least 1", file=sys.stderr)
        return 2
    from kiosk.offscreen import use_offscreen
    use_offscreen()
    from kiosk.soak import run_soak

    def progress(sample) -> None:
        print(f"  after {sample.session:5d} sessions: RSS {sample.rss_mb:7.1f} MB "
              f"(anon {sample.anon_mb}, files {sample.file_mb}), fds {sample.fds}, "
              f"threads {sample.threads}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as scratch:
        work = Path(args.work_dir) if args.work_dir else Path(scratch)
        report = run_soak(args.sessions, work, orientation=args.orientation, on_progress=progress)
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    return 0 if all(report.verdict().values()) else 1
