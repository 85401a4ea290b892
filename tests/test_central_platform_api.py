"""Catalog with ETag, status query, heartbeat and the status page, identity codes, queue."""

from __future__ import annotations

import json
import uuid as uuidlib
from datetime import timedelta

import pytest
import requests
from central_helpers import (
    SignedClient,
    backend_params,
    enrolled_client,
    running_platform,
    submission_body,
)
from sqlalchemy import update

from central.admin import set_status
from central.db import database
from central.models import IdentityCode, utcnow


@pytest.fixture
def catalog_dir(tmp_path):
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "20-bundles.json").write_text(json.dumps(
        {"bundles": [{"code": "B-001", "title": "新生儿出生一件事"}]}, ensure_ascii=False),
        encoding="utf-8")
    (folder / "10-social.json").write_text(json.dumps(
        {"matters": [{"code": "M-001", "title": "城乡居民养老保险参保登记"}]},
        ensure_ascii=False), encoding="utf-8")
    (folder / "30-more.json").write_text(json.dumps(
        {"matters": [{"code": "M-002", "title": "退休人员待遇资格认证"}]}, ensure_ascii=False),
        encoding="utf-8")
    (folder / "notes.txt").write_text("not part of the catalog", encoding="utf-8")
    return folder


@pytest.fixture(params=backend_params())
def server(request, tmp_path, catalog_dir):
    with running_platform(request.param, tmp_path, catalog_dir=catalog_dir) as srv:
        yield srv


@pytest.fixture
def client(server) -> SignedClient:
    device_id, key = enrolled_client(server)
    return SignedClient(server.url, device_id, key)


def test_catalog_concatenates_files_in_name_order_with_etag(client):
    reply = client.get("/v1/catalog")
    assert reply.status_code == 200
    body = reply.json()
    assert [m["code"] for m in body["matters"]] == ["M-001", "M-002"]
    assert [b["code"] for b in body["bundles"]] == ["B-001"]
    assert reply.headers["etag"] == f'"{body["version"]}"'


def test_catalog_not_modified_until_a_file_changes(client, catalog_dir):
    etag = client.get("/v1/catalog").headers["etag"]
    same = client.get("/v1/catalog", headers={"If-None-Match": etag})
    assert same.status_code == 304
    assert same.content == b""
    (catalog_dir / "30-more.json").write_text('{"matters": []}', encoding="utf-8")
    changed = client.get("/v1/catalog", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    assert [m["code"] for m in changed.json()["matters"]] == ["M-001"]


def test_broken_catalog_file_is_named_in_the_error(client, catalog_dir):
    (catalog_dir / "40-broken.json").write_text('{"matters": [', encoding="utf-8")
    reply = client.get("/v1/catalog")
    assert reply.status_code == 500
    assert reply.json()["error"] == "catalog_invalid"
    assert "40-broken.json" in reply.json()["detail"]


def _submit(client, receipt_no: str, id_number: str = "110101199003071234") -> str:
    uuid = str(uuidlib.uuid4())
    body = submission_body(uuid, receipt_no=receipt_no, id_number=id_number)
    reply = client.put(f"/v1/submissions/{uuid}", json=body)
    assert reply.status_code == 201
    return reply.json()["platform_ref"]


def test_status_query_by_receipt_and_by_id_hash(server, client):
    import hashlib

    ref = _submit(client, "R-100")
    _submit(client, "R-200", id_number="430102198512120011")
    by_receipt = client.post("/v1/status/query", json={"receipt_nos": ["R-100", "R-unknown"]})
    assert by_receipt.status_code == 200
    [app] = by_receipt.json()["applications"]
    assert app["platform_ref"] == ref
    assert app["status"] == "received"
    assert app["status_label"] == "已接收"
    set_status(server.db_url, "R-200", "mailed", tracking_no="SF1234567890")
    id_hash = hashlib.sha256(b"430102198512120011").hexdigest()
    [mailed] = client.post("/v1/status/query", json={"id_hash": id_hash}).json()["applications"]
    assert mailed["receipt_no"] == "R-200"
    assert mailed["status"] == "mailed"
    assert mailed["tracking_no"] == "SF1234567890"


def test_needs_correction_lists_missing_materials(server, client):
    _submit(client, "R-300")
    set_status(server.db_url, "R-300", "needs_correction", missing=["户口簿", "结婚证"],
               detail="请补充材料")
    [app] = client.post("/v1/status/query", json={"receipt_nos": ["R-300"]}).json()[
        "applications"]
    assert app["missing"] == ["户口簿", "结婚证"]
    assert app["detail"] == "请补充材料"


def test_status_query_needs_a_key(client):
    reply = client.post("/v1/status/query", json={})
    assert reply.status_code == 422
    assert reply.json()["error"] == "invalid"


def test_set_status_refuses_unknown_status_and_receipt(server, client):
    _submit(client, "R-400")
    with pytest.raises(ValueError, match="unknown status"):
        set_status(server.db_url, "R-400", "lost")
    with pytest.raises(LookupError, match="R-999"):
        set_status(server.db_url, "R-999", "finished")


def test_heartbeat_shows_on_the_status_page_with_masked_people(server, client):
    beat = {"app_version": "0.1.0", "uptime_s": 3600, "restarts": 1, "last_crash": None,
            "health": {"printer": "ok", "idcard": "error"}, "queue": {"queued": 3, "sending": 1},
            "oldest_unsent_age_s": 120, "disk_free_mb": 20480, "paper": "low",
            "clock_offset_s": -2.5}
    assert client.post("/v1/heartbeat", json=beat).status_code == 200
    _submit(client, "R-500")
    page = requests.get(f"{server.url}/status", timeout=10)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    assert client.device_id in html
    assert "-2.5 s" in html
    assert "idcard" in html  # the unhealthy part is named
    assert "<td>4</td>" in html  # queue depth = 3 queued + 1 sending
    assert "张*三" in html and "张小三" not in html
    assert "110101********1234" in html and "110101199003071234" not in html


def test_identity_code_resolves_until_it_expires(server, client):
    identity = {"name": "李四", "id_number": "110101199003071234", "card_type": "resident"}
    issued = client.post("/v1/identity-codes", json=identity)
    assert issued.status_code == 201
    code = issued.json()["code"]
    resolved = client.post("/v1/identity-codes/resolve", json={"code": code})
    assert resolved.status_code == 200
    assert resolved.json() == identity
    unknown = client.post("/v1/identity-codes/resolve", json={"code": "00000000x"})
    assert unknown.status_code == 404
    with database(server.db_url) as sessions, sessions() as session:
        session.execute(update(IdentityCode).where(IdentityCode.code == code)
                        .values(expires_at=utcnow() - timedelta(seconds=1)))
        session.commit()
    expired = client.post("/v1/identity-codes/resolve", json={"code": code})
    assert expired.status_code == 410
    assert expired.json()["error"] == "expired"


def test_queue_counts_reported_tickets_minus_served(client):
    assert client.get("/v1/queue/social").json() == {"people_ahead": 0}
    for number in ("A001", "A002", "A003", "A003"):  # a re-report counts once
        assert client.post("/v1/queue/social/tickets", json={"number": number}).status_code \
            == 201
    assert client.post("/v1/queue/social/served", json={"number": "A001"}).status_code == 200
    assert client.get("/v1/queue/social").json() == {"people_ahead": 2}
    assert client.get("/v1/queue/tax").json() == {"people_ahead": 0}
    assert client.post("/v1/queue/social/served", json={"number": "Z9"}).status_code == 404


def test_scheduled_status_steps_through_the_chain():
    from datetime import datetime, timezone

    from central.progress import scheduled_status

    t0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
    at = lambda s: t0 + timedelta(seconds=s)  # noqa: E731
    assert scheduled_status(t0, at(59), 60, "pickup") == ("received", t0)
    assert scheduled_status(t0, at(60), 60, "pickup") == ("in_progress", at(60))
    assert scheduled_status(t0, at(150), 60, "mail") == ("finished", at(120))
    assert scheduled_status(t0, at(10_000), 60, "mail") == ("mailed", at(180))
    assert scheduled_status(t0, at(10_000), 60, "pickup") == ("ready_for_pickup", at(180))


def test_demo_progression_advances_unless_an_operator_set_the_status(tmp_path):
    from central.models import Submission

    with running_platform("sqlite", tmp_path, status_step_s=3600) as server:
        client = SignedClient(server.url, *enrolled_client(server))
        ref = _submit(client, "R-600")
        _submit(client, "R-601")
        set_status(server.db_url, "R-601", "needs_correction", missing=["户口簿"])
        query = {"receipt_nos": ["R-600", "R-601"]}

        def statuses() -> dict[str, str]:
            apps = client.post("/v1/status/query", json=query).json()["applications"]
            return {a["receipt_no"]: a["status"] for a in apps}

        assert statuses() == {"R-600": "received", "R-601": "needs_correction"}
        with database(server.db_url) as sessions, sessions() as session:  # accepted 2.5 h ago
            session.execute(update(Submission).values(
                received_at=utcnow() - timedelta(hours=2, minutes=30)))
            session.commit()
        assert statuses() == {"R-600": "finished", "R-601": "needs_correction"}
        [app] = client.post("/v1/status/query", json={"receipt_nos": ["R-600"]}).json()[
            "applications"]
        assert app["platform_ref"] == ref
