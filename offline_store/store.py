"""The offline store facade used by the UI (through kiosk.services.store), the sync engine and
`kioskctl`. Thread-safe: every method runs in its own short transaction.

    store = Store.open(data_dir, site_code="431002", device_code="K01", create_key=True)
    receipt = store.enqueue_submission(body, [Attachment("身份证正面.jpg", "image/jpeg", data)])
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
import time
import uuid as uuidlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session, sessionmaker

from offline_store import db, disk, outbox, rows
from offline_store.attachments import AttachmentFiles, sha256_hex
from offline_store.crypto import DataKey
from offline_store.errors import (
    AlreadyRated,
    InvalidItem,
    KeyFileMissing,
    StoreCorrupt,
)
from offline_store.locks import SenderLock
from offline_store.models import (
    ACCEPTED,
    QUARANTINED,
    SENDING,
    Application,
    AttachmentFile,
    CatalogCache,
    ItemAttachment,
    OutboxItem,
    Setting,
    StatusCache,
)
from offline_store.receipts import make_receipt_no

log = logging.getLogger(__name__)

DB_NAME = "kiosk.db"
KEY_PATH = Path("keys") / "data.key"
_KEY_CHECK_SETTING = "data_key_check"
_SHA = re.compile(r"^[0-9a-f]{64}$")
# Everything else the platform may need in a submission body is kept as given.
_SUBMISSION_DEFAULTS: dict[str, Any] = {
    "form": {}, "materials": [], "delivery": {"method": "pickup", "address": None, "phone": None},
    "assisted_by": None, "promised_date": None,
}


@dataclass(frozen=True)
class Attachment:
    name: str
    media_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class Enqueued:
    uuid: str
    receipt_no: str


@dataclass(frozen=True)
class ClaimedItem:
    """An item marked "sending", with its decrypted body, for the sender."""

    uuid: str
    kind: str
    ref_no: str | None
    body: dict = field(repr=False)
    attachments: list[str]
    attempts: int


def id_hash_of(id_number: str) -> str:
    """Contract id_hash: SHA-256 hex of the ID number (upper-case, as printed on the card)."""
    return hashlib.sha256(id_number.strip().upper().encode("ascii")).hexdigest()


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts).astimezone().isoformat(timespec="seconds")


def _require_str(obj: dict, key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InvalidItem(f"{where}: key '{key}' must be a non-empty string (got {type(value).__name__})")
    return value


class Store:
    def __init__(self, data_dir: Path, *, site_code: str, device_code: str, min_free_mb: float,
                 retention_days: int, key: DataKey):
        self.data_dir = data_dir
        self.db_path = data_dir / DB_NAME
        self.site_code = site_code
        self.device_code = device_code
        self.min_free_mb = min_free_mb
        self.retention_days = retention_days
        self.key = key
        self.files = AttachmentFiles(data_dir / "attachments", key)
        self._writer_engine = db.make_engine(self.db_path, immediate=True)
        self._reader_engine = db.make_engine(self.db_path, immediate=False)
        self._write = sessionmaker(self._writer_engine, expire_on_commit=False)
        self._read = sessionmaker(self._reader_engine, expire_on_commit=False)

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, data_dir: str | os.PathLike, *, site_code: str, device_code: str,
             min_free_mb: float = 500, create_key: bool = False,
             retention_days: int = 30) -> Store:
        """Migrate (with a backup first), check integrity, load the key, recover interrupted
        sends. Raises SchemaTooNew, KeyFileMissing, StoreCorrupt with clear messages."""
        data_dir = Path(data_dir).expanduser()
        data_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(data_dir, 0o700)
        db_path = data_dir / DB_NAME
        db.migrate(db_path)
        db.integrity_check(db_path, quick=True)
        key_path = data_dir / KEY_PATH
        if create_key and not key_path.exists():
            key = DataKey.create(key_path)
        else:
            key = DataKey.load(key_path) if key_path.exists() else None
        if key is None:
            pending = _count_items(db_path)
            raise KeyFileMissing(
                f"data key file {key_path} is missing; {pending} stored items are encrypted "
                "with it and cannot be read or sent. Restore the key file from the terminal's "
                "backup; re-enrolling creates a new key only for an empty data directory."
            )
        store = cls(data_dir, site_code=site_code, device_code=device_code,
                    min_free_mb=min_free_mb, retention_days=retention_days, key=key)
        store._check_key()
        store._startup_housekeeping()
        return store

    def _check_key(self) -> None:
        expected = self.get_setting(_KEY_CHECK_SETTING)
        actual = self.key.check_value()
        if expected is None:
            self.set_setting(_KEY_CHECK_SETTING, actual)
        elif expected != actual:
            raise KeyFileMissing(
                f"data key file {self.data_dir / KEY_PATH} does not belong to database "
                f"{self.db_path}: the items stored there cannot be decrypted with it. Restore "
                "the terminal's own key file."
            )

    def _startup_housekeeping(self) -> None:
        lock = SenderLock(self.data_dir)
        # Only when no sender is live: its "sending" items are really in flight.
        if lock.acquire(blocking=False):
            try:
                n = self.recover_interrupted()
                if n:
                    log.warning("%d items were left 'sending' by an interrupted run; re-queued", n)
            finally:
                lock.release()
        self.purge_expired()
        with self._read() as s:
            referenced = set(s.scalars(select(AttachmentFile.sha256)))
        self.files.sweep_orphans(referenced)

    def close(self) -> None:
        self._writer_engine.dispose()
        self._reader_engine.dispose()

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        with self._write() as session, session.begin():
            yield session

    # ------------------------------------------------------------------ enqueue

    @contextmanager
    def _rows_tx(self) -> Iterator[sqlite3.Cursor]:
        """A write transaction in plain SQL (offline_store.rows) for the hot paths."""
        with rows.write_tx(self._writer_engine) as cur:
            yield cur

    def _next_number(self, cur: sqlite3.Cursor, name: str, series: str = "") -> str:
        today = date.today()
        value = rows.next_number(cur, name, today.isoformat())
        return make_receipt_no(self.site_code, self.device_code, today, value, series)

    def enqueue_submission(self, body: dict, attachments: list[Attachment]) -> Enqueued:
        """Durably queue one application; returns its uuid and local receipt number.

        `body` follows the contract's submission body; the store fills kind, uuid, receipt_no,
        created_at, site/device codes, id_hash and the attachments list. In materials,
        "attachments" may name files by SHA-256, by index into `attachments`, or by name.
        """
        if not isinstance(body, dict):
            raise InvalidItem(f"submission body must be a dict, got {type(body).__name__}")
        matter_code = _require_str(body, "matter_code", "submission")
        title = _require_str(body, "title", "submission")
        applicant = body.get("applicant")
        if not isinstance(applicant, dict):
            raise InvalidItem("submission: key 'applicant' must be an object with name and id_number")
        _require_str(applicant, "name", "submission.applicant")
        id_number = _require_str(applicant, "id_number", "submission.applicant")
        for i, att in enumerate(attachments):
            if not isinstance(att, Attachment) or not isinstance(att.data, bytes | bytearray):
                raise InvalidItem(f"attachments[{i}] must be an Attachment with bytes data")
            if not att.data:
                raise InvalidItem(f"attachments[{i}] ({att.name!r}) is empty")
        incoming = sum(len(a.data) for a in attachments) + 64 * 1024
        disk.ensure_room(self.data_dir, self.min_free_mb, incoming)

        hashes = [sha256_hex(bytes(a.data)) for a in attachments]
        att_list = [
            {"sha256": h, "name": a.name, "media_type": a.media_type, "size": len(a.data)}
            for h, a in zip(hashes, attachments, strict=True)
        ]
        materials = self._resolve_materials(body.get("materials") or [], attachments, hashes)
        # Files first (durable, renamed into place), then the one transaction that refers to them.
        for att in attachments:
            self.files.write(bytes(att.data))
        full = {**_SUBMISSION_DEFAULTS, **body}
        full["applicant"] = {"card_type": "resident", **applicant}
        full["materials"] = materials
        full["matters"] = body.get("matters") or [matter_code]
        full["id_hash"] = id_hash_of(id_number)
        full["attachments"] = att_list
        full["kind"] = "submission"
        full["site_code"] = self.site_code
        full["device_code"] = self.device_code
        item_uuid = str(uuidlib.uuid4())
        now = time.time()
        created_at = _iso(now)
        id_lookup = self.key.lookup(full["id_hash"])
        # One transaction, four statements for an application without attachments: the
        # receipt number, the item, the application summary (plus two per attachment).
        # The body is encrypted inside it because it carries the receipt number.
        with self._rows_tx() as cur:
            receipt_no = self._next_number(cur, "receipt")
            full.update(uuid=item_uuid, receipt_no=receipt_no, created_at=created_at)
            rows.insert_item(cur, item_uuid, "submission", receipt_no,
                             self.key.encrypt_json(full, item_uuid), now)
            rows.insert_application(cur, item_uuid, receipt_no, matter_code, title, id_lookup,
                                    now, full.get("promised_date"))
            rows.link_attachments(cur, item_uuid, [(e["sha256"], e["size"]) for e in att_list],
                                  now)
        log.info("queued submission %s receipt %s (%d attachments)", item_uuid, receipt_no,
                 len(att_list))
        return Enqueued(item_uuid, receipt_no)

    @staticmethod
    def _resolve_materials(materials: list, attachments: list[Attachment],
                           hashes: list[str]) -> list[dict]:
        by_name = {a.name: h for a, h in zip(attachments, hashes, strict=True)}
        known = set(hashes)
        resolved = []
        for i, material in enumerate(materials):
            if not isinstance(material, dict):
                raise InvalidItem(f"submission.materials[{i}] must be an object")
            _require_str(material, "name", f"submission.materials[{i}]")
            status = material.get("status", "received")
            if status not in ("received", "owed", "reused"):
                raise InvalidItem(f"submission.materials[{i}]: key 'status' must be received, "
                                  f"owed or reused (got {status!r})")
            refs = []
            for j, ref in enumerate(material.get("attachments") or []):
                if isinstance(ref, int) and 0 <= ref < len(hashes):
                    refs.append(hashes[ref])
                elif isinstance(ref, str) and _SHA.match(ref) and ref in known:
                    refs.append(ref)
                elif isinstance(ref, str) and ref in by_name:
                    refs.append(by_name[ref])
                else:
                    raise InvalidItem(f"submission.materials[{i}].attachments[{j}] = {ref!r} "
                                      "names no attachment of this submission")
            resolved.append({**material, "status": status, "attachments": refs})
        return resolved

    def enqueue_rating(self, receipt_no: str, level: int, reason: str | None,
                       assisted_by: dict | None = None) -> str:
        if not isinstance(receipt_no, str) or not receipt_no:
            raise InvalidItem("rating: key 'receipt_no' must be a non-empty string")
        if not isinstance(level, int) or not 1 <= level <= 5:
            raise InvalidItem(f"rating: key 'level' must be 1..5 (got {level!r})")
        if level <= 2 and not (reason or "").strip():
            raise InvalidItem("rating: a reason is required for 不满意/非常不满意 (level 1-2)")
        disk.ensure_room(self.data_dir, self.min_free_mb)
        item_uuid = str(uuidlib.uuid4())
        now = time.time()
        body = {"kind": "rating", "uuid": item_uuid, "receipt_no": receipt_no, "level": level,
                "reason": reason, "created_at": _iso(now), "assisted_by": assisted_by}
        blob = self.key.encrypt_json(body, item_uuid)
        try:
            with self._rows_tx() as cur:
                taken = cur.execute("SELECT 1 FROM outbox_items WHERE kind = 'rating' AND "
                                    "ref_no = ?", (receipt_no,)).fetchone()
                if taken:
                    raise AlreadyRated(f"receipt {receipt_no} has already been rated")
                rows.insert_item(cur, item_uuid, "rating", receipt_no, blob, now)
        except sqlite3.IntegrityError:  # uq_one_rating_per_receipt: a concurrent writer won
            raise AlreadyRated(f"receipt {receipt_no} has already been rated") from None
        return item_uuid

    def enqueue_feedback(self, category: str, text: str, phone: str | None = None,
                         receipt_no: str | None = None,
                         assisted_by: dict | None = None) -> tuple[str, str]:
        if not isinstance(category, str) or not category.strip():
            raise InvalidItem("feedback: key 'category' must be a non-empty string")
        if not isinstance(text, str) or not text.strip():
            raise InvalidItem("feedback: key 'text' must be a non-empty string")
        disk.ensure_room(self.data_dir, self.min_free_mb)
        item_uuid = str(uuidlib.uuid4())
        now = time.time()
        with self._rows_tx() as cur:
            reference_no = self._next_number(cur, "feedback", series="F")
            body = {"kind": "feedback", "uuid": item_uuid, "reference_no": reference_no,
                    "category": category, "text": text, "phone": phone,
                    "receipt_no": receipt_no, "created_at": _iso(now), "assisted_by": assisted_by}
            rows.insert_item(cur, item_uuid, "feedback", reference_no,
                             self.key.encrypt_json(body, item_uuid), now)
        return item_uuid, reference_no

    def enqueue_audit(self, events: list[dict]) -> str:
        if not isinstance(events, list) or not events:
            raise InvalidItem("audit batch: 'events' must be a non-empty list")
        for i, event in enumerate(events):
            if not isinstance(event, dict):
                raise InvalidItem(f"audit batch: events[{i}] must be an object")
        item_uuid = str(uuidlib.uuid4())
        now = time.time()
        body = {"kind": "audit_batch", "uuid": item_uuid, "events": events}
        blob = self.key.encrypt_json(body, item_uuid)
        with self._rows_tx() as cur:
            rows.insert_item(cur, item_uuid, "audit_batch", None, blob, now)
        return item_uuid

    # ------------------------------------------------------------------ queries

    def counts(self) -> dict[str, int]:
        with self._read() as s:
            return outbox.counts(s)

    def oldest_unsent_age_s(self) -> float | None:
        with self._read() as s:
            oldest = s.scalar(select(func.min(OutboxItem.created_at))
                              .where(OutboxItem.state != ACCEPTED))
        return None if oldest is None else max(0.0, time.time() - oldest)

    def _summary(self, app: Application, item: OutboxItem, status: dict | None) -> dict:
        return {
            "uuid": app.uuid, "receipt_no": app.receipt_no, "matter_code": app.matter_code,
            "title": app.title, "created_at": _iso(app.created_at),
            "promised_date": app.promised_date, "state": item.state,
            "platform_ref": item.platform_ref, "status": status,
        }

    def applications_for(self, id_hash: str) -> list[dict]:
        """This kiosk's applications for an ID-number hash, newest first (no decryption)."""
        lookup = self.key.lookup(id_hash)
        with self._read() as s:
            rows = s.execute(
                select(Application, OutboxItem)
                .join(OutboxItem, OutboxItem.uuid == Application.uuid)
                .where(Application.id_lookup == lookup)
                .order_by(Application.created_at.desc())
            ).all()
            statuses = {r.receipt_no: json.loads(r.data) for r in s.scalars(
                select(StatusCache).where(StatusCache.receipt_no.in_([a.receipt_no for a, _ in rows])))}
        return [self._summary(a, i, statuses.get(a.receipt_no)) for a, i in rows]

    def application(self, receipt_no: str) -> dict | None:
        """The decrypted application (for reprinting a receipt), or None if unknown.
        After retention purge the personal fields are gone: {"purged": True, ...summary}."""
        with self._read() as s:
            row = s.execute(
                select(Application, OutboxItem)
                .join(OutboxItem, OutboxItem.uuid == Application.uuid)
                .where(Application.receipt_no == receipt_no)
            ).first()
            if row is None:
                return None
            app, item = row
            status = s.get(StatusCache, receipt_no)
        result = self._summary(app, item, json.loads(status.data) if status else None)
        if item.body_enc is None:
            return {**result, "purged": True}
        return {**self.key.decrypt_json(item.body_enc, item.uuid), **result, "purged": False}

    def list_items(self, state: str | None = None, limit: int = 1000) -> list[dict]:
        """Queue listing for staff: no personal data, only what identifies and explains."""
        with self._read() as s:
            query = select(OutboxItem).order_by(OutboxItem.created_at).limit(limit)
            if state:
                query = query.where(OutboxItem.state == state)
            return [{
                "uuid": i.uuid, "kind": i.kind, "state": i.state, "ref_no": i.ref_no,
                "created_at": _iso(i.created_at), "attempts": i.attempts,
                "last_error": i.last_error, "reason": i.reason, "platform_ref": i.platform_ref,
                "accepted_at": _iso(i.accepted_at) if i.accepted_at else None,
            } for i in s.scalars(query)]

    # ------------------------------------------------------------------ settings and caches

    def set_setting(self, key: str, value: Any) -> None:
        with self._tx() as s:
            s.merge(Setting(key=key, value=json.dumps(value, ensure_ascii=False),
                            updated_at=time.time()))

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._read() as s:
            row = s.get(Setting, key)
        return default if row is None else json.loads(row.value)

    def catalog_cache_get(self) -> tuple[str, dict] | None:
        with self._read() as s:
            row = s.get(CatalogCache, 1)
        return None if row is None else (row.etag, json.loads(row.body))

    def catalog_cache_put(self, etag: str, body: dict) -> None:
        with self._tx() as s:
            s.merge(CatalogCache(id=1, etag=etag, body=json.dumps(body, ensure_ascii=False),
                                 fetched_at=time.time()))

    def status_cache_get(self, receipt_nos: list[str] | None = None) -> dict[str, dict]:
        with self._read() as s:
            query = select(StatusCache)
            if receipt_nos is not None:
                query = query.where(StatusCache.receipt_no.in_(receipt_nos))
            return {r.receipt_no: json.loads(r.data) for r in s.scalars(query)}

    def status_cache_put(self, applications: list[dict]) -> None:
        now = time.time()
        with self._tx() as s:
            for entry in applications:
                receipt_no = entry.get("receipt_no")
                if not receipt_no:
                    raise InvalidItem(f"status entry without receipt_no: keys {sorted(entry)}")
                s.merge(StatusCache(receipt_no=receipt_no,
                                    data=json.dumps(entry, ensure_ascii=False), updated_at=now))

    # ------------------------------------------------------------------ sender side

    def claim_due(self, limit: int = 20, now: float | None = None) -> list[ClaimedItem]:
        """Mark up to `limit` due items "sending" (one transaction) and return them decrypted.
        An item whose body cannot be decrypted is quarantined, not returned."""
        with self._rows_tx() as cur:
            snapshot = rows.claim(cur, limit, time.time() if now is None else now)
        claimed = []
        for item_uuid, kind, ref_no, blob, attempts, hashes in snapshot:
            try:
                if blob is None:
                    raise StoreCorrupt(f"item {item_uuid} has no body (purged before acceptance?)")
                body = self.key.decrypt_json(blob, item_uuid)
            except StoreCorrupt as exc:
                log.error("quarantining item %s: %s", item_uuid, exc)
                self.quarantine(item_uuid, f"local data unreadable: {exc}")
                continue
            claimed.append(ClaimedItem(item_uuid, kind, ref_no, body, hashes, attempts))
        return claimed

    def read_attachment(self, sha256: str) -> bytes:
        return self.files.read(sha256)

    def mark_accepted(self, uuid: str, platform_ref: str | None) -> bool:
        with self._tx() as s:
            return outbox.mark_accepted(s, uuid, platform_ref)

    def mark_accepted_many(self, accepted: list[tuple[str, str | None]]) -> int:
        """mark_accepted for several (uuid, platform_ref) in one transaction (one fsync
        instead of one per item); returns how many changed state. Only call it with items
        the platform has explicitly accepted: until this commits they stay "sending", and a
        crash before that only means they are sent again (the platform answers the same)."""
        if not accepted:
            return 0
        with self._rows_tx() as cur:
            return rows.mark_accepted(cur, accepted, time.time())

    def mark_retry(self, uuid: str, error: str, delay_s: float) -> bool:
        with self._tx() as s:
            return outbox.mark_retry(s, uuid, error, delay_s)

    def mark_rejected(self, uuid: str, reason: str) -> bool:
        with self._tx() as s:
            changed = outbox.mark_rejected(s, uuid, reason)
        if changed:
            log.warning("item %s rejected by the platform: %s", uuid, reason)
        return changed

    def mark_validation_failure(self, uuid: str, reason: str, delay_s: float,
                                max_failures: int = 3) -> str | None:
        with self._tx() as s:
            return outbox.mark_validation_failure(s, uuid, reason, delay_s, max_failures)

    def quarantine(self, uuid: str, reason: str) -> None:
        with self._tx() as s:
            outbox.quarantine(s, uuid, reason)

    def requeue(self, uuid: str) -> None:
        with self._tx() as s:
            outbox.requeue(s, uuid)

    def recover_interrupted(self) -> int:
        with self._tx() as s:
            return outbox.recover_interrupted(s)

    def make_all_due(self) -> int:
        with self._tx() as s:
            return outbox.make_all_due(s)

    def next_due_at(self) -> float | None:
        with self._read() as s:
            return outbox.next_due_at(s)

    def sending_count(self) -> int:
        with self._read() as s:
            return s.scalar(select(func.count()).where(OutboxItem.state == SENDING)) or 0

    # ------------------------------------------------------------------ retention, health

    def purge_expired(self, now: float | None = None) -> int:
        """Drop personal data of items accepted more than retention_days ago. Nothing that
        the platform has not accepted is ever touched."""
        now = time.time() if now is None else now
        cutoff = now - self.retention_days * 86400
        with self._tx() as s:
            uuids = list(s.scalars(select(OutboxItem.uuid).where(
                OutboxItem.state == ACCEPTED, OutboxItem.accepted_at < cutoff,
                OutboxItem.purged_at.is_(None))))
            if not uuids:
                return 0
            for item in s.scalars(select(OutboxItem).where(OutboxItem.uuid.in_(uuids))):
                item.body_enc = None
                item.purged_at = now
            s.execute(delete(ItemAttachment).where(ItemAttachment.item_uuid.in_(uuids)))
            for app in s.scalars(select(Application).where(Application.uuid.in_(uuids))):
                app.id_lookup = None
            orphans = list(s.scalars(select(AttachmentFile.sha256).where(
                ~exists().where(ItemAttachment.sha256 == AttachmentFile.sha256))))
            s.execute(delete(AttachmentFile).where(AttachmentFile.sha256.in_(orphans)))
        for sha in orphans:  # after the commit: a crash here only leaves orphan files
            self.files.delete(sha)
        log.info("retention: purged personal data of %d accepted items, %d files",
                 len(uuids), len(orphans))
        return len(uuids)

    def disk_free_mb(self) -> float:
        return disk.free_mb(self.data_dir)

    def health(self) -> dict:
        free = self.disk_free_mb()
        counts = self.counts()
        return {
            "disk_free_mb": round(free, 1), "min_free_mb": self.min_free_mb,
            "low_disk": free < self.min_free_mb,
            "accepting_applications": free >= self.min_free_mb,
            "queue": counts, "oldest_unsent_age_s": self.oldest_unsent_age_s(),
            "needs_staff": counts.get("rejected", 0) + counts.get(QUARANTINED, 0),
        }

    def integrity_check(self, *, deep: bool = True) -> dict:
        """Full SQLite integrity check, plus: every attachment the database references exists,
        decrypts and hashes to its name; every unpurged item body decrypts. Raises StoreCorrupt."""
        db.integrity_check(self.db_path, quick=not deep)
        problems = []
        with self._read() as s:
            for sha in s.scalars(select(AttachmentFile.sha256)):
                try:
                    self.files.read(sha)
                except StoreCorrupt as exc:
                    problems.append(str(exc))
            n_items = 0
            for item_uuid, blob in s.execute(select(OutboxItem.uuid, OutboxItem.body_enc)
                                             .where(OutboxItem.body_enc.is_not(None))):
                n_items += 1
                try:
                    self.key.decrypt(blob, item_uuid.encode())
                except StoreCorrupt as exc:
                    problems.append(str(exc))
            n_files = s.scalar(select(func.count()).select_from(AttachmentFile))
        if problems:
            raise StoreCorrupt(f"{len(problems)} problems, e.g.: " + "; ".join(problems[:3]))
        return {"items": n_items, "attachments": n_files, "status": "ok"}


def _count_items(db_path: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT count(*) FROM outbox_items").fetchone()[0]
    finally:
        conn.close()
