"""Printer status from real-time `DLE EOT n` replies.

Every reply byte has the fixed pattern 0xx1xx10 (bits 1 and 4 set, bits 0 and 7 clear). A
missing reply or a byte that breaks the pattern tells us nothing, so that part of the status is
"unknown" — never "OK" (python-escpos 3.1 reports "paper adequate" when nobody answers).

  n=1 printer status   bit 3: offline
  n=2 offline cause    bit 2: cover open, bit 3: paper fed by button, bit 5: stopped by paper end,
                       bit 6: error
  n=3 error cause      bit 3: auto-cutter error, bit 5: unrecoverable, bit 6: auto-recoverable
  n=4 paper sensors    bits 2-3: roll near end, bits 5-6: roll end (paper out)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

DLE_EOT = b"\x10\x04"
QUERIES = (1, 2, 3, 4)


def query_bytes(n: int) -> bytes:
    if n not in QUERIES:
        raise ValueError(f"DLE EOT {n} is not a status query we use (1-4)")
    return DLE_EOT + bytes([n])


def valid_reply(byte: int | None) -> bool:
    return byte is not None and 0 <= byte <= 0xFF and (byte & 0x93) == 0x12


@dataclass(frozen=True)
class PrinterStatus:
    """What the printer said; None means unknown (no reply or an invalid one)."""

    online: bool | None = None
    cover_open: bool | None = None
    paper: str = "unknown"  # ok | near_end | out | unknown
    error: bool | None = None
    detail: str = ""

    @property
    def state(self) -> str:
        """ok | warn | fail | unknown — the device-health vocabulary."""
        if self.online is False or self.cover_open or self.paper == "out" or self.error:
            return "fail"
        if self.online is None or self.paper == "unknown":
            return "unknown"
        if self.paper == "near_end":
            return "warn"
        return "ok"

    @property
    def can_print(self) -> bool:
        """Known to be able to print (near-end paper still prints)."""
        return self.state in ("ok", "warn")

    @property
    def reason(self) -> str:
        """A short Chinese explanation for staff and the status bar."""
        parts = []
        if self.online is None and self.paper == "unknown":
            return "打印机无应答（状态未知）"
        if self.online is False:
            parts.append("打印机脱机")
        if self.cover_open:
            parts.append("打印机盖未关")
        if self.paper == "out":
            parts.append("打印纸已用完")
        elif self.paper == "near_end":
            parts.append("打印纸将尽")
        elif self.paper == "unknown":
            parts.append("纸张状态未知")
        if self.error:
            parts.append("打印机故障")
        if self.online is None:
            parts.append("联机状态未知")
        return "；".join(parts) or "正常"

    def as_dict(self) -> dict:
        data = asdict(self)
        data.update(state=self.state, reason=self.reason)
        return data


UNKNOWN = PrinterStatus(detail="no reply")


def status_from_replies(replies: dict[int, int | None]) -> PrinterStatus:
    """Combine the replies to DLE EOT 1…4 (missing or invalid ones become unknown)."""
    bad = sorted(n for n, b in replies.items() if b is not None and not valid_reply(b))
    silent = sorted(n for n in QUERIES if replies.get(n) is None)
    r = {n: b for n, b in replies.items() if valid_reply(b)}

    online = None if 1 not in r else not (r[1] & 0x08)
    cover = None if 2 not in r else bool(r[2] & 0x04)
    error = None
    if 2 in r or 3 in r:
        error = bool(r.get(2, 0) & 0x40) or bool(r.get(3, 0) & 0x68)
    if 4 in r:
        if r[4] & 0x60:
            paper = "out"
        elif r[4] & 0x0C:
            paper = "near_end"
        else:
            paper = "ok"
    elif 2 in r and r[2] & 0x20:
        paper = "out"  # printing stopped by paper end
    else:
        paper = "unknown"

    notes = []
    if silent:
        notes.append("no reply to DLE EOT " + ",".join(map(str, silent)))
    if bad:
        notes.append("invalid reply to DLE EOT " + ",".join(
            f"{n} (0x{replies[n]:02x})" for n in bad))
    return PrinterStatus(online, cover, paper, error, "; ".join(notes))


def reply_bytes(*, online: bool = True, cover_open: bool = False, paper: str = "ok",
                error: bool = False) -> dict[int, int]:
    """The reply a healthy/unhealthy printer gives to each query (used by the virtual printer)."""
    if paper not in ("ok", "near_end", "out"):
        raise ValueError(f"paper must be ok, near_end or out, got {paper!r}")
    base = 0x12
    return {
        1: base | (0 if online else 0x08),
        2: base | (0x04 if cover_open else 0) | (0x20 if paper == "out" else 0)
        | (0x40 if error else 0),
        3: base | (0x20 if error else 0),
        4: base | {"ok": 0, "near_end": 0x0C, "out": 0x6C}[paper],
    }
