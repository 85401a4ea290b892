"""Verification of signed requests (see the contract: Ed25519 over the canonical string).

Order matters: identity first, then freshness, then the signature, and only a correctly
signed request may consume its nonce — otherwise anyone could burn a device's nonces.
"""

from __future__ import annotations

import base64
import binascii
import functools
import logging
import re
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from central.errors import ApiError
from central.models import Device, SeenNonce, utcnow
from central.signing import canonical_string

log = logging.getLogger(__name__)

MAX_SKEW_S = 300
# Nonces older than this can no longer be replayed (their timestamp would be stale).
NONCE_KEEP = timedelta(seconds=3 * MAX_SKEW_S)
NONCE_PURGE_EVERY = timedelta(seconds=60)
# A device's last contact is written at most this often: it says whether a kiosk is alive,
# and rewriting the devices row on every upload was a write per request for nothing.
LAST_SEEN_RESOLUTION = timedelta(seconds=30)
_next_purge: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_purge_lock = threading.Lock()
# Built once: Core statements with bound parameters skip the ORM unit of work and the
# per-call statement construction, which profiling showed cost more than the SQL itself.
_seen = SeenNonce.__table__
_INSERT_NONCE = insert(_seen).values(device_id=bindparam("device_id"), nonce=bindparam("nonce"),
                                     seen_at=bindparam("seen_at"))
_PURGE_NONCES = delete(_seen).where(_seen.c.seen_at < bindparam("cutoff"))
_TOUCH_DEVICE = (update(Device.__table__).where(Device.__table__.c.device_id == bindparam("id"))
                 .values(last_seen_at=bindparam("last_seen_at")))
_devices = Device.__table__
_FIND_DEVICE = select(_devices.c.device_id, _devices.c.site_code, _devices.c.device_code,
                      _devices.c.public_key, _devices.c.revoked_at,
                      _devices.c.last_seen_at).where(
    _devices.c.device_id == bindparam("id"))
_NONCE_RE = re.compile(r"^[0-9a-fA-F]{32,128}$")


@dataclass(frozen=True)
class SignedCall:
    """The signing headers of one request, well-formed but not yet verified."""

    method: str
    path_with_query: str
    device_id: str
    ts_text: str
    timestamp: int
    nonce: str
    signature: bytes = field(repr=False)
    body: bytes = field(repr=False)


def parse_signed_call(method: str, path_with_query: str, headers: dict[str, str],
                      body: bytes) -> SignedCall:
    """Check the headers' presence and form (no database); ApiError(401) if unusable."""
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
    return SignedCall(method, path_with_query, device_id, ts_text, ts, nonce, signature, body)


@dataclass(frozen=True)
class Caller:
    """The verified device behind a request."""

    device_id: str
    site_code: str
    device_code: str
    last_seen_at: datetime | None = field(default=None, compare=False)


def check_signature(session: Session, call: SignedCall, now: datetime) -> Caller:
    """Identity, freshness, signature (reads only); the caller or ApiError(401)."""
    device = session.connection().execute(_FIND_DEVICE, {"id": call.device_id}).first()
    if device is None:
        raise ApiError(401, "unknown_device", "device is not enrolled")
    if device.revoked_at is not None:
        raise ApiError(401, "revoked", "device enrolment was revoked")
    skew = now.timestamp() - call.timestamp
    if abs(skew) > MAX_SKEW_S:
        raise ApiError(401, "stale_timestamp",
                       f"timestamp differs from platform time by {skew:.0f} s "
                       f"(limit {MAX_SKEW_S} s)", server_time=int(now.timestamp()))
    try:
        _public_key(bytes(device.public_key)).verify(
            call.signature, canonical_string(call.method, call.path_with_query, call.ts_text,
                                             call.nonce, call.body))
    except InvalidSignature:
        log.warning("bad signature from device %s on %s %s", call.device_id, call.method,
                    call.path_with_query)
        raise ApiError(401, "bad_signature", "signature does not verify") from None
    return Caller(device.device_id, device.site_code, device.device_code, device.last_seen_at)


@functools.lru_cache(maxsize=1024)
def _public_key(raw: bytes) -> Ed25519PublicKey:
    """The parsed key for these bytes (read from the database on every request, so a
    re-enrolled or revoked device is seen at once; only the parsing is remembered)."""
    return Ed25519PublicKey.from_public_bytes(raw)


def consume_nonce(session: Session, call: SignedCall, now: datetime,
                  last_seen_at: datetime | None = None) -> None:
    """Record the nonce (and the device's last contact, when `last_seen_at` is older than
    LAST_SEEN_RESOLUTION) in the session's transaction; a nonce seen before rolls the
    transaction back and raises ApiError(401, replayed_nonce)."""
    connection = session.connection()
    if _purge_due(session, now):
        connection.execute(_PURGE_NONCES, {"cutoff": now - NONCE_KEEP})
    try:
        connection.execute(_INSERT_NONCE, {"device_id": call.device_id,
                                           "nonce": call.nonce.lower(), "seen_at": now})
    except IntegrityError:
        session.rollback()
        raise ApiError(401, "replayed_nonce", "nonce was already used") from None
    if last_seen_at is None or now - last_seen_at >= LAST_SEEN_RESOLUTION:
        connection.execute(_TOUCH_DEVICE, {"id": call.device_id, "last_seen_at": now})


def verify_signed_request(sessions: sessionmaker[Session], method: str, path_with_query: str,
                          headers: dict[str, str], body: bytes,
                          now: datetime | None = None) -> Caller:
    """Return the calling device or raise ApiError(401, ...)."""
    return verify_call(sessions, parse_signed_call(method, path_with_query, headers, body), now)


def verify_call(sessions: sessionmaker[Session], call: SignedCall,
                now: datetime | None = None) -> Caller:
    """Verify and consume the nonce in a transaction of its own (light endpoints; the
    data-carrying ones use signed_transaction)."""
    now = now or utcnow()
    with sessions() as session:
        device = check_signature(session, call, now)
        consume_nonce(session, call, now, device.last_seen_at)
        session.commit()
        return device


@contextmanager
def signed_transaction(sessions: sessionmaker[Session],
                       call: SignedCall) -> Iterator[tuple[Session, Caller]]:
    """Verify `call`, then let the caller do its work in the same transaction as the nonce
    and last-contact writes: one commit per request instead of two (on PostgreSQL each
    commit is a WAL flush). The nonce is written first, so a replay is refused before any
    work, and on SQLite the transaction is open before the callers' savepoints.

    The caller must not commit. A refusal raised inside (ApiError: 409, 422, …) undoes the
    work but still consumes the nonce — a correctly signed request always does."""
    now = utcnow()
    with sessions() as session:
        device = check_signature(session, call, now)
        consume_nonce(session, call, now, device.last_seen_at)
        try:
            yield session, device
        except ApiError:
            session.rollback()
            consume_nonce(session, call, now, device.last_seen_at)
            session.commit()
            raise
        session.commit()


def _purge_due(session: Session, now: datetime) -> bool:
    """Old nonces are deleted at most once per NONCE_PURGE_EVERY per database: a DELETE on
    every request was a fifth of the request's cost, and an expired nonce is harmless (its
    timestamp is stale, so a replay is refused before the nonce is even looked at)."""
    engine = session.get_bind()
    with _purge_lock:
        due = _next_purge.get(engine)
        if due is not None and now < due:
            return False
        _next_purge[engine] = now + NONCE_PURGE_EVERY
        return True


def device_by_id(session: Session, device_id: str) -> Device | None:
    return session.scalars(select(Device).where(Device.device_id == device_id)).first()
