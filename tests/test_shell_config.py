import json
import subprocess
import sys

import pytest

from kiosk.config import ConfigError, load_config


def test_defaults_load_and_describe_the_portrait_panel():
    config = load_config(environ={})
    assert (config.screen.width, config.screen.height) == (1080, 1920)
    assert config.idle.elder_seconds >= 2 * config.idle.normal_seconds


def test_bad_value_names_file_and_key(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[idle]\nnormal_seconds = \"soon\"\n")
    with pytest.raises(ConfigError) as error:
        load_config(bad, environ={})
    message = str(error.value)
    assert str(bad) in message and "idle.normal_seconds" in message


def test_unknown_key_is_refused(tmp_path):
    bad = tmp_path / "typo.toml"
    bad.write_text("[screen]\nwidht = 1080\n")
    with pytest.raises(ConfigError, match="screen.widht"):
        load_config(bad, environ={})


def test_broken_toml_is_refused_with_file_name(tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text("[screen\nwidth = 1\n")
    with pytest.raises(ConfigError, match="broken.toml: not valid TOML"):
        load_config(bad, environ={})


def test_elder_timeout_must_be_twice_normal(tmp_path):
    bad = tmp_path / "idle.toml"
    bad.write_text("[idle]\nnormal_seconds = 60\nelder_seconds = 90\n")
    with pytest.raises(ConfigError, match="idle.elder_seconds.*twice"):
        load_config(bad, environ={})


def test_environment_overrides_file(tmp_path):
    override = tmp_path / "o.toml"
    override.write_text("[screen]\norientation = \"landscape\"\nwidth = 1920\nheight = 1080\n")
    config = load_config(override, environ={"KIOSK_IDLE__NORMAL_SECONDS": "90", "KIOSK_DATA_DIR": "/tmp/x",
                                            "KIOSK_CATALOG__HOLIDAYS": '["2026-10-01"]'})
    assert config.screen.orientation == "landscape"
    assert config.idle.normal_seconds == 90
    assert config.paths.data_dir == "/tmp/x"
    assert config.catalog.holidays == ["2026-10-01"]


def test_bad_environment_value_is_named():
    with pytest.raises(ConfigError, match="(?s)KIOSK_\\* environment.*screen.width"):
        load_config(environ={"KIOSK_SCREEN__WIDTH": "wide"})


def _kioskctl(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kiosk.cli.main", *args], capture_output=True, text=True,
                          env=env, timeout=60)


def test_config_check_prints_effective_configuration(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text("[site]\ndevice_name = \"测试终端\"\n")
    result = _kioskctl("config", "check", str(good), "--json")
    assert result.returncode == 0, result.stderr
    effective = json.loads(result.stdout)
    assert effective["site"]["device_name"] == "测试终端"
    assert effective["admin"]["pin_hash"] == "***"


def test_config_check_plain_output_lists_every_section_without_secrets():
    result = _kioskctl("config", "check")
    assert result.returncode == 0, result.stderr
    assert "[site]" in result.stdout and "[[staff]]" in result.stdout
    assert "pbkdf2_sha256$" not in result.stdout


def test_config_check_fails_on_bad_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[printer]\npaper_width_mm = 70\n")
    result = _kioskctl("config", "check", str(bad))
    assert result.returncode == 2
    assert "printer.paper_width_mm" in result.stderr and "bad.toml" in result.stderr
