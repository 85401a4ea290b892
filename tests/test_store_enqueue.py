"""Enqueue API, queries and the outbox state machine against real SQLite files."""

from __future__ import annotations

import random
import time

import pytest
from store_fixtures import open_store, scan, submission_body

from offline_store import AlreadyRated, Attachment, InvalidItem, id_hash_of
from offline_store.receipts import is_valid_receipt_no


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "data")
    yield s
    s.close()


def test_submission_gets_unique_checked_receipt_numbers_and_full_contract_body(store):
    rng = random.Random(1)
    receipts = []
    for _ in range(5):
        body = submission_body(rng, n_attachments=2)
        result = store.enqueue_submission(body, [scan(rng), scan(rng)])
        receipts.append(result.receipt_no)
        assert is_valid_receipt_no(result.receipt_no)
        assert result.receipt_no.startswith("431002-K01-")
    assert len(set(receipts)) == 5
    assert [r.split("-")[3] for r in receipts] == ["00001", "00002", "00003", "00004", "00005"]

    app = store.application(receipts[0])
    for key in ("kind", "uuid", "receipt_no", "created_at", "site_code", "device_code",
                "matter_code", "title", "matters", "applicant", "id_hash", "form", "materials",
                "delivery", "assisted_by", "attachments", "promised_date"):
        assert key in app, key
    assert app["kind"] == "submission" and app["state"] == "queued"
    assert app["id_hash"] == id_hash_of(app["applicant"]["id_number"])
    assert [a["sha256"] for a in app["attachments"]] == app["materials"][0]["attachments"]
    assert all(a["size"] > 2048 for a in app["attachments"])


def test_applications_for_finds_by_id_hash_only_that_person(store):
    rng = random.Random(2)
    a = store.enqueue_submission(submission_body(rng, id_number="43100219800101123X"), [])
    store.enqueue_submission(submission_body(rng), [])
    found = store.applications_for(id_hash_of("43100219800101123x"))
    assert [f["receipt_no"] for f in found] == [a.receipt_no]
    assert store.applications_for(id_hash_of("110105199001011234")) == []
    assert store.application("431002-K01-000000-99999-0") is None


def test_materials_may_name_attachments_by_index_name_or_hash(store):
    rng = random.Random(3)
    first, second = scan(rng), scan(rng)
    from offline_store.attachments import sha256_hex

    body = submission_body(rng)
    body["materials"] = [
        {"name": "户口簿", "status": "received", "attachments": [0]},
        {"name": "照片", "status": "received", "attachments": [second.name]},
        {"name": "证明", "status": "reused", "attachments": [sha256_hex(first.data)]},
    ]
    app = store.application(store.enqueue_submission(body, [first, second]).receipt_no)
    h1, h2 = sha256_hex(first.data), sha256_hex(second.data)
    assert [m["attachments"] for m in app["materials"]] == [[h1], [h2], [h1]]


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda b: b.pop("matter_code"), "'matter_code'"),
    (lambda b: b["applicant"].pop("id_number"), "'id_number'"),
    (lambda b: b.update(applicant="张三"), "'applicant'"),
    (lambda b: b.update(materials=[{"name": "x", "status": "lost"}]), "materials[0]"),
    (lambda b: b.update(materials=[{"name": "x", "attachments": [7]}]), "attachments[0] = 7"),
])
def test_bad_submission_is_refused_naming_the_key_and_writes_nothing(store, mutate, message):
    rng = random.Random(4)
    body = submission_body(rng)
    mutate(body)
    with pytest.raises(InvalidItem, match=message.replace("[", r"\[").replace("]", r"\]")):
        store.enqueue_submission(body, [scan(rng)])
    assert sum(store.counts().values()) == 0
    assert list(store.files.all_hashes()) == []


def test_one_rating_per_receipt_and_low_ratings_need_a_reason(store):
    rng = random.Random(5)
    receipt = store.enqueue_submission(submission_body(rng), []).receipt_no
    with pytest.raises(InvalidItem, match="reason"):
        store.enqueue_rating(receipt, 1, "")
    with pytest.raises(InvalidItem, match="level"):
        store.enqueue_rating(receipt, 6, None)
    store.enqueue_rating(receipt, 5, None)
    with pytest.raises(AlreadyRated, match=receipt):
        store.enqueue_rating(receipt, 4, None)
    assert store.counts()["queued"] == 2


def test_feedback_gets_a_reference_number_and_audit_batches_queue(store):
    _uuid, ref = store.enqueue_feedback("办不成事反映", "材料要求不清楚", phone="13800001111")
    assert is_valid_receipt_no(ref) and "-F00001-" in ref
    store.enqueue_audit([{"event": "screen", "name": "home"}])
    kinds = sorted(i["kind"] for i in store.list_items())
    assert kinds == ["audit_batch", "feedback"]
    with pytest.raises(InvalidItem):
        store.enqueue_audit([])


def test_state_machine_claim_accept_retry_reject_requeue(store):
    rng = random.Random(6)
    ids = [store.enqueue_submission(submission_body(rng), []).uuid for _ in range(4)]
    claimed = store.claim_due(limit=10)
    assert [c.uuid for c in claimed] == ids  # oldest first
    assert all(c.attempts == 1 for c in claimed)
    assert store.counts()["sending"] == 4
    assert store.claim_due(limit=10) == []  # nothing is claimed twice

    assert store.mark_accepted(ids[0], "P0001")
    assert store.mark_retry(ids[1], "timeout", delay_s=3600)
    assert store.mark_rejected(ids[2], "conflict: different content under the same id")
    assert store.mark_validation_failure(ids[3], "missing_attachments", 0, max_failures=2) == "queued"
    assert store.mark_retry(ids[0], "late", 0) is False  # accepted is final

    counts = store.counts()
    assert (counts["accepted"], counts["queued"], counts["rejected"]) == (1, 2, 1)
    assert [c.uuid for c in store.claim_due(limit=10)] == [ids[3]]  # ids[1] not due yet
    assert store.mark_validation_failure(ids[3], "missing_attachments", 0, 2) == "quarantined"
    rejected = store.list_items(state="rejected")
    assert rejected[0]["reason"].startswith("conflict")

    store.requeue(ids[2])
    store.requeue(ids[3])
    store.make_all_due()
    assert sorted(c.uuid for c in store.claim_due(limit=10)) == sorted([ids[1], ids[2], ids[3]])
    with pytest.raises(ValueError, match="accepted"):
        store.quarantine(ids[0], "staff")


def test_items_left_sending_return_to_queued_on_reopen(tmp_path):
    rng = random.Random(7)
    store = open_store(tmp_path / "d")
    item = store.enqueue_submission(submission_body(rng), []).uuid
    store.claim_due()
    store.close()  # as if the process died mid-send
    store = open_store(tmp_path / "d")
    assert store.counts()["sending"] == 0
    assert [c.uuid for c in store.claim_due()] == [item]
    store.close()


def test_retention_purges_only_accepted_personal_data(store):
    rng = random.Random(8)
    shared = scan(rng)
    old = store.enqueue_submission(submission_body(rng, n_attachments=1), [shared])
    kept = store.enqueue_submission(submission_body(rng, n_attachments=2), [shared, scan(rng)])
    unsent = store.enqueue_submission(submission_body(rng, n_attachments=1), [scan(rng)])
    store.claim_due(limit=10)
    store.mark_accepted(old.uuid, "P1")
    store.mark_accepted(kept.uuid, "P2")
    store.mark_retry(unsent.uuid, "offline", 0)
    far_future = time.time() + 40 * 86400
    # Only `old` is old enough when retention is checked "now"; pretend `kept` is recent by
    # purging with a cutoff between the two acceptance times is not possible, so check both:
    assert store.purge_expired(now=far_future) == 2
    gone = store.application(old.receipt_no)
    assert gone["purged"] is True and "applicant" not in gone
    assert store.application(unsent.receipt_no)["purged"] is False
    # the unsent item's file is intact; the accepted-only files are deleted
    remaining = set(store.files.all_hashes())
    assert remaining == set(store.application(unsent.receipt_no)["materials"][0]["attachments"])
    assert store.integrity_check()["status"] == "ok"
    assert store.purge_expired(now=far_future) == 0


def test_caches_and_settings_round_trip(store):
    store.set_setting("device_id", "dev-1")
    assert store.get_setting("device_id") == "dev-1"
    assert store.get_setting("missing", 5) == 5
    assert store.catalog_cache_get() is None
    store.catalog_cache_put('W/"v3"', {"version": "v3", "matters": [{"code": "M"}], "bundles": []})
    assert store.catalog_cache_get() == ('W/"v3"', {"version": "v3", "matters": [{"code": "M"}],
                                                    "bundles": []})
    store.status_cache_put([{"receipt_no": "R1", "status": "finished", "status_label": "已办结"}])
    assert store.status_cache_get(["R1", "R2"]) == {
        "R1": {"receipt_no": "R1", "status": "finished", "status_label": "已办结"}}
    with pytest.raises(InvalidItem, match="receipt_no"):
        store.status_cache_put([{"status": "x"}])


def test_oldest_unsent_age_counts_everything_not_accepted(store):
    assert store.oldest_unsent_age_s() is None
    rng = random.Random(9)
    store.enqueue_submission(submission_body(rng), [Attachment("a", "image/jpeg", b"1")])
    age = store.oldest_unsent_age_s()
    assert age is not None and age >= 0
    health = store.health()
    assert health["queue"]["queued"] == 1 and health["accepting_applications"] is True


def test_receipt_and_feedback_sequences_are_separate_and_restart_each_day(store, monkeypatch):
    import datetime as dt

    import offline_store.store as store_module

    today = [dt.date(2026, 11, 23)]

    class FakeDate(dt.date):
        @classmethod
        def today(cls):
            return today[0]

    monkeypatch.setattr(store_module, "date", FakeDate)
    rng = random.Random(9)
    first = [store.enqueue_submission(submission_body(rng), []).receipt_no for _ in range(2)]
    _, ref = store.enqueue_feedback("建议", "希望增加座椅")
    today[0] = dt.date(2026, 11, 24)
    second = store.enqueue_submission(submission_body(rng), []).receipt_no
    _, ref2 = store.enqueue_feedback("建议", "再来一条")
    assert [r.split("-")[2:4] for r in first] == [["261123", "00001"], ["261123", "00002"]]
    assert ref.split("-")[2:4] == ["261123", "F00001"]
    assert second.split("-")[2:4] == ["261124", "00001"]
    assert ref2.split("-")[2:4] == ["261124", "F00001"]
    assert all(is_valid_receipt_no(r) for r in [*first, second, ref, ref2])


def test_claims_take_the_oldest_due_items_whether_new_or_back_from_a_back_off(store):
    rng = random.Random(10)
    ids = [store.enqueue_submission(submission_body(rng), []).uuid for _ in range(6)]
    store.claim_due(limit=3)  # ids[0..2] sending
    for uuid, delay in ((ids[0], 0.5), (ids[1], 3600), (ids[2], 0.5)):
        store.mark_retry(uuid, "timeout", delay_s=delay)  # back-off: due again later
    now = time.time() + 1  # ids[0] and ids[2] are due again, ids[1] is not
    first = store.claim_due(limit=3, now=now)
    assert [c.uuid for c in first] == [ids[0], ids[2], ids[3]]  # oldest first across both
    assert [c.attempts for c in first] == [2, 2, 1]
    assert [c.uuid for c in store.claim_due(limit=3, now=now)] == [ids[4], ids[5]]
    assert store.claim_due(limit=3, now=now) == []
    assert [c.uuid for c in store.claim_due(limit=3, now=now + 3600)] == [ids[1]]
