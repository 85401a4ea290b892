"""Sender and engine behaviour against the reference platform on loopback (real HTTP)."""

from __future__ import annotations

import http.server
import json
import random
import threading
import time
import uuid as uuidlib

import pytest
from store_fixtures import scan, submission_body
from sync_fixtures import enrolled_kiosk

from central.admin import revoke
from central.db import open_database
from central.models import Device
from central.server import PlatformServer
from kiosk.sync.backoff import Backoff
from kiosk.sync.client import NotContract, PlatformClient
from kiosk.sync.signing import signed_headers


@pytest.fixture
def platform(tmp_path):
    server = PlatformServer(f"sqlite:///{tmp_path / 'platform.db'}").start()
    yield server
    server.stop()


@pytest.fixture
def kiosk(platform, tmp_path):
    k = enrolled_kiosk(platform, tmp_path / "kiosk")
    yield k
    k.close()


def _wait(condition, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_conflicting_content_under_same_uuid_is_rejected_with_the_reason(kiosk):
    rng = random.Random(1)
    first = kiosk.store.enqueue_submission(submission_body(rng), [])
    second = kiosk.store.enqueue_submission(submission_body(rng), [])
    # someone already sent different content under `first`'s uuid
    other = dict(kiosk.store.application(second.receipt_no))
    for key in ("state", "platform_ref", "status", "purged"):
        other.pop(key)
    other["uuid"] = first.uuid
    reply = kiosk.engine.client.put_record("submissions", first.uuid, other)
    assert reply.status == 201

    report = kiosk.engine.drain(until_empty=True, timeout_s=30)
    assert (report.accepted, report.rejected) == (1, 1)
    rejected = kiosk.store.list_items(state="rejected")
    assert [r["uuid"] for r in rejected] == [first.uuid]
    assert "409" in rejected[0]["reason"] and "conflict" in rejected[0]["reason"]
    # staff re-queue: it is refused again, never silently accepted
    kiosk.store.requeue(first.uuid)
    kiosk.engine.drain(until_empty=True, timeout_s=30)
    assert kiosk.store.counts()["rejected"] == 1


def test_a_broken_item_does_not_block_the_others(kiosk):
    rng = random.Random(2)
    bad = kiosk.store.enqueue_submission(submission_body(rng, n_attachments=1), [scan(rng)])
    good = [kiosk.store.enqueue_submission(submission_body(rng), []).uuid for _ in range(3)]
    (path,) = (kiosk.data_dir / "attachments").rglob("*.enc")
    path.unlink()  # local damage: the scan file is gone
    report = kiosk.engine.drain(until_empty=True, timeout_s=30)
    assert report.accepted == 3 and report.quarantined == 1
    assert {i["uuid"] for i in kiosk.store.list_items(state="accepted")} == set(good)
    (quarantined,) = kiosk.store.list_items(state="quarantined")
    assert quarantined["uuid"] == bad.uuid and "missing" in quarantined["reason"]


def test_platform_down_keeps_items_queued_then_delivers(platform, kiosk):
    rng = random.Random(3)
    ids = [kiosk.store.enqueue_submission(submission_body(rng), []).uuid for _ in range(5)]
    platform.stop()
    report = kiosk.engine.drain(until_empty=False)
    assert report.unreachable and report.accepted == 0
    assert kiosk.store.counts()["queued"] == 5  # retryable, never lost, never "accepted"
    assert all(i["attempts"] >= 1 and i["last_error"] for i in kiosk.store.list_items())
    platform.start()
    kiosk.store.make_all_due()
    kiosk.engine.drain(until_empty=True, timeout_s=30)
    assert {i["uuid"] for i in kiosk.store.list_items(state="accepted")} == set(ids)


class _CaptivePortal(http.server.BaseHTTPRequestHandler):
    def _page(self):
        body = "<html><body>请登录免费WiFi</body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_PUT = do_POST = do_HEAD = _page

    def log_message(self, *args):
        pass


def test_a_captive_portal_200_html_is_a_failure_not_a_success(kiosk):
    portal = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CaptivePortal)
    thread = threading.Thread(target=portal.serve_forever, name="portal", daemon=True)
    thread.start()
    try:
        rng = random.Random(4)
        kiosk.store.enqueue_submission(submission_body(rng, n_attachments=1), [scan(rng)])
        kiosk.store.enqueue_rating(kiosk.store.list_items()[0]["ref_no"], 4, None)
        kiosk.engine.client.base_url = f"http://127.0.0.1:{portal.server_address[1]}"
        report = kiosk.engine.drain(until_empty=False)
        assert report.accepted == 0
        assert kiosk.store.counts()["queued"] == 2
        errors = " ".join(i["last_error"] for i in kiosk.store.list_items())
        assert "captive portal" in errors
        with pytest.raises(NotContract):
            kiosk.engine.client.health()
    finally:
        portal.shutdown()
        portal.server_close()
        thread.join()


def test_revoked_device_is_refused_and_items_wait(platform, kiosk):
    rng = random.Random(5)
    kiosk.store.enqueue_submission(submission_body(rng), [])
    revoke(platform.db_url, kiosk.enrolment.device_id)
    report = kiosk.engine.drain(until_empty=False)
    assert report.not_authorised and "revoked" in report.not_authorised
    assert kiosk.store.counts()["queued"] == 1 and kiosk.store.counts()["rejected"] == 0


def test_signature_refusals_through_the_kiosk_client(platform, kiosk, tmp_path):
    client = kiosk.engine.client
    path = "/v1/status/query"
    body = json.dumps({"receipt_nos": ["X"]}).encode()

    def send(headers):  # our own (stale, replayed, forged) signing headers, sent as they are
        headers = {**headers, "Content-Type": "application/json"}
        return client.request("POST", path, data=body, headers=headers, signed=False)

    unsigned = client.request("POST", path, json_body={"receipt_nos": ["X"]}, signed=False)
    assert unsigned.status == 401
    now = int(time.time())
    stale = send(signed_headers(client.key, client.device_id, "POST", path, body, now - 3600))
    assert (stale.status, stale.error) == (401, "stale_timestamp")
    fresh = signed_headers(client.key, client.device_id, "POST", path, body, now)
    assert send(fresh).status == 200
    replay = send(fresh)
    assert (replay.status, replay.error) == (401, "replayed_nonce")
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    forged = send(signed_headers(Ed25519PrivateKey.generate(), client.device_id, "POST", path,
                                 body, now))
    assert (forged.status, forged.error) == (401, "bad_signature")
    tampered = signed_headers(client.key, client.device_id, "POST", path, b"{}", now)
    assert send(tampered).error == "bad_signature"


def test_client_learns_clock_offset_and_corrects_a_wrong_clock(platform, kiosk):
    client = kiosk.engine.client
    client.clock_offset_s = -7200.0  # as if the kiosk's clock ran two hours fast
    reply = client.status_query(receipt_nos=["nothing"])
    assert reply.status == 200  # refused as stale once, offset learned from Date, retried
    assert abs(client.clock_offset_s) < 3
    kiosk.engine.send_heartbeat()
    with open_database(platform.db_url)() as session:
        beat = json.loads(session.get(Device, kiosk.enrolment.device_id).heartbeat_json)
    for key in ("app_version", "uptime_s", "restarts", "health", "queue",
                "oldest_unsent_age_s", "disk_free_mb", "paper", "clock_offset_s"):
        assert key in beat, key
    assert beat["paper"] == "unknown" and set(beat["queue"]) >= {"queued", "accepted"}


def test_catalog_etag_and_status_query_fill_the_caches(platform, kiosk):
    assert kiosk.engine.refresh_catalog() is True
    etag, body = kiosk.store.catalog_cache_get()
    assert etag and isinstance(body["matters"], list)
    assert kiosk.engine.refresh_catalog() is False  # 304: not modified

    rng = random.Random(6)
    sub = kiosk.store.enqueue_submission(submission_body(rng, id_number="43100219800101123X"), [])
    kiosk.engine.drain(until_empty=True, timeout_s=30)
    from central.admin import set_status
    from offline_store import id_hash_of

    set_status(platform.db_url, sub.receipt_no, "ready_for_pickup")
    (by_id,) = kiosk.engine.query_status(id_hash=id_hash_of("43100219800101123X"))
    assert by_id["receipt_no"] == sub.receipt_no and by_id["status"] == "ready_for_pickup"
    assert kiosk.store.status_cache_get([sub.receipt_no])[sub.receipt_no]["status"] == \
        "ready_for_pickup"
    assert kiosk.store.application(sub.receipt_no)["status"]["status_label"]


def test_engine_thread_sends_new_items_when_woken(kiosk):
    counts, online = [], []
    kiosk.engine.on_counts = counts.append
    kiosk.engine.on_online = online.append
    kiosk.engine.settings.heartbeat_s = 3600
    kiosk.engine.start()
    rng = random.Random(7)
    item = kiosk.store.enqueue_submission(submission_body(rng), [])
    kiosk.engine.wake()
    assert _wait(lambda: kiosk.store.counts()["accepted"] == 1)
    assert kiosk.store.list_items(state="accepted")[0]["uuid"] == item.uuid
    assert _wait(lambda: online == [True])
    # the engine thread reports counts just after it reports being online: wait, do not race it
    assert _wait(lambda: any(c.get("accepted") == 1 for c in counts))
    kiosk.engine.stop()


def test_backoff_grows_with_jitter_and_is_capped():
    backoff = Backoff(3, 900, rng=random.Random(1))
    delays = [backoff.delay(n) for n in range(1, 15)]
    for n, delay in enumerate(delays, start=1):
        base = min(900, 3 * 2 ** (n - 1))
        assert base / 2 <= delay <= base
    assert max(delays) <= 900 and delays[-1] >= 450
    assert len({round(d, 6) for d in delays[:5]}) == 5


def test_unknown_platform_answer_shapes_are_not_success(platform):
    client = PlatformClient(platform.url)
    assert client.health().body["status"] == "ok"
    with pytest.raises(Exception, match="not enrolled"):
        client.put_record("submissions", str(uuidlib.uuid4()), {})


def _sender_threads() -> dict[int, str]:
    return {t.ident: t.name for t in threading.enumerate() if t.name.startswith("sync-send")}


def test_every_send_worker_starts_with_the_first_pass_and_stays(kiosk):
    """No worker starts mid-session: the pool is whole after the first pass, however small."""
    rng = random.Random(5)
    before = _sender_threads()
    kiosk.store.enqueue_submission(submission_body(rng), [])
    assert kiosk.engine.drain(until_empty=True, timeout_s=30).accepted == 1
    after_first = {i: n for i, n in _sender_threads().items() if i not in before}
    assert len(after_first) == kiosk.engine.sender.in_flight == 3
    for _ in range(20):
        kiosk.store.enqueue_submission(submission_body(rng), [])
    assert kiosk.engine.drain(until_empty=True, timeout_s=30).accepted == 20
    assert {i: n for i, n in _sender_threads().items() if i not in before} == after_first
