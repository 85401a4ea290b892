"""What the kiosk reads from the platform: catalog, application status, mobile e-ID codes,
queue length."""

from __future__ import annotations

import json
import logging
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Header, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from central.catalog import etag_matches, load_catalog
from central.deps import Sessions, SignedDevice
from central.errors import ApiError
from central.masking import mask_id_number
from central.models import IdentityCode, QueueTicket, Submission, utcnow
from central.progress import advance
from central.schemas import (
    STATUS_LABELS,
    ApplicationStatus,
    CatalogReply,
    ErrorBody,
    Identity,
    IdentityCodeReply,
    IdentityCodeRequest,
    IdentityResolveRequest,
    QueueReply,
    QueueTicketBody,
    StatusQuery,
    StatusReply,
)

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1")

IDENTITY_CODE_TTL = timedelta(seconds=120)


@router.get("/catalog", response_model=CatalogReply,
            responses={304: {"description": "not modified"}, 401: {"model": ErrorBody}})
async def get_catalog(request: Request, device: SignedDevice,
                      if_none_match: Annotated[str | None, Header()] = None) -> Response:
    folder: Path = request.app.state.catalog_dir
    catalog = await run_in_threadpool(load_catalog, folder)
    etag = catalog["version"]
    headers = {"ETag": f'"{etag}"', "Cache-Control": "no-cache"}
    if etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    return JSONResponse(catalog, headers=headers)


@router.post("/status/query", response_model=StatusReply,
             responses={401: {"model": ErrorBody}, 422: {"model": ErrorBody}})
def status_query(query: StatusQuery, device: SignedDevice, sessions: Sessions,
                 request: Request) -> StatusReply:
    if not query.receipt_nos and not query.id_hash:
        raise ApiError(422, "invalid", "give receipt_nos or id_hash")
    stmt = select(Submission).order_by(Submission.received_at.desc())
    if query.receipt_nos:
        stmt = stmt.where(Submission.receipt_no.in_(query.receipt_nos[:100]))
    else:
        stmt = stmt.where(Submission.id_hash == query.id_hash)
    step_s = request.app.state.status_step_s
    with sessions() as session:
        rows = session.scalars(stmt.limit(100)).all()
        now = utcnow()
        if [row for row in rows if advance(row, now, step_s)]:
            session.commit()
    return StatusReply(applications=[ApplicationStatus(
        receipt_no=row.receipt_no, platform_ref=row.platform_ref or "", title=row.title,
        status=row.status, status_label=STATUS_LABELS[row.status], detail=row.detail,
        missing=json.loads(row.missing_json), tracking_no=row.tracking_no,
        updated_at=row.updated_at.isoformat()) for row in rows])


@router.post("/identity-codes", status_code=201, response_model=IdentityCodeReply,
             responses={401: {"model": ErrorBody}})
def issue_identity_code(request: IdentityCodeRequest, device: SignedDevice,
                        sessions: Sessions) -> IdentityCodeReply:
    expires_at = utcnow() + IDENTITY_CODE_TTL
    with sessions() as session:
        for _ in range(5):
            code = f"{secrets.randbelow(10**8):08d}"
            session.add(IdentityCode(code=code, name=request.name, id_number=request.id_number,
                                     card_type=request.card_type, expires_at=expires_at))
            try:
                session.commit()
                break
            except IntegrityError:
                session.rollback()  # code collision: draw another
        else:
            raise ApiError(503, "busy", "could not draw a free identity code")
    log.info("identity code issued for %s", mask_id_number(request.id_number))
    return IdentityCodeReply(code=code, expires_at=expires_at.isoformat())


@router.post("/identity-codes/resolve", response_model=Identity,
             responses={401: {"model": ErrorBody}, 404: {"model": ErrorBody},
                        410: {"model": ErrorBody}})
def resolve_identity_code(request: IdentityResolveRequest, device: SignedDevice,
                          sessions: Sessions) -> Identity:
    with sessions() as session:
        row = session.get(IdentityCode, request.code.strip())
    if row is None:
        raise ApiError(404, "unknown_code", "no such identity code")
    if row.expires_at <= utcnow():
        raise ApiError(410, "expired", "identity code expired")
    return Identity(name=row.name, id_number=row.id_number, card_type=row.card_type)


def _people_waiting(sessions, category: str) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(QueueTicket).where(
            QueueTicket.category == category, QueueTicket.served.is_(False))) or 0


@router.get("/queue/{category}", response_model=QueueReply, responses={401: {"model": ErrorBody}})
def queue_length(category: str, device: SignedDevice, sessions: Sessions) -> QueueReply:
    return QueueReply(people_ahead=_people_waiting(sessions, category))


@router.post("/queue/{category}/tickets", status_code=201, response_model=QueueReply,
             responses={401: {"model": ErrorBody}})
def report_ticket(category: str, ticket: QueueTicketBody, device: SignedDevice,
                  sessions: Sessions) -> QueueReply:
    """A ticket drawn at a kiosk joins the queue (reporting it twice is harmless)."""
    with sessions() as session:
        session.add(QueueTicket(category=category, number=ticket.number, created_at=utcnow()))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
    return QueueReply(people_ahead=_people_waiting(sessions, category))


@router.post("/queue/{category}/served", response_model=QueueReply,
             responses={401: {"model": ErrorBody}, 404: {"model": ErrorBody}})
def ticket_served(category: str, ticket: QueueTicketBody, device: SignedDevice,
                  sessions: Sessions) -> QueueReply:
    with sessions() as session:
        done = session.execute(update(QueueTicket).where(
            QueueTicket.category == category, QueueTicket.number == ticket.number)
            .values(served=True))
        session.commit()
    if done.rowcount == 0:
        raise ApiError(404, "unknown_ticket", f"ticket {ticket.number} was never reported")
    return QueueReply(people_ahead=_people_waiting(sessions, category))
