"""One application (办件) being filled at the terminal: the chosen matter or bundle, the form
answers, the materials, the delivery choice and the signature — and the conversion into the
platform contract's submission body and the receipt's data. Pure Python (no Qt), so the CLI,
the tests and the screens share it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kiosk.catalog import MergedApplication, WorkCalendar

PHONE = re.compile(r"^1[3-9]\d{9}$")
ID_NUMBER = re.compile(r"^\d{17}[\dX]$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

# Validation problems as codes; the screen turns them into plain Chinese (translated there).
REQUIRED = "required"
BAD_PHONE = "phone"
BAD_ID = "id_number"
BAD_NUMBER = "number"
TOO_SHORT = "too_short"
TOO_LONG = "too_long"
OUT_OF_RANGE = "range"
BAD_PATTERN = "pattern"
BAD_DATE = "date"


def id_number_ok(value: str) -> bool:
    if not ID_NUMBER.match(value):
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == value[17]


def validate(field_def, value: Any) -> str | None:
    """None when `value` is acceptable for the catalog FormField `field_def`, else a problem code."""
    empty = value is None or value == "" or value == [] or (isinstance(value, dict) and not any(value.values()))
    if empty:
        return REQUIRED if field_def.required else None
    kind = field_def.type
    text = value if isinstance(value, str) else ""
    if kind == "phone" and not PHONE.match(text):
        return BAD_PHONE
    if kind == "id_number" and not id_number_ok(text.upper()):
        return BAD_ID
    if kind == "date":
        try:
            date.fromisoformat(text)
        except ValueError:
            return BAD_DATE
    rule = field_def.validation
    if kind == "number":
        try:
            number = float(text)
        except ValueError:
            return BAD_NUMBER
        if rule is not None and ((rule.min is not None and number < rule.min) or
                                 (rule.max is not None and number > rule.max)):
            return OUT_OF_RANGE
    if rule is not None and isinstance(value, str):
        if rule.min_length is not None and len(value) < rule.min_length:
            return TOO_SHORT
        if rule.max_length is not None and len(value) > rule.max_length:
            return TOO_LONG
        if rule.regex and not re.fullmatch(rule.regex, value):
            return BAD_PATTERN
    return None


def prefill_value(source: str | None, person: Any) -> str:
    """The card field that fills a form field (name, id_number, sex, birth_date, address, nation)."""
    if person is None or source is None:
        return ""
    attribute = {"sex": "sex_label", "nation": "nation_label"}.get(source, source)
    value = getattr(person, attribute, None)
    if value is None and isinstance(person, dict):
        value = person.get(attribute)
    return "" if value is None else str(value)


@dataclass
class MaterialState:
    name: str
    status: str = "pending"          # pending | received | owed | reused
    pages: list[bytes] = field(default_factory=list)      # corrected JPEG pages
    thumbnails: list[bytes] = field(default_factory=list)  # small JPEG/PNG for the review screen
    pdf: bytes | None = None

    def wipe(self) -> None:
        self.pages.clear()
        self.thumbnails.clear()
        self.pdf = None


@dataclass
class Draft:
    merged: MergedApplication
    form: dict[str, Any] = field(default_factory=dict)
    materials: dict[str, MaterialState] = field(default_factory=dict)
    delivery: dict[str, Any] = field(default_factory=lambda: {"method": "pickup", "address": "", "phone": ""})
    signature_png: bytes | None = None
    consent: bool = False

    @classmethod
    def start(cls, merged: MergedApplication, person: Any = None) -> Draft:
        draft = cls(merged)
        for field_def in merged.fields:
            value = prefill_value(field_def.prefill, person)
            if value:
                draft.form[field_def.key] = value
        for material in merged.materials:
            draft.materials[material.name] = MaterialState(material.name, "reused" if material.reusable else "pending")
        if person is not None:
            draft.delivery["address"] = prefill_value("address", person)
        return draft

    def problems(self) -> dict[str, str]:
        return {f.key: code for f in self.merged.fields if (code := validate(f, self.form.get(f.key)))}

    def materials_missing(self) -> list[str]:
        """Required materials neither captured, reused nor allowed to be owed."""
        missing = []
        for requirement in self.merged.materials:
            state = self.materials[requirement.name]
            if requirement.required and state.status == "pending":
                missing.append(requirement.name)
            if state.status == "owed" and not requirement.deferrable:
                missing.append(requirement.name)
        return missing

    def wipe(self) -> None:
        self.form.clear()
        for state in self.materials.values():
            state.wipe()
        self.signature_png = None
        self.delivery.clear()


def promised_date(merged: MergedApplication, today: date, holidays: list[str], workdays: list[str]) -> date:
    calendar = WorkCalendar([date.fromisoformat(d) for d in holidays], [date.fromisoformat(d) for d in workdays])
    return merged.promised_date(today, calendar)


def submission(draft: Draft, person: Any, staff: Any, promised: date) -> tuple[dict, list[tuple[str, str, bytes]]]:
    """The contract's submission body (the store adds uuid, receipt number, hashes) and the
    attachments as (name, media type, bytes)."""
    merged = draft.merged
    attachments: list[tuple[str, str, bytes]] = []
    materials = []
    for requirement in merged.materials:
        state = draft.materials[requirement.name]
        refs = []
        if state.status == "received" and state.pages and state.pdf is None:
            from drivers.camera.pdf import assemble_pdf  # one PDF per material, JPEG pages inside
            state.pdf = assemble_pdf(state.pages)
        if state.status == "received" and state.pdf:
            name = f"{requirement.name}.pdf"
            attachments.append((name, "application/pdf", state.pdf))
            refs.append(name)
        status = "received" if state.status == "received" else state.status
        if status == "pending":
            status = "owed"
        materials.append({"name": requirement.name, "status": status, "attachments": refs})
    if draft.signature_png:
        attachments.append(("签名.png", "image/png", draft.signature_png))
        materials.append({"name": "申请人签名", "status": "received", "attachments": ["签名.png"]})
    body = {
        "matter_code": merged.code,
        "title": merged.name,
        "matters": [m.code for m in merged.matters],
        "applicant": {"name": prefill_value("name", person), "id_number": prefill_value("id_number", person),
                      "card_type": prefill_value("card_type", person) or "resident"},
        "form": dict(draft.form),
        "materials": materials,
        "delivery": {"method": draft.delivery.get("method", "pickup"),
                     "address": draft.delivery.get("address") or None,
                     "phone": draft.delivery.get("phone") or draft.form.get("phone") or None},
        "assisted_by": None if staff is None else {"staff_id": staff.staff_id, "name": staff.name},
        "promised_date": promised.isoformat(),
    }
    return body, attachments


def receipt_data(draft: Draft, person: Any, receipt_no: str, config, submitted_at: datetime,
                 promised: date, uploaded: bool = False) -> dict:
    """Data for the printer's receipt template (the template masks the name and ID number)."""
    merged = draft.merged
    received = [n for n, s in draft.materials.items() if s.status == "received"]
    reused = [n for n, s in draft.materials.items() if s.status == "reused"]
    owed = [n for n, s in draft.materials.items() if s.status in ("owed", "pending")]
    delivery = draft.delivery.get("method", "pickup")
    return {
        "receipt_no": receipt_no,
        "site_name": config.site.site_name,
        "terminal_id": f"{config.site.site_code}-{config.site.device_code}",
        "title": merged.name,
        "kind": merged.kind,
        "matters": [m.name for m in merged.matters],
        "promised_days": merged.time_limit_days,
        "applicant_name": prefill_value("name", person),
        "applicant_id_number": prefill_value("id_number", person),
        "submitted_at": submitted_at.isoformat(timespec="seconds"),
        "promised_date": promised.isoformat(),
        "materials_received": received + [f"{n}（已有电子证照）" for n in reused],
        "materials_owed": owed,
        "delivery": "mail" if delivery == "mail" else "window",
        "sync_status": "uploaded" if uploaded else "pending",
        "hotline": config.site.hotline,
    }
