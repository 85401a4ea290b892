"""The data key and AES-GCM encryption of personal fields and attachment files.

The key is 32 random bytes in a file readable only by the kiosk user (0600), created at
enrolment. Every ciphertext is bound to what it belongs to (an item uuid, an attachment hash)
through AES-GCM associated data, so a blob copied onto another row fails to decrypt.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import stat
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from offline_store.errors import KeyFileMissing, StoreCorrupt

log = logging.getLogger(__name__)

KEY_BYTES = 32
NONCE_BYTES = 12
FORMAT_V1 = b"\x01"
_CHECK_LABEL = b"kiosk data key check v1"
_LOOKUP_LABEL = b"kiosk id lookup v1"


class DataKey:
    """AES-256-GCM with the kiosk's data key."""

    def __init__(self, key: bytes):
        if len(key) != KEY_BYTES:
            raise KeyFileMissing(f"data key must be {KEY_BYTES} bytes, got {len(key)}")
        self._key = key
        self._aead = AESGCM(key)

    @classmethod
    def load(cls, path: Path) -> DataKey:
        try:
            mode = path.stat().st_mode
            raw = path.read_bytes()
        except FileNotFoundError:
            raise KeyFileMissing(
                f"data key file {path} is missing: the encrypted personal data and attachments "
                "in this data directory cannot be read. Restore the key file from the "
                "terminal's backup, or re-enrol the terminal on an empty data directory."
            ) from None
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            # Someone widened the permissions; narrow them again rather than refuse to serve.
            log.warning("data key file %s had mode %o; resetting to 0600", path, mode & 0o777)
            os.chmod(path, 0o600)
        return cls(raw)

    @classmethod
    def create(cls, path: Path) -> DataKey:
        """Write a new random key (0600, fsynced); refuses to overwrite an existing key."""
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)
        key = AESGCM.generate_key(bit_length=KEY_BYTES * 8)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, key)
            os.fsync(fd)
        finally:
            os.close(fd)
        fsync_dir(path.parent)
        log.info("created data key file %s", path)
        return cls(key)

    def check_value(self) -> str:
        """A value stored in the database to detect a key that belongs to another database."""
        return hmac.new(self._key, _CHECK_LABEL, hashlib.sha256).hexdigest()

    def lookup(self, id_hash: str) -> str:
        """Keyed lookup token for an ID-number hash: a stolen database alone cannot be
        brute-forced over the small space of ID numbers."""
        return hmac.new(self._key, _LOOKUP_LABEL + id_hash.encode(), hashlib.sha256).hexdigest()

    def encrypt(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return FORMAT_V1 + nonce + self._aead.encrypt(nonce, plaintext, aad)

    def decrypt(self, blob: bytes, aad: bytes) -> bytes:
        if not blob or blob[:1] != FORMAT_V1 or len(blob) < 1 + NONCE_BYTES + 16:
            raise StoreCorrupt(f"encrypted blob for {aad.decode(errors='replace')} is malformed")
        nonce = blob[1 : 1 + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, blob[1 + NONCE_BYTES :], aad)
        except InvalidTag:
            raise StoreCorrupt(
                f"encrypted blob for {aad.decode(errors='replace')} failed authentication "
                "(wrong key or damaged data)"
            ) from None

    def encrypt_json(self, obj: Any, aad: str) -> bytes:
        data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return self.encrypt(data, aad.encode())

    def decrypt_json(self, blob: bytes, aad: str) -> Any:
        return json.loads(self.decrypt(blob, aad.encode()).decode("utf-8"))


def fsync_dir(path: Path) -> None:
    """Make a rename in `path` durable (the directory entry itself is fsynced)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
