"""Virtual ESC/POS serial printer on a pseudo-terminal.

    vp = SerialVirtualPrinter(out_dir=tmp)
    vp.start(); ...print to vp.uri ("serial:/dev/pts/N")...; vp.wait_for_jobs(1); vp.stop()

The same printer as the network one (status, paper states, job files, `.jobs`/`.rejected`),
fed by the bytes the kiosk writes to the pty and answering DLE EOT / GS r over the same line.
A serial line has no end of connection, so a job ends at a cut, or when the line has been
quiet for `idle_end_s` after printable content (software that never cuts). Baud rate, parity
and flow control are not simulated: a pty carries bytes at memory speed.
"""

from __future__ import annotations

import logging
import os
import pty
import select
import threading
import tty
from pathlib import Path

from drivers.printer.virtual import PrinterStream, VirtualPrinter

log = logging.getLogger(__name__)


class SerialVirtualPrinter(VirtualPrinter):
    def __init__(self, out_dir: str | Path | None = None, paper: str = "ok",
                 offline: bool = False, width_mm: int = 80, cover_open: bool = False,
                 silent: bool = False, link_path: str | os.PathLike | None = None,
                 idle_end_s: float = 0.5) -> None:
        super().__init__(port=0, out_dir=out_dir, paper=paper, offline=offline,
                         width_mm=width_mm, cover_open=cover_open, silent=silent)
        self.link_path = Path(link_path) if link_path else None
        self.idle_end_s = idle_end_s
        self._master: int | None = None
        self._slave: int | None = None
        self._slave_name = ""
        self._line_thread: threading.Thread | None = None
        self.holding = False

    def set_holding(self, holding: bool) -> None:
        """Stop taking bytes off the line, as a printer with a full buffer holds its busy/CTS
        line: the kiosk's writes back up and must time out, not hang."""
        self.holding = holding

    @property
    def device_path(self) -> str:
        """The path the kiosk opens: the stable link if one was asked for, else /dev/pts/N."""
        return str(self.link_path) if self.link_path else self._slave_name

    @property
    def uri(self) -> str:
        return f"serial:{self.device_path}"

    def start(self) -> SerialVirtualPrinter:
        master, slave = pty.openpty()
        # Raw from the start: no echo of the job back to the kiosk (it would read it as status
        # replies) and no CR/LF translation. pyserial sets raw too, but only once it opens.
        tty.setraw(slave)
        # We keep the slave open: otherwise reads on the master fail with EIO whenever the kiosk
        # has the port closed (between jobs), and the line would have to be re-established.
        os.set_blocking(master, False)  # a reply must never block the line thread
        self._master, self._slave = master, slave
        self._slave_name = os.ttyname(slave)
        if self.link_path:
            tmp = self.link_path.with_name(self.link_path.name + ".new")
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(self._slave_name)
            tmp.replace(self.link_path)
        self._stop.clear()
        self._line_thread = threading.Thread(target=self._serve_line, name="vprinter-serial",
                                             daemon=True)
        self._line_thread.start()
        log.info("virtual serial printer on %s, output in %s", self.device_path, self.out_dir)
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._line_thread is not None:
            self._line_thread.join(timeout=5)
            self._line_thread = None
        if self.link_path:
            self.link_path.unlink(missing_ok=True)
        for fd in (self._master, self._slave):
            if fd is not None:
                os.close(fd)
        self._master = self._slave = None
        self._stop_renderer()

    def _serve_line(self) -> None:
        master = self._master
        stream = PrinterStream(self, self._send)
        try:
            while not self._stop.is_set():
                if self.holding:
                    self._stop.wait(0.05)
                    continue
                ready, _, _ = select.select([master], [], [], self._wait_s(stream))
                if not ready:
                    if stream.has_pending_job:
                        stream.end()  # quiet line after content: that was the whole job
                    continue
                data = os.read(master, 65536)
                if data:
                    stream.feed(data)
        except OSError as exc:
            log.error("virtual serial printer %s: line failed: %s", self.device_path, exc)
        finally:
            stream.end()

    def _wait_s(self, stream: PrinterStream) -> float:
        return self.idle_end_s if stream.has_pending_job else 0.1

    def _send(self, data: bytes) -> None:
        """A status reply onto the line (the kiosk's input). One byte: a pty never blocks it
        unless the kiosk has left 4 KiB of replies unread, and then one more cannot matter."""
        try:
            os.write(self._master, data)
        except BlockingIOError:
            log.warning("virtual serial printer %s: reply dropped, nobody reads the line",
                        self.device_path)
