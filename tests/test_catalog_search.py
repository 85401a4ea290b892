"""Search by Chinese keywords, full pinyin and pinyin initials, in rank order."""

from __future__ import annotations

import pytest
from test_catalog_loader import SAMPLE_DIR, bundle_dict, matter_dict, write_catalog

from kiosk.catalog import Catalog


@pytest.fixture(scope="module")
def sample() -> Catalog:
    return Catalog.load_dir(SAMPLE_DIR)


def _codes(results):
    return [entry.code for entry in results]


@pytest.mark.parametrize("query", ["社保卡", "shebaoka", "sbk", "SBK", " sbk "])
def test_social_security_card_by_chinese_pinyin_and_initials(sample, query):
    assert _codes(sample.search(query))[0] == "RS001"


@pytest.mark.parametrize(("query", "expected_first"), [
    ("退休", "YJS002"),            # the bundle's name starts with the word
    ("tuixiuyijianshi", "YJS002"),
    ("txyjs", "YJS002"),
    ("低保", "MZ001"),
    ("dibao", "MZ001"),
    ("公积金继承", "GJJ002"),
    ("残疾人证新办", "CL001"),     # exact name beats the bundle that contains it
    ("sfz", "GA002"),              # 身份证 keyword
])
def test_rank_order(sample, query, expected_first):
    assert _codes(sample.search(query))[0] == expected_first


def test_bundle_found_by_the_names_of_its_matters(sample):
    assert "YJS003" in _codes(sample.search("燃气过户"))


def test_several_words_must_all_match(sample):
    results = _codes(sample.search("退休 公积金"))
    assert results[0] == "GJJ001" and "YB002" not in results


def test_limit_and_empty_queries(sample):
    assert len(sample.search("申请", limit=3)) == 3
    assert sample.search("") == [] and sample.search("   ") == []
    assert sample.search("zzzzqqq") == []


def test_name_match_outranks_material_match(tmp_path):
    matters = [
        matter_dict("M1", name="结婚登记", materials=[{"name": "户口簿", "originals": 1}]),
        matter_dict("M2", name="户口迁移", materials=[{"name": "居民身份证", "originals": 1}]),
    ]
    catalog = Catalog.load_dir(write_catalog(tmp_path / "c", {"a.json": {"matters": matters}}))
    assert _codes(catalog.search("户口")) == ["M2", "M1"]
    assert _codes(catalog.search("hukou")) == ["M2", "M1"]


def test_polyphonic_characters_use_word_readings(tmp_path):
    # 长者 reads zhangzhe (not changzhe), 银行 yinhang (not yinxing): pypinyin's phrase table.
    matters = [matter_dict("M1", name="长者银行卡补办", keywords=["重阳节"])]
    catalog = Catalog.load_dir(write_catalog(tmp_path / "c", {"a.json": {"matters": matters}}))
    assert _codes(catalog.search("zhangzhe")) == ["M1"]
    assert _codes(catalog.search("yinhang")) == ["M1"]
    assert _codes(catalog.search("cyj")) == ["M1"]


def test_bundles_and_matters_both_returned(tmp_path):
    files = {"a.json": {"matters": [matter_dict("M1", name="出生登记", life_events=["出生"]),
                                    matter_dict("M2", name="预防接种证办理")],
                        "bundles": [bundle_dict("B1", ["M1", "M2"], name="出生一件事", life_events=["出生"])]}}
    catalog = Catalog.load_dir(write_catalog(tmp_path / "c", files))
    assert _codes(catalog.search("出生")) == ["B1", "M1"]
    assert _codes(catalog.search("csyjs")) == ["B1"]
