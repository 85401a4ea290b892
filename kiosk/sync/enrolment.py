"""Enrolment: make an Ed25519 key pair, register the public key with a one-time code, keep the
device id and site/device codes the platform assigns.

Files in the data directory: keys/device.pem (private key, 0600), enrolment.json (no secrets:
device id, site and device code, platform URL, time), and the store's data key (created here).
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from kiosk.sync.client import PlatformClient, TransportError
from kiosk.sync.signing import create_device_key, load_device_key, public_key_b64

log = logging.getLogger(__name__)

ENROLMENT_FILE = "enrolment.json"
DEVICE_KEY = Path("keys") / "device.pem"


class EnrolmentError(Exception):
    """Enrolment failed; the message says why (bad code, platform unreachable, …)."""


@dataclass(frozen=True)
class Enrolment:
    device_id: str
    site_code: str
    device_code: str
    platform_url: str
    enrolled_at: float


def load_enrolment(data_dir: Path) -> Enrolment | None:
    path = Path(data_dir) / ENROLMENT_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except ValueError as exc:
        raise EnrolmentError(f"{path}: not valid JSON ({exc})") from None
    try:
        return Enrolment(**data)
    except TypeError as exc:
        raise EnrolmentError(f"{path}: unexpected keys ({exc})") from None


def enroll(data_dir: Path, platform_url: str, code: str, device_name: str, *,
           connect_timeout: float = 5.0, read_timeout: float = 30.0,
           force: bool = False) -> Enrolment:
    data_dir = Path(data_dir)
    if load_enrolment(data_dir) is not None and not force:
        raise EnrolmentError(f"{data_dir} is already enrolled; use --force to enrol again "
                             "(the platform must revoke the old device)")
    data_dir.mkdir(parents=True, exist_ok=True)
    key = create_device_key(data_dir / DEVICE_KEY)
    client = PlatformClient(platform_url, connect_timeout=connect_timeout,
                            read_timeout=read_timeout)
    try:
        reply = client.enrol(code.strip(), public_key_b64(key), device_name)
    except TransportError as exc:
        raise EnrolmentError(f"platform {platform_url} unreachable: {exc}") from None
    finally:
        client.close()
    if reply.status != 201:
        raise EnrolmentError(f"platform refused the enrolment code: {reply.describe()}")
    try:
        enrolment = Enrolment(device_id=str(reply.body["device_id"]),
                              site_code=str(reply.body["site_code"]),
                              device_code=str(reply.body["device_code"]),
                              platform_url=platform_url.rstrip("/"), enrolled_at=time.time())
    except KeyError as exc:
        raise EnrolmentError(f"enrolment reply lacks {exc}: {reply.body}") from None
    path = data_dir / ENROLMENT_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(enrolment), ensure_ascii=False, indent=2), "utf-8")
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    log.info("enrolled as device %s (site %s, device code %s)", enrolment.device_id,
             enrolment.site_code, enrolment.device_code)
    return enrolment


def client_for(data_dir: Path, *, platform_url: str | None = None, connect_timeout: float = 5.0,
               read_timeout: float = 30.0, keep_alive: bool = True) -> PlatformClient:
    """A signed client for an enrolled kiosk (EnrolmentError when not enrolled)."""
    enrolment = load_enrolment(data_dir)
    if enrolment is None:
        raise EnrolmentError(f"{data_dir} is not enrolled: run `kioskctl enroll --platform URL "
                             "--code CODE` first")
    key = load_device_key(Path(data_dir) / DEVICE_KEY)
    return PlatformClient(platform_url or enrolment.platform_url, device_id=enrolment.device_id,
                          key=key, connect_timeout=connect_timeout, read_timeout=read_timeout,
                          keep_alive=keep_alive)
