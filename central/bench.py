"""Throughput of the reference platform as one kiosk sees it (printed by
`kioskctl bench platform`): unsigned health as the raw HTTP baseline, then signed
heartbeats and submissions, each measured over real loopback HTTP."""

from __future__ import annotations

import base64
import hashlib
import json
import tempfile
import time
import uuid as uuidlib
from pathlib import Path

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from central.admin import issue_code
from central.server import PlatformServer
from central.signing import sign_headers


def _submission(uuid: str) -> dict:
    id_number = "110101199003071234"
    return {"kind": "submission", "uuid": uuid, "receipt_no": uuid[:12],
            "created_at": "2026-11-23T09:30:00+08:00", "site_code": "431002",
            "device_code": "K01", "matter_code": "M-001", "title": "bench",
            "applicant": {"name": "测试", "id_number": id_number, "card_type": "resident"},
            "id_hash": hashlib.sha256(id_number.encode()).hexdigest(), "attachments": []}


def run_bench(count: int = 200, db_url: str | None = None) -> dict[str, float]:
    """Requests per second for each kind; uses a temporary SQLite file unless db_url."""
    with tempfile.TemporaryDirectory() as tmp:
        url = db_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        with PlatformServer(url) as server:
            http = requests.Session()
            key = Ed25519PrivateKey.generate()
            raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
            device_id = http.post(f"{server.url}/v1/enrol", timeout=10, json={
                "code": issue_code(url, "000000"), "public_key": base64.b64encode(raw).decode(),
                "device_name": "bench"}).json()["device_id"]

            def signed(method: str, path: str, body: dict) -> None:
                data = json.dumps(body, ensure_ascii=False).encode()
                headers = sign_headers(key, device_id, method, path, data)
                headers["Content-Type"] = "application/json"
                reply = http.request(method, server.url + path, data=data, headers=headers,
                                     timeout=10)
                if reply.status_code not in (200, 201):
                    raise RuntimeError(f"{method} {path}: HTTP {reply.status_code} {reply.text}")

            def rate(step) -> float:
                started = time.perf_counter()
                for _ in range(count):
                    step()
                return count / (time.perf_counter() - started)

            results = {
                "health_unsigned_per_s": rate(
                    lambda: http.get(f"{server.url}/v1/health", timeout=10)),
                "heartbeat_signed_per_s": rate(
                    lambda: signed("POST", "/v1/heartbeat", {"app_version": "bench"})),
            }

            def submit() -> None:
                uuid = str(uuidlib.uuid4())
                signed("PUT", f"/v1/submissions/{uuid}", _submission(uuid))

            results["submission_signed_per_s"] = rate(submit)
    return {k: round(v, 1) for k, v in results.items()}
