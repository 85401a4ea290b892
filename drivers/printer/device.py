"""A receipt printer as the application uses it: render a template, print with a status check
before and after, and say plainly whether the job made it."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from drivers.printer import templates
from drivers.printer.status import PrinterStatus
from drivers.printer.transport import PrinterConnection, PrinterIOError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintResult:
    ok: bool
    reason: str  # "" when ok; otherwise a short Chinese explanation plus the technical cause
    before: PrinterStatus
    after: PrinterStatus
    bytes_sent: int = 0


class ReceiptPrinter:
    def __init__(self, uri: str, paper_width_mm: int = 80, profile: str = "TM-T88V",
                 native_qr: bool = True, timeout: float = 1.0) -> None:
        self.uri = uri
        self.paper_width_mm = paper_width_mm
        self.profile = profile
        self.native_qr = native_qr
        self.timeout = timeout

    def render(self, template: str, data: dict) -> bytes:
        return templates.render(template, data, self.paper_width_mm, self.profile,
                                self.native_qr)

    def status(self) -> PrinterStatus:
        try:
            with PrinterConnection(self.uri, self.profile, self.timeout) as conn:
                return conn.status()
        except PrinterIOError as exc:
            log.warning("printer status: %s", exc)
            return PrinterStatus(detail=str(exc))

    def print_bytes(self, data: bytes) -> PrintResult:
        """Send one job. Not sent when the printer is known unable to print; reported as failed
        when the status after the job is bad or cannot be read (the paper may not have come out).
        """
        before = after = PrinterStatus(detail="not queried")
        try:
            with PrinterConnection(self.uri, self.profile, self.timeout) as conn:
                before = conn.status()
                if before.state == "fail":
                    return PrintResult(False, f"未打印：{before.reason}", before, before)
                if before.state == "unknown":
                    log.warning("printer %s: status unknown before the job (%s); sending anyway",
                                self.uri, before.detail)
                conn.write(data)
                after = conn.status()
        except PrinterIOError as exc:
            lost = PrinterStatus(detail=str(exc))
            return PrintResult(False, f"打印机连接失败：{exc}", before, lost)
        if after.state == "fail":
            return PrintResult(False, f"打印后状态异常：{after.reason}", before, after, len(data))
        if after.state == "unknown":
            return PrintResult(False, f"无法确认是否打印成功：{after.reason}（{after.detail}）",
                               before, after, len(data))
        return PrintResult(True, "", before, after, len(data))
