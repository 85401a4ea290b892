"""The lean request path of the record uploads (central/lean_route.py) answers exactly as
FastAPI's generic path does: the same endpoint functions are mounted both ways in one app and
every case is sent to both."""

from __future__ import annotations

import base64
import json
import socket
import threading
import uuid as uuidlib

import pytest
import requests
import uvicorn
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import APIRouter

from central import api_records
from central.admin import issue_code
from central.app import create_app
from central.lean_route import LeanRoute
from central.schemas import AcceptedReply
from central.signing import sign_headers
from tests.central_helpers import public_key_b64, submission_body

ENDPOINTS = {"submissions": api_records.put_submission, "ratings": api_records.put_rating,
             "feedback": api_records.put_feedback, "audit-batches": api_records.put_audit_batch}


@pytest.fixture(params=[True, False], ids=["on-the-loop", "in-a-thread"])
def both(request, tmp_path):
    """(client, device_id, key): /v1/... take the lean path, /plain/v1/... FastAPI's own.
    The lean path runs its endpoint on the event loop (SQLite's way) or in a thread."""
    db_url = f"sqlite:///{tmp_path / 'platform.db'}"
    app = create_app(db_url)
    app.state.uploads_inline = request.param
    plain = APIRouter(prefix="/plain/v1")
    for collection, endpoint in ENDPOINTS.items():
        plain.add_api_route(f"/{collection}/{{uuid}}", endpoint, methods=["PUT"],
                            status_code=201, response_model=AcceptedReply)
    app.include_router(plain)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, lifespan="off", log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    client = _Loopback(f"http://127.0.0.1:{sock.getsockname()[1]}")
    try:
        client.wait_started(server)
        key = Ed25519PrivateKey.generate()
        reply = client.post("/v1/enrol", json={"code": issue_code(db_url, "431002"),
                                               "public_key": public_key_b64(key),
                                               "device_name": "lean"})
        assert reply.status_code == 201, reply.text
        yield client, reply.json()["device_id"], key
    finally:
        server.should_exit = True
        thread.join(10)
        client.close()
        app.state.sessions.kw["bind"].dispose()


class _Loopback(requests.Session):
    """requests over real loopback HTTP with paths relative to the server."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("timeout", 10)
        return super().request(method, self.base + url, *args, **kwargs)

    def wait_started(self, server: uvicorn.Server) -> None:
        started = threading.Event()
        for _ in range(200):
            if server.started:
                return
            started.wait(0.02)
        raise TimeoutError("test platform did not start")


def _put(client, device_id, key, path: str, data: bytes, *, content_type="application/json",
         signed=True):
    headers = sign_headers(key, device_id, "PUT", path, data) if signed else {}
    if content_type:
        headers["Content-Type"] = content_type
    return client.put(path, data=data, headers=headers)


def _same(both, collection: str, make_body, **kw) -> tuple[int, dict]:
    """Send one case to both paths (fresh uuids each); assert identical answers."""
    client, device_id, key = both
    answers = []
    for prefix in ("", "/plain"):
        item = str(uuidlib.uuid4())
        data = make_body(item)
        reply = _put(client, device_id, key, f"{prefix}/v1/{collection}/{item}", data, **kw)
        body = reply.json()
        answers.append((reply.status_code, {k: v for k, v in body.items()
                                            if k not in ("uuid", "platform_ref")}))
        assert reply.headers["content-type"].startswith("application/json")
    assert answers[0] == answers[1]
    return answers[0]


def _json(body: dict) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def test_accepted_then_same_then_conflict_on_both_paths(both):
    client, device_id, key = both
    for prefix in ("", "/plain"):
        item = str(uuidlib.uuid4())
        path = f"{prefix}/v1/submissions/{item}"
        first = _put(client, device_id, key, path, _json(submission_body(item, receipt_no=item)))
        again = _put(client, device_id, key, path, _json(submission_body(item, receipt_no=item)))
        other = _put(client, device_id, key, path,
                     _json(submission_body(item, receipt_no=item, title="另一件事")))
        assert (first.status_code, again.status_code, other.status_code) == (201, 200, 409)
        assert first.json()["status"] == "accepted" and first.json()["uuid"] == item
        assert again.json()["platform_ref"] == first.json()["platform_ref"]
        assert other.json()["error"] == "conflict"


@pytest.mark.parametrize("case", ["missing_field", "wrong_type", "uuid_differs", "bad_json",
                                  "text_plain", "empty", "path_too_long", "unsigned"])
def test_refusals_match_fastapi(both, case):
    def body(item):
        if case == "missing_field":
            b = submission_body(item)
            del b["applicant"]
            return _json(b)
        if case == "wrong_type":
            return _json(submission_body(item, materials="none"))
        if case == "uuid_differs":
            return _json(submission_body("someone-else"))
        if case == "bad_json":
            return b'{"kind": "submission", "uuid": '
        if case == "empty":
            return b""
        return _json(submission_body(item))

    kw = {"content_type": "text/plain"} if case == "text_plain" else {}
    if case == "unsigned":
        kw["signed"] = False
    if case == "path_too_long":
        client, device_id, key = both
        answers = []
        for prefix in ("", "/plain"):
            long_id = "x" * 65
            reply = _put(client, device_id, key, f"{prefix}/v1/submissions/{long_id}",
                         _json(submission_body(long_id)))
            answers.append((reply.status_code, reply.json()))
        assert answers[0] == answers[1]
        assert answers[0][0] == 422 and "path.uuid" in answers[0][1]["detail"]
        return
    status, reply = _same(both, "submissions", body, **kw)
    expected = {"unsigned": (401, "unsigned")}.get(case, (422, "invalid"))
    assert (status, reply["error"]) == expected, reply
    if case == "missing_field":
        assert "body.applicant" in reply["detail"]


def test_other_record_kinds_match(both):
    def rating(item):
        return _json({"kind": "rating", "uuid": item, "receipt_no": f"R-{item}", "level": 9,
                      "reason": None, "created_at": "2026-11-23T09:30:00+08:00",
                      "assisted_by": None})

    status, reply = _same(both, "ratings", rating)
    assert status == 422 and "body.level" in reply["detail"]

    def batch(item):
        return _json({"kind": "audit_batch", "uuid": item, "events": [{"step": "home"}]})

    assert _same(both, "audit-batches", batch) == (201, {"status": "accepted"})


def test_lean_route_refuses_parameters_it_cannot_fill():
    def endpoint(uuid: str, request_id: str) -> AcceptedReply:  # pragma: no cover - never run
        raise AssertionError

    router = APIRouter(route_class=LeanRoute)
    with pytest.raises(TypeError, match="request_id"):
        router.add_api_route("/x/{uuid}", endpoint, methods=["PUT"])


def test_bad_signature_is_refused_on_the_lean_path(both):
    client, device_id, key = both
    item = str(uuidlib.uuid4())
    path = f"/v1/submissions/{item}"
    data = _json(submission_body(item))
    headers = sign_headers(key, device_id, "PUT", path, data)
    headers["X-Signature"] = base64.b64encode(b"\0" * 64).decode()
    headers["Content-Type"] = "application/json"
    reply = client.put(path, data=data, headers=headers)
    assert (reply.status_code, reply.json()["error"]) == (401, "bad_signature")
