from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.printer.layout import (
    PAPER_58,
    PAPER_80,
    Layout,
    display_width,
    key_value_rows,
    paper_for,
    two_columns,
    wrap,
)
from drivers.printer.templates import mask_id_number, mask_name


def test_paper_geometry():
    assert (PAPER_58.columns, PAPER_58.dots) == (32, 384)
    assert (PAPER_80.columns, PAPER_80.dots) == (48, 576)
    assert paper_for(58) is PAPER_58
    with pytest.raises(ValueError, match="76"):
        paper_for(76)


@pytest.mark.parametrize("text, width", [
    ("abc", 3), ("政务", 4), ("A区12号", 7), ("（）", 4), ("“”", 4), ("￥12", 4), ("e\u0301", 1),
])
def test_display_width_counts_wide_characters_twice(text, width):
    assert display_width(text) == width


def test_wrap_chinese_by_columns_and_keeps_punctuation_off_line_start():
    lines = wrap("我们今天去了北京，然后又到了上海。", 16)
    assert all(display_width(line) <= 16 for line in lines)
    assert not any(line.startswith(("，", "。")) for line in lines)
    assert "".join(lines) == "我们今天去了北京，然后又到了上海。"


def test_wrap_keeps_short_ascii_words_whole():
    assert wrap("Hello world this is long", 12) == ["Hello world", "this is long"]


@given(st.text(alphabet=st.sampled_from(list("政务服务中心ab c，。、123（）䶮")), max_size=80),
       st.integers(min_value=4, max_value=48))
def test_wrap_never_exceeds_columns_and_loses_nothing(text, columns):
    lines = wrap(text, columns)
    assert all(display_width(line) <= columns for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_key_value_rows_indent_continuations_under_the_value():
    rows = key_value_rows("办理事项", "城乡居民基本医疗保险参保登记和社会保障卡申领", 32)
    assert rows[0].startswith("办理事项：城乡")
    assert all(r.startswith(" " * 10) for r in rows[1:])
    assert all(display_width(r) <= 32 for r in rows)


def test_key_value_value_that_fits_its_own_line_is_not_broken():
    rows = key_value_rows("回执编号", "330106-K07-20240506-0042-X", 32)
    assert rows == ["回执编号：", "  330106-K07-20240506-0042-X"]


def test_two_columns_flush_right():
    (row,) = two_columns("合计", "￥12", 32)
    assert display_width(row) == 32 and row.endswith("￥12")


def test_title_is_centred_double_size_and_wrapped_to_half_the_columns():
    lay = Layout(PAPER_58).title("政务服务二十四小时自助终端受理回执")
    assert all(b.align == "center" and b.width_mul == 2 for b in lay.doc.blocks)
    assert all(display_width(b.text) <= 16 for b in lay.doc.blocks)
    assert [b.text for b in lay.doc.blocks] == ["政务服务二十四小", "时自助终端受理回", "执"]


@pytest.mark.parametrize("name, masked", [
    ("张三", "张*"), ("张三丰", "张*丰"), ("欧阳娜娜", "欧**娜"), ("李", "*"),
    ("买买提·艾力", "买**·*力"), ("𠮷野家", "𠮷*家"),
])
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_mask_id_number_shows_at_most_first_6_and_last_4():
    assert mask_id_number("11010119900307123X") == "110101********123X"
    short = mask_id_number("E12345678")  # passport-length numbers keep even less
    assert short.count("*") >= 5 and short[:1] == "E"
