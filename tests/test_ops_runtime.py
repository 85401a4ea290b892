"""RuntimeStats: starts since boot (boot id change resets), and the reason the last run ended,
recorded by real crashing subprocesses."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from kiosk.runtime import RuntimeStats, read_saved_state

ID_NUMBER = "110101199003071234"

CHILD = textwrap.dedent("""
    import os, signal, sys
    from kiosk.runtime import RuntimeStats
    stats = RuntimeStats(sys.argv[1], boot_id_path=sys.argv[2])
    stats.record_start()
    stats.install_crash_handlers()
    mode = sys.argv[3]
    if mode == "raise":
        raise RuntimeError("reader failed for card %s" % sys.argv[4])
    if mode == "abort":          # what systemd's WatchdogSignal=SIGABRT does to a hung app
        os.abort()
    if mode == "kill":           # SIGKILL / OOM: no Python code runs at all
        os.kill(os.getpid(), signal.SIGKILL)
    if mode == "clean":
        stats.mark_clean_exit()
""")


@pytest.fixture
def boot(tmp_path):
    path = tmp_path / "boot_id"
    path.write_text("11111111-aaaa-bbbb-cccc-000000000001\n")
    return path


def run_child(data_dir, boot, mode):
    return subprocess.run([sys.executable, "-c", CHILD, str(data_dir), str(boot), mode, ID_NUMBER],
                          capture_output=True, text=True, timeout=60)


def test_restart_counter_counts_within_a_boot_and_resets_on_a_new_boot(tmp_path, boot):
    data = tmp_path / "data"
    first = RuntimeStats(data, boot_id_path=boot).record_start()
    assert first["restarts_since_boot"] == 0 and first["previous_exit"] == "first_start"
    for expected in (1, 2):
        stats = RuntimeStats(data, boot_id_path=boot)
        assert stats.record_start()["restarts_since_boot"] == expected
        stats.mark_clean_exit()
    boot.write_text("22222222-aaaa-bbbb-cccc-000000000002\n")
    after_reboot = RuntimeStats(data, boot_id_path=boot).record_start()
    assert after_reboot["restarts_since_boot"] == 0
    assert after_reboot["starts_total"] == 4


def test_unhandled_exception_is_the_next_starts_crash_reason_masked(tmp_path, boot):
    data = tmp_path / "data"
    child = run_child(data, boot, "raise")
    assert child.returncode == 1
    assert "RuntimeError" in child.stderr and ID_NUMBER not in child.stderr
    stats = RuntimeStats(data, boot_id_path=boot)
    snap = stats.record_start()
    assert snap["previous_exit"] == "crash"
    assert snap["restarts_since_boot"] == 1
    crash = snap["last_crash"]
    assert crash["kind"] == "exception"
    assert crash["reason"] == "RuntimeError: reader failed for card 110101********1234"
    saved = json.dumps(read_saved_state(data), ensure_ascii=False)
    assert ID_NUMBER not in saved and "Traceback" in saved
    # Read once: the crash files are consumed, so a clean run after it is not reported again.
    stats.mark_clean_exit()
    again = RuntimeStats(data, boot_id_path=boot).record_start()
    assert again["previous_exit"] == "clean"
    assert again["last_crash"]["reason"] == crash["reason"]  # still the last one, for the heartbeat
    assert read_saved_state(data)["crashes_total"] == 1


def test_fatal_signal_is_recorded_by_faulthandler(tmp_path, boot):
    data = tmp_path / "data"
    child = run_child(data, boot, "abort")
    assert child.returncode < 0
    crash = RuntimeStats(data, boot_id_path=boot).record_start()["last_crash"]
    assert crash["kind"] == "fatal_signal"
    assert crash["reason"].startswith("Fatal Python error: Aborted")
    assert "<string>" in read_saved_state(data)["last_crash"]["detail"]  # the stack of the aborted code


def test_kill_without_python_error_and_power_loss_are_told_apart(tmp_path, boot):
    data = tmp_path / "data"
    assert run_child(data, boot, "kill").returncode == -9
    crash = RuntimeStats(data, boot_id_path=boot).record_start()["last_crash"]
    assert crash["kind"] == "killed"
    # This start never exits cleanly either; the machine then "loses power".
    boot.write_text("33333333-aaaa-bbbb-cccc-000000000003\n")
    crash = RuntimeStats(data, boot_id_path=boot).record_start()["last_crash"]
    assert crash["kind"] == "power_loss"


def test_clean_exit_leaves_no_crash(tmp_path, boot):
    data = tmp_path / "data"
    assert run_child(data, boot, "clean").returncode == 0
    snap = RuntimeStats(data, boot_id_path=boot).record_start()
    assert snap["previous_exit"] == "clean" and snap["last_crash"] is None


def test_corrupt_state_file_restarts_counters_with_a_warning(tmp_path, boot, caplog):
    data = tmp_path / "data"
    (data / "runtime").mkdir(parents=True)
    (data / "runtime" / "state.json").write_text("{not json")
    snap = RuntimeStats(data, boot_id_path=boot).record_start()
    assert snap["starts_total"] == 1
    assert any("unreadable" in r.getMessage() and "state.json" in r.getMessage() for r in caplog.records)


def test_missing_boot_id_is_tolerated(tmp_path):
    stats = RuntimeStats(tmp_path / "data", boot_id_path=tmp_path / "no-such-file")
    assert stats.record_start()["restarts_since_boot"] == 0
    assert stats.state["boot_id"] == "unknown"
