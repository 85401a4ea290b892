"""Frame sources behind one small interface: OpenCV capture, a folder of images, the scene generator.

Source specs (as in the [camera] source setting): "scene", "device:N", "folder:PATH", "url:URL",
"sim:SOCKET" (the scene generator in its own process, see drivers.camera.stream) or a plain path
to a video file.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np

log = logging.getLogger(__name__)
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff"}


class SourceError(RuntimeError):
    """A frame source could not be opened; the message names the source."""


class FrameSource(Protocol):
    def read(self) -> np.ndarray | None:
        """The next BGR frame, or None when the source has ended."""

    def close(self) -> None: ...

    def describe(self) -> str: ...


class OpenCVSource:
    """cv2.VideoCapture over a device index, a video file or a stream URL."""

    def __init__(self, target: int | str, width: int | None = None, height: int | None = None) -> None:
        self._target = target
        self._capture = cv2.VideoCapture(target)
        if not self._capture.isOpened():
            self._capture.release()
            raise SourceError(f"cannot open camera source {target!r}")
        if width and height and isinstance(target, int):
            self._capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
            self._capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)

    def read(self) -> np.ndarray | None:
        ok, frame = self._capture.read()
        return frame if ok else None

    def close(self) -> None:
        self._capture.release()

    def describe(self) -> str:
        return f"OpenCV capture {self._target!r}"


class FolderSource:
    """The images of a folder in name order, once (or endlessly with `loop`)."""

    def __init__(self, folder: str | Path, loop: bool = False) -> None:
        self._folder = Path(folder)
        if not self._folder.is_dir():
            raise SourceError(f"{self._folder}: not a folder of images")
        self._files = sorted(p for p in self._folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if not self._files:
            raise SourceError(f"{self._folder}: no images ({', '.join(sorted(IMAGE_SUFFIXES))})")
        self._loop = loop
        self._index = 0

    def read(self) -> np.ndarray | None:
        while self._index < len(self._files) or (self._loop and self._files):
            path = self._files[self._index % len(self._files)]
            self._index += 1
            frame = cv2.imread(str(path), cv2.IMREAD_COLOR)
            if frame is not None:
                return frame
            log.warning("%s: not a readable image, skipped", path)
        return None

    def close(self) -> None:
        self._index = len(self._files)
        self._loop = False

    def describe(self) -> str:
        return f"folder {self._folder} ({len(self._files)} images)"


def open_source(spec: str, width: int = 1920, height: int = 1080, seed: int | None = None) -> FrameSource:
    """Open the frame source named by `spec` (see the module docstring)."""
    spec = spec.strip()
    if spec == "scene" or spec.startswith("scene:"):
        from drivers.camera.scenes import LiveSceneSource  # renders with Pillow: import on demand

        if spec.startswith("scene:"):
            seed = int(spec.split(":", 1)[1])
        return LiveSceneSource(width, height, seed=seed)
    if spec.startswith("device:"):
        index = spec.split(":", 1)[1]
        if not index.isdigit():
            raise SourceError(f"camera source {spec!r}: device index must be a number")
        return OpenCVSource(int(index), width, height)
    if spec.startswith("sim:"):
        from drivers.camera.stream import SocketFrameSource  # the simulator in its own process

        return SocketFrameSource(spec.split(":", 1)[1], width, height)
    if spec.startswith("folder:"):
        return FolderSource(spec.split(":", 1)[1], loop=False)
    if spec.startswith("url:"):
        return OpenCVSource(spec.split(":", 1)[1])
    if spec.isdigit():
        return OpenCVSource(int(spec), width, height)
    path = Path(spec)
    if path.is_dir():
        return FolderSource(path)
    if path.is_file():
        return OpenCVSource(str(path))
    raise SourceError(f"camera source {spec!r}: expected scene, device:N, folder:PATH, url:URL, sim:SOCKET "
                      "or an existing video file")
