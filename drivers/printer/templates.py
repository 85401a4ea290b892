"""Printed documents: submission receipt (受理回执), one-time notice (一次性告知单), queue ticket.

Data in (plain dicts, e.g. from JSON), `Document` or bytes out. The JSON fields:

receipt — submission receipt (受理回执)
  receipt_no           str   required  local receipt number; also the QR content
  site_name            str   required  service site (受理地点)
  terminal_id          str   required  terminal / device code
  title                str   required  matter or bundle name
  kind                 str   optional  "matter" (default) | "bundle" (一件事)
  matters              [str] optional  matters inside a bundle
  applicant_name       str   required  full name; printed masked (张三丰 → 张*丰)
  applicant_id_number  str   required  full number; printed masked (first 6 and last 4)
  submitted_at         str   required  ISO 8601 date-time, printed as YYYY-MM-DD HH:MM
  promised_date        str   required  YYYY-MM-DD promised completion date
  promised_days        int   optional  promised working days, printed after the date
  materials_received   [str | {name, ...}] optional
  materials_owed       [str | {name, ...}] optional  容缺 materials still to be supplied
  delivery             str   optional  "window" (default) | "mail" | any text to print as is
  sync_status          str   required  "pending" (已提交，待上传) | "uploaded" (已上传)
  query_url            str   optional  QR content template, "{receipt_no}" is replaced;
                                       default: the receipt number alone
  hotline              str   optional  default "12345"
  assisted_by          str   optional  staff number of the helper (帮办员), printed as is

notice — one-time notice (一次性告知单) of a matter or bundle
  title str, kind "matter"|"bundle", matters [str], conditions [str],
  materials [{name, originals:int, copies:int, required:bool, deferrable:bool, reusable:bool}],
  time_limit_days int (statutory), promised_days int, fees str|number (0 → 不收费),
  place str, phone str, site_name str; optional printed_at (ISO 8601).
  Required: title, materials, site_name; the rest may be omitted or null.

ticket — queue ticket (排队取号)
  site_name str, category_name str, number str (e.g. "A012"), issued_at ISO 8601,
  people_ahead int | null (null: not known). All but people_ahead are required.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from drivers.printer.encoder import EscPosEncoder
from drivers.printer.layout import Document, Layout, Paper, paper_for


class TemplateDataError(ValueError):
    """The data given to a template is missing a field or has a field of the wrong kind."""


TEMPLATES = ("receipt", "notice", "ticket", "test")

SYNC_STATUS = {"pending": "已提交，待上传", "uploaded": "已上传"}
DELIVERY = {"window": "窗口领取", "mail": "免费邮寄到家"}


# --- masking -------------------------------------------------------------------------------


def mask_name(name: str) -> str:
    """张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜; the middle dot of a transliterated name stays."""
    chars = list(str(name).strip())
    if len(chars) <= 1:
        return "*" * len(chars)
    if len(chars) == 2:
        return chars[0] + "*"
    middle = ["·" if c in "·•." else "*" for c in chars[1:-1]]
    return chars[0] + "".join(middle) + chars[-1]


def mask_id_number(number: str) -> str:
    """Show at most the first 6 and last 4 characters (fewer for short numbers)."""
    s = str(number).strip()
    # 18-digit resident numbers: 6 + 4; shorter document numbers reveal a quarter at each end.
    front, back = (6, 4) if len(s) >= 15 else (len(s) // 4, len(s) // 4)
    return s[:front] + "*" * (len(s) - front - back) + s[len(s) - back:] if s else ""


# --- data access with clear errors ---------------------------------------------------------


class _Data:
    def __init__(self, template: str, data: Any) -> None:
        if not isinstance(data, dict):
            raise TemplateDataError(f"{template}: data must be a JSON object, got "
                                    f"{type(data).__name__}")
        self.t = template
        self.d = data

    def str(self, key: str, default: str | None = None) -> str:
        value = self.d.get(key)
        if value is None or value == "":
            if default is None:
                raise TemplateDataError(f"{self.t}: missing required field {key!r}")
            return default
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise TemplateDataError(f"{self.t}: field {key!r} must be text, got "
                                    f"{type(value).__name__}")
        return str(value)

    def opt_int(self, key: str) -> int | None:
        value = self.d.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise TemplateDataError(f"{self.t}: field {key!r} must be a whole number or null")
        return value

    def names(self, key: str) -> list[str]:
        value = self.d.get(key) or []
        if not isinstance(value, list):
            raise TemplateDataError(f"{self.t}: field {key!r} must be a list")
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict) and item.get("name"):
                out.append(str(item["name"]))
            elif isinstance(item, str) and item:
                out.append(item)
            else:
                raise TemplateDataError(f"{self.t}: {key}[{i}] must be text or an object "
                                        "with a 'name'")
        return out

    def datetime(self, key: str) -> str:
        raw = self.str(key)
        try:
            return datetime.fromisoformat(raw).strftime("%Y-%m-%d %H:%M")
        except ValueError as exc:
            raise TemplateDataError(f"{self.t}: field {key!r} is not an ISO 8601 date-time: "
                                    f"{raw!r}") from exc

    def date(self, key: str) -> str:
        raw = self.str(key)
        try:
            return date.fromisoformat(raw).isoformat()
        except ValueError as exc:
            raise TemplateDataError(f"{self.t}: field {key!r} is not a date YYYY-MM-DD: "
                                    f"{raw!r}") from exc


# --- templates -----------------------------------------------------------------------------


def receipt_qr_content(data: dict) -> str:
    receipt_no = str(data.get("receipt_no", ""))
    url = data.get("query_url")
    return str(url).replace("{receipt_no}", receipt_no) if url else receipt_no


def receipt(data: dict, paper: Paper) -> Document:
    d = _Data("receipt", data)
    receipt_no = d.str("receipt_no")
    sync_raw = d.str("sync_status")
    sync = SYNC_STATUS.get(sync_raw, sync_raw if sync_raw in SYNC_STATUS.values() else None)
    if sync is None:
        raise TemplateDataError(f"receipt: field 'sync_status' must be one of "
                                f"{', '.join(SYNC_STATUS)}, got {sync_raw!r}")
    delivery = d.str("delivery", "window")
    promised = d.date("promised_date")
    days = d.opt_int("promised_days")
    bundle = d.str("kind", "matter") == "bundle"

    lay = Layout(paper)
    lay.centered(d.str("site_name"))
    lay.title("受理回执")
    lay.rule("=")
    lay.kv("回执编号", receipt_no)
    lay.kv("终端编号", d.str("terminal_id"))
    lay.rule()
    lay.kv("一件事" if bundle else "办理事项", d.str("title"))
    matters = d.names("matters")
    if matters:
        lay.text(f"包含事项（{len(matters)}项）：")
        lay.bullets(matters)
    lay.kv("申请人", mask_name(d.str("applicant_name")))
    lay.kv("证件号码", mask_id_number(d.str("applicant_id_number")))
    if d.d.get("assisted_by"):
        lay.kv("帮办人员", d.str("assisted_by"))
    lay.kv("提交时间", d.datetime("submitted_at"))
    lay.kv("承诺办结", promised + (f"（{days}个工作日）" if days is not None else ""))
    lay.rule()
    received = d.names("materials_received")
    lay.text(f"已收材料（{len(received)}项）：")
    lay.bullets(received or ["无"])
    owed = d.names("materials_owed")
    if owed:
        lay.text(f"容缺后补材料（{len(owed)}项）：")
        lay.bullets(owed)
        lay.text("请在办结前补交以上材料，逾期可能影响办理。")
    lay.rule()
    lay.kv("结果领取", DELIVERY.get(delivery, delivery))
    lay.kv("上传状态", sync)
    lay.rule()
    lay.qr(receipt_qr_content(data))
    lay.centered("扫码或凭回执编号查询办理进度", bold=True)
    lay.centered("或在本终端刷身份证查询进度")
    lay.centered(f"咨询投诉热线：{d.str('hotline', '12345')}")
    lay.centered("请妥善保管本回执")
    lay.cut()
    return lay.doc


def notice(data: dict, paper: Paper) -> Document:
    d = _Data("notice", data)
    lay = Layout(paper)
    lay.centered(d.str("site_name"))
    lay.title("一次性告知单")
    lay.rule("=")
    bundle = d.str("kind", "matter") == "bundle"
    lay.kv("一件事" if bundle else "办理事项", d.str("title"))
    matters = d.names("matters")
    if matters:
        lay.text(f"包含事项（{len(matters)}项）：")
        lay.bullets(matters)
    conditions = d.d.get("conditions") or []
    if not isinstance(conditions, list):
        raise TemplateDataError("notice: field 'conditions' must be a list")
    if conditions:
        lay.rule()
        lay.heading("受理条件")
        lay.bullets([str(c) for c in conditions])
    lay.rule()
    materials = d.d.get("materials")
    if not isinstance(materials, list) or not materials:
        raise TemplateDataError("notice: field 'materials' must be a non-empty list")
    lay.heading(f"申请材料（共{len(materials)}项）")
    for i, m in enumerate(materials, 1):
        if not isinstance(m, dict) or not m.get("name"):
            raise TemplateDataError(f"notice: materials[{i - 1}] must be an object with a 'name'")
        lay.text(f"{i}. {m['name']}")
        lay.text(_material_detail(m, f"notice: materials[{i - 1}]"), indent=3)
    lay.rule()
    statutory, promised = d.opt_int("time_limit_days"), d.opt_int("promised_days")
    if statutory is not None:
        lay.kv("法定时限", f"{statutory}个工作日")
    if promised is not None:
        lay.kv("承诺时限", f"{promised}个工作日")
    lay.kv("收费标准", _fees(d.d.get("fees")))
    if d.d.get("place"):
        lay.kv("办理地点", d.str("place"))
    if d.d.get("phone"):
        lay.kv("咨询电话", d.str("phone"))
    if d.d.get("printed_at"):
        lay.kv("打印时间", d.datetime("printed_at"))
    lay.rule()
    lay.centered("材料齐全即可一次办结；如有疑问请拨打12345")
    lay.cut()
    return lay.doc


def _material_detail(m: dict, where: str) -> str:
    parts = []
    for key, label in (("originals", "原件"), ("copies", "复印件")):
        n = m.get(key, 0) or 0
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise TemplateDataError(f"{where}.{key} must be a whole number ≥ 0")
        if n:
            parts.append(f"{label}{n}份")
    parts.append("必需" if m.get("required", True) else "非必需")
    if m.get("deferrable"):
        parts.append("可容缺后补")
    if m.get("reusable"):
        parts.append("已有电子证照可免交")
    return "，".join(parts)


def _fees(value: Any) -> str:
    if value in (None, "", 0, 0.0, "0"):
        return "不收费"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"￥{value:g}元"
    return str(value)


def ticket(data: dict, paper: Paper) -> Document:
    d = _Data("ticket", data)
    lay = Layout(paper)
    lay.centered(d.str("site_name"))
    lay.title("排队取号")
    lay.rule("=")
    lay.centered(d.str("category_name"), bold=True)
    lay.feed(1)
    lay.big(d.str("number"), size=4 if paper.columns >= 48 else 3)
    lay.feed(1)
    ahead = d.opt_int("people_ahead")
    lay.centered(f"您前面还有 {ahead} 人等候" if ahead is not None else "等候人数暂不可知")
    lay.centered(f"取号时间：{d.datetime('issued_at')}")
    lay.rule()
    lay.centered("请留意叫号，过号请重新取号")
    lay.cut()
    return lay.doc


def test_page(data: dict, paper: Paper) -> Document:
    """Technician's test page: Chinese text, punctuation, a rare-glyph line, sizes, a QR code."""
    lay = Layout(paper)
    lay.title("打印机测试页")
    lay.rule("=")
    lay.kv("纸宽", f"{paper.width_mm}mm / {paper.columns}列 / {paper.dots}点")
    if data.get("profile"):
        lay.kv("型号配置", str(data["profile"]))
    lay.text("中文：政务服务24小时自助终端，一件事一次办。")
    lay.text("标点：（）【】《》“”‘’、。，；：！？…—￥¥")
    lay.text("生僻字：刘䶮 𠮷 (图像行)")
    lay.pair("左对齐", "右对齐")
    lay.centered("居中")
    lay.big("A012", size=2)
    lay.text("ASCII: 0123456789 ABCDEFGHIJ abcdefghij")
    lay.rule()
    lay.qr(str(data.get("qr", "KIOSK-PRINTER-TEST")))
    lay.centered("二维码内容：" + str(data.get("qr", "KIOSK-PRINTER-TEST")))
    lay.cut()
    return lay.doc


_BUILDERS: dict[str, Callable[[dict, Paper], Document]] = {
    "receipt": receipt, "notice": notice, "ticket": ticket, "test": test_page,
}


def build(template: str, data: dict, paper: Paper) -> Document:
    try:
        builder = _BUILDERS[template]
    except KeyError:
        raise TemplateDataError(f"unknown template {template!r} (use {', '.join(TEMPLATES)})") \
            from None
    return builder(data, paper)


def render(template: str, data: dict, paper_width_mm: int = 80, profile: str = "TM-T88V",
           native_qr: bool = True) -> bytes:
    """The exact bytes a printer receives for `template` filled with `data`."""
    paper = paper_for(paper_width_mm)
    return EscPosEncoder(paper, profile, native_qr).encode(build(template, data, paper))
