"""systemd integration: the sd_notify protocol (ready, status, watchdog pings, stopping) and an
event-loop watchdog that pings only while the GUI thread is actually responsive.

The pings come from a QTimer in the GUI thread, never from a helper thread: a helper thread
would keep pinging while the UI is frozen, and systemd would never restart a hung kiosk.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer, Signal

log = logging.getLogger(__name__)


def _socket_address(raw: str) -> str | bytes:
    """$NOTIFY_SOCKET as sendto() wants it: '@name' is a Linux abstract socket ('\\0name')."""
    if raw.startswith("@"):
        return b"\0" + raw[1:].encode()
    return raw


class SystemdNotifier:
    """Speaks the sd_notify datagram protocol to $NOTIFY_SOCKET. Without $NOTIFY_SOCKET (not run
    by systemd, or a test) every call is a cheap no-op returning False."""

    def __init__(self, address: str | None = None, environ: dict[str, str] | None = None) -> None:
        self._environ = os.environ if environ is None else environ
        self.address = self._environ.get("NOTIFY_SOCKET", "") if address is None else address
        self._socket: socket.socket | None = None
        self._failing = False

    @property
    def enabled(self) -> bool:
        return bool(self.address)

    def watchdog_interval_s(self) -> float | None:
        """The WatchdogSec= systemd asked for, or None when the watchdog is off. WATCHDOG_PID is
        honoured as libsystemd does, except that the parent's pid is accepted too: under cage or
        xinit systemd's main process is the compositor and the app is its child."""
        usec = self._environ.get("WATCHDOG_USEC", "")
        if not usec:
            return None
        try:
            value = int(usec)
        except ValueError:
            log.error("WATCHDOG_USEC=%r is not an integer; watchdog pings disabled", usec)
            return None
        pid = self._environ.get("WATCHDOG_PID", "")
        if pid and pid not in (str(os.getpid()), str(os.getppid())):
            log.info("WATCHDOG_PID=%s is neither this process nor its parent; watchdog pings disabled", pid)
            return None
        return value / 1_000_000 if value > 0 else None

    def notify(self, *assignments: str) -> bool:
        """Send one datagram of VAR=value lines; True when it was handed to the socket."""
        if not self.enabled:
            return False
        payload = "\n".join(assignments).encode()
        try:
            if self._socket is None:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
            self._socket.sendto(payload, _socket_address(self.address))
        except OSError as exc:
            # Logged once per failure streak: a vanished socket must not flood the log every ping.
            if not self._failing:
                log.warning("sd_notify to %s failed: %s", self.address, exc)
            self._failing = True
            return False
        if self._failing:
            log.info("sd_notify to %s works again", self.address)
            self._failing = False
        return True

    def ready(self, status: str | None = None) -> bool:
        fields = ["READY=1"] + ([f"STATUS={_one_line(status)}"] if status else [])
        return self.notify(*fields)

    def status(self, text: str) -> bool:
        return self.notify(f"STATUS={_one_line(text)}")

    def watchdog_ping(self) -> bool:
        return self.notify("WATCHDOG=1")

    def stopping(self) -> bool:
        return self.notify("STOPPING=1")

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


def _one_line(text: str) -> str:
    # The protocol is newline-separated assignments: a newline in STATUS would start a new one.
    return " ".join(text.split())


class EventLoopWatchdog(QObject):
    """Pings the systemd watchdog from a GUI-thread timer, and only from a tick that ran on time.

    Every tick measures how late it ran. A tick later than `stall_threshold_s` means the event
    loop was blocked: it emits `stall(seconds)` and sends no ping; the next on-time tick pings
    again. If the loop stays blocked, no tick runs at all, pings stop, and systemd restarts the
    app after WatchdogSec.
    """

    stall = Signal(float)

    def __init__(self, notifier: SystemdNotifier, interval_s: float | None = None,
                 stall_threshold_s: float = 0.25, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notifier = notifier
        if interval_s is None:
            watchdog = notifier.watchdog_interval_s()
            # Half of WatchdogSec as systemd recommends, but at least once a second so stalls
            # between pings are measured too (a ping is one small datagram).
            interval_s = min(watchdog / 2, 1.0) if watchdog else 1.0
        if interval_s <= 0:
            raise ValueError(f"interval_s must be positive (got {interval_s})")
        self.interval_s = interval_s
        self.stall_threshold_s = stall_threshold_s
        self.pings = 0
        self.stalls = 0
        self.longest_stall_s = 0.0
        self._last_tick: float | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName("EventLoopWatchdog")
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(max(1, round(interval_s * 1000)))
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last_tick = time.monotonic()
        self._timer.start()
        self.notifier.watchdog_ping()

    def stop(self) -> None:
        self._timer.stop()
        self._last_tick = None

    def is_running(self) -> bool:
        return self._timer.isActive()

    def _tick(self) -> None:
        now = time.monotonic()
        late = 0.0 if self._last_tick is None else now - self._last_tick - self.interval_s
        self._last_tick = now
        if late > self.stall_threshold_s:
            self.stalls += 1
            self.longest_stall_s = max(self.longest_stall_s, late)
            log.warning("event loop stalled", extra={"fields": {"stall_s": round(late, 3)}})
            self.stall.emit(late)
            return
        if self.notifier.watchdog_ping():
            self.pings += 1

    def snapshot(self) -> dict:
        """For the heartbeat."""
        return {"watchdog_s": self.notifier.watchdog_interval_s(), "stalls": self.stalls,
                "longest_stall_s": round(self.longest_stall_s, 3)}


class SignalQuitter(QObject):
    """Turns SIGTERM/SIGINT into a clean quit inside the Qt event loop.

    Python runs signal handlers only between bytecodes, and a Qt event loop sits in C++; the
    wake-up fd makes the loop notice the signal at once, so `systemctl stop` and the nightly
    restart shut the kiosk down cleanly instead of waiting for SIGKILL.
    """

    def __init__(self, on_signal: Callable[[int], None],
                 signals: Iterable[int] = (signal.SIGTERM, signal.SIGINT), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_signal = on_signal
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno())
        self._signals = set(signals)
        self._previous = {sig: signal.signal(sig, lambda *_: None) for sig in self._signals}
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        try:
            data = self._read.recv(64)
        except BlockingIOError:
            return
        for signum in data:
            if signum not in self._signals:
                continue
            log.info("signal %s received: quitting", signal.Signals(signum).name)
            self._on_signal(signum)

    def close(self) -> None:
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._read.close()
        self._write.close()
