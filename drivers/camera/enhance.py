"""Enhancement of a corrected page: illumination flattening, a grey archival copy, a b/w copy."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class EnhancedPage:
    grey: np.ndarray  # uint8, illumination flattened: the archival copy
    bw: np.ndarray  # uint8, 0 or 255: the copy for printing and small attachments


def flatten_illumination(gray: np.ndarray, kernel: int = 31) -> np.ndarray:
    """Divide the page by its morphological closing (the paper without the ink), so shadows and
    uneven lighting become an even white while the ink keeps its contrast."""
    k = max(3, kernel | 1)
    background = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    flat = cv2.divide(gray, np.maximum(background, 1), scale=245)
    return flat


def binarize(gray: np.ndarray, block: int = 31, offset: int = 15) -> np.ndarray:
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY,
                                 max(3, block | 1), offset)


def enhance(page: np.ndarray) -> EnhancedPage:
    """Grey (flattened) and b/w copies of a corrected page (BGR or grey)."""
    gray = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY) if page.ndim == 3 else page
    # The closing kernel follows the page size: about 2.5 % of the short side (31 px at 150 dpi A4).
    kernel = int(min(gray.shape[:2]) * 0.025)
    flat = flatten_illumination(gray, kernel)
    return EnhancedPage(flat, binarize(flat))
