"""Typed kiosk configuration: defaults in config/kiosk.toml, overridden by --config FILE and
KIOSK_* environment variables (KIOSK_<SECTION>__<KEY>=value, e.g. KIOSK_IDLE__NORMAL_SECONDS=90;
KIOSK_DATA_DIR is a shortcut for KIOSK_PATHS__DATA_DIR).

Validation happens at start-up; a bad file or value raises ConfigError naming the file, the key
and what is wrong.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_FILE = REPO_ROOT / "config" / "kiosk.toml"
ENV_PREFIX = "KIOSK_"


class ConfigError(Exception):
    """A configuration file or value is wrong; the message names the file and the key."""


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class SiteConfig(Section):
    site_code: str = Field("431002", description="6-digit administrative division code of the site")
    site_name: str = "郴州市北湖区政务服务中心"
    device_code: str = Field("K01", description="terminal code within the site, set at enrolment")
    device_name: str = "24小时自助终端01"
    hotline: str = "12345"


class ScreenConfig(Section):
    width: int = Field(1080, ge=320, le=7680)
    height: int = Field(1920, ge=320, le=7680)
    orientation: Literal["portrait", "landscape"] = "portrait"


class IdleConfig(Section):
    normal_seconds: int = Field(60, ge=1, le=3600)
    elder_seconds: int = Field(180, ge=2, le=7200)
    countdown_seconds: int = Field(20, ge=1, le=300)

    @field_validator("elder_seconds")
    @classmethod
    def _elder_at_least_double(cls, value: int, info) -> int:
        normal = info.data.get("normal_seconds")
        if normal is not None and value < 2 * normal:
            raise ValueError(f"must be at least twice normal_seconds ({2 * normal})")
        return value


class UiConfig(Section):
    language: Literal["zh_CN", "en"] = "zh_CN"
    theme: Literal["default"] = "default"
    elder_mode: bool = False
    voice: bool = False
    font_family: str = "Noto Sans CJK SC"


class AdminConfig(Section):
    # pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>; the default is for PIN 246810 (demo only)
    pin_hash: str = "pbkdf2_sha256$120000$6b696f736b2d64656d6f2d73616c7421$f83bbe26cacab004d3e39b31c2004b70a412cfddf8f4f71d4b7d1045d244a620"
    max_attempts: int = Field(5, ge=1, le=20)
    lockout_seconds: int = Field(300, ge=10)
    corner_taps: int = Field(5, ge=3, le=10)
    corner_window_seconds: float = Field(3.0, gt=0)


class IdCardConfig(Section):
    port: str = Field("", description="serial device of the reader, e.g. /dev/ttyUSB0; empty = none")
    baudrate: int = 115200
    poll_interval_ms: int = Field(400, ge=100, le=2000)
    wlt_decoder: str = Field("", description="path of the vendor's licensed WLT photo decoder (.so)")


class PrinterConfig(Section):
    uri: str = Field("tcp://127.0.0.1:9100", description="tcp://HOST:PORT | usb:VID:PID | serial:/dev/tty…")
    paper_width_mm: Literal[58, 80] = 80
    profile: str = "TM-T88V"
    native_qr: bool = True


class CameraConfig(Section):
    source: str = Field("scene", description="scene | sim:SOCKET | device:N | folder:PATH | url:URL")
    width: int = 1920
    height: int = 1080
    dpi: int = Field(150, ge=100, le=300)
    still_frames: int = Field(8, ge=2, le=60)
    max_jpeg_kb: int = 400
    blur_min: float = Field(100.0, description="2 × min(var ∂²/∂x², var ∂²/∂y²) of the page; below: blurred")
    dark_max_mean: float = 70.0
    glare_max_fraction: float = 0.02
    min_area_fraction: float = 0.15
    min_card_area_fraction: float = Field(0.05, description="the 'too small' limit for ID-card sized pages")


class BarcodeConfig(Section):
    backend: Literal["zxing", "zbar"] = "zxing"


class PathsConfig(Section):
    data_dir: str = "~/.local/share/kiosk"
    log_dir: str = "~/.local/state/kiosk/log"

    def data_path(self) -> Path:
        return Path(os.path.expanduser(self.data_dir))

    def log_path(self) -> Path:
        return Path(os.path.expanduser(self.log_dir))


class StoreConfig(Section):
    min_free_mb: int = Field(500, ge=0)
    retention_days: int = Field(30, ge=1)


class SyncConfig(Section):
    platform_url: str = "http://127.0.0.1:8700"
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    heartbeat_seconds: int = 300
    backoff_min_seconds: float = 3.0
    backoff_max_seconds: float = 900.0


class CatalogConfig(Section):
    dir: str = "config/catalog"
    holidays: list[str] = Field(default_factory=list, description="YYYY-MM-DD dates skipped as non-working")
    workdays: list[str] = Field(default_factory=list, description="weekend dates that are working days (调休)")


class OpsConfig(Section):
    nightly_restart: bool = Field(False, description="restart the app every night at quiet_hour (systemd timer)")
    quiet_hour: str = Field("03:30", description="HH:MM local time of the nightly restart")

    @field_validator("quiet_hour")
    @classmethod
    def _hh_mm(cls, value: str) -> str:
        hours, sep, minutes = value.partition(":")
        if not (sep and len(hours) == 2 and len(minutes) == 2 and hours.isdigit() and minutes.isdigit()
                and int(hours) < 24 and int(minutes) < 60):
            raise ValueError("must be HH:MM in 24-hour time, e.g. 03:30")
        return value


class QueueCategory(Section):
    code: str = Field(pattern=r"^[A-Z]$", description="one capital letter, printed before the number")
    name: str = Field(min_length=1)


class QueueConfig(Section):
    categories: list[QueueCategory] = Field(default_factory=lambda: [
        QueueCategory(code="A", name="综合受理"), QueueCategory(code="B", name="社保医保"),
        QueueCategory(code="C", name="不动产登记"), QueueCategory(code="D", name="帮办代办")])

    @field_validator("categories")
    @classmethod
    def _unique_codes(cls, value: list[QueueCategory]) -> list[QueueCategory]:
        codes = [c.code for c in value]
        if len(codes) != len(set(codes)):
            raise ValueError(f"category codes must be unique (got {codes})")
        return value


class StaffEntry(Section):
    """A 帮办员 allowed to sign in with their own ID card plus PIN (no ID number in clear)."""

    staff_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    id_hash: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 hex of the ID number")
    pin_hash: str = Field(description="kiosk.pin.hash_pin() of the staff PIN")


class KioskConfig(Section):
    site: SiteConfig = SiteConfig()
    screen: ScreenConfig = ScreenConfig()
    idle: IdleConfig = IdleConfig()
    ui: UiConfig = UiConfig()
    admin: AdminConfig = AdminConfig()
    idcard: IdCardConfig = IdCardConfig()
    printer: PrinterConfig = PrinterConfig()
    camera: CameraConfig = CameraConfig()
    barcode: BarcodeConfig = BarcodeConfig()
    paths: PathsConfig = PathsConfig()
    store: StoreConfig = StoreConfig()
    sync: SyncConfig = SyncConfig()
    catalog: CatalogConfig = CatalogConfig()
    ops: OpsConfig = OpsConfig()
    queue: QueueConfig = QueueConfig()
    staff: list[StaffEntry] = Field(default_factory=list)

    def catalog_path(self) -> Path:
        path = Path(self.catalog.dir)
        return path if path.is_absolute() else REPO_ROOT / path


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _env_overrides(environ: dict[str, str]) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    for name, raw in environ.items():
        if name == "KIOSK_DATA_DIR":
            overrides.setdefault("paths", {})["data_dir"] = raw
            continue
        if not name.startswith(ENV_PREFIX) or "__" not in name:
            continue
        section, _, key = name[len(ENV_PREFIX):].lower().partition("__")
        # JSON lets lists and numbers through (KIOSK_CATALOG__HOLIDAYS='["2026-10-01"]');
        # anything else stays a string and pydantic coerces it.
        try:
            value: Any = json.loads(raw)
        except ValueError:
            value = raw
        overrides.setdefault(section, {})[key] = value
    return overrides


def _describe(exc: ValidationError, source: str) -> str:
    lines = [f"{source}: invalid configuration"]
    for error in exc.errors():
        key = ".".join(str(part) for part in error["loc"])
        lines.append(f"  key '{key}': {error['msg']} (got {error.get('input')!r})")
    return "\n".join(lines)


def load_config(path: str | os.PathLike | None = None, environ: dict[str, str] | None = None) -> KioskConfig:
    """Defaults file, then `path` (if given), then KIOSK_* environment overrides."""
    environ = dict(os.environ if environ is None else environ)
    data = _read_toml(DEFAULT_CONFIG_FILE) if DEFAULT_CONFIG_FILE.exists() else {}
    sources = [str(DEFAULT_CONFIG_FILE)]
    if path is None and environ.get("KIOSK_CONFIG"):
        path = environ["KIOSK_CONFIG"]
    if path is not None:
        data = _merge(data, _read_toml(Path(path)))
        sources.append(str(path))
    env = _env_overrides(environ)
    if env:
        data = _merge(data, env)
        sources.append("KIOSK_* environment")
    try:
        return KioskConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, " + ".join(sources))) from None
