"""Helpers for tests that talk to the reference platform over real HTTP.

`enrolled_client(server)` enrols a fresh device (code issued through the database) and returns
(device_id, private_key); `SignedClient` sends contract-signed requests with `requests`.
"""

from __future__ import annotations

import base64
import json as jsonlib
from typing import Any

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from central.admin import issue_code
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
