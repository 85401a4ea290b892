"""EventLoopWatchdog: pings from the GUI thread only while the event loop is responsive; a real
AF_UNIX datagram socket records when each ping arrived."""

from __future__ import annotations

import os
import select
import signal
import socket
import threading
import time

import pytest
from PySide6.QtCore import QTimer

from kiosk.watchdog import EventLoopWatchdog, SignalQuitter, SystemdNotifier


class PingRecorder:
    """A stand-in for systemd's notify socket: records (monotonic time, message) per datagram."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.address = str(path)
        self.received: list[tuple[float, bytes]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ping-recorder")
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            ready, _, _ = select.select([self.sock], [], [], 0.02)
            if ready:
                self.received.append((time.monotonic(), self.sock.recv(256)))

    def pings(self) -> list[float]:
        return [t for t, data in self.received if data == b"WATCHDOG=1"]

    def close(self):
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def recorder(tmp_path):
    rec = PingRecorder(tmp_path / "notify.sock")
    yield rec
    rec.close()


def test_pings_stop_while_the_gui_thread_is_blocked_and_resume_after(qtbot, recorder):
    notifier = SystemdNotifier(environ={"NOTIFY_SOCKET": recorder.address})
    watchdog = EventLoopWatchdog(notifier, interval_s=0.05, stall_threshold_s=0.2)
    stalls: list[float] = []
    watchdog.stall.connect(stalls.append)
    blocked: dict[str, float] = {}

    def block_gui_thread():
        blocked["start"] = time.monotonic()
        time.sleep(0.6)  # a hung UI, as far as the event loop can tell
        blocked["end"] = time.monotonic()

    watchdog.start()
    qtbot.waitUntil(lambda: len(recorder.pings()) >= 4, timeout=3000)
    QTimer.singleShot(0, block_gui_thread)
    qtbot.waitUntil(lambda: "end" in blocked and len([t for t in recorder.pings() if t > blocked["end"]]) >= 3,
                    timeout=3000)
    watchdog.stop()
    notifier.close()

    # Nothing pinged during the stall (a few ms of slack for a ping sent just before it began).
    during = [t for t in recorder.pings() if blocked["start"] + 0.02 < t < blocked["end"]]
    assert during == []
    assert len(stalls) == 1 and stalls[0] >= 0.4
    assert watchdog.stalls == 1 and watchdog.longest_stall_s >= 0.4
    # The late tick itself did not ping: the first ping after the stall came one interval later.
    first_after = min(t for t in recorder.pings() if t > blocked["end"])
    assert first_after - blocked["end"] >= 0.03


def test_no_stall_reported_when_the_loop_is_idle(qtbot, recorder):
    notifier = SystemdNotifier(environ={"NOTIFY_SOCKET": recorder.address})
    watchdog = EventLoopWatchdog(notifier, interval_s=0.05, stall_threshold_s=0.5)
    stalls: list[float] = []
    watchdog.stall.connect(stalls.append)
    watchdog.start()
    qtbot.waitUntil(lambda: watchdog.pings >= 5, timeout=3000)
    watchdog.stop()
    assert not watchdog.is_running()
    notifier.close()
    assert stalls == []
    assert len(recorder.pings()) >= 5


def test_interval_follows_watchdog_usec():
    half = EventLoopWatchdog(SystemdNotifier(environ={"NOTIFY_SOCKET": "@x", "WATCHDOG_USEC": "1000000"}))
    capped = EventLoopWatchdog(SystemdNotifier(environ={"NOTIFY_SOCKET": "@x", "WATCHDOG_USEC": "30000000"}))
    assert half.interval_s == 0.5
    assert capped.interval_s == 1.0  # half of 30 s, but ticks stay frequent enough to measure stalls
    with pytest.raises(ValueError, match="interval_s"):
        EventLoopWatchdog(SystemdNotifier(environ={}), interval_s=0)


def test_sigterm_becomes_a_quit_inside_the_event_loop(qtbot):
    received: list[int] = []
    quitter = SignalQuitter(received.append, signals=(signal.SIGTERM,))
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: received == [signal.SIGTERM], timeout=2000)
    finally:
        quitter.close()
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


APP = """
import sys
from PySide6.QtCore import QCoreApplication, QTimer
from kiosk.runtime import RuntimeStats
from kiosk.watchdog import EventLoopWatchdog, SignalQuitter, SystemdNotifier

app = QCoreApplication([])
stats = RuntimeStats(sys.argv[1], boot_id_path=sys.argv[2])
stats.record_start()
stats.install_crash_handlers()
notifier = SystemdNotifier()
watchdog = EventLoopWatchdog(notifier, parent=app)
quitter = SignalQuitter(lambda _sig: app.quit(), parent=app)
watchdog.start()
notifier.ready("home screen shown")
code = app.exec()
watchdog.stop()
notifier.stopping()
stats.mark_clean_exit()
sys.exit(code)
"""


def test_a_process_run_like_systemd_runs_it(tmp_path, recorder):
    """READY, pings at WATCHDOG_USEC/2, SIGTERM → orderly quit with STOPPING=1 and a clean exit."""
    import subprocess
    import sys

    from kiosk.runtime import RuntimeStats

    boot = tmp_path / "boot_id"
    boot.write_text("boot-1\n")
    env = {**os.environ, "NOTIFY_SOCKET": recorder.address, "WATCHDOG_USEC": "200000",
           "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-c", APP, str(tmp_path / "data"), str(boot)], env=env)
    try:
        deadline = time.monotonic() + 20
        while len(recorder.pings()) < 3 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.05)
        assert len(recorder.pings()) >= 3
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=20) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    deadline = time.monotonic() + 5  # the recorder thread may not have read the last datagram yet
    while b"STOPPING=1" not in [data for _, data in recorder.received] and time.monotonic() < deadline:
        time.sleep(0.02)
    messages = [data for _, data in recorder.received]
    assert messages[0] == b"WATCHDOG=1" and b"READY=1\nSTATUS=home screen shown" in messages
    assert messages[-1] == b"STOPPING=1"
    assert RuntimeStats(tmp_path / "data", boot_id_path=boot).record_start()["previous_exit"] == "clean"
