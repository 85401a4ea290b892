"""Run-time statistics for the heartbeat: uptime, starts since boot, and why the last run ended.

Files under <data_dir>/runtime/:
  state.json        counters, the boot they belong to, and the last crash (rewritten atomically)
  running           exists while the app runs; still there at the next start = unclean exit
  crash.txt         written by sys.excepthook (masked traceback of an unhandled exception)
  faulthandler.log  written by faulthandler on a fatal signal (SIGSEGV, SIGABRT from the systemd
                    watchdog, ...): the Python stacks of every thread, no variable values
The crash files are read and cleared by the next record_start().
"""

from __future__ import annotations

import faulthandler
import json
import logging
import os
import sys
import time
import traceback
from pathlib import Path
from typing import IO, Any

from kiosk.logs import mask_pii

log = logging.getLogger(__name__)

BOOT_ID_PATH = Path("/proc/sys/kernel/random/boot_id")
RUNTIME_DIR = "runtime"
_DETAIL_LIMIT = 8000  # characters of traceback kept: enough for the innermost frames


def _iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(ts))


def read_saved_state(data_dir: str | os.PathLike) -> dict | None:
    """The saved state.json of a data dir (for `kioskctl logs export`), without touching it."""
    path = Path(data_dir).expanduser() / RUNTIME_DIR / "state.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("cannot read %s: %s", path, exc)
        return None


class RuntimeStats:
    def __init__(self, data_dir: str | os.PathLike, boot_id_path: Path = BOOT_ID_PATH) -> None:
        self.dir = Path(data_dir).expanduser() / RUNTIME_DIR
        self.boot_id_path = Path(boot_id_path)
        self.state_path = self.dir / "state.json"
        self.marker_path = self.dir / "running"
        self.crash_path = self.dir / "crash.txt"
        self.fault_path = self.dir / "faulthandler.log"
        self.state: dict[str, Any] = {}
        self.previous_exit = "unknown"
        self._started_mono: float | None = None
        self._started_wall: float | None = None
        self._fault_file: IO[str] | None = None
        self._previous_hook = None

    # ------------------------------------------------------------------ start

    def _boot_id(self) -> str:
        try:
            return self.boot_id_path.read_text().strip() or "unknown"
        except OSError as exc:
            log.warning("cannot read boot id from %s: %s", self.boot_id_path, exc)
            return "unknown"

    def _load_state(self) -> dict[str, Any]:
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
            if not isinstance(state, dict):
                raise ValueError("not a JSON object")
            return state
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            # Counters are diagnostics, not data: start them again, but say so.
            log.warning("runtime state %s unreadable (%s); counters restart", self.state_path, exc)
            return {}

    def _collect_crash(self, boot_changed: bool) -> dict | None:
        """The reason the previous run ended badly, from the crash files and the marker."""
        unclean = self.marker_path.exists()
        crash_text = self._read_text(self.crash_path)
        fault_text = self._read_text(self.fault_path)
        at = None
        if crash_text:
            lines = [line for line in crash_text.strip().splitlines() if line.strip()]
            kind, reason, detail = "exception", lines[-1], crash_text
            at = self.crash_path.stat().st_mtime
        elif fault_text:
            lines = [line for line in fault_text.strip().splitlines() if line.strip()]
            kind, reason, detail = "fatal_signal", lines[0], fault_text
            at = self.fault_path.stat().st_mtime
        elif unclean and boot_changed:
            kind, reason, detail = ("power_loss", "no clean shutdown before the machine restarted "
                                    "(power loss, hard reset or kernel crash)", "")
        elif unclean:
            kind, reason, detail = ("killed", "no clean shutdown and no Python error: killed "
                                    "(SIGKILL after a stop timeout, out of memory) or hung", "")
        else:
            return None
        if at is None:
            at = self.marker_path.stat().st_mtime
        return {"kind": kind, "reason": mask_pii(reason)[:300], "at": _iso(at),
                "process_ended": unclean, "detail": mask_pii(detail)[-_DETAIL_LIMIT:]}

    @staticmethod
    def _read_text(path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def record_start(self) -> dict:
        """Count this start, pick up the previous run's crash reason, mark the run as live."""
        self.dir.mkdir(parents=True, exist_ok=True)
        self._started_mono = time.monotonic()
        self._started_wall = time.time()
        state = self._load_state()
        boot_id = self._boot_id()
        boot_changed = state.get("boot_id") != boot_id
        crash = self._collect_crash(boot_changed) if state or self.marker_path.exists() else None
        if not state:
            self.previous_exit = "first_start"
        elif crash is not None and crash["process_ended"]:
            self.previous_exit = "crash"
        else:
            self.previous_exit = "clean"
        starts_this_boot = 1 if boot_changed else int(state.get("starts_this_boot", 0)) + 1
        state.update({
            "boot_id": boot_id,
            "starts_this_boot": starts_this_boot,
            "starts_total": int(state.get("starts_total", 0)) + 1,
            "started_at": _iso(self._started_wall),
            "previous_exit": self.previous_exit,
        })
        if crash is not None:
            state["last_crash"] = crash
            state["crashes_total"] = int(state.get("crashes_total", 0)) + 1
            log.warning("previous run ended badly", extra={"fields": {"kind": crash["kind"], "reason": crash["reason"]}})
        self.state = state
        self._write_state()
        for path in (self.crash_path, self.fault_path):
            path.unlink(missing_ok=True)
        self.marker_path.write_text(str(os.getpid()))
        return self.snapshot()

    def _write_state(self) -> None:
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.state_path)

    # ------------------------------------------------------------------ crash capture

    def install_crash_handlers(self) -> None:
        """sys.excepthook records unhandled exceptions (masked); faulthandler records fatal
        signals. Call after record_start() (it clears the previous run's files)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        self._fault_file = open(self.fault_path, "w", encoding="utf-8")  # noqa: SIM115 - lives with the process
        faulthandler.enable(file=self._fault_file, all_threads=True)
        self._previous_hook = sys.excepthook
        sys.excepthook = self._excepthook

    def uninstall_crash_handlers(self) -> None:
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
            self._previous_hook = None
        if self._fault_file is not None:
            faulthandler.disable()
            self._fault_file.close()
            self._fault_file = None

    def _excepthook(self, exc_type, exc, tb) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        try:
            with open(self.crash_path, "w", encoding="utf-8") as handle:
                handle.write(mask_pii(text))
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as failure:
            log.error("cannot write crash record %s: %s", self.crash_path, failure)
        if logging.getLogger().handlers:
            log.critical("unhandled exception", exc_info=(exc_type, exc, tb))  # the JSON formatter masks
        else:
            sys.stderr.write(mask_pii(text))
        # The default hook would print the traceback unmasked to stderr (the journal): chain only
        # to a hook someone else installed.
        if self._previous_hook not in (None, sys.__excepthook__):
            self._previous_hook(exc_type, exc, tb)

    def mark_clean_exit(self) -> None:
        """Call at an orderly shutdown: the next start then reports a clean exit."""
        self.marker_path.unlink(missing_ok=True)
        self.uninstall_crash_handlers()
        # An empty faulthandler file is not a crash; remove it so nothing is misread later.
        if self.fault_path.exists() and self.fault_path.stat().st_size == 0:
            self.fault_path.unlink()

    # ------------------------------------------------------------------ report

    def uptime_s(self) -> float:
        return 0.0 if self._started_mono is None else time.monotonic() - self._started_mono

    def snapshot(self) -> dict:
        """For the heartbeat: small, no tracebacks."""
        crash = self.state.get("last_crash")
        return {
            "uptime_s": round(self.uptime_s(), 1),
            "started_at": self.state.get("started_at"),
            "restarts_since_boot": max(0, int(self.state.get("starts_this_boot", 1)) - 1),
            "starts_total": self.state.get("starts_total", 0),
            "previous_exit": self.previous_exit,
            "last_crash": None if crash is None else {k: crash[k] for k in ("kind", "reason", "at")},
        }
