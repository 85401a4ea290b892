"""Device life cycle: health (unsigned), enrolment with a one-time code, heartbeat."""

from __future__ import annotations

import base64
import binascii
import json
import logging
import secrets

from fastapi import APIRouter
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from central.auth import signed_transaction
from central.deps import Sessions, Signed
from central.errors import ApiError
from central.models import Device, EnrolmentCode, utcnow
from central.schemas import EnrolReply, EnrolRequest, ErrorBody, HealthReply, HeartbeatBody, OkReply

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1")


@router.get("/health", response_model=HealthReply)
def health() -> HealthReply:
    return HealthReply(status="ok", time=utcnow().isoformat())


@router.post("/enrol", status_code=201, response_model=EnrolReply,
             responses={403: {"model": ErrorBody}, 422: {"model": ErrorBody}})
def enrol(request: EnrolRequest, sessions: Sessions) -> EnrolReply:
    try:
        public_key = base64.b64decode(request.public_key, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(422, "invalid", "public_key is not base64") from None
    if len(public_key) != 32:
        raise ApiError(422, "invalid", f"public_key must be 32 raw bytes, got {len(public_key)}")
    device_id = "D" + secrets.token_hex(8)
    with sessions() as session:
        now = utcnow()
        # Consume the code atomically: of two racing enrolments exactly one updates the row.
        claimed = session.execute(
            update(EnrolmentCode)
            .where(EnrolmentCode.code == request.code.strip(), EnrolmentCode.used_at.is_(None))
            .values(used_at=now, device_id=device_id))
        if claimed.rowcount != 1:
            session.rollback()
            raise ApiError(403, "invalid_code", "enrolment code is unknown or already used")
        site_code = session.scalar(select(EnrolmentCode.site_code)
                                   .where(EnrolmentCode.code == request.code.strip()))
        count = session.scalar(select(func.count()).select_from(Device)
                               .where(Device.site_code == site_code)) or 0
        device_code = f"K{count + 1:02d}"
        session.add(Device(device_id=device_id, site_code=site_code, device_code=device_code,
                           device_name=request.device_name, public_key=public_key,
                           enrolled_at=now))
        try:
            session.commit()
        except IntegrityError:
            # Two devices of one site enrolled at the same instant took the same code number.
            session.rollback()
            raise ApiError(409, "retry", "device number taken concurrently; "
                                         "the code was not used, try again") from None
    log.info("device %s enrolled at site %s as %s", device_id, site_code, device_code)
    return EnrolReply(device_id=device_id, site_code=site_code, device_code=device_code)


@router.post("/heartbeat", response_model=OkReply,
             responses={401: {"model": ErrorBody}, 422: {"model": ErrorBody}})
def heartbeat(beat: HeartbeatBody, signed: Signed, sessions: Sessions) -> OkReply:
    with signed_transaction(sessions, signed) as (session, device):
        session.execute(update(Device).where(Device.device_id == device.device_id).values(
            last_heartbeat_at=utcnow(), clock_offset_s=beat.clock_offset_s,
            heartbeat_json=json.dumps(beat.model_dump(mode="json"), ensure_ascii=False)))
    return OkReply(status="ok")
