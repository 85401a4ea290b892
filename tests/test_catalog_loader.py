"""Catalog loading: the bundled sample, payloads, and error messages that name file, entry, field.

Also holds the small builders (matter_dict, bundle_dict, write_catalog) the other catalog tests
import, so each test states only what matters to it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.catalog import Bundle, Catalog, CatalogError, Matter, load_with_fallback

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DIR = REPO / "config" / "catalog"

APPLICANT_FIELDS = [
    {"key": "applicant_name", "label": "申请人姓名", "prefill": "name"},
    {"key": "applicant_id_number", "label": "公民身份号码", "type": "id_number", "prefill": "id_number"},
    {"key": "applicant_phone", "label": "联系电话", "type": "phone"},
]


def matter_dict(code: str, **overrides) -> dict:
    data = {
        "code": code,
        "name": f"测试事项{code}",
        "department": "测试局",
        "conditions": ["本地户籍居民"],
        "steps": ["申请", "受理", "办结"],
        "materials": [{"name": "居民身份证", "originals": 1, "copies": 0}],
        "statutory_days": 20,
        "promised_days": 10,
        "result": "办理结果通知书",
        "place": "政务服务中心一楼",
        "phone": "0735-1234567",
        "legal_basis": ["《测试条例》"],
        "fields": list(APPLICANT_FIELDS),
    }
    data.update(overrides)
    return data


def bundle_dict(code: str, matters=None, mode: str = "parallel", **overrides) -> dict:
    data = {"code": code, "name": f"测试一件事{code}", "department": "测试局", "mode": mode}
    if mode == "staged":
        data["stages"] = matters
    else:
        data["matters"] = matters
    data.update(overrides)
    return data


def write_catalog(folder: Path, files: dict[str, dict | str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# -- the bundled sample ---------------------------------------------------------------------


def test_sample_catalog_meets_the_issue_minimums():
    catalog = Catalog.load_dir(SAMPLE_DIR)
    personal = [m for m in catalog.matters.values() if "个人" in m.audience]
    assert len(personal) >= 25
    assert len({m.department for m in personal}) >= 8
    assert len(catalog.bundles) >= 6
    names = {b.name for b in catalog.bundles.values()}
    assert {"出生一件事", "退休一件事", "身后一件事", "残疾人证办理一件事", "老年人优待证一件事",
            "就业创业一件事"} <= names
    assert {b.mode for b in catalog.bundles.values()} == {"parallel", "sequential", "staged"}


def test_every_sample_file_is_an_object_with_matters_or_bundles():
    # central/ serves these files concatenated; it relies on exactly this shape.
    for path in sorted(SAMPLE_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict) and set(data) <= {"matters", "bundles"}, path.name


def test_queries_the_ui_makes():
    catalog = Catalog.load_dir(SAMPLE_DIR)
    assert "公安局（户政）" in catalog.departments()
    assert {"出生", "退休", "身后", "残疾", "养老", "住房", "医疗", "就业"} <= set(catalog.life_events())
    police = catalog.by_department("公安局（户政）")
    assert police and all(e.department == "公安局（户政）" for e in police)
    birth = catalog.by_life_event("出生")
    assert catalog.get("YJS001") in birth and catalog.get("GA001") in birth
    assert isinstance(catalog.get("GA001"), Matter) and isinstance(catalog.get("YJS001"), Bundle)
    with pytest.raises(KeyError):
        catalog.get("NOPE")


def test_from_payload_takes_the_platform_shape_and_version():
    catalog = Catalog.load_dir(SAMPLE_DIR)
    payload = {"version": "etag-123", "matters": [m.model_dump(mode="json") for m in catalog.matters.values()],
               "bundles": [b.model_dump(mode="json") for b in catalog.bundles.values()]}
    again = Catalog.from_payload(payload)
    assert again.source == "platform" and again.version == "etag-123"
    assert set(again.matters) == set(catalog.matters) and set(again.bundles) == set(catalog.bundles)
    assert again.merged("YJS003").time_limit_days == catalog.merged("YJS003").time_limit_days


def test_version_changes_with_content(tmp_path):
    first = Catalog.load_dir(write_catalog(tmp_path / "a", {"x.json": {"matters": [matter_dict("T1")]}}))
    second = Catalog.load_dir(write_catalog(tmp_path / "b", {"x.json": {"matters": [
        matter_dict("T1", promised_days=5)]}}))
    assert first.version != second.version and len(first.version) == 64


# -- offline cache fallback -----------------------------------------------------------------


def test_valid_cache_is_preferred_to_the_bundled_sample(tmp_path):
    cached = {"version": "v9", "matters": [matter_dict("CACHED1")]}
    catalog = load_with_fallback(cached, SAMPLE_DIR)
    assert catalog.source == "cache" and set(catalog.matters) == {"CACHED1"}


def test_broken_cache_falls_back_to_the_bundled_sample_and_logs(caplog):
    cached = {"matters": [matter_dict("BAD", promised_days=99)]}
    catalog = load_with_fallback(cached, SAMPLE_DIR)
    assert catalog.source == str(SAMPLE_DIR) and "GA001" in catalog.matters
    assert "cached catalog rejected" in caplog.text and "entry BAD" in caplog.text


def test_no_cache_uses_the_bundled_sample():
    assert "YJS001" in load_with_fallback(None, SAMPLE_DIR).bundles


# -- error messages -------------------------------------------------------------------------


def _error(tmp_path, files) -> str:
    with pytest.raises(CatalogError) as info:
        Catalog.load_dir(write_catalog(tmp_path / "cat", files))
    return str(info.value)


def test_bad_field_names_file_entry_and_field(tmp_path):
    bad = matter_dict("GA777", materials=[{"name": "居民户口簿", "originals": 1, "copies": -1}])
    message = _error(tmp_path, {"gongan.json": {"matters": [bad]}})
    assert "gongan.json" in message and "entry GA777" in message
    assert "field materials[0] (居民户口簿).copies" in message and "greater than or equal to 0" in message


def test_missing_field_is_named(tmp_path):
    bad = matter_dict("T1")
    del bad["place"]
    message = _error(tmp_path, {"a.json": {"matters": [bad]}})
    assert "a.json: entry T1: field place: Field required" in message


def test_entry_without_code_is_named_by_position(tmp_path):
    bad = matter_dict("T1")
    del bad["code"]
    message = _error(tmp_path, {"a.json": {"matters": [matter_dict("T0"), bad]}})
    assert "entry matters[1]: field code" in message


def test_promised_longer_than_statutory_is_refused(tmp_path):
    message = _error(tmp_path, {"a.json": {"matters": [matter_dict("T1", statutory_days=5, promised_days=8)]}})
    assert "entry T1" in message and "promised_days 8 exceeds statutory_days 5" in message


def test_personal_matter_needs_applicant_fields(tmp_path):
    fields = [{"key": "applicant_name", "label": "姓名", "prefill": "name"}]
    message = _error(tmp_path, {"a.json": {"matters": [matter_dict("T1", fields=fields)]}})
    assert "missing: id_number, phone" in message


def test_choice_field_needs_options(tmp_path):
    fields = [*APPLICANT_FIELDS, {"key": "sex", "label": "性别", "type": "choice"}]
    message = _error(tmp_path, {"a.json": {"matters": [matter_dict("T1", fields=fields)]}})
    assert "field fields[3] (sex)" in message and "at least two options" in message


def test_bad_regex_is_refused(tmp_path):
    fields = [*APPLICANT_FIELDS, {"key": "no", "label": "编号", "validation": {"regex": "[0-9"}}]
    message = _error(tmp_path, {"a.json": {"matters": [matter_dict("T1", fields=fields)]}})
    assert "fields[3] (no).validation.regex" in message and "not a valid regular expression" in message


def test_invalid_json_names_line_and_column(tmp_path):
    message = _error(tmp_path, {"broken.json": '{"matters": [\n  {"code": "T1",}\n]}'})
    assert "broken.json: not valid JSON: line 2" in message


def test_duplicate_code_across_files_names_both(tmp_path):
    message = _error(tmp_path, {"a.json": {"matters": [matter_dict("T1")]},
                                "b.json": {"matters": [matter_dict("T1")]}})
    assert "b.json: entry T1: code already used in" in message and "a.json" in message


def test_bundle_with_unknown_matter(tmp_path):
    message = _error(tmp_path, {"a.json": {"matters": [matter_dict("T1")]},
                                "bundles.json": {"bundles": [bundle_dict("B1", ["T1", "T9"])]}})
    assert "bundles.json: entry B1: field matters: 'T9' is unknown" in message


def test_bundle_mode_must_match_its_shape(tmp_path):
    bad = bundle_dict("B1", ["T1", "T2"], mode="sequential", stages=[["T1"], ["T2"]])
    message = _error(tmp_path, {"a.json": {"matters": [matter_dict("T1"), matter_dict("T2")],
                                           "bundles": [bad]}})
    assert "entry B1" in message and 'lists its matters in "matters", not "stages"' in message


def test_unknown_top_level_key(tmp_path):
    message = _error(tmp_path, {"a.json": {"matter": []}})
    assert "a.json: unknown top-level key 'matter'" in message


def test_unknown_entry_key_is_refused(tmp_path):
    message = _error(tmp_path, {"a.json": {"matters": [matter_dict("T1", promise_days=3)]}})
    assert "entry T1: field promise_days: Extra inputs are not permitted" in message


def test_empty_or_missing_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(CatalogError, match="no \\*.json catalog files"):
        Catalog.load_dir(tmp_path / "empty")
    with pytest.raises(CatalogError, match="catalog folder not found"):
        Catalog.load_dir(tmp_path / "absent")
