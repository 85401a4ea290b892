"""FastAPI dependencies: the database session factory and the signed-caller check.

All are `async def` on purpose: FastAPI runs a plain `def` dependency in the thread pool, and
each such hop (queue put, GIL hand-over, wake-up) cost more than the work in these.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from central.auth import Caller, SignedCall, parse_signed_call, verify_call


async def get_sessions(request: Request) -> sessionmaker[Session]:
    return request.app.state.sessions


def path_with_query(request: Request) -> str:
    """The request target exactly as the client sent it (what it signed)."""
    raw = request.scope.get("raw_path") or request.scope["path"].encode("utf-8")
    path = raw.decode("latin-1")
    query = request.scope.get("query_string", b"")
    return f"{path}?{query.decode('latin-1')}" if query else path


async def signed_call(
    request: Request,
    x_device_id: Annotated[str | None, Header(description="enrolled device id")] = None,
    x_timestamp: Annotated[str | None, Header(description="unix seconds")] = None,
    x_nonce: Annotated[str | None, Header(description="random hex, 16+ bytes")] = None,
    x_signature: Annotated[str | None, Header(description="base64 Ed25519 signature")] = None,
) -> SignedCall:
    """The signing headers, checked for form only (401 unsigned before any body error);
    the endpoint verifies them inside its own transaction (auth.signed_transaction)."""
    body = await request.body()
    headers = {"x-device-id": x_device_id or "", "x-timestamp": x_timestamp or "",
               "x-nonce": x_nonce or "", "x-signature": x_signature or ""}
    return parse_signed_call(request.method, path_with_query(request), headers, body)


async def signed_device(request: Request,
                        call: Annotated[SignedCall, Depends(signed_call)]) -> Caller:
    """Verified caller, nonce consumed in a transaction of its own (light endpoints)."""
    return await run_in_threadpool(verify_call, request.app.state.sessions, call)


SignedDevice = Annotated[Caller, Depends(signed_device)]
Signed = Annotated[SignedCall, Depends(signed_call)]
Sessions = Annotated[sessionmaker[Session], Depends(get_sessions)]


async def raw_body(request: Request) -> bytes:
    """The body bytes as received (cached by Starlette, so reading twice is free)."""
    return await request.body()


RawBody = Annotated[bytes, Depends(raw_body)]
