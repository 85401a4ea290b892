"""Self-test of a terminal: each device and dependency checked for real, with the reason when it
fails. No Qt here: `kioskctl selftest` prints the table, the admin screen runs the same checks on a
worker thread.

A check returns a `CheckResult` with status pass | warn | fail | skip (not configured). Only
"fail" makes the self-test fail. Checks never raise: an unexpected error becomes a "fail" with
the exception named (and logged with its traceback).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kiosk.config import REPO_ROOT, KioskConfig

log = logging.getLogger(__name__)

CHECK_NAMES = ("reader", "printer", "camera", "platform", "storage", "fonts", "translations")
I18N_DIR = REPO_ROOT / "config" / "i18n"
CJK_FONT_FALLBACK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CLOCK_WARN_S = 60.0      # the platform refuses signatures several minutes off; warn well before


@dataclass
class CheckResult:
    name: str
    status: str                       # pass | warn | fail | skip
    reason: str
    details: dict = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.status == "fail"

    def as_dict(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------------------------- reader

def check_reader(port: str, baudrate: int = 115200) -> CheckResult:
    """SAM status (must be 90) and SAM ID, over the real serial link."""
    if not port:
        return CheckResult("reader", "skip", "no ID card reader configured ([idcard] port)")
    probe = probe_reader(port, baudrate)
    details = {k: probe[k] for k in ("port", "sam_status", "sam_id") if k in probe}
    if probe["ok"]:
        return CheckResult("reader", "pass", f"SAM status 90, SAM ID {probe['sam_id'] or '-'}", details)
    return CheckResult("reader", "fail", probe["reason"], details)


def probe_reader(port: str, baudrate: int = 115200) -> dict:
    """{"ok", "port", "sam_status" (hex or None), "sam_id", "reason"}: is an ID-card reader
    answering on `port`? Opens the port exclusively for the duration of the probe."""
    from drivers.idcard import reader as rd
    from drivers.idcard.codes import sw3_meaning
    from drivers.idcard.commands import NoReply, StatusError

    result: dict = {"ok": False, "port": port, "sam_status": None, "sam_id": None, "reason": ""}
    reader = rd.IdCardReader(port, baudrate)
    try:
        reader.open()
    except rd.PORT_ERRORS as exc:
        result["reason"] = f"cannot open {port}: {exc} (is the kiosk app holding the port?)"
        return result
    try:
        try:
            reply = reader.link.sam_status()
        except NoReply as exc:
            result["reason"] = f"no reader answers on {port}: {exc}"
            return result
        result["sam_status"] = f"{reply.sw3:02X}"
        if reply.sw3 != 0x90:
            result["reason"] = f"SAM status {reply.sw3:02X} ({sw3_meaning(reply.sw3)})"
            return result
        try:
            result["sam_id"] = reader.link.sam_id()
        except (NoReply, StatusError) as exc:
            result["reason"] = f"SAM ID unreadable: {exc}"
            return result
        result["ok"] = True
        result["reason"] = "ok"
        return result
    except rd.PORT_ERRORS as exc:
        result["reason"] = f"reader on {port} lost: {exc}"
        return result
    finally:
        reader.close()


# ---------------------------------------------------------------------------------- printer

def check_printer(uri: str, paper_width_mm: int = 80, profile: str = "TM-T88V",
                  native_qr: bool = True, *, print_page: bool = False,
                  timeout: float = 1.0) -> CheckResult:
    """DLE EOT status (no reply = unknown = fail); with print_page, a test page whose status is
    checked before and after."""
    from drivers.printer import ReceiptPrinter
    from drivers.printer.transport import PrinterUriError

    if not uri:
        return CheckResult("printer", "skip", "no printer configured ([printer] uri)")
    try:
        printer = ReceiptPrinter(uri, paper_width_mm, profile, native_qr, timeout=timeout)
        status = printer.status()
    except (PrinterUriError, ValueError) as exc:
        return CheckResult("printer", "fail", f"printer URI {uri!r}: {exc}", {"uri": uri})
    details = {"uri": uri, **status.as_dict()}
    if not status.can_print:
        why = f"{status.reason}: {status.detail}" if status.detail else status.reason
        return CheckResult("printer", "fail", why, details)
    if print_page:
        result = printer.print_bytes(printer.render("test", {"profile": profile}))
        details.update(test_page=result.ok, bytes_sent=result.bytes_sent)
        if not result.ok:
            return CheckResult("printer", "fail", f"test page not printed: {result.reason}", details)
        return CheckResult("printer", "pass", f"test page printed ({result.bytes_sent} bytes)", details)
    state = "warn" if status.state == "warn" else "pass"
    return CheckResult("printer", state, status.reason or "ready", details)


# ---------------------------------------------------------------------------------- camera

def focus_metric(grey) -> float:
    """2 × min(var ∂²/∂x², var ∂²/∂y²) of the whole frame — the same sharpness measure as the
    page gate (drivers.camera.quality), so technicians compare like with like."""
    import cv2

    smooth = cv2.GaussianBlur(grey, (0, 0), 0.5)
    dxx = float(cv2.Sobel(smooth, cv2.CV_32F, 2, 0, ksize=1).var())
    dyy = float(cv2.Sobel(smooth, cv2.CV_32F, 0, 2, ksize=1).var())
    return 2.0 * min(dxx, dyy)


def check_camera(source: str, width: int = 1920, height: int = 1080,
                 timeout: float = 5.0) -> CheckResult:
    """One frame from the configured source: its resolution and a focus figure."""
    import cv2

    from drivers.camera import SourceError, open_source

    if not source:
        return CheckResult("camera", "skip", "no camera configured ([camera] source)")
    try:
        frames = open_source(source, width, height)
    except (SourceError, ValueError, OSError) as exc:
        return CheckResult("camera", "fail", f"camera {source!r} cannot be opened: {exc}",
                           {"source": source})
    try:
        deadline = time.monotonic() + timeout
        frame = frames.read()
        while frame is None and time.monotonic() < deadline:
            time.sleep(0.1)
            frame = frames.read()
        described = frames.describe()
    finally:
        frames.close()
    if frame is None:
        return CheckResult("camera", "fail", f"no frame from {described} within {timeout:.0f} s",
                           {"source": source})
    h, w = frame.shape[:2]
    grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
    details = {"source": described, "width": w, "height": h, "focus": round(focus_metric(grey), 1),
               "requested": f"{width}x{height}"}
    reason = f"frame {w}×{h}, focus {details['focus']}"
    if (w, h) != (width, height):
        return CheckResult("camera", "warn", f"{reason}; asked for {width}×{height}", details)
    return CheckResult("camera", "pass", reason, details)


# ---------------------------------------------------------------------------------- platform

def check_platform(data_dir: Path, connect_timeout: float = 5.0, read_timeout: float = 10.0,
                   etag: str | None = None) -> CheckResult:
    """Reachable (unsigned /v1/health), enrolled (enrolment.json + device key), signature
    accepted (a signed catalog request: 200/304), clock offset learned from the reply."""
    from kiosk.sync.client import PlatformClient, TransportError
    from kiosk.sync.enrolment import EnrolmentError, client_for, load_enrolment
    from kiosk.sync.signing import DeviceKeyMissing

    try:
        enrolment = load_enrolment(Path(data_dir))
    except EnrolmentError as exc:
        return CheckResult("platform", "fail", str(exc))
    if enrolment is None:
        return CheckResult("platform", "fail", f"not enrolled ({data_dir}): run `kioskctl provision` "
                           "or `kioskctl enroll`")
    details: dict = {"platform_url": enrolment.platform_url, "device_id": enrolment.device_id,
                     "reachable": False, "enrolled": True, "signature_accepted": False}
    plain = PlatformClient(enrolment.platform_url, connect_timeout=connect_timeout,
                           read_timeout=read_timeout)
    try:
        reply = plain.health()
    except TransportError as exc:
        return CheckResult("platform", "fail", f"platform unreachable: {exc}", details)
    finally:
        plain.close()
    details["reachable"] = reply.status == 200
    if reply.status != 200:
        return CheckResult("platform", "fail", f"health check answered {reply.describe()}", details)
    try:
        client = client_for(Path(data_dir), connect_timeout=connect_timeout, read_timeout=read_timeout)
    except (EnrolmentError, DeviceKeyMissing) as exc:
        details["enrolled"] = False
        return CheckResult("platform", "fail", str(exc), details)
    try:
        signed = client.catalog(etag)
    except TransportError as exc:
        return CheckResult("platform", "fail", f"signed request failed: {exc}", details)
    finally:
        client.close()
    offset = round(client.clock_offset_s, 2)
    details["clock_offset_s"] = offset
    if signed.status not in (200, 304):
        return CheckResult("platform", "fail", f"signed request refused: {signed.describe()}", details)
    details["signature_accepted"] = True
    reason = f"device {enrolment.device_id}, signature accepted, clock offset {offset:+.1f} s"
    if abs(offset) > CLOCK_WARN_S:
        return CheckResult("platform", "warn", reason + " (set the clock / NTP)", details)
    return CheckResult("platform", "pass", reason, details)


# ---------------------------------------------------------------------------------- storage

def check_storage(config: KioskConfig, store=None) -> CheckResult:
    """Deep integrity check, free disk against the watermark, the data key file. `store`: an
    open offline_store.Store (the running app's); else the configured one is opened and closed."""
    from offline_store import StoreError
    from offline_store.store import KEY_PATH

    data_dir = config.paths.data_path()
    details: dict = {"data_dir": str(data_dir), "key_file": (data_dir / KEY_PATH).exists()}
    owned = store is None
    if owned:
        if not data_dir.exists():
            return CheckResult("storage", "fail", f"data folder {data_dir} does not exist "
                               "(provision the terminal first)", details)
        from kiosk.storage import open_configured_store
        try:
            store = open_configured_store(config, create_key=False)
        except StoreError as exc:
            return CheckResult("storage", "fail", str(exc), details)
    try:
        try:
            integrity = store.integrity_check(deep=True)
        except StoreError as exc:
            return CheckResult("storage", "fail", f"integrity check: {exc}", details)
        free = store.disk_free_mb()
        details.update(integrity=integrity, disk_free_mb=round(free, 1),
                       min_free_mb=store.min_free_mb, queue=store.counts())
    finally:
        if owned:
            store.close()
    if not details["key_file"]:
        return CheckResult("storage", "fail", f"data key file {data_dir / KEY_PATH} missing", details)
    if free < store.min_free_mb:
        return CheckResult("storage", "fail", f"free disk {free:.0f} MB below the watermark "
                           f"{store.min_free_mb} MB: new applications are refused", details)
    return CheckResult("storage", "pass", f"{integrity['items']} items, {integrity['attachments']} "
                       f"attachments intact; {free:.0f} MB free (watermark {store.min_free_mb} MB)",
                       details)


# ---------------------------------------------------------------------------------- fonts

def check_fonts(family: str = "Noto Sans CJK SC") -> CheckResult:
    """fc-match must resolve the UI font to Noto Sans CJK (else Chinese falls back to boxes)."""
    tool = shutil.which("fc-match")
    if tool is None:
        if CJK_FONT_FALLBACK.exists():
            return CheckResult("fonts", "warn", f"fc-match missing; {CJK_FONT_FALLBACK} present",
                               {"file": str(CJK_FONT_FALLBACK)})
        return CheckResult("fonts", "fail", "fc-match missing and no Noto Sans CJK file found "
                           "(Debian: apt install fontconfig fonts-noto-cjk)")
    out = subprocess.run([tool, "-f", "%{family}\n%{file}", family], capture_output=True, text=True,
                         timeout=10)
    lines = (out.stdout.splitlines() + ["", ""])[:2]
    details = {"requested": family, "family": lines[0], "file": lines[1]}
    if out.returncode != 0 or "Noto Sans CJK" not in lines[0]:
        return CheckResult("fonts", "fail", f"{family!r} resolves to {lines[0] or 'nothing'!r} "
                           "(Debian: apt install fonts-noto-cjk)", details)
    return CheckResult("fonts", "pass", f"{family} → {lines[1]}", details)


# ---------------------------------------------------------------------------------- translations

def unfinished_entries(ts: Path) -> list[str]:
    """Source strings of `ts` whose zh_CN translation is unfinished or empty."""
    root = ET.parse(ts).getroot()
    missing = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") == "unfinished" or not (translation.text or "").strip():
            if translation is not None and translation.get("type") in ("obsolete", "vanished"):
                continue
            missing.append(message.findtext("source") or "")
    return missing


def check_translations(i18n_dir: Path = I18N_DIR, language: str = "zh_CN") -> CheckResult:
    """Every .ts has a compiled .qm no older than itself and no unfinished entry."""
    sources = sorted(Path(i18n_dir).glob(f"*_{language}.ts"))
    if not sources:
        return CheckResult("translations", "fail", f"no *_{language}.ts in {i18n_dir}")
    problems = []
    unfinished_total = 0
    for ts in sources:
        qm = ts.with_suffix(".qm")
        if not qm.exists():
            problems.append(f"{qm.name} missing")
        elif qm.stat().st_mtime < ts.stat().st_mtime:
            problems.append(f"{qm.name} older than {ts.name}")
        try:
            missing = unfinished_entries(ts)
        except ET.ParseError as exc:
            problems.append(f"{ts.name}: not valid XML ({exc})")
            continue
        if missing:
            unfinished_total += len(missing)
            problems.append(f"{ts.name}: {len(missing)} unfinished, e.g. {missing[0]!r}")
    details = {"files": [ts.name for ts in sources], "unfinished": unfinished_total}
    if problems:
        return CheckResult("translations", "fail", "; ".join(problems[:4])
                           + " (run scripts/i18n.py build)" * any("qm" in p for p in problems), details)
    return CheckResult("translations", "pass", f"{len(sources)} files compiled, none unfinished", details)


# ---------------------------------------------------------------------------------- all

def default_checks(config: KioskConfig, *, print_page: bool = False) -> dict[str, Callable[[], CheckResult]]:
    p = config.printer
    return {
        "reader": lambda: check_reader(config.idcard.port, config.idcard.baudrate),
        "printer": lambda: check_printer(p.uri, p.paper_width_mm, p.profile, p.native_qr,
                                         print_page=print_page),
        "camera": lambda: check_camera(config.camera.source, config.camera.width, config.camera.height),
        "platform": lambda: check_platform(config.paths.data_path(), config.sync.connect_timeout,
                                           min(config.sync.read_timeout, 10.0)),
        "storage": lambda: check_storage(config),
        "fonts": lambda: check_fonts(config.ui.font_family),
        "translations": check_translations,
    }


def run_checks(checks: dict[str, Callable[[], CheckResult]],
               on_result: Callable[[CheckResult], None] | None = None) -> list[CheckResult]:
    results = []
    for name, check in checks.items():
        started = time.monotonic()
        try:
            result = check()
        except Exception as exc:  # a check must report, never take the self-test down
            log.exception("self-test check %s crashed", name)
            result = CheckResult(name, "fail", f"check crashed: {type(exc).__name__}: {exc}")
        result.seconds = round(time.monotonic() - started, 3)
        log.info("self-test %s: %s (%s)", name, result.status, result.reason)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def run_selftest(config: KioskConfig, *, print_page: bool = False, only: list[str] | None = None,
                 overrides: dict[str, Callable[[], CheckResult]] | None = None,
                 on_result: Callable[[CheckResult], None] | None = None) -> list[CheckResult]:
    """All checks in CHECK_NAMES order. `overrides` replace a check (the admin screen asks the
    running reader service instead of opening its port); `only` limits the set."""
    checks = {**default_checks(config, print_page=print_page), **(overrides or {})}
    if only:
        unknown = sorted(set(only) - set(checks))
        if unknown:
            raise ValueError(f"unknown self-test check(s) {unknown}; known: {', '.join(checks)}")
        checks = {name: check for name, check in checks.items() if name in only}
    return run_checks(checks, on_result)


def passed(results: list[CheckResult]) -> bool:
    return not any(r.failed for r in results)


def format_table(results: list[CheckResult]) -> str:
    width = max([len(r.name) for r in results] + [5])
    lines = [f"{'check':<{width}}  {'result':<6}  reason"]
    for r in results:
        lines.append(f"{r.name:<{width}}  {r.status.upper():<6}  {r.reason}")
    verdict = "PASS" if passed(results) else "FAIL"
    lines.append(f"self-test {verdict}: {sum(r.status == 'pass' for r in results)} pass, "
                 f"{sum(r.status == 'warn' for r in results)} warn, "
                 f"{sum(r.failed for r in results)} fail, {sum(r.status == 'skip' for r in results)} skip")
    return "\n".join(lines)
