"""Auto-capture: fire once when the page's corners have stayed still for N frames and the gates pass."""

from __future__ import annotations

import numpy as np


class StillnessTracker:
    """Feed one detection per frame; `update` returns True on the frame that should be captured.

    "Still" means every corner stays within `tolerance` (a fraction of the frame diagonal) of
    where it was when the still run began, so slow drift does not count as still. After firing,
    the tracker waits until the page moves or leaves before it can fire again: the same page
    lying on the platen is captured once.
    """

    def __init__(self, still_frames: int = 8, tolerance: float = 0.006) -> None:
        if still_frames < 1:
            raise ValueError(f"still_frames must be at least 1, got {still_frames}")
        self.still_frames = still_frames
        self.tolerance = tolerance
        self._anchor: np.ndarray | None = None
        self._count = 0
        self._fired = False

    @property
    def progress(self) -> float:
        """0..1: how far the current still run is towards auto-capture (for a progress ring)."""
        return 0.0 if self._fired else min(1.0, self._count / self.still_frames)

    def reset(self) -> None:
        self._anchor, self._count, self._fired = None, 0, False

    def update(self, corners: np.ndarray | None, gates_ok: bool, frame_size: tuple[int, int]) -> bool:
        if corners is None:
            self.reset()
            return False
        corners = np.asarray(corners, np.float32)
        limit = self.tolerance * float(np.hypot(*frame_size))
        if self._anchor is None or float(np.abs(corners - self._anchor).max()) > limit:
            # moved: a new still run starts here, and a new capture is allowed
            self._anchor, self._count, self._fired = corners, 1, False
        else:
            self._count += 1
        if self._fired or not gates_ok:
            return False
        if self._count >= self.still_frames:
            self._fired = True
            return True
        return False
