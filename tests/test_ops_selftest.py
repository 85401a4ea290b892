"""Self-test against real parts: the reader simulator on a pty, the virtual printer on TCP, the
reference platform on loopback, a real store, the installed fonts and the repository's .ts files."""

import json
import os
import subprocess
import sys

from ops_fixtures import code_for, platform, printer_sim, reader_sim  # noqa: F401

from kiosk.config import load_config
from kiosk.selftest import (
    check_camera,
    check_fonts,
    check_platform,
    check_printer,
    check_reader,
    check_storage,
    check_translations,
    format_table,
    passed,
    run_selftest,
)
from kiosk.storage import open_configured_store
from kiosk.sync.enrolment import enroll


def _config(tmp_path, **env):
    environ = {"KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_STORE__MIN_FREE_MB": "0", **env}
    return load_config(environ=environ)


def test_reader_pass_reports_sam_id_and_fail_names_the_sam_status(reader_sim):  # noqa: F811
    ok = check_reader(reader_sim.device_path)
    assert ok.status == "pass" and ok.details["sam_status"] == "90" and ok.details["sam_id"]
    reader_sim.inject("sam_fault", count=10, on="sam_status")
    bad = check_reader(reader_sim.device_path)
    assert bad.status == "fail" and "SAM status" in bad.reason


def test_reader_on_a_missing_port_fails_clearly(tmp_path):
    result = check_reader(str(tmp_path / "ttyNothing"))
    assert result.status == "fail" and "cannot open" in result.reason
    assert check_reader("").status == "skip"


def test_printer_status_paper_out_and_test_page(printer_sim):  # noqa: F811
    assert check_printer(printer_sim.uri).status == "pass"
    page = check_printer(printer_sim.uri, print_page=True)
    assert page.status == "pass" and page.details["test_page"] is True
    assert printer_sim.wait_for_jobs(1, timeout=10)   # jobs are rendered on the printer's own thread
    printer_sim.set_paper("out")
    out = check_printer(printer_sim.uri)
    assert out.status == "fail" and "纸" in out.reason


def test_printer_that_does_not_answer_is_a_failure_not_ok():
    import socket
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    result = check_printer(f"tcp://127.0.0.1:{port}", timeout=0.3)
    assert result.status == "fail" and "无应答" in result.reason


def test_camera_scene_frame_resolution_and_focus():
    result = check_camera("scene", 640, 480)
    assert result.status == "pass"
    assert (result.details["width"], result.details["height"]) == (640, 480)
    assert result.details["focus"] > 0
    missing = check_camera("folder:/nonexistent-folder-for-test")
    assert missing.status == "fail"


def test_platform_not_enrolled_then_enrolled_then_revoked(tmp_path, platform):  # noqa: F811
    data = tmp_path / "data"
    result = check_platform(data)
    assert result.status == "fail" and "not enrolled" in result.reason
    enrolment = enroll(data, platform.url, code_for(platform), "测试终端")
    result = check_platform(data)
    assert result.status == "pass", result.reason
    assert result.details["signature_accepted"] and result.details["reachable"]
    assert abs(result.details["clock_offset_s"]) < 5
    from central.admin import revoke
    revoke(platform.db_url, enrolment.device_id)
    refused = check_platform(data)
    assert refused.status == "fail" and "refused" in refused.reason
    platform.stop()
    down = check_platform(data, connect_timeout=0.5, read_timeout=0.5)
    assert down.status == "fail" and "unreachable" in down.reason


def test_storage_integrity_watermark_and_key(tmp_path):
    config = _config(tmp_path)
    assert check_storage(config).status == "fail"          # nothing provisioned yet
    open_configured_store(config, create_key=True).close()
    ok = check_storage(config)
    assert ok.status == "pass" and ok.details["key_file"]
    low = check_storage(_config(tmp_path, KIOSK_STORE__MIN_FREE_MB="100000000"))
    assert low.status == "fail" and "watermark" in low.reason
    (tmp_path / "data" / "keys" / "data.key").unlink()
    lost = check_storage(config)
    assert lost.status == "fail" and "key" in lost.reason


def test_fonts_and_translations(tmp_path):
    assert check_fonts().status == "pass"
    assert check_translations().status == "pass"
    ts = tmp_path / "demo_zh_CN.ts"
    ts.write_text('<?xml version="1.0"?><TS version="2.1" language="zh_CN"><context><name>X</name>'
                  '<message><source>Hello</source><translation type="unfinished"></translation>'
                  '</message></context></TS>', encoding="utf-8")
    result = check_translations(tmp_path)
    assert result.status == "fail" and "1 unfinished" in result.reason and "qm missing" in result.reason


def test_run_selftest_table_and_exit_status(tmp_path, reader_sim, printer_sim):  # noqa: F811
    config = _config(tmp_path, KIOSK_IDCARD__PORT=reader_sim.device_path,
                     KIOSK_PRINTER__URI=printer_sim.uri, KIOSK_CAMERA__WIDTH="640",
                     KIOSK_CAMERA__HEIGHT="480")
    seen = []
    results = run_selftest(config, on_result=seen.append)
    assert [r.name for r in results] == [r.name for r in seen] == [
        "reader", "printer", "camera", "platform", "storage", "fonts", "translations"]
    by_name = {r.name: r for r in results}
    assert by_name["reader"].status == "pass" and by_name["printer"].status == "pass"
    assert by_name["platform"].status == "fail"            # not enrolled
    assert not passed(results)
    table = format_table(results)
    assert "platform" in table and "FAIL" in table and "not enrolled" in table


def test_cli_json_and_exit_code(tmp_path, printer_sim):  # noqa: F811
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_PRINTER__URI": printer_sim.uri}
    out = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "selftest", "--json",
                          "--only", "printer", "fonts"], capture_output=True, text=True, env=env,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["passed"] and [c["name"] for c in report["checks"]] == ["printer", "fonts"]
    out = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "selftest", "--only", "platform"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 1 and "not enrolled" in out.stdout
