"""The simulated document camera: invented documents placed on backgrounds by known homographies.

`make_scene` builds one frame with its ground truth; `generate_scenes` writes a folder of frames
plus ground_truth.json; `LiveSceneSource` is a frame source for the demo and the service tests
(a page held still for a while, then moved, so auto-capture has something to fire on).
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import asdict, dataclass
from pathlib import Path

import cv2
import numpy as np

from drivers.camera.documents import RenderedDocument, _qr_image, release_fonts, render_document

log = logging.getLogger(__name__)

# Degradation → the verdict the quality gates must give for it.
EXPECTED_VERDICT = {
    "none": "ok",
    "mild": "ok",  # slight blur, sensor noise and JPEG artefacts
    "shadow": "ok",  # a soft shadow across part of the page: still usable
    "blur": "blur",
    "motion": "blur",
    "glare": "glare",
    "dark": "dark",
    "partial": "partial",
    "small": "small",
    "empty": "none",
}
DEGRADATIONS = tuple(EXPECTED_VERDICT)
BACKGROUNDS = ("platen", "wood", "mat", "cloth", "desk", "clutter")


@dataclass(frozen=True)
class SceneTruth:
    file: str
    kind: str | None  # form | certificate | card, None for an empty scene
    corners: list[list[float]] | None  # TL, TR, BR, BL of the page, in frame pixels
    fully_visible: bool
    degradation: str
    expected_verdict: str
    background: str
    qr_text: str | None


# --------------------------------------------------------------------------- backgrounds

def _smooth_noise(rng: np.random.Generator, h: int, w: int, cells: int) -> np.ndarray:
    """Low-frequency noise in [0, 1], made by upscaling a small random grid."""
    grid = rng.random((max(2, cells * h // w), cells)).astype(np.float32)
    return cv2.resize(grid, (w, h), interpolation=cv2.INTER_CUBIC).clip(0, 1)


def make_background(rng: np.random.Generator, width: int, height: int, style: str) -> np.ndarray:
    h, w = height, width
    if style == "platen":  # the dark, uniform plate of a document camera
        level = rng.uniform(25, 60)
        img = np.full((h, w, 3), level, np.float32) + _smooth_noise(rng, h, w, 4)[..., None] * 15
    elif style == "wood":
        x = np.linspace(0, 1, w, dtype=np.float32)[None, :]
        grain = np.sin(x * rng.uniform(40, 90) + _smooth_noise(rng, h, w, 6) * 6) * 0.5 + 0.5
        tone = np.array([40, 70, 110], np.float32) * rng.uniform(0.7, 1.1)  # BGR brown
        img = tone * (0.75 + 0.35 * grain[..., None])
    elif style == "mat":  # green cutting mat with a grid
        img = np.zeros((h, w, 3), np.float32) + np.array([70, 110, 40], np.float32) * rng.uniform(0.8, 1.1)
        step = max(8, w // 40)
        img[::step, :, :] += 35
        img[:, ::step, :] += 35
    elif style == "cloth":
        tone = rng.uniform(30, 120, size=3).astype(np.float32)
        img = tone + (rng.random((h, w, 1)).astype(np.float32) - 0.5) * 30
    elif style == "desk":  # light grey desk: the low-contrast case
        level = rng.uniform(150, 175)
        img = np.full((h, w, 3), level, np.float32) + _smooth_noise(rng, h, w, 3)[..., None] * 12
    elif style == "clutter":  # dark desk with a pen and a phone lying around
        img = np.full((h, w, 3), rng.uniform(35, 70), np.float32)
        for _ in range(3):
            cx, cy = rng.uniform(0, w), rng.uniform(0, h)
            size = rng.uniform(0.03, 0.08) * w
            box = cv2.boxPoints(((cx, cy), (size, size * rng.uniform(0.15, 0.5)), rng.uniform(0, 180)))
            cv2.fillConvexPoly(img, box.astype(np.int32), tuple(float(v) for v in rng.uniform(60, 140, 3)))
    else:
        raise ValueError(f"unknown background style {style!r}; expected one of {BACKGROUNDS}")
    return np.clip(img, 0, 255).astype(np.uint8)


# --------------------------------------------------------------------------- placement

def _page_size_in_frame(kind: str, width: int, height: int, rng: np.random.Generator,
                        small: bool) -> tuple[float, float]:
    """(width, height) of the page in frame pixels before rotation and perspective."""
    if kind == "card":
        page_w = width * (rng.uniform(0.12, 0.15) if small else rng.uniform(0.32, 0.46))
        return page_w, page_w * 54.0 / 85.6
    page_h = height * (rng.uniform(0.32, 0.42) if small else rng.uniform(0.74, 0.9))
    return page_h * 210.0 / 297.0, page_h


def _place(rng: np.random.Generator, kind: str, width: int, height: int, partial: bool,
           small: bool) -> np.ndarray:
    """Four destination corners (TL, TR, BR, BL) for the page."""
    for _ in range(200):
        pw, ph = _page_size_in_frame(kind, width, height, rng, small)
        angle = math.radians(rng.uniform(-12, 12))
        half = np.array([[-pw, -ph], [pw, -ph], [pw, ph], [-pw, ph]], np.float64) / 2
        rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
        quad = half @ rot.T
        quad += rng.uniform(-0.035, 0.035, size=(4, 2)) * np.array([pw, ph])  # perspective jitter
        lo, hi = quad.min(axis=0), quad.max(axis=0)
        margin = 0.04 * min(width, height)
        if partial:
            # One side of the page leaves the frame by 12–35 % of the page's extent on that axis;
            # along the other axis the page stays inside the frame.
            side = int(rng.integers(0, 4))  # top, bottom, left, right
            extent = hi - lo
            out = rng.uniform(0.12, 0.35)
            free = 0 if side in (0, 1) else 1  # the axis along which the page stays inside
            span = (width, height)[free]
            low, high = margin - lo[free], span - margin - hi[free]
            if high < low:
                continue
            centre = np.zeros(2)
            centre[free] = rng.uniform(low, high)
            axis = 1 - free
            limit = (width, height)[axis]
            centre[axis] = (-lo[axis] - out * extent[axis]) if side in (0, 2) \
                else (limit - hi[axis] + out * extent[axis])
            return quad + centre
        if lo[0] + width - margin < hi[0] + margin or hi[1] - lo[1] > height - 2 * margin:
            continue
        cx = rng.uniform(margin - lo[0], width - margin - hi[0])
        cy = rng.uniform(margin - lo[1], height - margin - hi[1])
        return quad + np.array([cx, cy])
    raise RuntimeError(f"could not place a {kind} page in a {width}x{height} frame")


def _composite(background: np.ndarray, doc: np.ndarray, quad: np.ndarray) -> np.ndarray:
    h, w = doc.shape[:2]
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, quad.astype(np.float32))
    size = (background.shape[1], background.shape[0])
    warped = cv2.warpPerspective(doc, matrix, size, flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, size, flags=cv2.INTER_LINEAR)
    alpha = (mask.astype(np.float32) / 255.0)[..., None]
    return (warped * alpha + background * (1 - alpha)).astype(np.uint8)


# --------------------------------------------------------------------------- degradations

def _lighting(rng: np.random.Generator, frame: np.ndarray) -> np.ndarray:
    h, w = frame.shape[:2]
    gain = 0.86 + 0.14 * _smooth_noise(rng, h, w, 2)
    return np.clip(frame * gain[..., None], 0, 255).astype(np.uint8)


def _sensor_noise(rng: np.random.Generator, frame: np.ndarray, sigma: float) -> np.ndarray:
    noise = rng.normal(0, sigma, size=frame.shape[:2])[..., None]
    return np.clip(frame + noise, 0, 255).astype(np.uint8)


def _motion_kernel(length: int, angle_deg: float) -> np.ndarray:
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0
    rot = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), angle_deg, 1.0)
    kernel = cv2.warpAffine(kernel, rot, (length, length))
    return kernel / max(kernel.sum(), 1e-6)


def _glare(rng: np.random.Generator, frame: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """A specular highlight: a saturated ellipse with a soft halo, inside the page."""
    h, w = frame.shape[:2]
    a, b = rng.uniform(0.25, 0.6), rng.uniform(0.25, 0.6)
    centre = quad[0] * (1 - a) * (1 - b) + quad[1] * a * (1 - b) + quad[2] * a * b + quad[3] * (1 - a) * b
    page_w = np.linalg.norm(quad[1] - quad[0])
    axes = (page_w * rng.uniform(0.22, 0.32), page_w * rng.uniform(0.14, 0.22))
    spot = np.zeros((h, w), np.float32)
    cv2.ellipse(spot, (int(centre[0]), int(centre[1])), (int(axes[0]), int(axes[1])),
                rng.uniform(0, 180), 0, 360, 1.0, -1)
    spot = cv2.GaussianBlur(spot, (0, 0), max(1.0, axes[1] * 0.25))
    boost = np.clip(spot * 1.6, 0, 1)[..., None]
    return np.clip(frame * (1 - boost) + 255 * boost, 0, 255).astype(np.uint8)


def _shadow(rng: np.random.Generator, frame: np.ndarray) -> np.ndarray:
    h, w = frame.shape[:2]
    mask = np.zeros((h, w), np.float32)
    x0 = rng.uniform(0.2, 0.6) * w
    poly = np.array([[x0, 0], [x0 + rng.uniform(0.1, 0.3) * w, 0],
                     [x0 + rng.uniform(0.0, 0.35) * w, h], [x0 - rng.uniform(0.1, 0.3) * w, h]])
    cv2.fillConvexPoly(mask, poly.astype(np.int32), 1.0)
    mask = cv2.GaussianBlur(mask, (0, 0), 0.02 * w)
    depth = rng.uniform(0.25, 0.4)
    return np.clip(frame * (1 - depth * mask)[..., None], 0, 255).astype(np.uint8)


def degrade(rng: np.random.Generator, frame: np.ndarray, degradation: str,
            quad: np.ndarray | None) -> np.ndarray:
    scale = frame.shape[0] / 1080.0  # degradations are specified for a 1080p frame
    if degradation == "blur":
        return cv2.GaussianBlur(frame, (0, 0), rng.uniform(3.5, 5.5) * scale)
    if degradation == "motion":
        length = max(5, int(rng.uniform(28, 42) * scale))
        return cv2.filter2D(frame, -1, _motion_kernel(length, rng.uniform(0, 180)))
    if degradation == "glare" and quad is not None:
        return _glare(rng, frame, quad)
    if degradation == "dark":
        return (frame * rng.uniform(0.16, 0.24)).astype(np.uint8)
    if degradation == "shadow":
        return _shadow(rng, frame)
    if degradation == "mild":
        frame = cv2.GaussianBlur(frame, (0, 0), 0.7 * max(scale, 0.5))
        frame = _sensor_noise(rng, frame, 3.0)
        ok, data = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 70])
        return cv2.imdecode(data, cv2.IMREAD_COLOR) if ok else frame
    return frame


# --------------------------------------------------------------------------- scenes

def _doc_width_for(kind: str, quad: np.ndarray) -> int:
    """Render about 1.3× the page's size in the frame, so warping only ever shrinks."""
    edge = max(np.linalg.norm(quad[1] - quad[0]), np.linalg.norm(quad[2] - quad[3]))
    return int(max(240, min(2000, edge * 1.3)))


def make_scene(rng: np.random.Generator, width: int = 1920, height: int = 1080,
               degradation: str = "none", kind: str | None = None, background: str | None = None,
               qr: bool | None = None, file: str = "") -> tuple[np.ndarray, SceneTruth]:
    """One frame (BGR) and its ground truth."""
    if degradation not in EXPECTED_VERDICT:
        raise ValueError(f"unknown degradation {degradation!r}; expected one of {DEGRADATIONS}")
    background = background or str(rng.choice(BACKGROUNDS))
    frame = make_background(rng, width, height, background)
    if degradation == "empty":
        frame = _sensor_noise(rng, _lighting(rng, frame), 2.0)
        return frame, SceneTruth(file, None, None, False, degradation, "none", background, None)
    kind = kind or str(rng.choice(["form", "form", "certificate", "card"]))
    qr = bool(rng.random() < 0.3) if qr is None else qr
    quad = _place(rng, kind, width, height, partial=degradation == "partial",
                  small=degradation == "small")
    doc: RenderedDocument = render_document(rng, kind, _doc_width_for(kind, quad), qr=qr)
    frame = _composite(frame, doc.image, quad)
    frame = _lighting(rng, frame)
    frame = degrade(rng, frame, degradation, quad)
    if degradation != "mild":
        frame = _sensor_noise(rng, frame, 1.5)
    truth = SceneTruth(file, kind, np.round(quad, 2).tolist(), degradation != "partial", degradation,
                       EXPECTED_VERDICT[degradation], background, doc.qr_text)
    return frame, truth


def scene_plan(count: int) -> list[str]:
    """Degradations for `count` scenes: half clean or mild, the rest cycling through the others."""
    harsh = [d for d in DEGRADATIONS if d not in ("none", "mild", "shadow")]
    plan = []
    for i in range(count):
        if i % 2 == 0:
            plan.append(("none", "mild", "none", "shadow")[(i // 2) % 4])
        else:
            plan.append(harsh[(i // 2) % len(harsh)])
    return plan


def generate_scenes(out_dir: str | Path, count: int, seed: int = 0, width: int = 1920,
                    height: int = 1080, image_format: str = "png") -> list[SceneTruth]:
    """Write `count` frames and ground_truth.json into `out_dir`; return the truths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    truths = []
    for index, degradation in enumerate(scene_plan(count)):
        name = f"scene_{index:04d}.{image_format}"
        frame, truth = make_scene(rng, width, height, degradation, file=name)
        if not cv2.imwrite(str(out / name), frame):
            raise OSError(f"{out / name}: could not write the frame")
        truths.append(truth)
    doc = {"seed": seed, "width": width, "height": height, "corner_order": ["TL", "TR", "BR", "BL"],
           "frames": [asdict(t) for t in truths]}
    (out / "ground_truth.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    log.info("wrote %d scenes to %s", count, out)
    return truths


class LiveSceneSource:
    """Endless simulated camera: a page lies still for `hold_frames`, then slides to a new pose.

    Every other placement shows a new document; about half the documents carry a QR code, and
    every third placement is an empty platen. Each frame gets fresh sensor noise, as a real
    camera would.
    """

    def __init__(self, width: int = 1920, height: int = 1080, seed: int | None = None,
                 hold_frames: int = 45, move_frames: int = 12, qr_probability: float = 0.5) -> None:
        self.width, self.height = width, height
        self.hold_frames, self.move_frames = hold_frames, move_frames
        self.qr_probability = qr_probability
        self._rng = np.random.default_rng(seed)
        self._background = make_background(self._rng, width, height, "platen")
        self._doc: RenderedDocument | None = None
        self._quad: np.ndarray | None = None
        self._prev_quad: np.ndarray | None = None
        self._tick = 0
        self._placement = 0
        self._closed = False
        self._still_frame: np.ndarray | None = None  # the composited frame while the page lies still
        # Sensor noise from a few pre-drawn fields: drawing 2 M normal samples per frame is slow.
        self._noise = [np.clip(self._rng.normal(3, 1.5, (height, width, 1)), 0, 6).astype(np.uint8)
                       .repeat(3, axis=2) for _ in range(3)]
        self._new_placement()
        self.truth_quad: np.ndarray | None = None  # corners of the page in the last frame
        self._qr_payload: str | None = None  # set_qr_payload(): a phone showing this QR code
        self._phone: tuple[str, np.ndarray] | None = None  # (payload, its rendered frame)

    def set_qr_payload(self, text: str | None) -> None:
        """Show a phone held still under the camera with a QR code of `text` (an e-ID code, a
        receipt) instead of the cycling documents; None goes back to the documents. For tests
        and demos of QR scanning. Callable from any thread: the next read() picks it up."""
        self._qr_payload = text

    def _phone_frame(self, text: str) -> np.ndarray:
        """The platen with a phone on it whose screen shows the QR code, centred."""
        frame = self._background.copy()
        h, w = frame.shape[:2]
        phone_w, phone_h = int(h * 0.42), int(h * 0.8)
        x0, y0 = (w - phone_w) // 2, (h - phone_h) // 2
        frame[y0:y0 + phone_h, x0:x0 + phone_w] = (28, 28, 32)  # body
        bezel = max(4, phone_w // 20)
        frame[y0 + bezel * 3:y0 + phone_h - bezel * 3, x0 + bezel:x0 + phone_w - bezel] = (250, 250, 250)
        side = int(phone_w * 0.85)
        code = np.array(_qr_image(text, side))
        qx, qy = x0 + (phone_w - side) // 2, y0 + (phone_h - side) // 2
        frame[qy:qy + side, qx:qx + side] = code[..., None]
        return frame

    def _new_placement(self) -> None:
        self._still_frame = None
        self._prev_quad = self._quad
        if self._placement % 3 == 2:
            self._doc, self._quad = None, None
        else:
            kind = str(self._rng.choice(["form", "certificate", "card"]))
            if self._doc is None or self._placement % 2 == 0 or self._doc.kind != kind:
                quad = _place(self._rng, kind, self.width, self.height, False, False)
                qr = bool(self._rng.random() < self.qr_probability)
                self._doc = render_document(self._rng, kind, _doc_width_for(kind, quad), qr=qr)
            self._quad = _place(self._rng, self._doc.kind, self.width, self.height, False, False)
        self._placement += 1

    @property
    def qr_text(self) -> str | None:
        if self._qr_payload is not None:
            return self._qr_payload
        return self._doc.qr_text if self._doc is not None else None

    def read(self) -> np.ndarray | None:
        if self._closed:
            return None
        payload = self._qr_payload
        if payload is not None:
            if self._phone is None or self._phone[0] != payload:
                self._phone = (payload, self._phone_frame(payload))
            self._tick += 1
            self.truth_quad = None
            return cv2.add(cv2.subtract(self._phone[1], 3), self._noise[self._tick % len(self._noise)])
        phase = self._tick % (self.hold_frames + self.move_frames)
        if phase == 0 and self._tick > 0:
            self._new_placement()
        self._tick += 1
        quad = self._quad
        moving = phase >= self.hold_frames and quad is not None
        if moving:
            # slide off towards the right during the move phase
            t = (phase - self.hold_frames + 1) / self.move_frames
            quad = quad + np.array([t * self.width * 0.6, 0.0])
            frame = _composite(self._background, self._doc.image, quad)
            frame = cv2.filter2D(frame, -1, _motion_kernel(max(5, self.width // 60), 0))
        else:
            if self._still_frame is None:
                self._still_frame = (self._background.copy() if self._doc is None or quad is None
                                     else _composite(self._background, self._doc.image, quad))
            frame = self._still_frame
        self.truth_quad = quad
        noise = self._noise[self._tick % len(self._noise)]
        return cv2.add(cv2.subtract(frame, 3), noise)

    def close(self) -> None:
        self._closed = True
        release_fonts()

    def describe(self) -> str:
        return f"scene generator {self.width}x{self.height}"
