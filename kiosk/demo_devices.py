"""The demo rig's simulators as their own processes, as on a real terminal where the reader, the
printer and the camera are separate hardware: `kioskctl sim idcard --control` on a pseudo-terminal,
`kioskctl sim printer` on TCP and `kioskctl sim camera --serve` on a Unix socket. Their memory
(the printer's PNG rendering, the reader's identities, the camera's scene rendering) is then not
the kiosk's.

The rig keeps the in-process interface the journeys use: `reader.place(identity)`,
`reader.remove()`, `reader.device_path`; `printer.uri`, `printer.jobs[-1].png_path / .lines`.
No helper threads in the kiosk process: the reader is driven by one line on stdin and one
answer on stdout; the printer's job lines go to a file that is read when `jobs` is asked for.
"""

from __future__ import annotations

import json
import logging
import os
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from central.orphans import die_with_parent

log = logging.getLogger(__name__)
START_TIMEOUT_S = 20.0


class SimulatorError(RuntimeError):
    """A simulator process did not start or did not answer; the message names which and why."""


def _kioskctl(*args: str) -> list[str]:
    return [sys.executable, "-m", "kiosk.cli.main", *args]


def _child_setup() -> None:
    """In the simulator child, before exec: tied to this process's life, and SIGINT (how stop()
    asks it to end) back to its default. A starter run in the background from a shell
    (`nohup kioskctl bench soak ... &`) passes SIGINT on as ignored, Python then leaves it
    ignored, and every stop() waited 5 s and killed the simulator."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _spawn(argv: list[str], log_path: Path, **kwargs) -> subprocess.Popen:
    log_file = open(log_path, "ab")  # noqa: SIM115 - handed to the child, closed right after
    try:
        return subprocess.Popen(argv, stderr=log_file, preexec_fn=_child_setup,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"}, **kwargs)
    finally:
        log_file.close()


def _end(process: subprocess.Popen | None, name: str) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        log.warning("%s simulator did not stop on SIGINT within 5 s: killed", name)
        process.kill()
        process.wait(timeout=5)


def _await_ready_line(process: subprocess.Popen, name: str, log_path: Path, expected: str,
                      accept) -> str:
    """The first stdout line, which a simulator prints once it is ready (pty open, socket
    listening). A child that hangs before printing it is stopped and reported after
    START_TIMEOUT_S, instead of blocking the demo or the soak for ever on readline()."""
    ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT_S)
    first = process.stdout.readline().strip() if ready else ""
    if ready and accept(first):
        return first
    _end(process, name)
    got = repr(first) if ready else f"nothing within {START_TIMEOUT_S:.0f} s"
    raise SimulatorError(f"sim {name}: expected {expected} as its first line, got {got} (see {log_path})")


class ProcessReader:
    """`kioskctl sim idcard --control` in a child process; identities shared through a JSON file."""

    def __init__(self, identities: list, work_dir: Path, baudrate: int = 115200) -> None:
        from drivers.idcard.identities import save_identities

        self.identities = list(identities)
        self._identities_file = Path(work_dir) / "sim-identities.json"
        save_identities(self.identities, self._identities_file)
        self._log_path = Path(work_dir) / "sim-idcard.log"
        self._baudrate = baudrate
        self._process: subprocess.Popen | None = None
        self.device_path = ""

    def start(self) -> ProcessReader:
        self._process = _spawn(
            _kioskctl("sim", "idcard", "--control", "--baudrate", str(self._baudrate),
                      "--identities", str(self._identities_file)),
            self._log_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.device_path = _await_ready_line(self._process, "idcard", self._log_path, "a device path",
                                             lambda line: line.startswith("/dev/"))
        return self

    def _send(self, line: str) -> None:
        if self._process is None or self._process.poll() is not None:
            raise SimulatorError(f"sim idcard is not running (see {self._log_path})")
        self._process.stdin.write(line + "\n")
        self._process.stdin.flush()
        answer = self._process.stdout.readline().strip()
        if answer != "ok":
            raise SimulatorError(f"sim idcard refused {line!r}: {answer or 'no answer (process ended)'}")

    def place(self, identity) -> None:
        try:
            index = self.identities.index(identity)
        except ValueError:
            raise SimulatorError("that identity is not among the simulator's identities") from None
        self._send(f"place {index}")

    def remove(self) -> None:
        self._send("remove")

    def stop(self) -> None:
        if self._process is not None and self._process.stdin is not None:
            try:
                self._process.stdin.close()   # end of input stops the control loop
            except OSError as exc:
                log.debug("sim idcard stdin already closed: %s", exc)
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                _end(self._process, "ID card")
            self._process.stdout.close()
        self._process = None


@dataclass
class PrintedJob:
    """A job as the printer process reports it (one JSON line on its stdout)."""
    png_path: str | None
    text_path: str | None
    byte_count: int
    problems: list[str]

    @property
    def lines(self) -> list[str]:
        """The printed rows, from the text file the printer wrote."""
        if not self.text_path:
            return []
        return Path(self.text_path).read_text(encoding="utf-8").splitlines()


class ProcessPrinter:
    """`kioskctl sim printer` in a child process on a free loopback port."""

    def __init__(self, out_dir: Path, work_dir: Path, width_mm: int | None = None) -> None:
        self.out_dir = Path(out_dir)
        self._jobs_path = Path(work_dir) / "sim-printer-jobs.jsonl"
        self._log_path = Path(work_dir) / "sim-printer.log"
        self._width_mm = width_mm
        self._process: subprocess.Popen | None = None
        self._jobs: list[PrintedJob] = []
        self._read_offset = 0
        self.uri = ""

    def start(self) -> ProcessPrinter:
        argv = _kioskctl("sim", "printer", "--port", "0", "--out", str(self.out_dir))
        if self._width_mm:
            argv += ["--width", str(self._width_mm)]
        self._jobs_path.write_bytes(b"")
        with open(self._jobs_path, "ab") as jobs_file:
            self._process = _spawn(argv, self._log_path, stdout=jobs_file)
        # its first stdout line, JSON with the URI, comes once the socket listens
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            first = self._read_lines(limit=1)
            if first:
                self.uri = str(first[0].get("uri", ""))
                if not self.uri.startswith("tcp://"):
                    break
                return self
            if self._process.poll() is not None:
                break
            time.sleep(0.05)
        _end(self._process, "printer")
        raise SimulatorError(f"sim printer did not report a tcp:// URI within {START_TIMEOUT_S:.0f} s "
                             f"(see {self._log_path} and {self._jobs_path})")

    def _read_lines(self, limit: int | None = None) -> list[dict]:
        """Complete JSON lines written since the last call (at most `limit`)."""
        with open(self._jobs_path, "rb") as handle:
            handle.seek(self._read_offset)
            chunk = handle.read()
        complete = chunk[:chunk.rfind(b"\n") + 1]   # a line still being written waits
        lines = complete.splitlines(keepends=True)[:limit]
        self._read_offset += sum(len(line) for line in lines)
        out = []
        for line in lines:
            try:
                out.append(json.loads(line))
            except ValueError as exc:
                raise SimulatorError(f"{self._jobs_path}: unreadable line {line[:80]!r}: {exc}") from None
        return out

    @property
    def jobs(self) -> list[PrintedJob]:
        """Every job printed so far (the process reports each within ~0.2 s of the cut)."""
        for data in self._read_lines():
            self._jobs.append(PrintedJob(data.get("png"), data.get("text"), int(data.get("bytes", 0)),
                                         list(data.get("problems", []))))
        return self._jobs

    def stop(self) -> None:
        _end(self._process, "printer")
        self._process = None


class ProcessCamera:
    """`kioskctl sim camera --serve SOCKET` in a child process; the kiosk's camera source is
    `spec` ("sim:SOCKET"), read by drivers.camera.stream.SocketFrameSource."""

    def __init__(self, work_dir: Path) -> None:
        self._socket_path = Path(work_dir) / "sim-camera.sock"
        self._log_path = Path(work_dir) / "sim-camera.log"
        self._process: subprocess.Popen | None = None
        self.spec = ""

    def start(self) -> ProcessCamera:
        self._process = _spawn(_kioskctl("sim", "camera", "--serve", str(self._socket_path)),
                               self._log_path, stdout=subprocess.PIPE, text=True)
        ready = f"listening {self._socket_path}"
        _await_ready_line(self._process, "camera", self._log_path, repr(ready), lambda line: line == ready)
        self.spec = f"sim:{self._socket_path}"
        return self

    def stop(self) -> None:
        _end(self._process, "camera")
        if self._process is not None:
            self._process.stdout.close()
        self._process = None
