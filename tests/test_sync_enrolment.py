"""Re-enrolment (`kioskctl enroll --force`): the old key and enrolment survive a failed attempt."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from central.admin import issue_code
from central.server import PlatformServer
from kiosk.sync.enrolment import DEVICE_KEY, ENROLMENT_FILE, EnrolmentError, client_for, enroll


@pytest.fixture
def platform(tmp_path):
    server = PlatformServer(f"sqlite:///{tmp_path / 'platform.db'}").start()
    yield server
    server.stop()


def _files(data_dir) -> tuple[bytes, bytes]:
    return (data_dir / DEVICE_KEY).read_bytes(), (data_dir / ENROLMENT_FILE).read_bytes()


def _signed_ok(data_dir) -> bool:
    client = client_for(data_dir)
    try:
        return client.heartbeat({"app_version": "test"}).status == 200
    finally:
        client.close()


def test_refused_or_unreachable_re_enrolment_keeps_the_old_key_and_enrolment(platform, tmp_path):
    data = tmp_path / "kiosk"
    first = enroll(data, platform.url, issue_code(platform.db_url, "431002"), "终端")
    before = _files(data)

    with pytest.raises(EnrolmentError, match="refused"):
        enroll(data, platform.url, "WRONGCODE234", "终端", force=True)
    assert _files(data) == before
    with pytest.raises(EnrolmentError, match="unreachable"):
        enroll(data, "http://127.0.0.1:9", issue_code(platform.db_url, "431002"), "终端",
               force=True, connect_timeout=1)
    assert _files(data) == before
    assert not list(data.rglob("*.new")) and not list(data.rglob("*.tmp"))
    assert _signed_ok(data)  # the old device still signs as before

    second = enroll(data, platform.url, issue_code(platform.db_url, "431002"), "终端", force=True)
    key, enrolment = _files(data)
    assert key != before[0] and json.loads(enrolment)["device_id"] == second.device_id
    assert second.device_id != first.device_id
    assert os.stat(data / DEVICE_KEY).st_mode & 0o777 == 0o600
    assert _signed_ok(data)


def test_an_accepted_enrolment_interrupted_before_its_renames_is_finished_on_load(
        platform, tmp_path):
    data = tmp_path / "kiosk"
    enroll(data, platform.url, issue_code(platform.db_url, "431002"), "终端")
    other = tmp_path / "other"
    accepted = enroll(other, platform.url, issue_code(platform.db_url, "431002"), "终端")
    # the state a crash leaves after the platform's 201 and the pending files, before renames
    (data / DEVICE_KEY).with_name("device.pem.new").write_bytes((other / DEVICE_KEY).read_bytes())
    (data / (ENROLMENT_FILE + ".new")).write_bytes((other / ENROLMENT_FILE).read_bytes())

    assert client_for(data).device_id == accepted.device_id
    assert _files(data) == _files(other)
    assert not list(data.rglob("*.new"))
    assert _signed_ok(data)


def test_a_pending_key_without_an_accepted_enrolment_is_not_used(platform, tmp_path):
    data = tmp_path / "kiosk"
    enroll(data, platform.url, issue_code(platform.db_url, "431002"), "终端")
    before = _files(data)
    (data / DEVICE_KEY).with_name("device.pem.new").write_bytes(b"crashed mid-request")
    assert client_for(data).device_id == json.loads(before[1])["device_id"]
    assert _files(data) == before and _signed_ok(data)


def test_cli_enroll_force_with_a_bad_code_fails_and_keeps_the_enrolment(platform, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["KIOSK_DATA_DIR"] = str(tmp_path / "data")
    cmd = [sys.executable, "-m", "kiosk.cli.main", "enroll", "--platform", platform.url]
    done = subprocess.run(cmd + ["--code", issue_code(platform.db_url, "431002")],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    before = _files(tmp_path / "data")
    again = subprocess.run(cmd + ["--code", "WRONGCODE234", "--force"], capture_output=True,
                           text=True, env=env, timeout=60)
    assert again.returncode == 2 and "invalid_code" in again.stderr
    assert _files(tmp_path / "data") == before
