"""The heartbeat carries the app's run-time figures (uptime, restarts since boot, why the last
run ended), read from RuntimeStats' saved state, to the reference platform."""

import json
import subprocess
import sys
import textwrap

from ops_fixtures import platform  # noqa: F401
from sync_fixtures import enrolled_kiosk

from central.db import database
from central.models import Device
from kiosk.runtime import RuntimeStats
from kiosk.sync.heartbeat import HeartbeatSource, saved_runtime

CRASHING_RUN = textwrap.dedent("""
    import sys
    from kiosk.runtime import RuntimeStats
    stats = RuntimeStats(sys.argv[1], boot_id_path=sys.argv[2])
    stats.record_start()
    stats.install_crash_handlers()
    raise RuntimeError("printer thread died for card 110101199003074514")
""")


def test_heartbeat_reports_restarts_and_masked_crash_reason(tmp_path, platform):  # noqa: F811
    boot = tmp_path / "boot_id"
    boot.write_text("aaaaaaaa-0000-0000-0000-000000000001\n")
    data = tmp_path / "data"
    kiosk = enrolled_kiosk(platform, data)
    try:
        subprocess.run([sys.executable, "-c", CRASHING_RUN, str(data), str(boot)], capture_output=True,
                       timeout=60)
        live = RuntimeStats(data, boot_id_path=boot)
        live.record_start()                         # the restart after the crash
        figures = saved_runtime(data)
        assert figures["restarts_since_boot"] == 1
        assert figures["last_crash"]["kind"] == "exception"
        assert figures["uptime_s"] >= 0
        kiosk.engine.send_heartbeat()
        with database(platform.db_url) as sessions, sessions() as session:
            beat = json.loads(session.get(Device, kiosk.enrolment.device_id).heartbeat_json)
        assert beat["restarts"] == 1
        assert beat["last_crash"].startswith("exception: RuntimeError: printer thread died")
        assert "110101199003074514" not in json.dumps(beat, ensure_ascii=False)   # masked
        assert beat["runtime"]["previous_exit"] == "crash"
        live.mark_clean_exit()
    finally:
        kiosk.close()


def test_live_stats_and_a_fresh_data_folder(tmp_path):
    from offline_store import Store
    store = Store.open(tmp_path / "d", site_code="431002", device_code="K01", min_free_mb=0, create_key=True)
    try:
        fresh = HeartbeatSource(store, "t").build(0.0)
        assert fresh["restarts"] == 0 and fresh["last_crash"] is None and fresh["uptime_s"] >= 0
        live = HeartbeatSource(store, "t", runtime=lambda: {"uptime_s": 42.0, "restarts_since_boot": 3,
                                                            "last_crash": {"kind": "killed", "reason": "r"}})
        beat = live.build(1.234)
        assert (beat["uptime_s"], beat["restarts"], beat["last_crash"]) == (42.0, 3, "killed: r")
        assert beat["clock_offset_s"] == 1.23
    finally:
        store.close()
