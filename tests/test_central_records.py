"""Attachments and idempotent writes (submissions, ratings, feedback, audit batches)."""

from __future__ import annotations

import hashlib
import uuid as uuidlib

import pytest
from central_helpers import (
    SignedClient,
    backend_params,
    enrolled_client,
    running_platform,
    submission_body,
)

from central.admin import stats

SCAN = b"\xff\xd8\xff\xe0 fake jpeg bytes of a scanned ID card"
SIGNATURE = b"\x89PNG signature strokes"


@pytest.fixture(params=backend_params())
def server(request, tmp_path):
    with running_platform(request.param, tmp_path) as srv:
        yield srv


@pytest.fixture
def client(server) -> SignedClient:
    device_id, key = enrolled_client(server)
    return SignedClient(server.url, device_id, key)


def _sha(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()


def _new_uuid() -> str:
    return str(uuidlib.uuid4())


def test_attachment_put_then_head_then_put_again(client):
    sha = _sha(SCAN)
    assert client.head(f"/v1/attachments/{sha}").status_code == 404
    first = client.put(f"/v1/attachments/{sha}", data=SCAN)
    assert first.status_code == 201
    assert first.json() == {"sha256": sha, "size": len(SCAN)}
    assert client.head(f"/v1/attachments/{sha}").status_code == 200
    again = client.put(f"/v1/attachments/{sha}", data=SCAN)
    assert again.status_code == 200
    assert again.json()["size"] == len(SCAN)


def test_attachment_whose_bytes_do_not_match_the_name_is_refused(server, client):
    sha = _sha(SCAN)
    reply = client.put(f"/v1/attachments/{sha}", data=SCAN + b"corrupted in transit")
    assert reply.status_code == 400
    assert reply.json()["error"] == "hash_mismatch"
    assert reply.json()["actual"] == _sha(SCAN + b"corrupted in transit")
    assert client.head(f"/v1/attachments/{sha}").status_code == 404
    assert stats(server.db_url)["attachments"] == 0


def test_attachment_name_must_be_a_sha256(client):
    reply = client.put("/v1/attachments/NOT-A-HASH", data=SCAN)
    assert reply.status_code == 422
    assert reply.json()["error"] == "invalid"


def test_submission_is_idempotent_by_uuid(server, client):
    client.put(f"/v1/attachments/{_sha(SCAN)}", data=SCAN)
    uuid = _new_uuid()
    body = submission_body(uuid, attachments=[SCAN])
    first = client.put(f"/v1/submissions/{uuid}", json=body)
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "accepted"
    assert first.json()["uuid"] == uuid
    assert first.json()["platform_ref"].startswith("P")
    # The same content again (e.g. a retry after a lost reply), keys in another order.
    reordered = dict(reversed(list(body.items())))
    again = client.put(f"/v1/submissions/{uuid}", json=reordered)
    assert again.status_code == 200
    assert again.json()["platform_ref"] == first.json()["platform_ref"]
    assert stats(server.db_url)["submissions"] == 1


def test_different_content_under_the_same_uuid_is_a_conflict(server, client):
    uuid = _new_uuid()
    assert client.put(f"/v1/submissions/{uuid}", json=submission_body(uuid)).status_code == 201
    changed = submission_body(uuid, title="另一个事项")
    reply = client.put(f"/v1/submissions/{uuid}", json=changed)
    assert reply.status_code == 409
    assert reply.json()["error"] == "conflict"
    assert stats(server.db_url)["submissions"] == 1


def test_submission_naming_missing_attachments_is_refused_with_the_list(server, client):
    client.put(f"/v1/attachments/{_sha(SCAN)}", data=SCAN)
    uuid = _new_uuid()
    body = submission_body(uuid, attachments=[SCAN, SIGNATURE])
    # A material may name a file that is not in the top-level list: it counts too.
    extra = b"second page"
    body["materials"].append({"name": "户口簿", "status": "received",
                              "attachments": [_sha(extra)]})
    reply = client.put(f"/v1/submissions/{uuid}", json=body)
    assert reply.status_code == 422
    assert reply.json()["error"] == "missing_attachments"
    assert reply.json()["missing"] == [_sha(SIGNATURE), _sha(extra)]
    assert stats(server.db_url)["submissions"] == 0
    for blob in (SIGNATURE, extra):
        client.put(f"/v1/attachments/{_sha(blob)}", data=blob)
    assert client.put(f"/v1/submissions/{uuid}", json=body).status_code == 201


def test_schema_errors_name_the_field(client):
    uuid = _new_uuid()
    body = submission_body(uuid)
    del body["receipt_no"]
    reply = client.put(f"/v1/submissions/{uuid}", json=body)
    assert reply.status_code == 422
    assert reply.json()["error"] == "invalid"
    assert "receipt_no" in reply.json()["detail"]


def test_body_uuid_must_match_the_path(client):
    body = submission_body(_new_uuid())
    reply = client.put(f"/v1/submissions/{_new_uuid()}", json=body)
    assert reply.status_code == 422
    assert "uuid" in reply.json()["detail"]


def _rating(uuid: str, receipt_no: str, level: int = 5) -> dict:
    return {"kind": "rating", "uuid": uuid, "receipt_no": receipt_no, "level": level,
            "reason": "", "created_at": "2026-11-23T10:00:00+08:00", "assisted_by": None}


def test_one_rating_per_receipt(server, client):
    uuid = _new_uuid()
    assert client.put(f"/v1/ratings/{uuid}", json=_rating(uuid, "R-1")).status_code == 201
    assert client.put(f"/v1/ratings/{uuid}", json=_rating(uuid, "R-1")).status_code == 200
    assert client.put(f"/v1/ratings/{uuid}", json=_rating(uuid, "R-1", 3)).status_code == 409
    other = _new_uuid()
    second = client.put(f"/v1/ratings/{other}", json=_rating(other, "R-1", 1))
    assert second.status_code == 409
    assert second.json()["error"] == "already_rated"
    assert stats(server.db_url)["ratings"] == 1


def test_rating_level_out_of_range_is_invalid(client):
    uuid = _new_uuid()
    reply = client.put(f"/v1/ratings/{uuid}", json=_rating(uuid, "R-2", level=6))
    assert reply.status_code == 422
    assert "level" in reply.json()["detail"]


def test_feedback_and_audit_batches_are_idempotent(server, client):
    uuid = _new_uuid()
    feedback = {"kind": "feedback", "uuid": uuid, "reference_no": "FB-1", "category": "建议",
                "text": "希望增加夜间照明", "phone": None, "receipt_no": None,
                "created_at": "2026-11-23T10:00:00+08:00", "assisted_by": None}
    assert client.put(f"/v1/feedback/{uuid}", json=feedback).status_code == 201
    assert client.put(f"/v1/feedback/{uuid}", json=feedback).status_code == 200
    feedback["text"] = "改了"
    assert client.put(f"/v1/feedback/{uuid}", json=feedback).status_code == 409
    batch_id = _new_uuid()
    batch = {"kind": "audit_batch", "uuid": batch_id,
             "events": [{"type": "session_start", "at": "2026-11-23T10:00:00+08:00"}]}
    assert client.put(f"/v1/audit-batches/{batch_id}", json=batch).status_code == 201
    assert client.put(f"/v1/audit-batches/{batch_id}", json=batch).status_code == 200
    assert stats(server.db_url)["feedback"] == 1


def test_stats_counts_distinct_applicants(server, client):
    for id_number in ("110101199003071234", "110101199003071234", "430102198512120011"):
        uuid = _new_uuid()
        body = submission_body(uuid, receipt_no=uuid[:8], id_number=id_number)
        assert client.put(f"/v1/submissions/{uuid}", json=body).status_code == 201
    counts = stats(server.db_url)
    assert counts["submissions"] == 3
    assert counts["distinct_ids"] == 2
    assert counts["devices"] == 1


def test_oversized_attachment_is_refused(client, monkeypatch):
    from central import api_records

    monkeypatch.setattr(api_records, "MAX_ATTACHMENT_BYTES", 16)  # thread-mode: same process
    blob = b"x" * 17
    reply = client.put(f"/v1/attachments/{_sha(blob)}", data=blob)
    assert reply.status_code == 413
    assert reply.json()["error"] == "too_large"
