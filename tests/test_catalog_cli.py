"""`kioskctl catalog check|list|search|show` (in process, through the real argument parser)."""

from __future__ import annotations

import json

from test_catalog_loader import SAMPLE_DIR, matter_dict, write_catalog

from kiosk.cli.main import main


def _run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_check_sample(capsys):
    status, out, _err = _run(capsys, "catalog", "check", str(SAMPLE_DIR))
    assert status == 0 and out.startswith("OK ") and "7 bundles" in out


def test_check_bad_folder_exits_2_naming_the_problem(capsys, tmp_path):
    folder = write_catalog(tmp_path / "c", {"renshe.json": {"matters": [matter_dict("RS9", phone="call me")]}})
    status, out, err = _run(capsys, "catalog", "check", str(folder))
    assert status == 2 and out == ""
    assert "renshe.json: entry RS9: field phone: String should match pattern" in err


def test_list_json(capsys):
    status, out, _err = _run(capsys, "catalog", "list", "--json", "--dir", str(SAMPLE_DIR))
    rows = json.loads(out)
    assert status == 0 and all(set(r) == {"code", "name", "kind", "department"} for r in rows)
    assert {"code": "YJS001", "name": "出生一件事", "kind": "bundle", "department": "卫生健康局"} in rows
    assert sum(r["kind"] == "matter" for r in rows) >= 25


def test_search_json_in_rank_order(capsys):
    status, out, _err = _run(capsys, "catalog", "search", "sbk", "--json", "--dir", str(SAMPLE_DIR))
    rows = json.loads(out)
    assert status == 0 and rows[0]["code"] == "RS001" and rows[0]["name"] == "社会保障卡申领"


def test_show_bundle_json(capsys):
    status, out, _err = _run(capsys, "catalog", "show", "YJS003", "--json", "--start", "2025-09-26",
                             "--dir", str(SAMPLE_DIR))
    data = json.loads(out)
    assert status == 0 and data["kind"] == "bundle" and data["mode"] == "staged"
    # stages: 5 + max(20, 20, 3, 10, 30) + 5 = 40 statutory days → 12 working days
    assert data["time_limit_days"] == 12
    keys = [f["key"] for f in data["fields"]]
    assert len(keys) == len(set(keys)) and "deceased_id_number" in keys
    assert all({"name", "originals", "copies", "required"} <= set(m) for m in data["materials"])
    assert data["promised_date"] > "2025-09-26"


def test_show_matter_text_and_unknown_code(capsys):
    status, out, _err = _run(capsys, "catalog", "show", "GA001", "--dir", str(SAMPLE_DIR))
    assert status == 0 and "出生登记" in out and "申请材料" in out
    status, _out, err = _run(capsys, "catalog", "show", "NOPE", "--dir", str(SAMPLE_DIR))
    assert status == 2 and "no matter or bundle with code 'NOPE'" in err


def test_show_bad_start_date(capsys):
    status, _out, err = _run(capsys, "catalog", "show", "GA001", "--start", "26/09/2025", "--dir", str(SAMPLE_DIR))
    assert status == 2 and "--start" in err
