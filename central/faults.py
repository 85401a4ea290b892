"""Fault injection for tests and demos: `--faults fail=0.2,drop_after_commit=0.1,...`.

Keys (P is a probability 0..1): fail=P (503 before doing anything), drop_after_commit=P (the
request is fully handled and committed, then the TCP connection is cut with no reply),
reset=P (TCP reset before the request is handled), captive=P (200 with an HTML login page, as
a hotel-style captive portal would), latency_ms=N, seed=N (repeatable draws).
Only the data endpoints are affected — never /v1/health, /v1/enrol or the status page.

Cutting a connection needs the socket, which ASGI hides: FaultAwareH11Protocol (the uvicorn
HTTP protocol the platform server uses) files each connection's transport under the client
address that ASGI does expose in scope["client"].
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import socket
import struct
from dataclasses import dataclass, fields

from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger(__name__)

_UNFAULTED = {"/v1/health", "/v1/enrol"}
_transports: dict[tuple[str, int], asyncio.Transport] = {}

CAPTIVE_PAGE = (b"<!DOCTYPE html><html><head><title>Wi-Fi Login</title></head><body>"
                b"<h1>\xe6\xac\xa2\xe8\xbf\x8e\xe4\xbd\xbf\xe7\x94\xa8\xe5\x85\x8d\xe8\xb4\xb9 WiFi</h1>"
                b"<form method='post' action='/login'><input name='phone'>"
                b"<button>Login</button></form></body></html>")


@dataclass(frozen=True)
class FaultSpec:
    fail: float = 0.0
    drop_after_commit: float = 0.0
    reset: float = 0.0
    captive: float = 0.0
    latency_ms: int = 0
    seed: int | None = None

    @classmethod
    def parse(cls, spec: str | None) -> FaultSpec:
        """Parse "key=value,..."; ValueError names the offending item."""
        values: dict[str, float | int] = {}
        known = {f.name for f in fields(cls)}
        for item in (spec or "").split(","):
            item = item.strip()
            if not item:
                continue
            key, sep, raw = item.partition("=")
            key = key.strip()
            if not sep or key not in known:
                raise ValueError(f"fault spec item {item!r}: expected one of "
                                 f"{', '.join(sorted(known))} as key=value")
            try:
                value = int(raw) if key in ("latency_ms", "seed") else float(raw)
            except ValueError:
                raise ValueError(f"fault spec item {item!r}: {raw!r} is not a number") from None
            if key not in ("latency_ms", "seed") and not 0.0 <= value <= 1.0:
                raise ValueError(f"fault spec item {item!r}: probability must be in 0..1")
            if key == "latency_ms" and value < 0:
                raise ValueError(f"fault spec item {item!r}: latency must be >= 0")
            values[key] = value
        return cls(**values)

    @property
    def active(self) -> bool:
        return any((self.fail, self.drop_after_commit, self.reset, self.captive,
                    self.latency_ms))


class FaultAwareH11Protocol(H11Protocol):
    """uvicorn's h11 protocol that lets the fault middleware reach the connection."""

    def connection_made(self, transport):  # type: ignore[override]
        super().connection_made(transport)
        if self.client:
            _transports[tuple(self.client)] = transport

    def connection_lost(self, exc):
        if self.client:
            _transports.pop(tuple(self.client), None)
        super().connection_lost(exc)


async def cut_connection(scope, *, reset: bool) -> None:
    """Close the client's TCP connection without a reply (RST when `reset`)."""
    client = scope.get("client")
    transport = _transports.get(tuple(client)) if client else None
    if transport is None:
        raise ConnectionAbortedError("fault injection needs FaultAwareH11Protocol to cut the "
                                     "connection (not running under the platform server?)")
    if reset:
        sock = transport.get_extra_info("socket")
        if sock is not None:
            # Linger 0: close() sends RST instead of FIN.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
    # Let connection_lost run so uvicorn knows not to write a 500 on a dead connection.
    for _ in range(3):
        await asyncio.sleep(0)


class FaultMiddleware:
    """ASGI middleware applying a FaultSpec to each data request independently."""

    def __init__(self, app, spec: FaultSpec) -> None:
        self.app = app
        self.spec = spec
        self.rng = random.Random(spec.seed)

    def _draw(self, probability: float) -> bool:
        return probability > 0 and self.rng.random() < probability

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith("/v1/") or path in _UNFAULTED:
            await self.app(scope, receive, send)
            return
        spec = self.spec
        if spec.latency_ms:
            await asyncio.sleep(spec.latency_ms / 1000)
        if self._draw(spec.reset):
            log.info("fault: reset %s %s", scope["method"], path)
            await cut_connection(scope, reset=True)
            return
        if self._draw(spec.fail):
            log.info("fault: fail %s %s", scope["method"], path)
            body = json.dumps({"error": "injected_failure", "detail": "fault injection"}).encode()
            await _reply(send, 503, b"application/json", body)
            return
        if self._draw(spec.captive):
            log.info("fault: captive portal for %s %s", scope["method"], path)
            await _reply(send, 200, b"text/html; charset=utf-8", CAPTIVE_PAGE)
            return
        if self._draw(spec.drop_after_commit):
            log.info("fault: drop reply after commit of %s %s", scope["method"], path)

            async def swallow(message) -> None:
                return None

            await self.app(scope, receive, swallow)
            await cut_connection(scope, reset=False)
            return
        await self.app(scope, receive, send)


async def _reply(send, status: int, content_type: bytes, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
