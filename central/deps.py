"""FastAPI dependencies: the database session factory and the signed-caller check."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from central.auth import verify_signed_request
from central.models import Device


def get_sessions(request: Request) -> sessionmaker[Session]:
    return request.app.state.sessions


def path_with_query(request: Request) -> str:
    """The request target exactly as the client sent it (what it signed)."""
    raw = request.scope.get("raw_path") or request.scope["path"].encode("utf-8")
    path = raw.decode("latin-1")
    query = request.scope.get("query_string", b"")
    return f"{path}?{query.decode('latin-1')}" if query else path


async def signed_device(
    request: Request,
    x_device_id: Annotated[str | None, Header(description="enrolled device id")] = None,
    x_timestamp: Annotated[str | None, Header(description="unix seconds")] = None,
    x_nonce: Annotated[str | None, Header(description="random hex, 16+ bytes")] = None,
    x_signature: Annotated[str | None, Header(description="base64 Ed25519 signature")] = None,
) -> Device:
    body = await request.body()
    headers = {"x-device-id": x_device_id or "", "x-timestamp": x_timestamp or "",
               "x-nonce": x_nonce or "", "x-signature": x_signature or ""}
    return await run_in_threadpool(verify_signed_request, get_sessions(request), request.method,
                                   path_with_query(request), headers, body)


SignedDevice = Annotated[Device, Depends(signed_device)]
Sessions = Annotated[sessionmaker[Session], Depends(get_sessions)]


async def raw_body(request: Request) -> bytes:
    """The body bytes as received (cached by Starlette, so reading twice is free)."""
    return await request.body()


RawBody = Annotated[bytes, Depends(raw_body)]
