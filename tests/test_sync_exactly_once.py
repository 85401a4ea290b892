"""Exactly once under faults: >= 1,000 items, 30 % mixed faults including drop-after-commit."""

from __future__ import annotations

import random

from sqlalchemy import func, select
from store_fixtures import scan, submission_body
from sync_fixtures import enrolled_kiosk

from central.db import open_database
from central.models import Attachment as PlatformAttachment
from central.models import AuditBatch, Feedback, Rating, Submission
from central.server import PlatformServer

FAULTS = "fail=0.1,drop_after_commit=0.1,reset=0.05,captive=0.05,seed=20261123"


def test_every_item_accepted_once_and_platform_holds_each_exactly_once(tmp_path):
    server = PlatformServer(f"sqlite:///{tmp_path / 'platform.db'}", faults=FAULTS).start()
    kiosk = enrolled_kiosk(server, tmp_path / "kiosk")
    try:
        rng = random.Random(5)
        shared = [scan(rng, size=3000) for _ in range(4)]
        uuids = {"submission": set(), "rating": set(), "feedback": set(), "audit_batch": set()}
        for i in range(600):
            result = kiosk.store.enqueue_submission(
                submission_body(rng, n_attachments=1), [shared[i % 4]])
            uuids["submission"].add(result.uuid)
            if i % 2 == 0:
                uuids["rating"].add(kiosk.store.enqueue_rating(result.receipt_no, 5, None))
        for _ in range(80):
            uuids["feedback"].add(kiosk.store.enqueue_feedback("咨询", "几点开门？")[0])
        for i in range(20):
            uuids["audit_batch"].add(kiosk.store.enqueue_audit([{"event": "screen", "n": i}]))
        total = sum(len(v) for v in uuids.values())
        assert total == 1000

        report = kiosk.engine.drain(until_empty=True, timeout_s=240)

        counts = kiosk.store.counts()
        assert counts["accepted"] == total, (counts, report.errors[-5:])
        assert report.retried > 100  # the faults really happened and were retried through
        items = kiosk.store.list_items(limit=2000)
        assert all(item["platform_ref"] for item in items)

        with open_database(server.db_url)() as session:
            for model, kind in ((Submission, "submission"), (Rating, "rating"),
                                (Feedback, "feedback"), (AuditBatch, "audit_batch")):
                rows = session.execute(select(model.uuid, func.count())
                                       .group_by(model.uuid)).all()
                assert {u for u, _ in rows} == uuids[kind], kind
                assert all(n == 1 for _, n in rows), kind
            stored = {a.sha256: a.data for a in session.scalars(select(PlatformAttachment))}
        from offline_store.attachments import sha256_hex

        assert stored == {sha256_hex(a.data): a.data for a in shared}  # byte-identical
    finally:
        kiosk.close()
        server.stop()
