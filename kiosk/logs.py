"""Structured logging: one JSON object per line to a rotating file and to stderr, with personal
data masked. Anything that looks like an 18-character ID number or an 11-digit mobile number is
masked before it is written, whatever logger produced it."""

from __future__ import annotations

import json
import logging
import logging.handlers
import re
import sys
import time
from pathlib import Path

# 17 digits + digit/X, not part of a longer digit run.
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")
# Mainland mobile numbers: 1[3-9] + 9 digits, not part of a longer digit run.
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def mask_id_number(text: str) -> str:
    """Keep the first 6 and last 4 characters of an 18-character ID number."""
    return _ID_NUMBER.sub(lambda m: f"{m.group(1)}********{m.group(2)[-4:]}", text)


def mask_pii(text: str) -> str:
    text = mask_id_number(text)
    return _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(record.created))
            + f".{int(record.msecs):03d}",
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        extra = getattr(record, "fields", None)
        if isinstance(extra, dict):
            entry.update(extra)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return mask_pii(json.dumps(entry, ensure_ascii=False, default=str))


def setup_logging(log_dir: Path | None, level: int = logging.INFO, stderr: bool = True) -> None:
    """Install the JSON handlers on the root logger (idempotent)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    formatter = JsonFormatter()
    handlers: list[logging.Handler] = []
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_dir / "kiosk.log", maxBytes=5_000_000, backupCount=10, encoding="utf-8"
            )
        )
    if stderr:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(formatter)
        handler._kiosk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
