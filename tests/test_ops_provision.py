"""Provisioning a terminal against real parts: the reader simulator on a pty found through a
/dev/pts link, the virtual printer on TCP, a fake /sys USB tree, the reference platform with a
one-time code; then the written configuration, the enrolment and the self-test are checked."""

import json
import os
import subprocess
import sys
import tomllib

import pytest
from ops_fixtures import code_for, platform, printer_sim, reader_sim  # noqa: F401

from kiosk.config import load_config
from kiosk.provision import (
    Answers,
    Provisioner,
    ProvisionError,
    cameras,
    printer_uri,
    render_config,
    serial_candidates,
    usb_printers,
    write_config,
)
from kiosk.sync.enrolment import load_enrolment


def _usb_tree(root, vid="04b8", pid="0202", iface_class="07"):
    device = root / "1-1"
    iface = root / "1-1:1.0"
    device.mkdir(parents=True)
    iface.mkdir()
    (device / "idVendor").write_text(vid + "\n")
    (device / "idProduct").write_text(pid + "\n")
    (device / "product").write_text("TM-T88V\n")
    (iface / "bInterfaceClass").write_text(iface_class + "\n")
    return root


def test_usb_printers_by_interface_class(tmp_path):
    assert usb_printers(_usb_tree(tmp_path / "usb")) == [{"uri": "usb:04b8:0202", "product": "TM-T88V"}]
    assert usb_printers(_usb_tree(tmp_path / "other", iface_class="03")) == []   # a keyboard


def test_cameras_and_printer_uris(tmp_path):
    for name in ("video2", "video0", "vide", "video-x"):
        (tmp_path / name).touch()
    assert cameras(tmp_path) == ["device:0", "device:2", "scene"]
    assert printer_uri("10.0.0.5:9100", "tcp") == "tcp://10.0.0.5:9100"
    assert printer_uri("10.0.0.5", "tcp") == "tcp://10.0.0.5:9100"
    assert printer_uri("/dev/ttyS1", "serial") == "serial:/dev/ttyS1"
    with pytest.raises(ProvisionError, match="HOST:PORT"):
        printer_uri("host:port", "tcp")


def test_serial_candidates_keep_given_links_and_refuse_missing(reader_sim, tmp_path):  # noqa: F811
    found = serial_candidates([reader_sim.device_path])
    assert found[0]["path"] == reader_sim.device_path
    assert "/dev/pts/" in found[0]["description"]
    with pytest.raises(ProvisionError, match="no such device"):
        serial_candidates([str(tmp_path / "ttyGone")])


def test_config_file_round_trip_and_invalid_values(tmp_path):
    sections = {"site": {"site_name": "测试\"站\"", "device_name": "终端\n2"}, "screen": {"width": 1920},
                "printer": {"native_qr": False}}
    config = write_config(tmp_path / "kiosk.toml", sections)
    assert config.site.site_name == "测试\"站\"" and config.site.device_name == "终端\n2"
    assert tomllib.loads(render_config(sections))["printer"]["native_qr"] is False
    with pytest.raises(ProvisionError, match="screen.orientation"):
        write_config(tmp_path / "bad.toml", {"screen": {"orientation": "sideways"}})
    assert not (tmp_path / "bad.toml").exists() and not (tmp_path / "bad.toml.tmp").exists()


def _answers(tmp_path, **kw):
    base = dict(data_dir=str(tmp_path / "data"), log_dir=str(tmp_path / "log"), site_name="测试服务站",
                device_name="测试终端07", orientation="landscape", camera="scene")
    base.update(kw)
    return Answers(**base)


def test_non_interactive_provision_finds_devices_enrols_and_passes_selftest(
        tmp_path, reader_sim, printer_sim, platform):  # noqa: F811
    host_port = printer_sim.uri.removeprefix("tcp://")
    answers = _answers(tmp_path, ports=[reader_sim.device_path], printer_tcp=["127.0.0.1:1", host_port],
                       platform=platform.url, code=code_for(platform, "431099"))
    lines = []
    outcome = Provisioner(answers, tmp_path / "etc" / "kiosk.toml", interactive=False, say=lines.append,
                          usb_root=tmp_path / "no-usb", dev_root=tmp_path).run()
    written = tomllib.loads((tmp_path / "etc" / "kiosk.toml").read_text(encoding="utf-8"))
    assert written["idcard"]["port"] == reader_sim.device_path
    assert written["printer"]["uri"] == printer_sim.uri                 # the one that answered
    assert written["camera"]["source"] == "scene"
    assert written["screen"] == {"orientation": "landscape", "width": 1920, "height": 1080}
    assert written["site"]["site_code"] == "431099"                     # from enrolment
    enrolment = load_enrolment(tmp_path / "data")
    assert enrolment is not None and written["site"]["device_code"] == enrolment.device_code
    assert (tmp_path / "data" / "keys" / "data.key").exists()
    results = {r.name: r.status for r in outcome.selftest}
    assert results["reader"] == results["printer"] == results["platform"] == "pass", results
    assert results["storage"] == "pass"
    assert any("SAM ID" in line for line in lines)
    config = load_config(tmp_path / "etc" / "kiosk.toml", environ={})
    assert config.site.device_name == "测试终端07"


def test_interactive_prompts_choose_by_number_and_defaults(tmp_path, reader_sim, printer_sim, platform):  # noqa: F811
    code = code_for(platform)
    replies = iter(["", "互动站", "", "portrait", "", "",      # site code, name, device, screen
                    "1",                                      # reader: first listed
                    "",                                       # printer: default (the working one)
                    "scene",                                  # camera typed
                    platform.url, code])
    prompts = []

    def ask(prompt):
        prompts.append(prompt)
        return next(replies)

    answers = Answers(data_dir=str(tmp_path / "data"), log_dir=str(tmp_path / "log"),
                      ports=[reader_sim.device_path], printer_tcp=[printer_sim.uri.removeprefix("tcp://")])
    outcome = Provisioner(answers, tmp_path / "kiosk.toml", interactive=True, ask=ask, say=lambda _t: None,
                          usb_root=tmp_path / "no-usb", dev_root=tmp_path).run()
    assert outcome.sections["site"]["site_name"] == "互动站"
    assert outcome.sections["idcard"]["port"] == reader_sim.device_path
    assert outcome.sections["printer"]["uri"] == printer_sim.uri
    assert outcome.enrolment["new"] is True
    assert any("enrolment code" in p for p in prompts)


def test_named_dead_reader_is_refused(tmp_path, printer_sim):  # noqa: F811
    answers = _answers(tmp_path, reader=str(tmp_path / "ttyNone"), printer=printer_sim.uri)
    with pytest.raises(ProvisionError, match="ID-card reader"):
        Provisioner(answers, tmp_path / "k.toml", interactive=False, say=lambda _t: None).run()


def test_missing_code_is_a_clear_error(tmp_path, printer_sim):  # noqa: F811
    answers = _answers(tmp_path, reader="", printer=printer_sim.uri, platform="http://127.0.0.1:9")
    with pytest.raises(ProvisionError, match="no enrolment code"):
        Provisioner(answers, tmp_path / "k.toml", interactive=False, say=lambda _t: None).run()
    assert (tmp_path / "k.toml").exists()             # what was entered is kept


def test_cli_non_interactive_json(tmp_path, reader_sim, printer_sim, platform):  # noqa: F811
    out = tmp_path / "kiosk.toml"
    cmd = [sys.executable, "-m", "kiosk.cli.main", "provision", "--non-interactive", "--json",
           "--out", str(out), "--data-dir", str(tmp_path / "data"), "--log-dir", str(tmp_path / "log"),
           "--port", reader_sim.device_path, "--printer", printer_sim.uri, "--camera", "scene",
           "--platform", platform.url, "--code", code_for(platform), "--device-name", "脚本终端"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    report = json.loads(done.stdout)
    statuses = {c["name"]: c["status"] for c in report["selftest"]}
    assert statuses["reader"] == statuses["printer"] == statuses["platform"] == "pass", done.stderr
    assert done.returncode == (1 if "fail" in statuses.values() else 0)
    assert report["enrolment"]["device_id"] and out.exists()
    again = subprocess.run(cmd[:-2] + ["--code", "WRONGCODE234", "--force-enrol"], capture_output=True,
                           text=True, env=env, timeout=120)
    assert again.returncode == 2 and "enrolment" in again.stderr
