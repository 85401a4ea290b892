"""The sender's sliding window against the reference platform on loopback (real HTTP)."""

from __future__ import annotations

import random

import pytest
from store_fixtures import submission_body
from sync_fixtures import FAST, enrolled_kiosk

from central.server import PlatformServer
from kiosk.sync.engine import EngineSettings


@pytest.fixture
def platform(tmp_path):
    server = PlatformServer(f"sqlite:///{tmp_path / 'platform.db'}").start()
    yield server
    server.stop()


def _kiosk(platform, tmp_path, **settings):
    values = {**vars(FAST), **settings}
    return enrolled_kiosk(platform, tmp_path / "kiosk", EngineSettings(**values))


def test_next_claim_comes_while_sends_are_still_outstanding_and_sends_start_oldest_first(
        platform, tmp_path):
    kiosk = _kiosk(platform, tmp_path, batch_size=4, in_flight=1)
    try:
        rng = random.Random(11)
        ids = [kiosk.store.enqueue_submission(submission_body(rng), []).uuid for _ in range(13)]
        store, client = kiosk.store, kiosk.engine.client
        outstanding_at_claim: list[int] = []
        started: list[str] = []
        claim_due, put_record = store.claim_due, client.put_record

        def counting_claim(limit=20, now=None):
            outstanding_at_claim.append(store.sending_count())
            return claim_due(limit, now)

        def recording_put(collection, uuid, body):
            started.append(uuid)
            return put_record(collection, uuid, body)

        store.claim_due = counting_claim
        client.put_record = recording_put
        report = kiosk.engine.sender.send_pass()

        assert report.accepted == 13 and store.counts()["accepted"] == 13
        assert started == ids  # one at a time here, so start order = oldest first
        # No barrier at batch ends: each later claim happened with sends still outstanding.
        assert outstanding_at_claim[0] == 0 and len(outstanding_at_claim) >= 4
        assert all(n > 0 for n in outstanding_at_claim[1:]), outstanding_at_claim
    finally:
        kiosk.close()


def test_an_unexpected_error_on_one_item_is_retried_and_the_others_are_accepted(
        platform, tmp_path):
    # a long back-off: the failed item is not due again within the pass
    kiosk = _kiosk(platform, tmp_path, batch_size=3, in_flight=2, backoff_min_s=60,
                   backoff_max_s=60)
    try:
        rng = random.Random(12)
        ids = [kiosk.store.enqueue_submission(submission_body(rng), []).uuid for _ in range(7)]
        client = kiosk.engine.client
        put_record = client.put_record

        def failing_put(collection, uuid, body):
            if uuid == ids[2]:
                raise ValueError("a bug while building the request")
            return put_record(collection, uuid, body)

        client.put_record = failing_put
        report = kiosk.engine.sender.send_pass()
        assert (report.accepted, report.retried) == (6, 1)
        (item,) = kiosk.store.list_items(state="queued")
        assert item["uuid"] == ids[2] and "ValueError" in item["last_error"]

        client.put_record = put_record  # fixed: it goes through on a later pass
        kiosk.store.make_all_due()
        kiosk.engine.drain(until_empty=True, timeout_s=30)
        assert kiosk.store.counts()["accepted"] == 7
    finally:
        kiosk.close()


def test_max_items_bounds_the_claims_of_a_pass(platform, tmp_path):
    kiosk = _kiosk(platform, tmp_path, batch_size=4, in_flight=2)
    try:
        rng = random.Random(13)
        for _ in range(10):
            kiosk.store.enqueue_submission(submission_body(rng), [])
        report = kiosk.engine.sender.send_pass(max_items=6)
        assert report.accepted == 6
        counts = kiosk.store.counts()
        assert (counts["accepted"], counts["queued"], counts["sending"]) == (6, 4, 0)
    finally:
        kiosk.close()
