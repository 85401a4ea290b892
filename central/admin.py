"""Operator actions on the platform database (used by `kioskctl platform …` and tests)."""

from __future__ import annotations

import json
import logging
import secrets

from sqlalchemy import func, select

from central.db import database
from central.models import (
    Attachment,
    Device,
    EnrolmentCode,
    Feedback,
    Rating,
    Submission,
    utcnow,
)
from central.schemas import STATUS_LABELS

log = logging.getLogger(__name__)

# No 0/O/1/I/L: a technician reads the code aloud or types it on a touch screen.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def issue_code(db_url: str, site_code: str) -> str:
    """A fresh one-time enrolment code for `site_code` (12 characters, ~59 bits)."""
    if not site_code.strip():
        raise ValueError("site code must not be empty")
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    with database(db_url) as sessions, sessions() as session:
        session.add(EnrolmentCode(code=code, site_code=site_code.strip(), created_at=utcnow()))
        session.commit()
    log.info("enrolment code issued for site %s", site_code)
    return code


def revoke(db_url: str, device_id: str) -> None:
    """Refuse every later request of `device_id`; LookupError if it is not enrolled."""
    with database(db_url) as sessions, sessions() as session:
        device = session.get(Device, device_id)
        if device is None:
            raise LookupError(f"no enrolled device {device_id!r}")
        if device.revoked_at is None:
            device.revoked_at = utcnow()
            session.commit()
    log.info("device %s revoked", device_id)


def set_status(db_url: str, receipt_no: str, status: str, tracking_no: str | None = None,
               missing: list[str] | None = None, detail: str | None = None) -> dict:
    """Advance an application (as the back office would); returns the new state."""
    if status not in STATUS_LABELS:
        raise ValueError(f"unknown status {status!r}; one of {', '.join(STATUS_LABELS)}")
    with database(db_url) as sessions, sessions() as session:
        row = session.scalars(select(Submission).where(Submission.receipt_no == receipt_no)
                              .order_by(Submission.id.desc())).first()
        if row is None:
            raise LookupError(f"no submission with receipt number {receipt_no!r}")
        row.status = status
        row.status_manual = True
        if tracking_no is not None:
            row.tracking_no = tracking_no
        if missing is not None:
            row.missing_json = json.dumps(missing, ensure_ascii=False)
        if detail is not None:
            row.detail = detail
        row.updated_at = utcnow()
        session.commit()
        return {"receipt_no": row.receipt_no, "platform_ref": row.platform_ref,
                "status": row.status, "status_label": STATUS_LABELS[row.status],
                "tracking_no": row.tracking_no, "missing": json.loads(row.missing_json),
                "detail": row.detail}


def stats(db_url: str) -> dict[str, int]:
    """Counts for smoke tests and demos."""
    with database(db_url) as sessions, sessions() as session:
        def count(column) -> int:
            return session.scalar(select(func.count(column))) or 0

        return {
            "submissions": count(Submission.id),
            "distinct_ids": session.scalar(select(func.count(func.distinct(Submission.id_hash))))
            or 0,
            "attachments": count(Attachment.sha256),
            "ratings": count(Rating.id),
            "feedback": count(Feedback.id),
            "devices": count(Device.device_id),
        }
