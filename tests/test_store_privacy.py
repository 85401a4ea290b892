"""No personal data in clear in the database, its WAL or the attachment files."""

from __future__ import annotations

import random
from pathlib import Path

from store_fixtures import invented_id_number, open_store, scan, submission_body


def _forms(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("gb18030")]


def _all_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and "backups" not in p.parts]


def test_names_id_numbers_addresses_never_stored_in_clear(tmp_path):
    rng = random.Random(11)
    store = open_store(tmp_path / "data")
    people = [("欧阳明月", invented_id_number(rng)), ("司马春花", invented_id_number(rng)),
              ("诸葛秀兰", "43100219761231002X")]
    secrets = []
    for name, id_number in people:
        body = submission_body(rng, name=name, id_number=id_number, n_attachments=1)
        body["delivery"]["address"] = f"{name}家 北湖区燕泉路{rng.randint(100, 999)}号"
        # the scan itself contains the ID number as text (a photographed card would)
        attachment = scan(rng, label=id_number.encode() + name.encode("gb18030"))
        receipt = store.enqueue_submission(body, [attachment]).receipt_no
        store.enqueue_rating(receipt, 1, f"{name}觉得等太久")
        store.enqueue_feedback("投诉", f"我是{name}，身份证{id_number}", phone="13912345678")
        secrets += [name, id_number, body["delivery"]["address"], "13912345678"]

    files = _all_files(tmp_path / "data")
    wal = tmp_path / "data" / "kiosk.db-wal"
    assert wal in files and wal.stat().st_size > 0  # the check covers the live WAL too
    assert any("attachments" in p.parts for p in files)
    for path in files:
        content = path.read_bytes()
        for secret in secrets:
            for form in _forms(secret):
                assert form not in content, f"{secret!r} in clear in {path}"
    # …and the data is all there for the owner of the key
    names = {store.application(item["ref_no"])["applicant"]["name"]
             for item in store.list_items(state="queued") if item["kind"] == "submission"}
    assert names == {name for name, _ in people}
    store.close()
    for path in _all_files(tmp_path / "data"):  # after checkpoint on close as well
        content = path.read_bytes()
        for secret in secrets:
            for form in _forms(secret):
                assert form not in content, f"{secret!r} in clear in {path}"


def test_key_file_is_private(tmp_path):
    store = open_store(tmp_path / "data")
    key = tmp_path / "data" / "keys" / "data.key"
    assert key.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "data").stat().st_mode & 0o077 == 0
    store.close()
