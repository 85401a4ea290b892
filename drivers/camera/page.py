"""Page detection on a downscaled frame, and perspective correction at full resolution.

Primary method: Canny edges → external contours → 4-point approximation. A candidate is kept
only if the band just outside it differs from the band just inside (a table or a printed border
inside the page has paper on both sides, the page itself has the background outside). When edges
give nothing, Otsu segmentation of the bright paper is the fallback; it also finds a page that
runs off the frame, which the edges cannot close into a quadrilateral.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

MM_PER_INCH = 25.4
PAGE_SIZES_MM = {"a4": (210.0, 297.0), "card": (85.6, 54.0)}  # (width, height) as printed


@dataclass(frozen=True)
class PageDetection:
    """Where the page is in a frame. Corners are TL, TR, BR, BL in full-resolution pixels."""

    found: bool
    corners: np.ndarray | None = None  # shape (4, 2), float32
    frame_size: tuple[int, int] = (0, 0)  # (width, height)
    area_fraction: float = 0.0
    touches_border: bool = False
    kind: str | None = None  # "a4" | "card"
    method: str = ""  # "edges" | "segment"
    notes: dict = field(default_factory=dict)

    def corners_list(self) -> list[list[float]] | None:
        if self.corners is None:
            return None
        return [[round(float(x), 1), round(float(y), 1)] for x, y in self.corners]


def order_corners(points: np.ndarray) -> np.ndarray:
    """Order four points as TL, TR, BR, BL (smallest x+y first, then by y−x)."""
    pts = np.asarray(points, np.float32).reshape(4, 2)
    s, d = pts.sum(axis=1), pts[:, 1] - pts[:, 0]
    ordered = np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]])
    if len({tuple(p) for p in ordered.tolist()}) < 4:  # degenerate at 45°: order by angle instead
        centre = pts.mean(axis=0)
        angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
        ring = pts[np.argsort(angles)]  # clockwise in image coordinates, starting near −180°
        start = int(np.argmin(ring.sum(axis=1)))
        ordered = np.roll(ring, -start, axis=0)
    return ordered.astype(np.float32)


def quad_area(corners: np.ndarray) -> float:
    return float(abs(cv2.contourArea(np.asarray(corners, np.float32).reshape(-1, 1, 2))))


def _scaled(quad: np.ndarray, factor: float) -> np.ndarray:
    centre = quad.mean(axis=0)
    return (quad - centre) * factor + centre


def _band_median(gray: np.ndarray, outer: np.ndarray, inner: np.ndarray) -> float | None:
    mask = np.zeros(gray.shape, np.uint8)
    cv2.fillConvexPoly(mask, np.round(outer).astype(np.int32), 255)
    cv2.fillConvexPoly(mask, np.round(inner).astype(np.int32), 0)
    values = gray[mask > 0]
    return float(np.median(values)) if values.size >= 20 else None


def _is_page_boundary(gray: np.ndarray, quad: np.ndarray) -> bool:
    """True when the paper stops at the quad: the band inside is clearly brighter than outside.

    Paper is lighter than the platen of a document camera; a table, a photo box or a coloured
    band printed on the page has paper (lighter) around it and is rejected here.
    """
    inside = _band_median(gray, quad, _scaled(quad, 0.93))
    outside = _band_median(gray, _scaled(quad, 1.06), quad)
    if inside is None or outside is None:
        return True  # the quad fills the frame: nothing outside to compare with
    return inside - outside > 0.1 * inside + 4


def _touches_border(quad: np.ndarray, width: int, height: int, margin: float) -> bool:
    xs, ys = quad[:, 0], quad[:, 1]
    return bool(xs.min() <= margin or ys.min() <= margin or xs.max() >= width - 1 - margin
                or ys.max() >= height - 1 - margin)


def _edge_candidates(gray: np.ndarray, min_area: float, sensitivity: float = 1.0) -> list[np.ndarray]:
    """Quads from Canny edges; thresholds follow the median grey (×0.66 / ×1.33) × sensitivity."""
    median = float(np.median(gray))
    lower = max(5.0, 0.66 * median * sensitivity)
    upper = max(15.0, 1.33 * median * sensitivity)
    edges = cv2.Canny(gray, lower, upper)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    quads = []
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:6]:
        if cv2.contourArea(contour) < min_area:
            break
        approx = cv2.approxPolyDP(contour, 0.02 * cv2.arcLength(contour, True), True)
        if len(approx) == 4 and cv2.isContourConvex(approx):
            quads.append(order_corners(approx.reshape(4, 2)))
    return quads


def _segment_candidate(gray: np.ndarray, min_area: float) -> np.ndarray | None:
    """The largest solid bright region, as a 4-point polygon (its min-area rectangle if need be)."""
    threshold, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright, dark = gray[mask > 0], gray[mask == 0]
    if bright.size == 0 or dark.size == 0:
        return None
    # Otsu always splits something; demand a real step between paper and background.
    if float(bright.mean()) - float(dark.mean()) < max(18.0, 0.2 * float(bright.mean())):
        return None
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    best, best_mean = None, -1.0
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
        area = cv2.contourArea(contour)
        if area < min_area:
            break
        x, y, w, h = cv2.boundingRect(contour)
        if x <= 1 and y <= 1 and x + w >= gray.shape[1] - 1 and y + h >= gray.shape[0] - 1:
            continue  # touches all four sides: that is the background, not a page
        hull = cv2.convexHull(contour)
        if area / max(cv2.contourArea(hull), 1.0) < 0.7:  # ragged: texture, not a sheet of paper
            continue
        # Of several bright regions (a lit patch of desk beside the page), paper is the brightest.
        region = np.zeros(gray.shape, np.uint8)
        cv2.drawContours(region, [contour], -1, 255, -1)
        mean = cv2.mean(gray, region)[0]
        if mean > best_mean:
            best, best_mean = hull, mean
    if best is None:
        return None
    hull = best
    approx = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    if len(approx) == 4:
        return order_corners(approx.reshape(4, 2))
    return order_corners(cv2.boxPoints(cv2.minAreaRect(hull)))


def classify_kind(corners: np.ndarray, area_fraction: float) -> str:
    """A4 or ID-card sized, from the side ratio (√2 vs 1.585) and how much of the frame it fills."""
    widths = (np.linalg.norm(corners[1] - corners[0]), np.linalg.norm(corners[2] - corners[3]))
    heights = (np.linalg.norm(corners[3] - corners[0]), np.linalg.norm(corners[2] - corners[1]))
    long_side, short_side = max(sum(widths), sum(heights)), max(min(sum(widths), sum(heights)), 1e-6)
    return "card" if long_side / short_side > 1.5 and area_fraction < 0.35 else "a4"


def detect_page(frame: np.ndarray, work_width: int = 640, min_area_fraction: float = 0.01,
                border_margin_fraction: float = 0.004) -> PageDetection:
    """Find the page in a BGR or grey frame. Works on a copy downscaled to `work_width`."""
    if frame is None or frame.ndim not in (2, 3) or frame.size == 0:
        raise ValueError("detect_page needs a non-empty BGR or grey image")
    height, width = frame.shape[:2]
    scale = min(1.0, work_width / width)
    # Grey first: resizing one channel with INTER_AREA costs a third of resizing three.
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
    if scale < 1.0:
        gray = cv2.resize(gray, (int(round(width * scale)), int(round(height * scale))),
                          interpolation=cv2.INTER_AREA)
    gray = cv2.GaussianBlur(gray, (5, 5), 0)
    sh, sw = gray.shape
    min_area = min_area_fraction * sw * sh
    margin = max(2.0, border_margin_fraction * min(sw, sh))

    quad, method, rejected = None, "", 0
    # Second pass with lower thresholds: the fallback for a light page on a light desk.
    for sensitivity in (1.0, 0.4):
        for candidate in _edge_candidates(gray, min_area, sensitivity):
            if _is_page_boundary(gray, candidate):
                quad, method = candidate, "edges"
                break
            rejected += 1
        if quad is not None:
            break
    segment = _segment_candidate(gray, min_area)
    if segment is not None and (quad is None or quad_area(segment) > 1.25 * quad_area(quad)):
        # The paper extends beyond the edge quad (or edges found nothing): trust the segmentation.
        quad, method = segment, "segment"
    if quad is None:
        return PageDetection(False, frame_size=(width, height), notes={"rejected_inner": rejected})

    area_fraction = quad_area(quad) / float(sw * sh)
    touches = _touches_border(quad, sw, sh, margin)
    corners = (quad / scale).astype(np.float32)
    return PageDetection(True, corners, (width, height), area_fraction, touches,
                         classify_kind(corners, area_fraction), method, {"rejected_inner": rejected})


def output_size(kind: str, corners: np.ndarray, dpi: int) -> tuple[int, int]:
    """(width, height) in pixels of the corrected page at `dpi`, in the page's measured orientation."""
    w_mm, h_mm = PAGE_SIZES_MM.get(kind, PAGE_SIZES_MM["a4"])
    short_mm, long_mm = min(w_mm, h_mm), max(w_mm, h_mm)
    measured_w = (np.linalg.norm(corners[1] - corners[0]) + np.linalg.norm(corners[2] - corners[3])) / 2
    measured_h = (np.linalg.norm(corners[3] - corners[0]) + np.linalg.norm(corners[2] - corners[1])) / 2
    px = dpi / MM_PER_INCH
    if measured_w >= measured_h:
        return int(round(long_mm * px)), int(round(short_mm * px))
    return int(round(short_mm * px)), int(round(long_mm * px))


def warp_page(frame: np.ndarray, corners: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Perspective-correct the quad `corners` (TL, TR, BR, BL) of `frame` to `size` (w, h)."""
    w, h = size
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(np.asarray(corners, np.float32), dst)
    return cv2.warpPerspective(frame, matrix, (w, h), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)


def correct_page(frame: np.ndarray, detection: PageDetection, dpi: int = 150) -> np.ndarray:
    """The detected page at `dpi`, with the aspect of its kind (A4 or ID card)."""
    if not detection.found or detection.corners is None:
        raise ValueError("no page detected: nothing to correct")
    size = output_size(detection.kind or "a4", detection.corners, dpi)
    return warp_page(frame, detection.corners, size)
