"""Deployment files: the installer's dry run, systemd units (systemd-analyze verify when present),
udev rules and logrotate configuration."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"
INSTALLER = REPO / "scripts" / "install-kiosk.sh"
UNITS = ["kiosk.service", "kiosk-xinit.service", "kiosk-nightly-restart.service", "kiosk-nightly-restart.timer"]


def dry_run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(INSTALLER), "--dry-run", *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "KIOSK_CONFIG": ""})


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(DEPLOY / "systemd" / name, encoding="utf-8")
    return parser


def test_dry_run_lists_user_units_udev_and_changes_nothing(tmp_path):
    result = dry_run()
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert re.search(r"useradd --system .*--groups dialout,lp,video,input,render kiosk", out) or \
        "usermod --append --groups dialout,lp,video,input,render kiosk" in out
    assert "/etc/systemd/system/kiosk.service" in out
    assert "/etc/udev/rules.d/99-kiosk.rules" in out
    assert "/etc/logrotate.d/kiosk" in out
    assert "bash /opt/kiosk/scripts/setup.sh" in out
    assert "systemctl enable kiosk.service" in out
    assert "[ops] nightly_restart = false: timer disabled" in out
    assert "nothing was changed" in out
    assert not Path("/etc/udev/rules.d/99-kiosk.rules").exists()


def test_dry_run_takes_the_quiet_hour_from_the_configuration(tmp_path):
    site = tmp_path / "site.toml"
    site.write_text('[ops]\nnightly_restart = true\nquiet_hour = "04:15"\n')
    result = dry_run("--display", "x11", "--config", str(site))
    assert result.returncode == 0, result.stderr
    assert "OnCalendar=*-*-* 04:15:00" in result.stdout
    assert "systemctl enable kiosk-nightly-restart.timer" in result.stdout
    assert "systemctl enable kiosk-xinit.service" in result.stdout
    assert "/etc/X11/xorg.conf.d/10-kiosk.conf" in result.stdout


def test_invalid_configuration_stops_before_any_step(tmp_path):
    site = tmp_path / "site.toml"
    site.write_text('[ops]\nquiet_hour = "25:00"\n')
    result = dry_run("--config", str(site))
    assert result.returncode == 2
    assert "ops.quiet_hour" in result.stderr
    assert "useradd" not in result.stdout and "usermod" not in result.stdout


def test_unknown_options_are_refused():
    result = dry_run("--display", "wayland")
    assert result.returncode == 2 and "--display must be 'cage' or 'x11'" in result.stderr
    result = dry_run("--frobnicate")
    assert result.returncode == 2 and "unknown option '--frobnicate'" in result.stderr


def test_kiosk_unit_watchdog_and_restart_settings():
    service = unit("kiosk.service")["Service"]
    assert service["Type"] == "notify"
    assert service["WatchdogSec"] == "30"
    assert service["Restart"] == "always"
    assert service["User"] == "kiosk"
    # The app is cage's child, so notifications from it must be accepted (see the unit's comment).
    assert service["NotifyAccess"] == "all"
    assert service["ExecStart"] == "/usr/bin/cage -d -- /opt/kiosk/.venv/bin/kiosk"
    assert unit("kiosk.service")["Unit"]["StartLimitIntervalSec"] == "0"
    timer = unit("kiosk-nightly-restart.timer")["Timer"]
    assert timer["OnCalendar"] == "*-*-* 03:30:00"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
@pytest.mark.parametrize("name", UNITS)
def test_systemd_analyze_verify(name, tmp_path):
    for other in UNITS:  # the timer's verify loads its service from the same directory
        shutil.copy(DEPLOY / "systemd" / other, tmp_path / other)
    result = subprocess.run(["systemd-analyze", "verify", "--man=no", str(tmp_path / name)],
                            capture_output=True, text=True, timeout=60)
    problems = []
    for line in (result.stdout + result.stderr).splitlines():
        missing = re.search(r"Command (\S+) is not executable: No such file or directory", line)
        if missing and not Path(missing.group(1)).exists():
            continue  # cage / xinit are installed on the kiosk image, not on this machine
        if line.strip():
            problems.append(line)
    assert problems == []


UDEV_TOKEN = re.compile(r'^(?P<key>[A-Z_]+(\{[^}]+\})?)(?P<op>==|!=|\+=|:=|=)"(?P<value>[^"]*)"$')


def test_udev_rules_are_well_formed_and_grant_the_groups():
    rules = [line for line in (DEPLOY / "udev" / "99-kiosk.rules").read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert rules
    for rule in rules:
        tokens = [t.strip() for t in rule.split(",")]
        parsed = [UDEV_TOKEN.match(t) for t in tokens]
        assert all(parsed), f"malformed token in: {rule}"
        assert any(p["op"] in ("==", "!=") for p in parsed), f"rule matches nothing: {rule}"
    text = "\n".join(rules)
    assert re.search(r'KERNEL=="ttyUSB\[0-9\]\*".*GROUP="dialout"', text)
    assert re.search(r'KERNEL=="ttyACM\[0-9\]\*".*GROUP="dialout"', text)
    assert re.search(r'ID_USB_INTERFACES\}=="\*:07\?\?\?\?:\*".*GROUP="lp"', text)


def test_logrotate_config_covers_the_log_dir_without_clashing_with_the_app():
    text = (DEPLOY / "logrotate" / "kiosk").read_text()
    assert text.count("{") == text.count("}") == 1
    assert "/var/log/kiosk/*.log" in text
    for directive in ("copytruncate", "dateext", "compress", "su kiosk kiosk"):
        assert re.search(rf"^\s+{directive}\s*$", text, re.M), directive
    if shutil.which("logrotate"):
        result = subprocess.run(["logrotate", "--debug", str(DEPLOY / "logrotate" / "kiosk")],
                                capture_output=True, text=True, timeout=30)
        assert "error" not in result.stderr.lower(), result.stderr
