"""Data the kiosk uploads: attachments (content-addressed) and idempotent records."""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Annotated

from fastapi import APIRouter, Path, Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from central.auth import signed_transaction
from central.deps import RawBody, Sessions, Signed
from central.errors import ApiError
from central.lean_route import LeanRoute
from central.models import Attachment, AuditBatch, Feedback, Rating, Submission, utcnow
from central.records import content_hash, find_same, insert_once
from central.schemas import (
    AcceptedReply,
    AttachmentReply,
    AuditBatchBody,
    ErrorBody,
    FeedbackBody,
    RatingBody,
    SubmissionBody,
)

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1")
# The idempotent record uploads, the bulk of a kiosk's traffic, take the lean request path.
records_router = APIRouter(prefix="/v1", route_class=LeanRoute)

Sha256Path = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="lower-case sha256 hex")]
UuidPath = Annotated[str, Path(min_length=1, max_length=64)]

# Far above a scanned A4 page (~400 KB); a bigger body is a client bug, not a document.
MAX_ATTACHMENT_BYTES = 32 * 1024 * 1024

_ERRORS = {401: {"model": ErrorBody}, 409: {"model": ErrorBody}, 422: {"model": ErrorBody}}
_RAW_BODY = {"requestBody": {"required": True, "content": {
    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}}


def _accepted(response: Response, record, created: bool) -> AcceptedReply:
    response.status_code = 201 if created else 200
    return AcceptedReply(status="accepted", platform_ref=record.platform_ref, uuid=record.uuid)


def _check_uuid(path_uuid: str, body_uuid: str) -> None:
    if path_uuid != body_uuid:
        raise ApiError(422, "invalid", f"body uuid {body_uuid!r} differs from the path uuid")


@router.put("/attachments/{sha256}", status_code=201, response_model=AttachmentReply,
            responses={200: {"model": AttachmentReply}, 400: {"model": ErrorBody},
                       413: {"model": ErrorBody}, **_ERRORS},
            openapi_extra=_RAW_BODY)
def put_attachment(sha256: Sha256Path, signed: Signed, body: RawBody, sessions: Sessions,
                   response: Response) -> AttachmentReply:
    with signed_transaction(sessions, signed) as (session, device):
        if len(body) > MAX_ATTACHMENT_BYTES:
            raise ApiError(413, "too_large", f"{len(body)} bytes; the limit is "
                                             f"{MAX_ATTACHMENT_BYTES}", limit=MAX_ATTACHMENT_BYTES)
        actual = hashlib.sha256(body).hexdigest()
        if actual != sha256:
            raise ApiError(400, "hash_mismatch", f"body sha256 is {actual}", actual=actual)
        if session.get(Attachment, sha256) is not None:
            response.status_code = 200
            return AttachmentReply(sha256=sha256, size=len(body))
        try:
            with session.begin_nested():
                session.add(Attachment(sha256=sha256, size=len(body), data=body,
                                       device_id=device.device_id, received_at=utcnow()))
        except IntegrityError:
            # Another worker stored the same bytes meanwhile: content-addressed, so that is fine.
            if session.get(Attachment, sha256) is None:
                raise
            response.status_code = 200
    return AttachmentReply(sha256=sha256, size=len(body))


@router.head("/attachments/{sha256}", responses={404: {"description": "not stored"}})
def head_attachment(sha256: Sha256Path, signed: Signed, sessions: Sessions) -> Response:
    with signed_transaction(sessions, signed) as (session, _device):
        found = session.scalar(select(Attachment.size).where(Attachment.sha256 == sha256))
    if found is None:
        return Response(status_code=404, media_type="application/json")
    return Response(status_code=200, media_type="application/json",
                    headers={"X-Attachment-Size": str(found)})


@records_router.put("/submissions/{uuid}", status_code=201, response_model=AcceptedReply,
            responses={200: {"model": AcceptedReply}, **_ERRORS})
def put_submission(uuid: UuidPath, submission: SubmissionBody, signed: Signed,
                   body: RawBody, sessions: Sessions, response: Response) -> AcceptedReply:
    digest = content_hash(body)
    with signed_transaction(sessions, signed) as (session, device):
        _check_uuid(uuid, submission.uuid)
        named = submission.attachment_hashes()
        present = set(session.scalars(select(Attachment.sha256)
                                      .where(Attachment.sha256.in_(named)))) if named else set()
        missing = [sha for sha in named if sha not in present]
        if missing:
            # A uuid already stored answers as it always did (same → accepted, other → 409).
            existing = find_same(session, Submission, uuid, digest)
            if existing is not None:
                return _accepted(response, existing, False)
            raise ApiError(422, "missing_attachments",
                           f"{len(missing)} attachment(s) not uploaded yet", missing=missing)
        # insert_once decides a repeated uuid itself (accepted again, or 409).
        now = utcnow()
        record, created = insert_once(session, Submission, uuid, digest, dict(
            body_json=body.decode("utf-8"),
            device_id=device.device_id, received_at=now, receipt_no=submission.receipt_no,
            id_hash=submission.id_hash, title=submission.title,
            applicant_name=submission.applicant.name, id_number=submission.applicant.id_number,
            status="received", detail="", missing_json=json.dumps(
                [m.name for m in submission.materials if m.status == "owed"], ensure_ascii=False),
            updated_at=now))
    if created:
        log.info("submission %s accepted as %s (receipt %s, device %s)", uuid,
                 record.platform_ref, submission.receipt_no, device.device_id)
    return _accepted(response, record, created)


@records_router.put("/ratings/{uuid}", status_code=201, response_model=AcceptedReply,
            responses={200: {"model": AcceptedReply}, **_ERRORS})
def put_rating(uuid: UuidPath, rating: RatingBody, signed: Signed, body: RawBody,
               sessions: Sessions, response: Response) -> AcceptedReply:
    digest = content_hash(body)

    def already_rated() -> None:
        raise ApiError(409, "already_rated", f"receipt {rating.receipt_no} was already rated")

    with signed_transaction(sessions, signed) as (session, device):
        _check_uuid(uuid, rating.uuid)
        # The receipt's unique index refuses a second rating: insert_once calls already_rated.
        record, created = insert_once(session, Rating, uuid, digest, dict(
            body_json=body.decode("utf-8"),
            device_id=device.device_id, received_at=utcnow(), receipt_no=rating.receipt_no,
            level=rating.level), on_race=already_rated)
    return _accepted(response, record, created)


@records_router.put("/feedback/{uuid}", status_code=201, response_model=AcceptedReply,
            responses={200: {"model": AcceptedReply}, **_ERRORS})
def put_feedback(uuid: UuidPath, feedback: FeedbackBody, signed: Signed, body: RawBody,
                 sessions: Sessions, response: Response) -> AcceptedReply:
    digest = content_hash(body)
    with signed_transaction(sessions, signed) as (session, device):
        _check_uuid(uuid, feedback.uuid)
        record, created = insert_once(session, Feedback, uuid, digest, dict(
            body_json=body.decode("utf-8"),
            device_id=device.device_id, received_at=utcnow(),
            reference_no=feedback.reference_no, category=feedback.category))
    return _accepted(response, record, created)


@records_router.put("/audit-batches/{uuid}", status_code=201, response_model=AcceptedReply,
            responses={200: {"model": AcceptedReply}, **_ERRORS})
def put_audit_batch(uuid: UuidPath, batch: AuditBatchBody, signed: Signed, body: RawBody,
                    sessions: Sessions, response: Response) -> AcceptedReply:
    digest = content_hash(body)
    with signed_transaction(sessions, signed) as (session, device):
        _check_uuid(uuid, batch.uuid)
        record, created = insert_once(session, AuditBatch, uuid, digest, dict(
            body_json=body.decode("utf-8"),
            device_id=device.device_id, received_at=utcnow(), event_count=len(batch.events)))
    return _accepted(response, record, created)
