"""The demo rig: simulated devices and a local reference platform, wired into services the way
a real terminal's would be. Grows as device capabilities land; each part is optional so the
demo still runs (with "coming soon" screens) while a capability is missing."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.context import Services

log = logging.getLogger(__name__)


class DemoRig:
    def __init__(self, work_dir: Path, orientation: str = "portrait") -> None:
        self.work_dir = Path(work_dir)
        self.orientation = orientation
        self._stoppers: list = []

    def start(self) -> Services:
        self.work_dir.mkdir(parents=True, exist_ok=True)
        return Services()

    def stop(self) -> None:
        for stop in reversed(self._stoppers):
            try:
                stop()
            except Exception:
                log.exception("demo part failed to stop")
        self._stoppers.clear()
