"""Helpers for tests that talk to the reference platform over real HTTP.

`enrolled_client(server)` enrols a fresh device (code issued through the database) and returns
(device_id, private_key); `SignedClient` sends contract-signed requests with `requests`.
"""

from __future__ import annotations

import atexit
import base64
import hashlib
import json as jsonlib
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import text

from central.admin import issue_code
from central.db import make_engine
from central.server import PlatformServer
from central.signing import sign_headers


def public_key_b64(private_key: Ed25519PrivateKey) -> str:
    raw = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def enrolled_client(server, site: str = "431002",
                    device_name: str = "测试终端") -> tuple[str, Ed25519PrivateKey]:
    """Enrol a new device on `server` (anything with .url and .db_url)."""
    key = Ed25519PrivateKey.generate()
    code = issue_code(server.db_url, site)
    reply = requests.post(f"{server.url}/v1/enrol", timeout=10, json={
        "code": code, "public_key": public_key_b64(key), "device_name": device_name})
    assert reply.status_code == 201, reply.text
    return reply.json()["device_id"], key


class SignedClient:
    """Signs every request as the contract says. `url` may be changed between calls (to
    alternate between platform workers)."""

    def __init__(self, url: str, device_id: str, key: Ed25519PrivateKey) -> None:
        self.url = url
        self.device_id = device_id
        self.key = key
        self.http = requests.Session()

    def request(self, method: str, path: str, *, json: Any = None, data: bytes | None = None,
                headers: dict[str, str] | None = None, timestamp: int | None = None,
                nonce: str | None = None, url: str | None = None) -> requests.Response:
        body = data if data is not None else (
            jsonlib.dumps(json, ensure_ascii=False).encode("utf-8") if json is not None else b"")
        all_headers = sign_headers(self.key, self.device_id, method, path, body,
                                   timestamp=timestamp, nonce=nonce)
        if json is not None:
            all_headers["Content-Type"] = "application/json"
        elif data is not None:
            all_headers["Content-Type"] = "application/octet-stream"
        all_headers.update(headers or {})
        return self.http.request(method, (url or self.url) + path, data=body or None,
                                 headers=all_headers, timeout=10)

    def get(self, path: str, **kw) -> requests.Response:
        return self.request("GET", path, **kw)

    def put(self, path: str, **kw) -> requests.Response:
        return self.request("PUT", path, **kw)

    def post(self, path: str, **kw) -> requests.Response:
        return self.request("POST", path, **kw)

    def head(self, path: str, **kw) -> requests.Response:
        return self.request("HEAD", path, **kw)


# --- platform fixtures' building blocks -------------------------------------------------------

PG_URL = os.environ.get("KIOSK_TEST_PG_URL", "")


def backend_params() -> list:
    """pytest params: SQLite always, PostgreSQL when KIOSK_TEST_PG_URL is set."""
    return ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
        not PG_URL, reason="KIOSK_TEST_PG_URL not set (scripts/postgres.sh prints one)"))]


def fresh_db_url(backend: str, tmp_path: Path) -> str:
    """An empty platform database: a new SQLite file, or on PostgreSQL a schema of its own.

    The schema (named in the URL's search_path, so platform processes started with the URL
    use it too) keeps test runs that share one PostgreSQL database apart: wiping shared
    tables let one run drop another's tables mid-test, which failed whichever tests happened
    to be running (e.g. the conflict and one-rating tests of test_central_records)."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'platform.db'}"
    schema = f"kt_{os.getpid()}_{secrets.token_hex(4)}"
    engine = make_engine(PG_URL)
    try:
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        engine.dispose()
    _pg_schemas.append(schema)
    separator = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{separator}options=-csearch_path%3D{schema}"


_pg_schemas: list[str] = []


@atexit.register
def drop_test_schemas() -> None:
    """Drop the schemas this test process made (after every platform it started stopped)."""
    if not _pg_schemas:
        return
    engine = make_engine(PG_URL)
    try:
        with engine.begin() as conn:
            for schema in _pg_schemas:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        engine.dispose()
    _pg_schemas.clear()


@contextmanager
def running_platform(backend: str, tmp_path: Path, **kwargs) -> Iterator[PlatformServer]:
    server = PlatformServer(fresh_db_url(backend, tmp_path), **kwargs).start()
    try:
        yield server
    finally:
        server.stop()


def submission_body(uuid: str, receipt_no: str = "4310022026112300001",
                    attachments: list[bytes] = (), id_number: str = "110101199003071234",
                    name: str = "张小三", **overrides: Any) -> dict[str, Any]:
    """A contract-shaped submission naming `attachments` (as a scanned material)."""
    hashes = [hashlib.sha256(blob).hexdigest() for blob in attachments]
    body = {
        "kind": "submission", "uuid": uuid, "receipt_no": receipt_no,
        "created_at": "2026-11-23T09:30:00+08:00", "site_code": "431002", "device_code": "K01",
        "matter_code": "M-001", "title": "城乡居民养老保险参保登记", "matters": ["M-001"],
        "applicant": {"name": name, "id_number": id_number, "card_type": "resident"},
        "id_hash": hashlib.sha256(id_number.encode()).hexdigest(),
        "form": {"phone": "13800000000"},
        "materials": [{"name": "身份证", "status": "received", "attachments": hashes}],
        "delivery": {"method": "pickup", "address": None, "phone": "13800000000"},
        "assisted_by": None,
        "attachments": [{"sha256": h, "name": f"scan{i}.jpg", "media_type": "image/jpeg",
                         "size": len(b)} for i, (h, b) in enumerate(zip(hashes, attachments))],
        "promised_date": "2026-11-30",
    }
    body.update(overrides)
    return body
