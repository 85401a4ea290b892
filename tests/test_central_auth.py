"""Enrolment and request signing against the platform over real HTTP on loopback."""

from __future__ import annotations

import secrets
import time

import pytest
import requests
from central_helpers import (
    SignedClient,
    backend_params,
    enrolled_client,
    public_key_b64,
    running_platform,
)
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central.admin import issue_code, revoke


@pytest.fixture(params=backend_params())
def server(request, tmp_path):
    with running_platform(request.param, tmp_path) as srv:
        yield srv


@pytest.fixture
def client(server) -> SignedClient:
    device_id, key = enrolled_client(server)
    return SignedClient(server.url, device_id, key)


def _enrol(server, code: str, key: Ed25519PrivateKey | None = None) -> requests.Response:
    key = key or Ed25519PrivateKey.generate()
    return requests.post(f"{server.url}/v1/enrol", timeout=10, json={
        "code": code, "public_key": public_key_b64(key), "device_name": "终端"})


def test_health_is_unsigned_json_with_date_header(server):
    reply = requests.get(f"{server.url}/v1/health", timeout=10)
    assert reply.status_code == 200
    assert reply.json()["status"] == "ok"
    assert reply.headers["content-type"] == "application/json"
    assert "GMT" in reply.headers["date"]


def test_enrolment_code_is_single_use_and_gives_site_and_device_code(server):
    code = issue_code(server.db_url, "431002")
    first = _enrol(server, code)
    assert first.status_code == 201
    assert first.json()["site_code"] == "431002"
    assert first.json()["device_code"] == "K01"
    again = _enrol(server, code)
    assert again.status_code == 403
    assert again.json()["error"] == "invalid_code"
    second = _enrol(server, issue_code(server.db_url, "431002"))
    assert second.json()["device_code"] == "K02"
    assert second.json()["device_id"] != first.json()["device_id"]


def test_unknown_code_and_malformed_key_are_refused(server):
    assert _enrol(server, "NOSUCHCODE").status_code == 403
    code = issue_code(server.db_url, "431002")
    reply = requests.post(f"{server.url}/v1/enrol", timeout=10, json={
        "code": code, "public_key": "c2hvcnQ=", "device_name": "x"})
    assert reply.status_code == 422
    assert "32 raw bytes" in reply.json()["detail"]
    assert _enrol(server, code).status_code == 201  # the refused attempt did not use the code


def test_signed_request_is_accepted(client):
    reply = client.post("/v1/heartbeat", json={"app_version": "0.1.0"})
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"status": "ok"}


def test_unsigned_request_is_refused(server):
    reply = requests.post(f"{server.url}/v1/heartbeat", json={"app_version": "0.1.0"}, timeout=10)
    assert reply.status_code == 401
    assert reply.json()["error"] == "unsigned"
    assert "X-Signature" in reply.json()["detail"]


def test_stale_timestamp_is_refused_both_ways(client):
    for offset in (-301 - 5, 301 + 5):
        reply = client.post("/v1/heartbeat", json={"app_version": "0.1.0"},
                            timestamp=int(time.time()) + offset)
        assert reply.status_code == 401
        assert reply.json()["error"] == "stale_timestamp"
    # Within the window is fine.
    ok = client.post("/v1/heartbeat", json={"app_version": "0.1.0"},
                     timestamp=int(time.time()) - 200)
    assert ok.status_code == 200


def test_replayed_nonce_is_refused(client):
    nonce = secrets.token_hex(16)
    assert client.post("/v1/heartbeat", json={"app_version": "1"}, nonce=nonce).status_code == 200
    replay = client.post("/v1/heartbeat", json={"app_version": "1"}, nonce=nonce)
    assert replay.status_code == 401
    assert replay.json()["error"] == "replayed_nonce"


def test_badly_signed_request_does_not_burn_its_nonce(client):
    nonce = secrets.token_hex(16)
    impostor = SignedClient(client.url, client.device_id, Ed25519PrivateKey.generate())
    bad = impostor.post("/v1/heartbeat", json={"app_version": "1"}, nonce=nonce)
    assert bad.status_code == 401
    assert bad.json()["error"] == "bad_signature"
    assert client.post("/v1/heartbeat", json={"app_version": "1"}, nonce=nonce).status_code == 200


def test_tampered_body_or_path_fails_the_signature(client):
    import json

    from central.signing import sign_headers

    body = json.dumps({"app_version": "1"}).encode()
    headers = sign_headers(client.key, client.device_id, "POST", "/v1/heartbeat", body)
    headers["Content-Type"] = "application/json"
    tampered = requests.post(f"{client.url}/v1/heartbeat", data=body.replace(b"1", b"2"),
                             headers=headers, timeout=10)
    assert tampered.json()["error"] == "bad_signature"
    headers = sign_headers(client.key, client.device_id, "GET", "/v1/queue/a", b"")
    other_path = requests.get(f"{client.url}/v1/queue/b", headers=headers, timeout=10)
    assert other_path.json()["error"] == "bad_signature"


def test_query_string_is_part_of_the_signed_path(client):
    assert client.get("/v1/queue/social?lang=zh").status_code == 200


def test_unknown_and_revoked_devices_are_refused(server, client):
    stranger = SignedClient(server.url, "Dnotenrolled", Ed25519PrivateKey.generate())
    assert stranger.post("/v1/heartbeat", json={"app_version": "1"}).json()["error"] == \
        "unknown_device"
    revoke(server.db_url, client.device_id)
    reply = client.post("/v1/heartbeat", json={"app_version": "1"})
    assert reply.status_code == 401
    assert reply.json()["error"] == "revoked"


def test_unknown_route_answers_json(server):
    reply = requests.get(f"{server.url}/v1/nothing-here", timeout=10)
    assert reply.status_code == 404
    assert reply.json()["error"] == "not_found"


def test_last_contact_is_recorded_and_refreshed_once_it_is_older_than_the_resolution(server):
    from datetime import timedelta

    from central.auth import LAST_SEEN_RESOLUTION, verify_signed_request
    from central.db import database
    from central.models import Device, utcnow
    from central.signing import sign_headers

    device_id, key = enrolled_client(server)

    def signed_at(now):
        headers = sign_headers(key, device_id, "GET", "/v1/catalog", b"",
                               timestamp=int(now.timestamp()))
        with database(server.db_url) as sessions:
            verify_signed_request(sessions, "GET", "/v1/catalog",
                                  {k.lower(): v for k, v in headers.items()}, b"", now=now)
            with sessions() as session:
                return session.get(Device, device_id).last_seen_at

    start = utcnow().replace(microsecond=0)
    assert signed_at(start) == start  # first contact
    soon = start + LAST_SEEN_RESOLUTION - timedelta(seconds=1)
    assert signed_at(soon) == start  # not rewritten on every request
    later = start + LAST_SEEN_RESOLUTION
    assert signed_at(later) == later
