"""Provisioning a new terminal (no Qt): find the devices, write the terminal's configuration
file, enrol with the platform, run the self-test.

Discovery is real: serial ports from pyserial's list_ports plus paths the technician names (a
simulator's /dev/pts link), each probed for an ID-card reader by SAM status; USB printers by
interface class 07 under /sys/bus/usb/devices; TCP and serial printers named by the technician;
every printer candidate probed with DLE EOT. `Provisioner` walks the steps, asking through an
`ask(prompt, default)` callable (input() on a terminal) or taking flags only (non-interactive).
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.config import ConfigError, KioskConfig, load_config

log = logging.getLogger(__name__)

USB_SYS_ROOT = Path("/sys/bus/usb/devices")
USB_PRINTER_CLASS = "07"
SCREEN_SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}


class ProvisionError(Exception):
    """A step cannot go on; the message says which and why."""


# ---------------------------------------------------------------------------------- discovery

def serial_candidates(extra: list[str] | None = None) -> list[dict]:
    """[{"path", "description"}]: ports pyserial lists plus `extra` paths (symlinks such as a
    simulator's /dev/pts link are resolved for de-duplication, kept as given)."""
    from serial.tools import list_ports

    found: list[dict] = []
    seen: set[str] = set()
    for path in extra or []:
        if not Path(path).exists():
            raise ProvisionError(f"serial port {path}: no such device")
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            found.append({"path": path, "description": "given" + (f" (→ {real})" if real != path else "")})
    for port in sorted(list_ports.comports(), key=lambda p: p.device):
        real = os.path.realpath(port.device)
        if real not in seen:
            seen.add(real)
            found.append({"path": port.device, "description": port.description or port.hwid or ""})
    return found


def find_readers(ports: list[dict], baudrate: int = 115200) -> list[dict]:
    """Probe every candidate for a GA 467 reader (SAM status + SAM ID)."""
    from kiosk.selftest import probe_reader

    results = []
    for port in ports:
        probe = probe_reader(port["path"], baudrate)
        log.info("reader probe %s: %s", port["path"], probe["reason"])
        results.append({**port, **probe})
    return results


def usb_printers(sys_root: Path = USB_SYS_ROOT) -> list[dict]:
    """USB devices with a printer-class (07) interface: [{"uri": "usb:VID:PID", "product"}]."""
    printers = []
    seen = set()
    for iface_class in sorted(Path(sys_root).glob("*:*/bInterfaceClass")):
        try:
            if iface_class.read_text().strip().lower() != USB_PRINTER_CLASS:
                continue
            device = iface_class.parent.parent / iface_class.parent.name.split(":")[0]
            vid = (device / "idVendor").read_text().strip()
            pid = (device / "idProduct").read_text().strip()
        except OSError as exc:
            log.warning("USB device %s unreadable: %s", iface_class.parent, exc)
            continue
        uri = f"usb:{vid}:{pid}"
        if uri in seen:
            continue
        seen.add(uri)
        product = device / "product"
        printers.append({"uri": uri, "product": product.read_text().strip() if product.exists() else ""})
    return printers


def printer_uri(spec: str, kind: str) -> str:
    """A TCP host:port or a serial device as a printer URI."""
    if kind == "tcp":
        if "://" in spec:
            return spec
        host, _, port = spec.partition(":")
        if not host or (port and not port.isdigit()):
            raise ProvisionError(f"printer address {spec!r}: expected HOST:PORT")
        return f"tcp://{host}:{port or 9100}"
    return spec if spec.startswith("serial:") else f"serial:{spec}"


def probe_printer(uri: str, paper_width_mm: int = 80, profile: str = "TM-T88V",
                  timeout: float = 1.0) -> dict:
    """DLE EOT status of a printer candidate: {"uri", "ok", "state", "reason"}."""
    from drivers.printer import ReceiptPrinter
    from drivers.printer.transport import PrinterUriError

    try:
        status = ReceiptPrinter(uri, paper_width_mm, profile, timeout=timeout).status()
    except (PrinterUriError, ValueError, ImportError) as exc:
        return {"uri": uri, "ok": False, "state": "fail", "reason": str(exc)}
    reason = status.reason + (f": {status.detail}" if status.detail and not status.can_print else "")
    return {"uri": uri, "ok": status.can_print, "state": status.state, "reason": reason}


def cameras(dev_root: Path = Path("/dev")) -> list[str]:
    """Camera sources: device:N for each /dev/videoN, then the simulated scene."""
    numbers = sorted(int(m.group(1)) for p in Path(dev_root).glob("video*")
                     if (m := re.fullmatch(r"video(\d+)", p.name)))
    return [f"device:{n}" for n in numbers] + ["scene"]


# ---------------------------------------------------------------------------------- config file

def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # JSON string escapes are valid TOML basic-string escapes
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(f"cannot write {type(value).__name__} to the configuration file")


def render_config(sections: dict[str, dict]) -> str:
    lines = ["# This terminal's configuration, written by `kioskctl provision`: only the keys that",
             "# differ from config/kiosk.toml. Edit and check with `kioskctl config check FILE`.", ""]
    for section, values in sections.items():
        if not values:
            continue
        lines.append(f"[{section}]")
        lines += [f"{key} = {_toml_value(value)}" for key, value in values.items()]
        lines.append("")
    return "\n".join(lines)


def write_config(path: Path, sections: dict[str, dict]) -> KioskConfig:
    """Validate, then write atomically; returns the effective configuration."""
    path = Path(path)
    text = render_config(sections)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    try:
        config = load_config(tmp, environ={})
    except ConfigError as exc:
        tmp.unlink()
        raise ProvisionError(f"the configuration would be invalid: {exc}") from None
    os.replace(tmp, path)
    log.info("configuration written to %s", path)
    return config


# ---------------------------------------------------------------------------------- the walk

@dataclass
class Answers:
    """What the technician gave (flags); None = find out / ask."""

    site_code: str | None = None
    site_name: str | None = None
    device_name: str | None = None
    orientation: str | None = None
    width: int | None = None
    height: int | None = None
    data_dir: str | None = None
    log_dir: str | None = None
    ports: list[str] = field(default_factory=list)
    reader: str | None = None            # a port, or "" for none
    printer: str | None = None           # a URI
    printer_tcp: list[str] = field(default_factory=list)
    printer_serial: list[str] = field(default_factory=list)
    paper_width_mm: int | None = None
    camera: str | None = None
    platform: str | None = None
    code: str | None = None
    force_enrol: bool = False


@dataclass
class Outcome:
    config_path: Path
    sections: dict
    readers: list[dict]
    printers: list[dict]
    cameras: list[str]
    enrolment: dict | None
    selftest: list

    def as_dict(self) -> dict:
        return {"config": str(self.config_path), "settings": self.sections, "readers": self.readers,
                "printers": self.printers, "cameras": self.cameras, "enrolment": self.enrolment,
                "selftest": [r.as_dict() for r in self.selftest]}


class Provisioner:
    def __init__(self, answers: Answers, config_path: Path, *, interactive: bool,
                 ask: Callable[[str], str] = input, say: Callable[[str], None] = print,
                 usb_root: Path = USB_SYS_ROOT, dev_root: Path = Path("/dev"),
                 base: KioskConfig | None = None) -> None:
        self.a = answers
        self.path = Path(config_path)
        self.interactive = interactive
        self._ask = ask
        self.say = say
        self.usb_root = usb_root
        self.dev_root = dev_root
        self.base = base or load_config(environ={})

    # -- prompting ------------------------------------------------------------------------
    def ask(self, prompt: str, given, default: str) -> str:
        """The flag's value if given; else the answer (empty = default) or, non-interactive,
        the default."""
        if given is not None:
            return str(given)
        if not self.interactive:
            return default
        answer = self._ask(f"{prompt} [{default}]: ").strip()
        return answer or default

    def choose(self, title: str, options: list[str], given: str | None, default: str) -> str:
        """Pick from numbered options, or type a value."""
        if given is not None or not self.interactive:
            return given if given is not None else default
        self.say(title)
        for number, option in enumerate(options, 1):
            self.say(f"  {number}) {option}")
        while True:
            answer = self._ask(f"number or value [{default}]: ").strip()
            if not answer:
                return default
            if answer.isdigit() and 1 <= int(answer) <= len(options):
                return options[int(answer) - 1].split("  ")[0]
            if not answer.isdigit():
                return answer
            self.say(f"  choose 1–{len(options)}, or type a value")

    # -- steps ----------------------------------------------------------------------------
    def site_and_screen(self) -> dict:
        site = self.base.site
        sections: dict[str, dict] = {"site": {
            "site_code": self.ask("Site code (6 digits)", self.a.site_code, site.site_code),
            "site_name": self.ask("Site name", self.a.site_name, site.site_name),
            "device_name": self.ask("Device name", self.a.device_name, site.device_name),
        }}
        orientation = self.ask("Screen orientation (portrait/landscape)", self.a.orientation,
                               self.base.screen.orientation)
        if orientation not in SCREEN_SIZES:
            raise ProvisionError(f"screen orientation {orientation!r}: use portrait or landscape")
        width, height = SCREEN_SIZES[orientation]
        sections["screen"] = {"orientation": orientation,
                              "width": int(self.ask("Screen width (px)", self.a.width, str(width))),
                              "height": int(self.ask("Screen height (px)", self.a.height, str(height)))}
        paths = {}
        if self.a.data_dir is not None:
            paths["data_dir"] = self.a.data_dir
        if self.a.log_dir is not None:
            paths["log_dir"] = self.a.log_dir
        sections["paths"] = paths
        return sections

    def reader(self) -> tuple[str, list[dict]]:
        baudrate = self.base.idcard.baudrate
        if self.a.reader:           # named explicitly: check it, refuse a dead port
            probes = find_readers([{"path": self.a.reader, "description": "given"}], baudrate)
            if not probes[0]["ok"]:
                raise ProvisionError(f"ID-card reader on {self.a.reader}: {probes[0]['reason']}")
            return self.a.reader, probes
        if self.a.reader == "":
            return "", []
        self.say("Looking for the ID-card reader…")
        probes = find_readers(serial_candidates(self.a.ports), baudrate)
        for probe in probes:
            mark = "reader, SAM ID " + (probe["sam_id"] or "?") if probe["ok"] else probe["reason"]
            self.say(f"  {probe['path']}: {mark}")
        working = [p["path"] for p in probes if p["ok"]]
        default = working[0] if working else ""
        if not working:
            self.say("  no reader answered")
        choice = self.choose("ID-card reader port:", [f"{p['path']}  {p['reason']}" for p in probes],
                             None, default)
        return choice, probes

    def printer(self) -> tuple[str, list[dict]]:
        p = self.base.printer
        width = self.a.paper_width_mm or p.paper_width_mm
        if self.a.printer:
            probe = probe_printer(self.a.printer, width, p.profile)
            if not probe["ok"]:
                raise ProvisionError(f"printer {self.a.printer}: {probe['reason']}")
            return self.a.printer, [probe]
        self.say("Looking for the receipt printer…")
        uris = ([u["uri"] for u in usb_printers(self.usb_root)]
                + [printer_uri(s, "serial") for s in self.a.printer_serial]
                + [printer_uri(s, "tcp") for s in self.a.printer_tcp])
        probes = [probe_printer(uri, width, p.profile) for uri in uris]
        for probe in probes:
            self.say(f"  {probe['uri']}: {probe['state']} {probe['reason']}")
        working = [q["uri"] for q in probes if q["ok"]]
        if not working:
            self.say("  no printer answered a status query")
        default = working[0] if working else p.uri
        return self.choose("Receipt printer:", [f"{q['uri']}  {q['reason']}" for q in probes],
                           None, default), probes

    def camera(self) -> tuple[str, list[str]]:
        found = cameras(self.dev_root)
        default = found[0]
        if self.a.camera is not None:
            return self.a.camera, found
        return self.choose("Document camera:", found, None, default), found

    def enrol(self, config: KioskConfig) -> dict | None:
        from kiosk.storage import open_configured_store
        from kiosk.sync.enrolment import EnrolmentError, enroll, load_enrolment
        from offline_store import StoreError

        data_dir = config.paths.data_path()
        existing = load_enrolment(data_dir) if data_dir.exists() else None
        if existing is not None and not self.a.force_enrol:
            self.say(f"Already enrolled as device {existing.device_id} (use --force-enrol to enrol again)")
            return {"device_id": existing.device_id, "site_code": existing.site_code,
                    "device_code": existing.device_code, "platform_url": existing.platform_url,
                    "new": False}
        url = self.ask("Platform URL", self.a.platform, config.sync.platform_url)
        code = self.ask("One-time enrolment code", self.a.code, "")
        if not code:
            raise ProvisionError("no enrolment code: issue one on the platform "
                                 "(`kioskctl platform issue-code`) and give --code")
        try:
            enrolment = enroll(data_dir, url, code, config.site.device_name,
                               connect_timeout=config.sync.connect_timeout,
                               read_timeout=config.sync.read_timeout, force=self.a.force_enrol)
            # the data key is made now, before anything personal is stored
            open_configured_store(config, create_key=True).close()
        except (EnrolmentError, StoreError) as exc:
            raise ProvisionError(f"enrolment: {exc}") from None
        self.say(f"Enrolled as device {enrolment.device_id} "
                 f"(site {enrolment.site_code}, device code {enrolment.device_code})")
        return {"device_id": enrolment.device_id, "site_code": enrolment.site_code,
                "device_code": enrolment.device_code, "platform_url": enrolment.platform_url,
                "new": True}

    def run(self, *, print_page: bool = False) -> Outcome:
        from kiosk.selftest import format_table, run_selftest

        sections = self.site_and_screen()
        reader, readers = self.reader()
        sections["idcard"] = {"port": reader}
        printer, printers = self.printer()
        sections["printer"] = {"uri": printer}
        if self.a.paper_width_mm:
            sections["printer"]["paper_width_mm"] = self.a.paper_width_mm
        camera, found_cameras = self.camera()
        sections["camera"] = {"source": camera}
        if self.a.platform:
            sections["sync"] = {"platform_url": self.a.platform.rstrip("/")}
        config = write_config(self.path, sections)      # nothing typed is lost if enrolment fails
        self.say(f"Configuration written to {self.path}")
        enrolment = self.enrol(config)
        if enrolment is not None:
            sections["site"].update(site_code=enrolment["site_code"],
                                    device_code=enrolment["device_code"])
            sections["sync"] = {"platform_url": enrolment["platform_url"]}
            config = write_config(self.path, sections)
        self.say("Self-test…")
        results = run_selftest(config, print_page=print_page)
        self.say(format_table(results))
        return Outcome(self.path, sections, readers, printers, found_cameras, enrolment, results)
