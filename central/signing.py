"""Request signing as the contract defines it (duplicated from the kiosk side on purpose:
central/ must not import kiosk/, and the contract text is the single source of truth).

canonical = "\\n".join([METHOD, path_with_query, timestamp, nonce, sha256_hex(body)])
X-Signature = base64(Ed25519.sign(canonical))
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def canonical_string(method: str, path_with_query: str, timestamp: str | int, nonce: str,
                     body: bytes) -> bytes:
    """The exact bytes both sides sign/verify."""
    parts = [method.upper(), path_with_query, str(timestamp), nonce, hashlib.sha256(body).hexdigest()]
    return "\n".join(parts).encode("utf-8")


def sign_headers(private_key: Ed25519PrivateKey, device_id: str, method: str,
                 path_with_query: str, body: bytes = b"", *, timestamp: int | None = None,
                 nonce: str | None = None) -> dict[str, str]:
    """Headers for one signed request (used by tests and the reference tooling)."""
    ts = int(time.time()) if timestamp is None else int(timestamp)
    nonce = nonce or secrets.token_hex(16)
    signature = private_key.sign(canonical_string(method, path_with_query, ts, nonce, body))
    return {
        "X-Device-Id": device_id,
        "X-Timestamp": str(ts),
        "X-Nonce": nonce,
        "X-Signature": base64.b64encode(signature).decode("ascii"),
    }
