"""Verification of signed requests (see the contract: Ed25519 over the canonical string).

Order matters: identity first, then freshness, then the signature, and only a correctly
signed request may consume its nonce — otherwise anyone could burn a device's nonces.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
from datetime import datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from central.errors import ApiError
from central.models import Device, SeenNonce, utcnow
from central.signing import canonical_string

log = logging.getLogger(__name__)

MAX_SKEW_S = 300
# Nonces older than this can no longer be replayed (their timestamp would be stale).
NONCE_KEEP = timedelta(seconds=3 * MAX_SKEW_S)
_NONCE_RE = re.compile(r"^[0-9a-fA-F]{32,128}$")


def verify_signed_request(sessions: sessionmaker[Session], method: str, path_with_query: str,
                          headers: dict[str, str], body: bytes,
                          now: datetime | None = None) -> Device:
    """Return the calling device or raise ApiError(401, ...)."""
    now = now or utcnow()
    device_id = headers.get("x-device-id", "")
    ts_text = headers.get("x-timestamp", "")
    nonce = headers.get("x-nonce", "")
    sig_text = headers.get("x-signature", "")
    if not (device_id and ts_text and nonce and sig_text):
        missing = [h for h, v in (("X-Device-Id", device_id), ("X-Timestamp", ts_text),
                                  ("X-Nonce", nonce), ("X-Signature", sig_text)) if not v]
        raise ApiError(401, "unsigned", f"missing header(s): {', '.join(missing)}")
    try:
        ts = int(ts_text)
    except ValueError:
        raise ApiError(401, "unsigned", "X-Timestamp is not integer unix seconds") from None
    if not _NONCE_RE.match(nonce):
        raise ApiError(401, "unsigned", "X-Nonce must be 16 to 64 bytes of hex")
    try:
        signature = base64.b64decode(sig_text, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(401, "bad_signature", "X-Signature is not base64") from None

    with sessions() as session:
        device = session.get(Device, device_id)
        if device is None:
            raise ApiError(401, "unknown_device", "device is not enrolled")
        if device.revoked_at is not None:
            raise ApiError(401, "revoked", "device enrolment was revoked")
        skew = now.timestamp() - ts
        if abs(skew) > MAX_SKEW_S:
            raise ApiError(401, "stale_timestamp",
                           f"timestamp differs from platform time by {skew:.0f} s "
                           f"(limit {MAX_SKEW_S} s)", server_time=int(now.timestamp()))
        try:
            Ed25519PublicKey.from_public_bytes(device.public_key).verify(
                signature, canonical_string(method, path_with_query, ts_text, nonce, body))
        except InvalidSignature:
            log.warning("bad signature from device %s on %s %s", device_id, method,
                        path_with_query)
            raise ApiError(401, "bad_signature", "signature does not verify") from None

        session.execute(delete(SeenNonce).where(SeenNonce.device_id == device_id,
                                                SeenNonce.seen_at < now - NONCE_KEEP))
        session.add(SeenNonce(device_id=device_id, nonce=nonce.lower(), seen_at=now))
        device.last_seen_at = now
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            raise ApiError(401, "replayed_nonce", "nonce was already used") from None
        return device


def device_by_id(session: Session, device_id: str) -> Device | None:
    return session.scalars(select(Device).where(Device.device_id == device_id)).first()
