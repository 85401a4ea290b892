"""Free-disk watermark: below it new applications are refused before anything is written."""

from __future__ import annotations

import shutil
from pathlib import Path

from offline_store.errors import LowDisk


def free_mb(path: Path) -> float:
    return shutil.disk_usage(path).free / (1024 * 1024)


def ensure_room(path: Path, min_free_mb: float, incoming_bytes: int = 0) -> None:
    """Raise LowDisk when writing `incoming_bytes` would leave less than the watermark free."""
    free = free_mb(path)
    after = free - incoming_bytes / (1024 * 1024)
    if after < min_free_mb:
        raise LowDisk(
            f"free disk space on {path} is {free:.0f} MB (watermark {min_free_mb:.0f} MB): "
            "new applications are refused until space is freed; queued items are kept"
        )
