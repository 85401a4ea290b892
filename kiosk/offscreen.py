"""Run Qt without a display: the offscreen platform with an emulated panel of the configured
size. Must be called before the QApplication exists."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def use_offscreen(width: int = 1080, height: int = 1920) -> None:
    path = Path(tempfile.gettempdir()) / f"kiosk-offscreen-{width}x{height}.json"
    path.write_text(json.dumps({"screens": [{"name": "kiosk", "x": 0, "y": 0, "width": width,
                                              "height": height, "logicalDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={path}"
