"""Contract request signing and the device's Ed25519 key (private key never leaves the kiosk).

canonical = "\\n".join([METHOD, path_with_query, timestamp, nonce, sha256_hex(body)])
X-Signature = base64(Ed25519.sign(canonical))
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)


class DeviceKeyMissing(Exception):
    """The device key file is absent: the kiosk is not enrolled (or the file was lost)."""


def canonical_string(method: str, path_with_query: str, timestamp: int, nonce: str,
                     body: bytes) -> bytes:
    return "\n".join([method.upper(), path_with_query, str(timestamp), nonce,
                      hashlib.sha256(body).hexdigest()]).encode("utf-8")


def signed_headers(key: Ed25519PrivateKey, device_id: str, method: str, path_with_query: str,
                   body: bytes, timestamp: int, nonce: str | None = None) -> dict[str, str]:
    nonce = nonce or secrets.token_hex(16)
    signature = key.sign(canonical_string(method, path_with_query, timestamp, nonce, body))
    return {"X-Device-Id": device_id, "X-Timestamp": str(timestamp), "X-Nonce": nonce,
            "X-Signature": base64.b64encode(signature).decode("ascii")}


def public_key_b64(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def create_device_key(path: Path) -> Ed25519PrivateKey:
    """New key pair; the private key is written 0600 (PKCS#8 PEM) and fsynced."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, pem)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    return key


def load_device_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        raise DeviceKeyMissing(f"device key {path} is missing: enrol this kiosk with "
                               "`kioskctl enroll --platform URL --code CODE`") from None
    except ValueError as exc:
        raise DeviceKeyMissing(f"device key {path} is not a valid PEM key: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise DeviceKeyMissing(f"device key {path} is not an Ed25519 key")
    return key
