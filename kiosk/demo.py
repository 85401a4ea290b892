"""The demo rig: simulated devices and a local platform, wired into services exactly as a real
terminal's would be (the services cannot tell): the ID-card simulator on a pseudo-terminal, the
virtual ESC/POS printer on TCP, the simulated document camera, the reference platform in its own
process on loopback (SQLite), this terminal enrolled with a one-time code, the offline store in a
scratch folder and the sync engine sending to the platform.

devices="process" runs the reader, printer and camera simulators as their own processes
(`kioskctl sim idcard --control`, `kioskctl sim printer`, `kioskctl sim camera --serve`), as
separate hardware would be: the soak and the demo measure and run the kiosk alone.
devices="inline" keeps them in this process for tests that need the simulator objects themselves
(faults, paper state, parsed job elements)."""

from __future__ import annotations

import logging
import os
import random
from pathlib import Path

from kiosk.config import KioskConfig, load_config
from kiosk.context import Services
from kiosk.health import Health

log = logging.getLogger(__name__)


class DemoRig:
    def __init__(self, work_dir: Path, orientation: str = "portrait", config_file: str | None = None,
                 platform: bool = True, voice=None, platform_mode: str = "process",
                 devices: str = "inline") -> None:
        if devices not in ("inline", "process"):
            raise ValueError(f"devices must be 'inline' or 'process', not {devices!r}")
        self.devices = devices
        self.work_dir = Path(work_dir)
        self.orientation = orientation
        self.config_file = config_file
        self.health = Health()
        self.printer = None
        self.reader = None
        self.camera = None   # the camera simulator's process (devices="process"); inline: "scene"
        self.identities = []
        self.config: KioskConfig | None = None
        self.services: Services | None = None
        self.with_platform = platform
        self.platform_mode = platform_mode
        self.platform = None
        self.voice = voice

    def start(self) -> Services:
        from drivers.idcard.identities import invented_identities

        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.identities = invented_identities(8, seed=random.randrange(1 << 30))
        self._start_devices()
        environ = dict(os.environ)
        width, height = (1080, 1920) if self.orientation == "portrait" else (1920, 1080)
        environ.update({
            "KIOSK_DATA_DIR": str(self.work_dir / "data"), "KIOSK_PATHS__LOG_DIR": str(self.work_dir / "log"),
            "KIOSK_PRINTER__URI": self.printer.uri, "KIOSK_IDCARD__PORT": self.reader.device_path,
            "KIOSK_SCREEN__ORIENTATION": self.orientation, "KIOSK_SCREEN__WIDTH": str(width),
            "KIOSK_SCREEN__HEIGHT": str(height),
        })
        if self.camera is not None:
            environ["KIOSK_CAMERA__SOURCE"] = self.camera.spec
        if self.with_platform:
            from central.admin import issue_code
            from central.server import PlatformServer
            from kiosk.config import REPO_ROOT
            db_url = f"sqlite:///{self.work_dir / 'platform.db'}"
            self.platform = PlatformServer(db_url, port=0, catalog_dir=REPO_ROOT / "config" / "catalog",
                                           mode=self.platform_mode).start()
            environ["KIOSK_SYNC__PLATFORM_URL"] = self.platform.url
        self.config = load_config(self.config_file, environ=environ)
        if self.platform is not None:
            from kiosk.sync.enrolment import enroll, load_enrolment
            data_dir = self.config.paths.data_path()
            if load_enrolment(data_dir) is None:
                code = issue_code(self.platform.db_url, self.config.site.site_code)
                enroll(data_dir, self.platform.url, code, self.config.site.device_name)
        from kiosk.services.factory import build_services
        self.services = build_services(self.config, self.health, create_key=True, voice=self.voice)
        log.info("demo rig up: printer %s, reader %s", self.printer.uri, self.reader.device_path)
        return self.services

    def _start_devices(self) -> None:
        if self.devices == "process":
            from kiosk.demo_devices import ProcessCamera, ProcessPrinter, ProcessReader
            self.printer = ProcessPrinter(self.work_dir / "printed", self.work_dir).start()
            self.reader = ProcessReader(self.identities, self.work_dir).start()
            self.camera = ProcessCamera(self.work_dir).start()
            return
        from drivers.idcard.simulator import IdCardSimulator
        from drivers.printer.virtual import VirtualPrinter
        self.printer = VirtualPrinter(port=0, out_dir=self.work_dir / "printed")
        self.printer.start()
        self.reader = IdCardSimulator(baudrate=115200).start()

    def resident(self):
        """An invented resident card (type ' '), for placing on the simulated reader."""
        return next((i for i in self.identities if getattr(i, "card_type", "") in ("resident", " ")),
                    self.identities[0])

    def stop(self) -> None:
        if self.services is not None:
            for name in ("idcard", "printer", "camera", "audit", "voice", "sync", "store"):
                service = getattr(self.services, name, None)
                if service is not None and hasattr(service, "stop"):
                    service.stop()
        if self.reader is not None:
            self.reader.stop()
        if self.printer is not None:
            self.printer.stop()
        if self.camera is not None:
            self.camera.stop()
        if self.platform is not None:
            self.platform.stop()
