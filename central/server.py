"""Running the platform under uvicorn: in-process for tests (`PlatformServer`) or as a
process (`python -m central.server …`, which `kioskctl platform serve` also uses)."""

from __future__ import annotations

import argparse
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Self

import requests

from central.orphans import die_with_parent

# uvicorn, FastAPI (central.app) and the fault protocol are imported where a server runs in
# this process: a kiosk that only starts the platform as a child process (the demo rig, the
# soak) must not carry them (~25 MB of modules it never uses).
if TYPE_CHECKING:
    import uvicorn

    from central.faults import FaultSpec

log = logging.getLogger(__name__)


def _bind(host: str, port: int) -> socket.socket:
    # proto must say TCP: asyncio only sets TCP_NODELAY on accepted sockets whose proto is
    # IPPROTO_TCP, and without it Nagle + delayed ACK add ~40 ms to every keep-alive reply.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _uvicorn_config(app, log_level: str = "warning", faults: bool = True) -> uvicorn.Config:
    """With fault injection the h11 subclass (the fault middleware needs the socket to cut
    connections); otherwise httptools + uvloop, uvicorn's fast path: HTTP parsing and the
    event loop were a fifth of the platform's CPU per signed upload under h11 + asyncio."""
    import uvicorn

    from central.faults import FaultAwareH11Protocol

    if faults or not _fast_stack_available():
        return uvicorn.Config(app, http=FaultAwareH11Protocol, lifespan="off",
                              log_level=log_level, access_log=False, timeout_keep_alive=5)
    return uvicorn.Config(app, http="httptools", loop="uvloop", lifespan="off",
                          log_level=log_level, access_log=False, timeout_keep_alive=5)


def _fast_stack_available() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("httptools", "uvloop"))


def _faults_active(faults: FaultSpec | str | None) -> bool:
    from central.faults import FaultSpec

    spec = faults if isinstance(faults, FaultSpec) else FaultSpec.parse(faults)
    return spec.active


def wait_healthy(url: str, timeout: float = 20.0, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"platform process exited with status {process.returncode}")
        try:
            if requests.get(f"{url}/v1/health", timeout=2).status_code == 200:
                return
        except requests.RequestException as exc:
            last = exc
        time.sleep(0.05)
    raise TimeoutError(f"platform at {url} did not answer /v1/health within {timeout} s: {last}")


class PlatformServer:
    """The reference platform on loopback.

    mode="thread" runs uvicorn in a background thread of this process (fast; the default);
    mode="process" runs `python -m central.server` (needed for several workers on one DB, or
    to kill the platform hard); `workers` > 1 makes that process start as many worker
    processes on the one port. `.start()` returns once /v1/health answers; `.stop()`;
    `.url`; `.db_url`. The same port is kept across stop()/start(), so a test can take the
    platform away and bring it back.
    """

    def __init__(self, db_url: str, port: int = 0, faults: FaultSpec | str | None = None,
                 catalog_dir: str | Path | None = None, host: str = "127.0.0.1",
                 mode: str = "thread", status_step_s: float | None = None,
                 workers: int = 1) -> None:
        if mode not in ("thread", "process"):
            raise ValueError(f"mode must be 'thread' or 'process', not {mode!r}")
        if workers > 1 and mode != "process":
            raise ValueError("several workers need mode='process'")
        self.workers = workers
        self.db_url = db_url
        self.host = host
        self.port = port
        self.faults = faults
        self.catalog_dir = catalog_dir
        self.mode = mode
        self.status_step_s = status_step_s
        self._server: uvicorn.Server | None = None
        self._app = None
        self._thread: threading.Thread | None = None
        self._process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def pid(self) -> int:
        """The process serving requests (this one in thread mode): benchmarks read its CPU."""
        return self._process.pid if self._process is not None else os.getpid()

    def start(self, wait: bool = True) -> PlatformServer:
        """Start serving; with wait=False return at once (call .wait_healthy() later), so
        several process-mode servers can boot in parallel."""
        if self.mode == "thread":
            self._start_thread()
        else:
            self._start_process()
        if wait:
            self.wait_healthy()
        return self

    def wait_healthy(self, timeout: float = 30.0) -> None:
        wait_healthy(self.url, timeout=timeout, process=self._process)

    def _start_thread(self) -> None:
        import uvicorn

        from central.app import create_app

        app = self._app = create_app(self.db_url, faults=self.faults,
                                     catalog_dir=self.catalog_dir,
                                     status_step_s=self.status_step_s)
        sock = _bind(self.host, self.port)
        self.port = sock.getsockname()[1]
        self._server = uvicorn.Server(_uvicorn_config(app, faults=_faults_active(self.faults)))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        name=f"platform:{self.port}", daemon=True)
        self._thread.start()

    def _start_process(self) -> None:
        if self.port == 0:
            probe = _bind(self.host, 0)
            self.port = probe.getsockname()[1]
            probe.close()
        faults = self.faults
        if faults is not None and not isinstance(faults, str):  # a FaultSpec
            faults = ",".join(f"{k}={v}" for k, v in vars(faults).items() if v)
        cmd = [sys.executable, "-m", "central.server", "--host", self.host,
               "--port", str(self.port), "--db", self.db_url]
        if faults:
            cmd += ["--faults", faults]
        if self.catalog_dir:
            cmd += ["--catalog", str(self.catalog_dir)]
        if self.status_step_s:
            cmd += ["--advance-seconds", str(self.status_step_s)]
        if self.workers > 1:
            cmd += ["--workers", str(self.workers)]
        # ends with whoever started it, even killed outright (a killed soak or demo left its
        # platform serving). The kernel ties this to the starting thread, not the process:
        # only a platform started on the main thread gets it.
        on_main = threading.current_thread() is threading.main_thread()
        self._process = subprocess.Popen(cmd, env={**os.environ, "PYTHONUNBUFFERED": "1"},
                                         preexec_fn=die_with_parent if on_main else None)

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            if self._thread is not None:
                self._thread.join(timeout=10)
            self._server = self._thread = None
        if self._app is not None:
            self._app.state.sessions.kw["bind"].dispose()  # close pooled DB connections
            self._app = None
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def serve(host: str, port: int, db_url: str, faults: str | None = None,
          catalog_dir: str | None = None, log_level: str = "info",
          status_step_s: float | None = None, workers: int = 1,
          inherited_fd: int | None = None) -> int:
    """Serve in the foreground until interrupted (Ctrl-C / SIGTERM); the exit status.

    workers > 1: this process binds the port and starts that many worker processes on the
    one listening socket (the kernel hands each new connection to one of them). The
    platform keeps nothing in process memory, so workers need no coordination beyond the
    database; this is how it uses more than one core."""
    if inherited_fd is not None:
        sock = socket.socket(fileno=inherited_fd)
    else:
        sock = _bind(host, port)
        log.info("platform listening on http://%s:%d", host, sock.getsockname()[1])
    if workers > 1:
        return _supervise(sock, workers, db_url, faults, catalog_dir, log_level, status_step_s)
    import uvicorn

    from central.app import create_app

    app = create_app(db_url, faults=faults, catalog_dir=catalog_dir, status_step_s=status_step_s)
    uvicorn.Server(_uvicorn_config(app, log_level, faults=_faults_active(faults))).run(
        sockets=[sock])
    return 0


def _supervise(sock: socket.socket, workers: int, db_url: str, faults: str | None,
               catalog_dir: str | None, log_level: str, status_step_s: float | None) -> int:
    """Run `workers` worker processes on `sock` until a signal or a worker's death; then
    stop them all (a supervisor such as systemd restarts the whole platform)."""
    import signal

    fd = sock.fileno()
    cmd = [sys.executable, "-m", "central.server", "--db", db_url, "--inherit-fd", str(fd),
           "--log-level", log_level]
    if faults:
        cmd += ["--faults", faults]
    if catalog_dir:
        cmd += ["--catalog", str(catalog_dir)]
    if status_step_s:
        cmd += ["--advance-seconds", str(status_step_s)]
    from central.db import database

    with database(db_url):  # schema created once, before the workers race for it
        pass
    children = [subprocess.Popen(cmd, pass_fds=[fd], preexec_fn=die_with_parent)
                for _ in range(workers)]
    stopping = threading.Event()

    def stop(signum, _frame):
        stopping.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop)
    status = 0
    while not stopping.is_set():
        dead = [c for c in children if c.poll() is not None]
        if dead:
            log.error("platform worker %d exited with status %s; stopping the others",
                      dead[0].pid, dead[0].returncode)
            status = 1
            break
        stopping.wait(0.5)
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m central.server",
                                     description="reference central platform")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8700)
    parser.add_argument("--db", required=True, help="SQLAlchemy URL, e.g. sqlite:///platform.db")
    parser.add_argument("--faults", default=None)
    parser.add_argument("--catalog", default=None)
    parser.add_argument("--log-level", default="warning")
    parser.add_argument("--advance-seconds", type=float, default=None,
                        help="demo: advance application status every N seconds")
    parser.add_argument("--workers", type=int, default=1,
                        help="worker processes sharing the port (one per core)")
    parser.add_argument("--inherit-fd", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.workers < 1:
        print("--workers must be at least 1", file=sys.stderr)
        return 2
    from central.faults import FaultSpec

    try:
        FaultSpec.parse(args.faults)
    except ValueError as exc:
        print(f"--faults: {exc}", file=sys.stderr)
        return 2
    if args.advance_seconds is not None and args.advance_seconds <= 0:
        print("--advance-seconds must be positive", file=sys.stderr)
        return 2
    return serve(args.host, args.port, args.db, args.faults, args.catalog, args.log_level,
                 args.advance_seconds, args.workers, args.inherit_fd)


if __name__ == "__main__":
    sys.exit(main())
