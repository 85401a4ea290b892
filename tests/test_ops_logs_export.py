"""`kioskctl logs export`: a real archive, read back member by member; personal data masked,
secrets removed, queue statistics from a real offline store."""

from __future__ import annotations

import gzip
import json
import os
import tarfile
import time

import pytest

from kiosk.cli.main import main

ID_NUMBER = "11010119900307123X"
OTHER_ID = "440305198512251234"
MOBILE = "13812345678"
PIN_HASH = "pbkdf2_sha256$1000$73616c74$" + "ab" * 32


@pytest.fixture
def site(tmp_path, monkeypatch):
    log_dir, data_dir = tmp_path / "log", tmp_path / "data"
    log_dir.mkdir()
    config = tmp_path / "site.toml"
    config.write_text(f'[paths]\ndata_dir = "{data_dir}"\nlog_dir = "{log_dir}"\n'
                      f'[admin]\npin_hash = "{PIN_HASH}"\n')
    for name in ("KIOSK_CONFIG", "KIOSK_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    return {"config": config, "log_dir": log_dir, "data_dir": data_dir}


def export(site, tmp_path, *extra) -> tuple[int, dict[str, str]]:
    out = tmp_path / "export" / "kiosk-logs.tar.gz"
    code = main(["--config", str(site["config"]), "logs", "export", "--out", str(out), *extra])
    if code != 0:
        return code, {}
    with tarfile.open(out, "r:gz") as archive:
        members = {m.name.removeprefix("kiosk-logs/"): archive.extractfile(m).read().decode("utf-8")
                   for m in archive.getmembers()}
    return code, members


def test_personal_data_in_logs_never_leaves_in_clear(site, tmp_path, capsys):
    (site["log_dir"] / "kiosk.log").write_text(
        json.dumps({"msg": f"card read {ID_NUMBER}", "phone": MOBILE}, ensure_ascii=False) + "\n", encoding="utf-8")
    (site["log_dir"] / "kiosk.log.1").write_text(f"older line: applicant {OTHER_ID}, tel {MOBILE}\n")
    (site["log_dir"] / "kiosk.log-20260101.gz").write_bytes(gzip.compress(f"rotated {ID_NUMBER}\n".encode()))
    code, members = export(site, tmp_path)
    assert code == 0
    assert {"logs/kiosk.log", "logs/kiosk.log.1", "logs/kiosk.log-20260101", "config.json", "queue.json",
            "runtime.json", "manifest.json"} <= set(members)
    everything = "\n".join(members.values())
    for secret in (ID_NUMBER, OTHER_ID, MOBILE, PIN_HASH):
        assert secret not in everything
    assert "110101********123X" in members["logs/kiosk.log"]
    assert "138****5678" in members["logs/kiosk.log"]
    assert "440305********1234" in members["logs/kiosk.log.1"]
    assert "110101********123X" in members["logs/kiosk.log-20260101"]  # unpacked, then masked
    config = json.loads(members["config.json"])
    assert config["admin"]["pin_hash"] == "***removed***"
    assert config["paths"]["log_dir"] == str(site["log_dir"])
    assert json.loads(members["queue.json"])["store"] == "no store"
    assert oct(os.stat(tmp_path / "export" / "kiosk-logs.tar.gz").st_mode & 0o777) == "0o600"
    assert json.loads(capsys.readouterr().out)["out"].endswith("kiosk-logs.tar.gz")


def test_days_selects_recent_log_files(site, tmp_path):
    recent, old = site["log_dir"] / "kiosk.log", site["log_dir"] / "kiosk.log.5"
    recent.write_text("today\n")
    old.write_text("long ago\n")
    ten_days_ago = time.time() - 10 * 86400
    os.utime(old, (ten_days_ago, ten_days_ago))
    _, members = export(site, tmp_path, "--days", "3")
    assert "logs/kiosk.log" in members and "logs/kiosk.log.5" not in members
    _, members = export(site, tmp_path, "--days", "30")
    assert "logs/kiosk.log.5" in members


def test_queue_statistics_from_a_real_store(site, tmp_path):
    from offline_store import Store

    store = Store.open(site["data_dir"], site_code="431002", device_code="K01", min_free_mb=0, create_key=True)
    store.enqueue_feedback("complaint", f"办不成事 {ID_NUMBER}", phone=MOBILE)
    store.enqueue_feedback("consult", "咨询")
    store.close()
    (site["log_dir"] / "kiosk.log").write_text("x\n")
    _, members = export(site, tmp_path)
    queue = json.loads(members["queue.json"])
    assert queue["queue"].get("queued") == 2
    assert "disk_free_mb" in queue
    assert ID_NUMBER not in "\n".join(members.values())


def test_runtime_state_is_included(site, tmp_path):
    from kiosk.runtime import RuntimeStats

    boot = tmp_path / "boot_id"
    boot.write_text("abc\n")
    RuntimeStats(site["data_dir"], boot_id_path=boot).record_start()
    _, members = export(site, tmp_path)
    assert json.loads(members["runtime.json"])["starts_total"] == 1


def test_no_logs_is_noted_not_fatal(site, tmp_path):
    code, members = export(site, tmp_path)
    assert code == 0
    assert "no log files" in json.loads(members["manifest.json"])["notes"][0]


def test_bad_arguments_exit_2_with_a_message(site, tmp_path, capsys):
    assert main(["--config", str(site["config"]), "logs", "export", "--out", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err
    assert main(["--config", str(site["config"]), "logs", "export", "--out", str(tmp_path / "a.tgz"),
                 "--days", "0"]) == 2
    assert "--days" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text("[ops]\nquiet_hour = \"3:30\"\n")
    assert main(["--config", str(bad), "logs", "export", "--out", str(tmp_path / "a.tgz")]) == 2
    assert "ops.quiet_hour" in capsys.readouterr().err


def test_corrupt_gzip_log_is_skipped_and_noted(site, tmp_path):
    (site["log_dir"] / "kiosk.log-20260102.gz").write_bytes(b"not gzip at all")
    (site["log_dir"] / "kiosk.log").write_text("fine\n")
    code, members = export(site, tmp_path)
    assert code == 0 and "logs/kiosk.log" in members
    notes = json.loads(members["manifest.json"])["notes"]
    assert any("kiosk.log-20260102.gz" in note and "gzip" in note for note in notes)
