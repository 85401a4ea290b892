"""Shared helpers for the camera tests: polygon IoU and a small generated scene set."""

from __future__ import annotations

import cv2
import numpy as np


def polygon_iou(a, b) -> float:
    a, b = np.asarray(a, np.float32), np.asarray(b, np.float32)
    inter, _ = cv2.intersectConvexConvex(a, b)
    union = cv2.contourArea(a) + cv2.contourArea(b) - inter
    return float(inter / union) if union > 0 else 0.0
