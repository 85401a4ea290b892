"""The camera simulator as a device of its own (drivers.camera.stream): frames over a Unix socket,
read through the ordinary source spec "sim:SOCKET"."""

import socket
import struct
import threading

import numpy as np
import pytest

from drivers.camera import SourceError, open_source
from drivers.camera.stream import SocketFrameSource, serve_frames
from kiosk.demo_devices import ProcessCamera


class CountingSource:
    """Frame k is filled with k (channel 0) and the requested size; ends after `frames`."""

    def __init__(self, width: int, height: int, frames: int = 5) -> None:
        self.width, self.height, self.left, self.made = width, height, frames, 0
        self.closed = False

    def read(self):
        if self.left == 0:
            return None
        self.left -= 1
        frame = np.zeros((self.height, self.width, 3), np.uint8)
        frame[..., 0] = self.made
        frame[..., 2] = 200
        self.made += 1
        return frame

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def served(tmp_path):
    """serve_frames on a thread with CountingSource; yields (socket path, sources made)."""
    path = tmp_path / "camera.sock"
    made: list[CountingSource] = []
    listening, stop = threading.Event(), threading.Event()

    def make(width, height):
        made.append(CountingSource(width, height))
        return made[-1]

    thread = threading.Thread(target=serve_frames, args=(path, make, listening.set, stop.is_set))
    thread.start()
    assert listening.wait(5)
    yield path, made
    stop.set()
    thread.join(5)
    assert not thread.is_alive()
    assert not path.exists()          # the server removes its socket


def test_frames_arrive_whole_in_order_at_the_size_asked_then_the_end(served):
    path, made = served
    source = open_source(f"sim:{path}", 320, 240)
    assert isinstance(source, SocketFrameSource) and str(path) in source.describe()
    frames = [source.read() for _ in range(5)]
    assert [f.shape for f in frames] == [(240, 320, 3)] * 5
    assert [int(f[0, 0, 0]) for f in frames] == [0, 1, 2, 3, 4]
    assert all((f[..., 2] == 200).all() and (f[..., 0] == f[0, 0, 0]).all() for f in frames)
    assert source.read() is None                       # the source ended
    source.close()
    assert source.read() is None                       # closed: no more frames


def test_each_connection_is_a_new_source_closed_when_the_kiosk_lets_go(served):
    path, made = served
    first = SocketFrameSource(path, 64, 48)
    assert int(first.read()[0, 0, 0]) == 0
    first.close()
    second = SocketFrameSource(path, 80, 60)
    frame = second.read()
    assert frame.shape == (60, 80, 3) and int(frame[0, 0, 0]) == 0
    second.close()
    assert len(made) == 2 and made[0].closed


def test_no_simulator_is_a_source_error_naming_the_socket(tmp_path):
    missing = tmp_path / "nobody.sock"
    with pytest.raises(SourceError, match=f"{missing}: cannot connect"):
        open_source(f"sim:{missing}", 320, 240)


def _one_shot_server(path, reply: bytes) -> threading.Thread:
    """A broken camera: answers the first frame request with `reply`, then hangs up."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)

    def run():
        client, _ = server.accept()
        with client, server:
            client.recv(8)          # the size
            client.recv(1)          # the request
            client.sendall(reply)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.parametrize(("reply", "error"), [
    (struct.pack("<III", 4, 5, 3) + b"\x01" * 20, "closed after 20 of 60 bytes of a 5x4 frame"),
    (struct.pack("<III", 100_000, 100_000, 3), "bad frame header 100000x100000x3"),  # nothing allocated
], ids=["frame-cut-short", "nonsense-header"])
def test_a_broken_stream_is_a_source_error_saying_what_arrived(tmp_path, reply, error):
    path = tmp_path / "broken.sock"
    thread = _one_shot_server(path, reply)
    source = SocketFrameSource(path, 5, 4)
    with pytest.raises(SourceError, match=error):
        source.read()
    source.close()
    thread.join(5)


def test_camera_process_serves_generated_documents_and_ends_on_stop(tmp_path):
    camera = ProcessCamera(tmp_path).start()
    try:
        assert camera.spec == f"sim:{tmp_path / 'sim-camera.sock'}"
        source = open_source(camera.spec, 1920, 1080)
        frames = [source.read() for _ in range(3)]
        source.close()
        assert [f.shape for f in frames] == [(1080, 1920, 3)] * 3
        assert all(f.dtype == np.uint8 and 20 < f.mean() < 250 for f in frames)
        assert not np.array_equal(frames[0], frames[1])     # fresh sensor noise every frame
        process = camera._process
    finally:
        camera.stop()
    assert process.poll() is not None and camera._process is None
