"""Bundle merge (一表申请, 一套材料) and the bundle time limit, with worked examples."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_catalog_loader import APPLICANT_FIELDS, SAMPLE_DIR, bundle_dict, matter_dict, write_catalog

from kiosk.catalog import Catalog, CatalogError, WorkCalendar, bundle_time_limit, compress_sequential


def _catalog(tmp_path, matters, bundles) -> Catalog:
    return Catalog.load_dir(write_catalog(tmp_path / "cat", {"all.json": {"matters": matters, "bundles": bundles}}))


def _field(key, label, **extra):
    return {"key": key, "label": label, **extra}


# -- time limits ----------------------------------------------------------------------------


@pytest.mark.parametrize(("statutory_sum", "expected"), [(0, 0), (1, 1), (10, 3), (11, 4), (20, 6), (65, 20),
                                                         (100, 30)])
def test_sequential_compression_worked_examples(statutory_sum, expected):
    assert compress_sequential(statutory_sum) == expected


@given(st.integers(min_value=0, max_value=5000))
def test_sequential_compression_is_30_percent_rounded_up(statutory_sum):
    days = compress_sequential(statutory_sum)
    assert days * 100 >= 30 * statutory_sum  # not below 30 % (rounded up) …
    assert (days - 1) * 100 < 30 * statutory_sum or days == 0  # … and the smallest such integer


def test_bundle_time_limit_by_mode():
    a, b, c = (20, 10), (15, 12), (30, 5)  # (statutory, promised)
    assert bundle_time_limit([[a, b, c]]) == 12  # parallel: the longest single (promised) limit
    assert bundle_time_limit([[a], [b], [c]]) == 20  # sequential: ceil(0.3 × 65)
    assert bundle_time_limit([[a, b], [c]]) == 15  # staged: ceil(0.3 × (max(20, 15) + 30))
    with pytest.raises(ValueError):
        bundle_time_limit([[a], []])


def test_merged_bundle_limits_and_promised_date(tmp_path):
    matters = [matter_dict("A", statutory_days=20, promised_days=10),
               matter_dict("B", statutory_days=15, promised_days=12),
               matter_dict("C", statutory_days=30, promised_days=5)]
    catalog = _catalog(tmp_path, matters, [
        bundle_dict("PAR", ["A", "B", "C"]),
        bundle_dict("SEQ", ["A", "B", "C"], mode="sequential"),
        bundle_dict("STG", [["A", "B"], ["C"]], mode="staged"),
    ])
    par, seq, stg = catalog.merged("PAR"), catalog.merged("SEQ"), catalog.merged("STG")
    assert (par.time_limit_days, seq.time_limit_days, stg.time_limit_days) == (12, 20, 15)
    assert par.statutory_days_sum == seq.statutory_days_sum == 65
    assert (par.mode, seq.mode, stg.mode) == ("parallel", "sequential", "staged")
    assert stg.stages == [["A", "B"], ["C"]] and seq.stages == [["A"], ["B"], ["C"]]
    # Accepted Friday 2025-09-26 during the National Day week (holidays 10-01…10-08; 调休
    # working days Sunday 09-28 and Saturday 10-11): 12 working days later is Monday 10-20.
    calendar = WorkCalendar(holidays=[date(2025, 10, d) for d in range(1, 9)],
                            workdays=[date(2025, 9, 28), date(2025, 10, 11)])
    assert par.promised_date(date(2025, 9, 26), calendar) == date(2025, 10, 20)
    single = catalog.merged("A")
    assert single.kind == "matter" and single.mode is None and single.time_limit_days == 10


# -- one form -------------------------------------------------------------------------------


def test_fields_merge_by_key_once_required_if_any(tmp_path):
    a = matter_dict("A", fields=[*APPLICANT_FIELDS, _field("baby_name", "新生儿姓名", required=False),
                                 _field("only_a", "甲字段")])
    b = matter_dict("B", fields=[*APPLICANT_FIELDS, _field("only_b", "乙字段"),
                                 _field("baby_name", "新生儿姓名")])
    merged = _catalog(tmp_path, [a, b], [bundle_dict("X", ["A", "B"])]).merged("X")
    keys = [f.key for f in merged.fields]
    assert keys == ["applicant_name", "applicant_id_number", "applicant_phone", "baby_name", "only_a", "only_b"]
    assert next(f for f in merged.fields if f.key == "baby_name").required is True


def test_same_key_with_different_type_is_a_catalog_error(tmp_path):
    a = matter_dict("A", fields=[*APPLICANT_FIELDS, _field("when", "日期", type="date")])
    b = matter_dict("B", fields=[*APPLICANT_FIELDS, _field("when", "日期")])
    with pytest.raises(CatalogError) as info:
        _catalog(tmp_path, [a, b], [bundle_dict("X", ["A", "B"])])
    message = str(info.value)
    assert "all.json: bundle X: field 'when' has a different type in A ('date') and B ('text')" in message


# -- one material list ----------------------------------------------------------------------


def _material(name, originals=1, copies=0, **extra):
    return {"name": name, "originals": originals, "copies": copies, **extra}


def test_materials_merge_without_repeats(tmp_path):
    a = matter_dict("A", materials=[
        _material("居民身份证", 1, 0, reusable=True, formats=["纸质", "电子证照"]),
        _material("居民户口簿", 1, 1, required=False),
        _material("结婚证", 1, 0, deferrable=True),
        _material("病历", 0, 1, deferrable=True, formats=["纸质", "pdf", "jpg"]),
    ])
    b = matter_dict("B", materials=[
        _material("居民身份证", 1, 2, formats=["纸质"]),
        _material("居民户口簿", 2, 0),
        _material("结婚证", 0, 1),
        _material("病历", 1, 0, required=False, formats=["pdf", "纸质"]),
    ])
    merged = _catalog(tmp_path, [a, b], [bundle_dict("X", ["A", "B"])]).merged("X")
    by_name = {m.name: m for m in merged.materials}
    assert list(by_name) == ["居民身份证", "居民户口簿", "结婚证", "病历"]
    card = by_name["居民身份证"]
    assert (card.originals, card.copies, card.reusable, card.formats) == (1, 2, True, ("纸质",))
    assert card.for_matters == ("A", "B")
    booklet = by_name["居民户口簿"]
    assert (booklet.originals, booklet.copies, booklet.required) == (2, 1, True)
    # 容缺 only where every matter that requires the material allows it:
    assert by_name["结婚证"].deferrable is False
    # … here only A requires it (B lists it as optional), and A allows 容缺:
    assert by_name["病历"].deferrable is True and by_name["病历"].formats == ("纸质", "pdf")


def test_materials_with_no_common_format_are_a_catalog_error(tmp_path):
    a = matter_dict("A", materials=[_material("照片", 0, 1, formats=["纸质"])])
    b = matter_dict("B", materials=[_material("照片", 0, 1, formats=["jpg"])])
    with pytest.raises(CatalogError, match="bundle X: material '照片': its matters accept no common format"):
        _catalog(tmp_path, [a, b], [bundle_dict("X", ["A", "B"])])


def test_what_an_earlier_stage_produces_is_not_asked_again(tmp_path):
    first = matter_dict("FIRST", produces_materials=["出生医学证明"], produces_fields=["birth_cert_no"])
    later = matter_dict("LATER", materials=[_material("出生医学证明", 1, 1), _material("居民身份证")],
                        fields=[*APPLICANT_FIELDS, _field("birth_cert_no", "出生医学证明编号")])
    catalog = _catalog(tmp_path, [first, later], [
        bundle_dict("STG", [["FIRST"], ["LATER"]], mode="staged"),
        bundle_dict("PAR", ["FIRST", "LATER"]),
    ])
    staged = catalog.merged("STG")
    assert "出生医学证明" not in [m.name for m in staged.materials]
    assert "birth_cert_no" not in [f.key for f in staged.fields]
    parallel = catalog.merged("PAR")  # same stage: nothing produced yet, so still asked for
    assert "出生医学证明" in [m.name for m in parallel.materials]
    assert "birth_cert_no" in [f.key for f in parallel.fields]


# -- the sample bundles ---------------------------------------------------------------------


def test_birth_bundle_from_the_sample():
    catalog = Catalog.load_dir(SAMPLE_DIR)
    merged = catalog.merged("YJS001")
    keys = [f.key for f in merged.fields]
    assert len(keys) == len(set(keys)) and keys[:3] == ["applicant_name", "applicant_id_number", "applicant_phone"]
    assert {"baby_name", "baby_sex", "baby_birth_date"} <= set(keys)
    names = [m.name for m in merged.materials]
    assert len(names) == len(set(names)) and "出生医学证明" not in names  # issued in stage 1
    # stages: max(5, 5) + max(20, 5) + max(15, 20) = 45 statutory days → ceil(13.5) = 14
    assert merged.time_limit_days == 14
    assert len(merged.steps) == 6 and merged.audience == ["个人"]


def test_every_sample_bundle_merges_with_distinct_fields_and_materials():
    catalog = Catalog.load_dir(SAMPLE_DIR)
    for code in catalog.bundles:
        merged = catalog.merged(code)
        keys = [f.key for f in merged.fields]
        names = [m.name for m in merged.materials]
        assert len(keys) == len(set(keys)) and len(names) == len(set(names)), code
        assert merged.time_limit_days > 0, code


def test_notice_data_has_the_printer_template_shape():
    merged = Catalog.load_dir(SAMPLE_DIR).merged("YJS002")
    notice = merged.notice_data("郴州市北湖区政务服务中心")
    assert set(notice) == {"title", "kind", "matters", "conditions", "materials", "time_limit_days",
                           "promised_days", "fees", "place", "phone", "site_name"}
    assert notice["title"] == "退休一件事" and notice["kind"] == "bundle"
    assert notice["matters"][0] == "职工基本养老保险待遇申领（退休）"
    assert set(notice["materials"][0]) == {"name", "originals", "copies", "required", "deferrable", "reusable"}
    assert notice["promised_days"] == 12  # stages 20 + max(20, 3) = 40 → 12
    assert "退休审批表或养老金核定表" not in [m["name"] for m in notice["materials"]]  # produced by stage 1
