"""`kioskctl idcard decode|read|status|sample` and `kioskctl sim idcard`."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from drivers.idcard.codec import build_reply, hex_bytes
from drivers.idcard.identities import invented_identity, save_identities
from drivers.idcard.simulator import IdCardSimulator
from kiosk.cli.main import main

KEYS = ("card_type", "name", "name_en", "sex", "sex_label", "nation", "nation_label", "birth_date",
        "address", "id_number", "authority", "valid_from", "valid_to", "permit_number",
        "issue_count", "nationality", "id_checksum_ok", "expired")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("card_type", ["resident", "hk_mo_tw", "foreign_2017", "foreign_2023"])
def test_decode_each_card_type(capsys, card_type):
    identity = invented_identity(card_type, random.Random(4))
    frame = hex_bytes(build_reply(0x90, identity.read_data(with_fingerprint=True)))
    code, out, err = run(capsys, "idcard", "decode", "--hex", frame, "--today", "2025-01-01")
    assert code == 0, err
    data = json.loads(out)
    assert all(key in data for key in KEYS)
    assert data["card_type"] == card_type
    assert data["id_number"] == identity.id_number
    assert data["fingerprint_bytes"] == len(identity.fingerprint or b"")
    if card_type != "foreign_2017":
        assert data["id_checksum_ok"] is True


def test_decode_reports_which_byte_and_check(capsys):
    frame = bytearray(build_reply(0x90, invented_identity("resident", random.Random(1)).read_data(False)))
    frame[100] ^= 0x01
    code, out, err = run(capsys, "idcard", "decode", "--hex", frame.hex())
    assert code == 2 and out == ""
    assert "byte 1294" in err and "checksum mismatch" in err


@pytest.mark.parametrize(
    ("hex_text", "words"),
    [("AA AA AA 96 69 00 04 00 00 80 84", "byte 9: SW3 80"),
     ("AA AA AA 96 69 00 04 00 00 90 94", "no length words"),
     ("AA AA AB 96 69", "byte 2: preamble"),
     ("AA AA ZZ", "'Z' is not a hexadecimal digit")],
)
def test_decode_rejects_what_is_not_a_read_reply(capsys, hex_text, words):
    code, out, err = run(capsys, "idcard", "decode", "--hex", hex_text)
    assert code == 2 and out == ""
    assert words in err


def test_sample_output_decodes(capsys):
    code, out, _ = run(capsys, "idcard", "sample", "--type", "hk_mo_tw")
    assert code == 0
    code, out, err = run(capsys, "idcard", "decode", "--hex", out.strip())
    assert code == 0 and json.loads(out)["card_type"] == "hk_mo_tw"


@pytest.fixture
def sim():
    with IdCardSimulator(921600) as simulator:
        yield simulator


def test_status_against_simulator(capsys, sim):
    code, out, err = run(capsys, "idcard", "status", "--port", sim.device_path, "--baudrate", "921600")
    assert code == 0, err
    data = json.loads(out)
    assert data["sam_status"] == "90" and data["ok"] is True
    assert data["sam_id"] == "05.01-20220101-0012345678-0987654321"


def test_status_reports_sam_fault(capsys, sim):
    sim.inject("sam_fault", count=10)
    code, out, _ = run(capsys, "idcard", "status", "--port", sim.device_path, "--baudrate", "921600")
    assert code == 1 and json.loads(out)["sam_status"] == "60"


def test_read_against_simulator(capsys, sim):
    identity = invented_identity("foreign_2017", random.Random(9))
    sim.place(identity)
    code, out, err = run(capsys, "idcard", "read", "--port", sim.device_path, "--baudrate", "921600",
                         "--json", "--wait", "5")
    assert code == 0, err
    data = json.loads(out)
    assert data["card_type"] == "foreign_2017" and data["name_en"] == identity.fields["name_en"]


def test_read_without_card_times_out(capsys, sim):
    code, out, err = run(capsys, "idcard", "read", "--port", sim.device_path, "--baudrate", "921600",
                         "--wait", "0.3")
    assert code == 1 and "no card" in err


def test_missing_port_is_a_clear_error(capsys, tmp_path):
    code, _, err = run(capsys, "idcard", "status", "--port", str(tmp_path / "ttyNONE"))
    assert code == 2 and "cannot open" in err and "ttyNONE" in err


def test_sim_script_errors_name_file_and_line(capsys, tmp_path):
    script = tmp_path / "bad.txt"
    script.write_text("0 place 0\n# comment\n2 explode\n", "utf-8")
    code, _, err = run(capsys, "sim", "idcard", "--script", str(script))
    assert code == 2 and f"{script}:3" in err


def test_sim_command_serves_a_reader(capsys, tmp_path):
    identities = tmp_path / "ids.json"
    save_identities([invented_identity("foreign_2023", random.Random(2))], identities)
    script = tmp_path / "script.txt"
    script.write_text("0 place foreign_2023\n", "utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli.main", "sim", "idcard", "--baudrate", "921600",
         "--identities", str(identities), "--script", str(script), "--duration", "20"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        device = process.stdout.readline().strip()
        assert device.startswith("/dev/pts/")
        code, out, err = run(capsys, "idcard", "read", "--port", device, "--baudrate", "921600",
                             "--json", "--wait", "10")
        assert code == 0, err
        assert json.loads(out)["card_type"] == "foreign_2023"
    finally:
        process.terminate()
        process.wait(timeout=5)
    assert process.returncode == 0
