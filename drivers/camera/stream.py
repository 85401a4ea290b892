"""The simulated document camera as a device of its own: frames over a Unix socket.

A real terminal's camera is separate hardware whose frames arrive through a driver; the scene
generator (drivers.camera.scenes), run inside the kiosk, put its Pillow rendering, its fonts and
the OpenCV code it alone uses into the kiosk's memory (6.3 MB of RSS, measured). `serve_frames`
runs the generator in another process (`kioskctl sim camera --serve PATH`) and `SocketFrameSource`
(source spec "sim:PATH") reads from it.

Protocol, all integers little-endian uint32:
  client → server, once on connect: width, height (the size the camera service asks for)
  client → server, per frame: the byte b"F"
  server → client, per frame: height, width, channels, then height×width×channels bytes of BGR;
    0, 0, 0 means the source has ended.
Like a camera that streams while it is open: a new connection is a new scene generator, closed
when the client disconnects.
"""

from __future__ import annotations

import logging
import socket
import struct
from collections.abc import Callable
from pathlib import Path

import numpy as np

from drivers.camera.sources import SourceError

log = logging.getLogger(__name__)
_SIZE = struct.Struct("<II")
_HEADER = struct.Struct("<III")
_REQUEST = b"F"
MAX_SIDE = 8192   # a header asking for more is a protocol error, not a frame to allocate


def _receive_into(sock: socket.socket, view: memoryview, what: str) -> None:
    got = 0
    while got < len(view):
        n = sock.recv_into(view[got:])
        if n == 0:
            raise SourceError(f"camera stream closed after {got} of {len(view)} bytes of {what}")
        got += n


class SocketFrameSource:
    """Frames from `serve_frames` on the Unix socket `path` (source spec "sim:PATH")."""

    def __init__(self, path: str | Path, width: int = 1920, height: int = 1080, timeout_s: float = 10.0) -> None:
        self._path = str(path)
        self._sock: socket.socket | None = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.settimeout(timeout_s)
        try:
            self._sock.connect(self._path)
            self._sock.sendall(_SIZE.pack(width, height))
        except OSError as exc:
            self._sock.close()
            self._sock = None
            raise SourceError(f"camera stream {self._path}: cannot connect ({exc})") from exc

    def read(self) -> np.ndarray | None:
        if self._sock is None:
            return None
        try:
            self._sock.sendall(_REQUEST)
            header = bytearray(_HEADER.size)
            _receive_into(self._sock, memoryview(header), "a frame header")
            height, width, channels = _HEADER.unpack(header)
            if height == 0:
                return None
            if not (0 < height <= MAX_SIDE and 0 < width <= MAX_SIDE and channels in (1, 3)):
                raise SourceError(f"camera stream {self._path}: bad frame header "
                                  f"{height}x{width}x{channels} (bytes {bytes(header).hex()})")
            frame = np.empty((height, width, channels) if channels == 3 else (height, width), np.uint8)
            _receive_into(self._sock, memoryview(frame).cast("B"), f"a {width}x{height} frame")
            return frame
        except OSError as exc:
            raise SourceError(f"camera stream {self._path}: {exc}") from exc

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def describe(self) -> str:
        return f"camera stream {self._path}"


def serve_frames(path: str | Path, make_source: Callable[[int, int], object],
                 on_listening: Callable[[], None] | None = None, should_stop: Callable[[], bool] = lambda: False) -> None:
    """Serve one client at a time on the Unix socket `path`, each connection with a fresh source
    from `make_source(width, height)`, until `should_stop()` (checked every second)."""
    path = Path(path)
    path.unlink(missing_ok=True)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        server.listen(1)
        server.settimeout(1.0)
        if on_listening is not None:
            on_listening()
        while not should_stop():
            try:
                client, _ = server.accept()
            except TimeoutError:
                continue
            with client:
                _serve_client(client, make_source)
    finally:
        server.close()
        path.unlink(missing_ok=True)


def _serve_client(client: socket.socket, make_source) -> None:
    size = bytearray(_SIZE.size)
    try:
        _receive_into(client, memoryview(size), "the frame size")
    except SourceError as exc:
        log.warning("camera client left before asking for a size: %s", exc)
        return
    width, height = _SIZE.unpack(size)
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        log.error("camera client asked for a %dx%d frame: refused", width, height)
        return
    source = make_source(width, height)
    try:
        # the next frame is made while the kiosk works on the last one, as a camera's sensor keeps
        # exposing between reads: a read costs the transfer, not the rendering
        frame = source.read()
        while client.recv(1) == _REQUEST:
            if frame is None:
                client.sendall(_HEADER.pack(0, 0, 0))
                return
            frame = np.ascontiguousarray(frame)
            channels = 1 if frame.ndim == 2 else frame.shape[2]
            client.sendall(_HEADER.pack(frame.shape[0], frame.shape[1], channels))
            client.sendall(memoryview(frame).cast("B"))
            frame = source.read()
    except OSError as exc:   # the kiosk closed the camera mid-frame: the next connection is new
        log.info("camera client gone: %s", exc)
    finally:
        source.close()
