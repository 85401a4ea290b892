"""Start-up: migrations (empty and previous revision), newer schema refused, key file checks,
integrity check, low-disk watermark."""

from __future__ import annotations

import random
import sqlite3
import time

import pytest
from store_fixtures import open_store, scan, submission_body

from offline_store import KeyFileMissing, LowDisk, SchemaTooNew, Store, StoreCorrupt, db
from offline_store.migrations import HEAD, KNOWN_REVISIONS


def _revision(path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def test_known_revisions_match_the_alembic_scripts():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(db.MIGRATIONS_DIR))
    chain = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert tuple(chain) == KNOWN_REVISIONS
    assert script.get_current_head() == HEAD


def test_migration_from_an_empty_database(tmp_path):
    store = open_store(tmp_path / "d")
    assert _revision(tmp_path / "d" / "kiosk.db") == HEAD
    assert not (tmp_path / "d" / "backups").exists()  # nothing to back up
    store.close()


def test_migration_from_the_previous_revision_keeps_data_and_backs_up(tmp_path):
    path = tmp_path / "d" / "kiosk.db"
    path.parent.mkdir()
    db.migrate(path, target="0001_initial")
    now = time.time()
    conn = sqlite3.connect(path)
    rows = [("r1", "receipt-A"), ("r2", "receipt-A"), ("r3", "receipt-B")]  # a duplicate rating
    for i, (uuid, ref) in enumerate(rows):
        conn.execute("INSERT INTO outbox_items (uuid, kind, state, ref_no, body_enc, created_at,"
                     " updated_at, attempts, next_attempt_at) VALUES (?, 'rating', 'queued', ?,"
                     " NULL, ?, ?, 0, 0)", (uuid, ref, now + i, now + i))
    conn.commit()
    conn.close()

    store = open_store(tmp_path / "d")
    assert _revision(path) == HEAD
    items = {i["uuid"]: i for i in store.list_items()}
    assert set(items) == {"r1", "r2", "r3"}
    assert items["r2"]["state"] == "quarantined" and "0002" in items["r2"]["reason"]
    assert items["r1"]["state"] == "queued"
    backups = list((tmp_path / "d" / "backups").glob("*.db"))
    assert len(backups) == 1 and "0001_initial" in backups[0].name
    assert _revision(backups[0]) == "0001_initial"
    store.close()


def test_newer_schema_is_refused_with_a_clear_message(tmp_path):
    store = open_store(tmp_path / "d")
    store.close()
    conn = sqlite3.connect(tmp_path / "d" / "kiosk.db")
    conn.execute("UPDATE alembic_version SET version_num = '0007_from_the_future'")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNew, match="0007_from_the_future.*newer than this kiosk"):
        open_store(tmp_path / "d")


def test_missing_key_file_is_reported_and_never_silently_replaced(tmp_path):
    rng = random.Random(1)
    store = open_store(tmp_path / "d")
    store.enqueue_submission(submission_body(rng), [])
    store.close()
    key = tmp_path / "d" / "keys" / "data.key"
    key.unlink()
    with pytest.raises(KeyFileMissing, match="data.key is missing; 1 stored items"):
        Store.open(tmp_path / "d", site_code="431002", device_code="K01", min_free_mb=0)
    # even create_key=True (re-enrolment) must not paper over the loss with a new key
    with pytest.raises(KeyFileMissing, match="does not belong to database"):
        open_store(tmp_path / "d")


def test_corrupt_database_is_reported(tmp_path):
    path = tmp_path / "d" / "kiosk.db"
    path.parent.mkdir()
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreCorrupt, match="kiosk.db"):
        open_store(tmp_path / "d")


def test_damaged_attachment_fails_the_integrity_check(tmp_path):
    rng = random.Random(2)
    store = open_store(tmp_path / "d")
    store.enqueue_submission(submission_body(rng, n_attachments=1), [scan(rng)])
    assert store.integrity_check()["attachments"] == 1
    (victim,) = (tmp_path / "d" / "attachments").rglob("*.enc")
    data = bytearray(victim.read_bytes())
    data[40] ^= 0xFF
    victim.write_bytes(bytes(data))
    with pytest.raises(StoreCorrupt, match="failed authentication"):
        store.integrity_check()
    store.close()


def test_low_disk_refuses_new_applications_cleanly(tmp_path):
    rng = random.Random(3)
    store = open_store(tmp_path / "d")
    store.enqueue_submission(submission_body(rng), [])
    store.min_free_mb = 10**9  # simulate a nearly full disk through the watermark
    before = store.counts()
    with pytest.raises(LowDisk, match="watermark"):
        store.enqueue_submission(submission_body(rng, n_attachments=1), [scan(rng)])
    with pytest.raises(LowDisk):
        store.enqueue_feedback("咨询", "问题")
    assert store.counts() == before
    assert list(store.files.all_hashes()) == []  # no half-written application
    health = store.health()
    assert health["low_disk"] is True and health["accepting_applications"] is False
    store.min_free_mb = 0
    store.enqueue_submission(submission_body(rng), [])
    store.close()
