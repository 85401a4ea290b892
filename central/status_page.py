"""GET /status: a plain HTML page for technicians (no JavaScript, no personal data in clear)."""

from __future__ import annotations

import json
from datetime import datetime
from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from central.masking import mask_id_number, mask_name
from central.models import Device, Submission, utcnow
from central.schemas import STATUS_LABELS

router = APIRouter()

_STYLE = ("body{font-family:'Noto Sans CJK SC',sans-serif;margin:1.5em}"
          "table{border-collapse:collapse;margin-bottom:2em}"
          "td,th{border:1px solid #999;padding:4px 8px;text-align:left}"
          ".bad{color:#b00}")


def _ago(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "—"
    seconds = int((now - moment).total_seconds())
    if seconds < 120:
        return f"{seconds} 秒前"
    if seconds < 7200:
        return f"{seconds // 60} 分钟前"
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _device_row(device: Device, now: datetime) -> str:
    beat = json.loads(device.heartbeat_json) if device.heartbeat_json else {}
    health = beat.get("health") or {}
    bad = [k for k, v in health.items() if v not in ("ok", True, "OK")]
    health_text = "正常" if health and not bad else ("异常: " + ", ".join(bad) if bad else "—")
    depth = sum(int(v) for v in (beat.get("queue") or {}).values()
                if isinstance(v, int | float))
    offset = device.clock_offset_s
    cells = [
        device.device_id, device.site_code, device.device_code, device.device_name,
        "已吊销" if device.revoked_at else "在用",
        _ago(device.last_heartbeat_at, now), health_text, str(depth),
        "—" if offset is None else f"{offset:+.1f} s",
        str(beat.get("paper", "—")), str(beat.get("disk_free_mb", "—")),
    ]
    cls = ' class="bad"' if device.revoked_at or bad else ""
    return f"<tr{cls}>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"


def _submission_row(row: Submission) -> str:
    cells = [row.received_at.strftime("%Y-%m-%d %H:%M:%S"), row.platform_ref or "",
             row.receipt_no, row.title, mask_name(row.applicant_name),
             mask_id_number(row.id_number), STATUS_LABELS.get(row.status, row.status),
             row.device_id]
    return "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"


def _head(columns: tuple[str, ...]) -> str:
    return "<tr>" + "".join(f"<th>{c}</th>" for c in columns) + "</tr>"


def render_status_page(sessions: sessionmaker[Session], limit: int = 50) -> str:
    now = utcnow()
    with sessions() as session:
        devices = session.scalars(select(Device).order_by(Device.site_code,
                                                          Device.device_code)).all()
        latest = session.scalars(select(Submission).order_by(Submission.id.desc())
                                 .limit(limit)).all()
    device_head = ("设备ID", "站点", "编号", "名称", "状态", "最近心跳", "健康", "待发队列",
                   "时钟偏差", "纸张", "磁盘(MB)")
    sub_head = ("接收时间(UTC)", "平台编号", "回执号", "事项", "申请人", "证件号", "状态",
                "设备")
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        "<meta http-equiv='refresh' content='30'><title>平台状态</title>"
        f"<style>{_STYLE}</style></head><body>"
        f"<h1>自助终端平台状态</h1><p>{escape(now.strftime('%Y-%m-%d %H:%M:%S'))} UTC</p>"
        f"<h2>设备 ({len(devices)})</h2><table>{_head(device_head)}"
        + "".join(_device_row(d, now) for d in devices)
        + f"</table><h2>最近办件 ({len(latest)})</h2><table>{_head(sub_head)}"
        + "".join(_submission_row(s) for s in latest)
        + "</table></body></html>"
    )


@router.get("/status", response_class=HTMLResponse, include_in_schema=False)
def status_page(request: Request) -> HTMLResponse:
    return HTMLResponse(render_status_page(request.app.state.sessions))
