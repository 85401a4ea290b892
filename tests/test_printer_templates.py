"""Every template's bytes parse back (with the virtual printer's parser) to the expected lines."""

from __future__ import annotations

import pytest
import zxingcpp

from drivers.printer import templates
from drivers.printer.layout import display_width, paper_for
from drivers.printer.parser import PrintedImage, PrintedText, parse
from drivers.printer.render import render_png, render_text
from tests.printer_helpers import NOTICE, TICKET, compact, receipt

MODES = [(w, native) for w in (58, 80) for native in (True, False)]


def parsed(template, data, width=80, native=True, profile="TM-T88V"):
    payload = templates.render(template, data, width, profile, native)
    paper = paper_for(width)
    jobs = parse(payload, paper.columns, paper.dots)
    assert len(jobs) == 1
    job = jobs[0]
    assert job.unknown == [] and job.errors == []
    return payload, job, paper


@pytest.mark.parametrize("width, native", MODES)
def test_receipt_lines(width, native):
    payload, job, paper = parsed("receipt", receipt(), width, native)
    text = compact(job.text_lines)
    for expected in ["西湖区文新街道便民服务中心", "受理回执", "回执编号：330106-K07-20240506-0042-X",
                     "终端编号：K07", "一件事：新生儿出生一件事", "包含事项（3项）", "·出生医学证明办理",
                     "·户口登记", "·社会保障卡申领", "申请人：张*丰", "证件号码：110101********1234",
                     "提交时间：2024-05-0614:30", "承诺办结：2024-05-13（5个工作日）",
                     "已收材料（2项）", "·父母双方居民身份证", "·结婚证", "容缺后补材料（1项）",
                     "·户口簿原件", "结果领取：免费邮寄到家", "上传状态：已提交，待上传",
                     "扫码或凭回执编号查询办理进度", "12345"]:
        assert expected in text, expected
    # Personal data only masked, in the text and in the raw bytes.
    assert "110101199003071234" not in text and b"110101199003071234" not in payload
    assert "张三丰" not in text
    assert job.cut
    # Layout stayed within the paper.
    for e in job.elements:
        if isinstance(e, PrintedText):
            assert display_width(e.text) * e.width_mul <= paper.columns, e.text


@pytest.mark.parametrize("width, native", MODES)
def test_receipt_qr_in_rendered_png_decodes_to_the_receipt_number(width, native):
    _, job, paper = parsed("receipt", receipt(), width, native)
    assert bool(job.qr_codes) is native  # image fallback: a raster, not a native code
    png = render_png(job, paper)
    assert png.width == paper.dots
    codes = [r.text for r in zxingcpp.read_barcodes(png)]
    assert codes == ["330106-K07-20240506-0042-X"]


def test_receipt_qr_can_carry_a_query_url():
    data = receipt(query_url="https://zwfw.example.gov.cn/q?no={receipt_no}")
    _, job, paper = parsed("receipt", data)
    assert job.qr_codes[0].content == "https://zwfw.example.gov.cn/q?no=330106-K07-20240506-0042-X"


@pytest.mark.parametrize("native", [True, False])
def test_rare_glyph_name_comes_out_as_an_image_line(native):
    _, job, paper = parsed("receipt", receipt(applicant_name="𠮷野家"), 58, native)
    text = compact(job.text_lines)
    assert "申请人" not in text  # the whole line went out as an image
    assert "证件号码：" in text
    images = [e for e in job.elements if isinstance(e, PrintedImage)]
    assert any(img.image.width == paper.dots and img.image.height <= 40 for img in images)


def test_receipt_uploaded_and_window_pickup():
    _, job, _ = parsed("receipt", receipt(sync_status="uploaded", delivery="window",
                                          materials_owed=[], kind="matter", matters=[]))
    text = compact(job.text_lines)
    assert "上传状态：已上传" in text and "结果领取：窗口领取" in text
    assert "容缺" not in text and "办理事项：" in text


@pytest.mark.parametrize("width", [58, 80])
def test_notice_lines(width):
    _, job, _ = parsed("notice", NOTICE, width)
    text = compact(job.text_lines)
    for expected in ["一次性告知单", "办理事项：城乡居民基本医疗保险参保登记", "受理条件", "本市户籍城乡居民",
                     "申请材料（共2项）", "1.居民身份证", "原件1份，复印件2份，必需，已有电子证照可免交",
                     "2.居住证", "非必需，可容缺后补", "法定时限：20个工作日", "承诺时限：1个工作日",
                     "收费标准：不收费", "办理地点：一楼社保窗口", "咨询电话：0571-12345678"]:
        assert expected in text, expected


def test_notice_fee_amount_uses_full_width_yuan_sign():
    payload, job, _ = parsed("notice", {**NOTICE, "fees": 12.5})
    assert "收费标准：￥12.5元" in compact(job.text_lines)


@pytest.mark.parametrize("width", [58, 80])
def test_ticket_lines(width):
    _, job, paper = parsed("ticket", TICKET, width)
    number = [e for e in job.elements if isinstance(e, PrintedText) and e.text == "A012"]
    assert number and number[0].width_mul >= 3 and number[0].align == "center"
    text = compact(job.text_lines)
    assert "社保医保综合窗口" in text and "您前面还有3人等候" in text
    assert "取号时间：2024-05-0609:15" in text
    _, job, _ = parsed("ticket", {**TICKET, "people_ahead": None}, width)
    assert "等候人数暂不可知" in compact(job.text_lines)


def test_rendered_text_file_centres_titles():
    _, job, paper = parsed("ticket", TICKET, 58)
    lines = render_text(job, paper.columns).splitlines()
    title = next(line for line in lines if "排队取号" in line)
    assert title.startswith(" ")


@pytest.mark.parametrize("template, data, message", [
    ("receipt", {k: v for k, v in receipt().items() if k != "receipt_no"}, "'receipt_no'"),
    ("receipt", receipt(submitted_at="yesterday"), "'submitted_at'"),
    ("receipt", receipt(promised_date="2024/05/13"), "'promised_date'"),
    ("receipt", receipt(sync_status="maybe"), "'sync_status'"),
    ("receipt", receipt(materials_received="身份证"), "'materials_received'"),
    ("receipt", receipt(materials_owed=[{"count": 1}]), "materials_owed[0]"),
    ("notice", {**NOTICE, "materials": []}, "'materials'"),
    ("notice", {**NOTICE, "materials": [{"name": "x", "copies": -1}]}, "materials[0].copies"),
    ("ticket", {**TICKET, "people_ahead": "3"}, "'people_ahead'"),
    ("ticket", [], "JSON object"),
    ("invoice", {}, "unknown template"),
])
def test_bad_data_names_the_field(template, data, message):
    with pytest.raises(templates.TemplateDataError, match=message.replace("[", r"\[")):
        templates.render(template, data)


def test_test_page_has_chinese_rare_glyph_image_and_qr():
    _, job, paper = parsed("test", {"profile": "TM-T88V"}, 58)
    assert "打印机测试页" in compact(job.text_lines)
    assert job.images and job.qr_codes
