"""Virtual ESC/POS network printer: TCP server that parses, renders and answers status queries.

    vp = VirtualPrinter(port=0, out_dir=tmp, paper="ok")
    vp.start(); ...print to tcp://127.0.0.1:{vp.port}...; vp.wait_for_jobs(1); vp.stop()

Each job (ended by a cut, or by the connection closing after printable content) is parsed with
the same parser the tests use and written as job-NNNN.txt and job-NNNN.png (the paper's width in
dots). DLE EOT 1-4 and GS r 1 are answered in stream order with the configured status; with
`silent=True` nothing is answered (a printer that is powered but not talking). While the paper is
out, the printer is offline or the cover is open, a job is not printed: it goes to `.rejected`.
"""

from __future__ import annotations

import logging
import queue
import socket
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Self

from drivers.printer.layout import Paper, paper_for
from drivers.printer.parser import Command, EscPosTokenizer, JobInterpreter, ParsedJob
from drivers.printer.render import render_png, render_text
from drivers.printer.status import reply_bytes

log = logging.getLogger(__name__)

PAPER_STATES = ("ok", "near_end", "out")


def _paper_state(value: str) -> str:
    state = value.replace("-", "_")
    if state not in PAPER_STATES:
        raise ValueError(f"paper state must be ok, near-end or out, got {value!r}")
    return state


class VirtualPrinter:
    def __init__(self, port: int = 9100, out_dir: str | Path | None = None, paper: str = "ok",
                 offline: bool = False, width_mm: int = 80, host: str = "127.0.0.1",
                 cover_open: bool = False, silent: bool = False) -> None:
        self.host = host
        self._requested_port = port
        self.paper_geometry: Paper = paper_for(width_mm)
        self.out_dir = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="vprinter-"))
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.paper = _paper_state(paper)
        self.offline = offline
        self.cover_open = cover_open
        self.silent = silent
        self.jobs: list[ParsedJob] = []
        self.rejected: list[ParsedJob] = []
        self.status_queries = 0
        self._server: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._conns: set[socket.socket] = set()
        self._stop = threading.Event()
        self._lock = threading.Condition()
        self._job_counter = 0
        # Jobs are rendered on their own thread: a real printer answers DLE EOT while it
        # prints, so the connection's thread must never wait for a PNG (it did, 0.5 s+ loaded).
        self._renders: queue.Queue[tuple[int, ParsedJob] | None] = queue.Queue()
        self._renderer: threading.Thread | None = None

    # -- control ---------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._server is None:
            return self._requested_port
        return self._server.getsockname()[1]

    @property
    def uri(self) -> str:
        return f"tcp://{self.host}:{self.port}"

    def set_paper(self, state: str) -> None:
        self.paper = _paper_state(state)

    def set_offline(self, offline: bool) -> None:
        self.offline = offline

    def set_cover_open(self, cover_open: bool) -> None:
        self.cover_open = cover_open

    def set_silent(self, silent: bool) -> None:
        self.silent = silent

    def start(self) -> VirtualPrinter:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            server.bind((self.host, self._requested_port))
        except OSError as exc:
            server.close()
            raise OSError(f"virtual printer cannot listen on {self.host}:{self._requested_port}: "
                          f"{exc}") from exc
        server.listen(8)
        server.settimeout(0.1)
        self._server = server
        self._stop.clear()
        t = threading.Thread(target=self._accept_loop, name="vprinter-accept", daemon=True)
        t.start()
        self._threads.append(t)
        log.info("virtual printer listening on %s, output in %s", self.uri, self.out_dir)
        return self

    def stop(self) -> None:
        self._stop.set()
        for t in list(self._threads):
            t.join(timeout=5)
        self._threads.clear()
        if self._server is not None:
            self._server.close()
            self._server = None
        self._stop_renderer()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def wait_for_jobs(self, count: int, timeout: float = 5.0) -> bool:
        """Block until `count` jobs were printed (True) or the timeout passed (False)."""
        with self._lock:
            return self._lock.wait_for(lambda: len(self.jobs) >= count, timeout=timeout)

    def status_replies(self) -> dict[int, int]:
        return reply_bytes(online=not (self.offline or self.cover_open),
                           cover_open=self.cover_open, paper=self.paper)

    # -- serving ---------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, peer = self._server.accept()
            except TimeoutError:
                continue
            except OSError as exc:
                if not self._stop.is_set():
                    log.error("virtual printer accept failed: %s", exc)
                return
            t = threading.Thread(target=self._serve, args=(conn, peer), daemon=True,
                                 name=f"vprinter-{peer[1]}")
            t.start()
            self._threads.append(t)

    def _serve(self, conn: socket.socket, peer) -> None:
        stream = PrinterStream(self, conn.sendall)
        conn.settimeout(0.1)
        try:
            while not self._stop.is_set():
                try:
                    data = conn.recv(65536)
                except TimeoutError:
                    continue
                if not data:
                    break
                stream.feed(data)
        except OSError as exc:
            log.warning("virtual printer connection %s: %s", peer, exc)
        finally:
            stream.end()
            conn.close()

    def _answer(self, send: Callable[[bytes], object], cmd: Command) -> None:
        with self._lock:
            self.status_queries += 1
        if self.silent:
            return
        n = cmd.args[0] if cmd.args else 0
        if cmd.name == "DLE EOT":
            reply = self.status_replies().get(n)
        else:  # GS r 1: paper sensors (bits 0-1 near end, bits 2-3 paper end)
            reply = {1: {"ok": 0, "near_end": 0x03, "out": 0x0F}[self.paper], 2: 0}.get(
                n if n < 48 else n - 48)
        if reply is not None:
            send(bytes([reply]))

    def _finish_job(self, job: ParsedJob) -> None:
        if not job.has_content:
            return
        if self.paper == "out" or self.offline or self.cover_open:
            log.warning("virtual printer: job of %d bytes not printed (paper %s, offline %s, "
                        "cover open %s)", job.byte_count, self.paper, self.offline,
                        self.cover_open)
            with self._lock:
                self.rejected.append(job)
                self._lock.notify_all()
            return
        with self._lock:
            self._job_counter += 1
            if self._renderer is None:
                self._renderer = threading.Thread(target=self._render_loop, daemon=True,
                                                  name="vprinter-render")
                self._renderer.start()
            self._renders.put((self._job_counter, job))  # under the lock: numbers stay in order

    def _render_loop(self) -> None:
        while (item := self._renders.get()) is not None:
            try:
                self._file_job(*item)
            except Exception:  # one bad job must not stop the printer; the test sees it missing
                log.exception("virtual printer: filing job %d failed", item[0])

    def _stop_renderer(self) -> None:
        """Render what is queued, then end the thread (jobs finished at stop are kept)."""
        with self._lock:
            renderer, self._renderer = self._renderer, None
        if renderer is not None:
            self._renders.put(None)
            renderer.join(timeout=30)

    def _file_job(self, n: int, job: ParsedJob) -> None:
        stem = self.out_dir / f"job-{n:04d}"
        text_path, png_path = stem.with_suffix(".txt"), stem.with_suffix(".png")
        text_path.write_text(render_text(job, self.paper_geometry.columns), encoding="utf-8")
        render_png(job, self.paper_geometry).save(png_path)
        job.text_path, job.png_path = str(text_path), str(png_path)
        if job.unknown or job.errors:
            log.warning("virtual printer job %d: unknown %s, errors %s", n, job.unknown,
                        job.errors)
        with self._lock:
            self.jobs.append(job)
            self._lock.notify_all()
        log.info("virtual printer: job %d printed (%d bytes) → %s", n, job.byte_count, png_path)


class PrinterStream:
    """One byte stream into the printer (a TCP connection, or the serial line): the same parser,
    status answers in stream order and job filing for every transport."""

    def __init__(self, printer: VirtualPrinter, send: Callable[[bytes], object]) -> None:
        self.printer = printer
        self.send = send
        self.tokenizer = EscPosTokenizer()
        self.interp = JobInterpreter(printer.paper_geometry.columns, printer.paper_geometry.dots)

    def feed(self, data: bytes) -> None:
        tokens = self.tokenizer.feed(data)
        # Answer real-time queries in stream order, before the job they sit in is done.
        for tok in tokens:
            if isinstance(tok, Command) and tok.name in ("DLE EOT", "GS r"):
                self.printer._answer(self.send, tok)
        for job in self.interp.feed(tokens):
            self.printer._finish_job(job)
        self.interp.jobs.clear()  # filed by the printer; a long-lived line must not pile them up

    @property
    def has_pending_job(self) -> bool:
        """Printable content or an unfinished line since the last cut, no partial command."""
        return not self.tokenizer.pending and bool(self.interp.line
                                                   or self.interp.job.has_content)

    def end(self) -> None:
        """End of stream (or of a pause on a line that stays open): file what came so far."""
        self.interp.job.errors.extend(self.tokenizer.finish())
        last = self.interp.finish()
        self.interp.jobs.clear()
        if last is not None:
            self.printer._finish_job(last)
