"""Enrolment: make an Ed25519 key pair, register the public key with a one-time code, keep the
device id and site/device codes the platform assigns.

Files in the data directory: keys/device.pem (private key, 0600), enrolment.json (no secrets:
device id, site and device code, platform URL, time), and the store's data key (created here).

Enrolling again (`--force`) never touches the current key or enrolment until the platform has
accepted the new one: the new key waits in keys/device.pem.new, the new enrolment in
enrolment.json.new, and both are renamed into place only after the platform's 201. A refusal
or an unreachable platform leaves the old pair as it was. enrolment.json.new exists only after
an acceptance, so a crash between the renames is finished at the next load (roll forward).
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
from offline_store.crypto import fsync_dir

log = logging.getLogger(__name__)

ENROLMENT_FILE = "enrolment.json"
DEVICE_KEY = Path("keys") / "device.pem"
_NEW = ".new"  # suffix of the pending key and enrolment during a (re-)enrolment


class EnrolmentError(Exception):
    """Enrolment failed; the message says why (bad code, platform unreachable, …)."""


@dataclass(frozen=True)
class Enrolment:
    device_id: str
    site_code: str
    device_code: str
    platform_url: str
    enrolled_at: float


def _pending(path: Path) -> Path:
    return path.with_name(path.name + _NEW)


def _commit_pending(data_dir: Path) -> None:
    """Rename the accepted new key, then the new enrolment, into place (each rename is
    atomic; the enrolment file's presence says the platform accepted)."""
    key, enrolment = data_dir / DEVICE_KEY, data_dir / ENROLMENT_FILE
    if _pending(key).exists():
        os.replace(_pending(key), key)
        fsync_dir(key.parent)
    os.replace(_pending(enrolment), enrolment)
    fsync_dir(data_dir)


def _finish_interrupted(data_dir: Path) -> None:
    if _pending(data_dir / ENROLMENT_FILE).exists():
        log.warning("finishing an enrolment the platform accepted before an interruption")
        _commit_pending(data_dir)


def load_enrolment(data_dir: Path) -> Enrolment | None:
    _finish_interrupted(Path(data_dir))
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
    new_key_path = _pending(data_dir / DEVICE_KEY)
    key = create_device_key(new_key_path)  # the current key stays until the platform accepts
    try:
        enrolment = _register(platform_url, code, key, device_name, connect_timeout,
                              read_timeout)
    except BaseException:
        new_key_path.unlink(missing_ok=True)
        raise
    pending = _pending(data_dir / ENROLMENT_FILE)
    tmp = pending.with_name(pending.name + ".tmp")
    tmp.write_text(json.dumps(asdict(enrolment), ensure_ascii=False, indent=2), "utf-8")
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, pending)  # from here on the new enrolment is what this kiosk is
    _commit_pending(data_dir)
    log.info("enrolled as device %s (site %s, device code %s)", enrolment.device_id,
             enrolment.site_code, enrolment.device_code)
    return enrolment


def _register(platform_url: str, code: str, key, device_name: str, connect_timeout: float,
              read_timeout: float) -> Enrolment:
    """Ask the platform to accept `key` with `code`; EnrolmentError when it does not."""
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
        return Enrolment(device_id=str(reply.body["device_id"]),
                         site_code=str(reply.body["site_code"]),
                         device_code=str(reply.body["device_code"]),
                         platform_url=platform_url.rstrip("/"), enrolled_at=time.time())
    except KeyError as exc:
        raise EnrolmentError(f"enrolment reply lacks {exc}: {reply.body}") from None


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
