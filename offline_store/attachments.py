"""Encrypted attachment files named by the SHA-256 of their plaintext.

Write path: encrypt → temporary name → fsync → rename → fsync the directory. Only then does the
caller reference the hash from the database, in the transaction that queues the item. A crash
before that commit leaves an unreferenced file, which `sweep_orphans` removes later; a crash
can never leave a referenced hash without its complete file.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Iterable
from pathlib import Path

from offline_store.crypto import DataKey
from offline_store.errors import StoreCorrupt

log = logging.getLogger(__name__)

_HEX = set("0123456789abcdef")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class AttachmentFiles:
    def __init__(self, root: Path, key: DataKey):
        self.root = root
        self.key = key
        root.mkdir(parents=True, exist_ok=True)
        os.chmod(root, 0o700)

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or not set(sha256) <= _HEX:
            raise ValueError(f"attachment name {sha256!r} is not a lowercase SHA-256 hex digest")
        return self.root / sha256[:2] / f"{sha256}.enc"

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def write(self, data: bytes) -> str:
        """Store `data` durably; return its SHA-256. Idempotent for identical content."""
        digest = sha256_hex(data)
        final = self.path_for(digest)
        if final.exists():
            return digest
        final.parent.mkdir(exist_ok=True)
        blob = self.key.encrypt(data, digest.encode())
        tmp = final.with_name(f".{digest}.{os.getpid()}.{time.monotonic_ns()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(blob)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, final)
        dir_fd = os.open(final.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        return digest

    def read(self, sha256: str) -> bytes:
        path = self.path_for(sha256)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            raise StoreCorrupt(f"attachment file {path} is missing") from None
        data = self.key.decrypt(blob, sha256.encode())
        if sha256_hex(data) != sha256:
            raise StoreCorrupt(f"attachment file {path} does not hash to its name")
        return data

    def delete(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)

    def all_hashes(self) -> Iterable[str]:
        for path in self.root.glob("??/*.enc"):
            yield path.name[:-4]

    def sweep_orphans(self, referenced: set[str], older_than_s: float = 3600.0) -> int:
        """Delete files (and stale temporaries) nothing references, if older than the grace
        period: a young file may belong to an enqueue in another process not yet committed."""
        cutoff = time.time() - older_than_s
        removed = 0
        for path in list(self.root.glob("??/*.enc")) + list(self.root.glob("??/.*.tmp")):
            name = path.name
            is_tmp = name.endswith(".tmp")
            if not is_tmp and name[:-4] in referenced:
                continue
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
        if removed:
            log.info("removed %d unreferenced attachment files", removed)
        return removed
