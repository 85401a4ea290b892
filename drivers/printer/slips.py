"""Feedback slip (投诉建议 / 办不成事反映 / 咨询 回执): the reference number to quote when asking
about it later, composed from the layout API (templates.py holds the receipt, notice, ticket).

Data (plain dict):
  reference_no  str  required  the store's feedback reference (also the QR content)
  site_name     str  required
  category      str  required  category name as shown to the person (e.g. 投诉建议)
  created_at    str  required  ISO 8601 date-time
  receipt_no    str  optional  the related application
  phone         str  optional  printed masked (138****5678)
  hotline       str  optional  default "12345"
The text itself is not printed: a slip left in the tray must not tell a stranger the complaint.
"""

from __future__ import annotations

from drivers.printer.encoder import EscPosEncoder
from drivers.printer.layout import Document, Layout, Paper, paper_for
from drivers.printer.templates import TemplateDataError, _Data


def mask_phone(phone: str) -> str:
    digits = str(phone).strip()
    return digits[:3] + "*" * max(0, len(digits) - 7) + digits[-4:] if len(digits) >= 7 else "*" * len(digits)


def feedback_slip(data: dict, paper: Paper) -> Document:
    d = _Data("feedback slip", data)
    lay = Layout(paper)
    lay.centered(d.str("site_name"))
    lay.title("意见反映回执")
    lay.rule("=")
    lay.kv("类别", d.str("category"))
    lay.kv("编号", d.str("reference_no"))
    lay.kv("时间", d.datetime("created_at"))
    if data.get("receipt_no"):
        lay.kv("相关办件", d.str("receipt_no"))
    if data.get("phone"):
        lay.kv("联系电话", mask_phone(d.str("phone")))
    lay.rule()
    lay.text("您的意见已登记，我们将在5个工作日内答复。查询或补充请提供上面的编号。")
    lay.text(f"服务热线：{d.str('hotline', '12345')}")
    lay.qr(d.str("reference_no"))
    lay.cut()
    return lay.doc


def render_feedback_slip(data: dict, paper_width_mm: int = 80, profile: str = "TM-T88V",
                         native_qr: bool = True) -> bytes:
    """The printer bytes of a feedback slip; TemplateDataError names a missing or bad field."""
    if not isinstance(data, dict):
        raise TemplateDataError(f"feedback slip: data must be an object, got {type(data).__name__}")
    paper = paper_for(paper_width_mm)
    return EscPosEncoder(paper, profile, native_qr).encode(feedback_slip(data, paper))
