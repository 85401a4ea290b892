"""One application out of a matter or a bundle: 一表申请 (one form), 一套材料 (one material list),
一次告知 (one notice) and the bundle's time limit.

Merge rules for a bundle:
- form fields: one field per key, in first-seen order; required if any matter requires it. The
  same key must mean the same thing everywhere (type and options), otherwise the catalog is wrong.
- materials: one line per name; the larger original/copy counts win; required if any matter
  requires it; 容缺 (deferrable) only if every matter that requires it allows it; reusable if any
  matter can take it from the electronic licence; formats = those every matter accepts.
- what an earlier stage produces (Matter.produces_materials / produces_fields, e.g. the 出生医学证明
  issued in the first stage of 出生一件事) is not asked for again by later stages.
- time limit: see kiosk.catalog.timelimits.bundle_time_limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kiosk.catalog.errors import CatalogError
from kiosk.catalog.schema import Bundle, FormField, Material, Matter
from kiosk.catalog.timelimits import WorkCalendar, bundle_time_limit


@dataclass(frozen=True)
class MaterialRequirement:
    """One line of the merged material list."""

    name: str
    originals: int
    copies: int
    required: bool
    deferrable: bool
    reusable: bool
    formats: tuple[str, ...]
    sample: str = ""
    for_matters: tuple[str, ...] = ()  # codes of the matters that ask for it

    def notice_line(self) -> dict:
        return {
            "name": self.name,
            "originals": self.originals,
            "copies": self.copies,
            "required": self.required,
            "deferrable": self.deferrable,
            "reusable": self.reusable,
        }


@dataclass(frozen=True)
class MatterSteps:
    code: str
    name: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class MergedApplication:
    code: str
    name: str
    kind: str  # "matter" | "bundle"
    mode: str | None  # None for a single matter; parallel | sequential | staged for a bundle
    matters: list[Matter]
    fields: list[FormField]
    materials: list[MaterialRequirement]
    conditions: list[str]
    steps: list[MatterSteps]
    fees: str
    place: str
    phone: str
    time_limit_days: int  # promised working days for the whole application
    statutory_days_sum: int  # plain sum of the matters' statutory limits (for the guide)
    audience: list[str]
    stages: list[list[str]] = field(default_factory=list)  # matter codes per stage
    legal_limit_days: int = 0  # matter: its statutory limit; bundle: the bundle limit

    def promised_date(self, start: date, calendar: WorkCalendar) -> date:
        """Promised completion date for an application accepted on `start`."""
        return calendar.add_working_days(start, self.time_limit_days)

    def notice_data(self, site_name: str) -> dict:
        """Data for the printer's one-time notice (一次性告知单) template."""
        return {
            "title": self.name,
            "kind": self.kind,
            "matters": [matter.name for matter in self.matters],
            "conditions": list(self.conditions),
            "materials": [material.notice_line() for material in self.materials],
            "time_limit_days": self.legal_limit_days,
            "promised_days": self.time_limit_days,
            "fees": self.fees,
            "place": self.place,
            "phone": self.phone,
            "site_name": site_name,
        }

    def to_dict(self) -> dict:
        """JSON-friendly view (CLI `catalog show`)."""
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "mode": self.mode,
            "stages": self.stages,
            "matters": [{"code": m.code, "name": m.name, "department": m.department} for m in self.matters],
            "audience": self.audience,
            "conditions": self.conditions,
            "steps": [{"code": s.code, "name": s.name, "steps": list(s.steps)} for s in self.steps],
            "fields": [f.model_dump(exclude_defaults=True) | {"key": f.key} for f in self.fields],
            "materials": [
                {**m.notice_line(), "formats": list(m.formats), "sample": m.sample,
                 "for_matters": list(m.for_matters)}
                for m in self.materials
            ],
            "fees": self.fees,
            "place": self.place,
            "phone": self.phone,
            "time_limit_days": self.time_limit_days,
            "legal_limit_days": self.legal_limit_days,
            "statutory_days_sum": self.statutory_days_sum,
        }


def merge_matter(matter: Matter) -> MergedApplication:
    return MergedApplication(
        code=matter.code,
        name=matter.name,
        kind="matter",
        mode=None,
        matters=[matter],
        fields=list(matter.fields),
        materials=merge_materials([matter], context=matter.code),
        conditions=list(matter.conditions),
        steps=[MatterSteps(matter.code, matter.name, matter.steps)],
        fees=matter.fees,
        place=matter.place,
        phone=matter.phone,
        time_limit_days=matter.promised_days,
        statutory_days_sum=matter.statutory_days,
        audience=list(matter.audience),
        stages=[[matter.code]],
        legal_limit_days=matter.statutory_days,
    )


def merge_bundle(bundle: Bundle, matters_by_code: dict[str, Matter]) -> MergedApplication:
    missing = [code for code in bundle.matter_codes() if code not in matters_by_code]
    if missing:
        raise CatalogError(f"bundle {bundle.code}: unknown matters: {', '.join(missing)}")
    stages = bundle.stage_list()
    matters = [matters_by_code[code] for code in bundle.matter_codes()]
    limit = bundle_time_limit(
        [[(matters_by_code[c].statutory_days, matters_by_code[c].promised_days) for c in stage]
         for stage in stages]
    )
    skip_materials, skip_fields = _provided_by_earlier_stages(stages, matters_by_code)
    audience = [a for a in ("个人", "法人") if all(a in m.audience for m in matters)]
    if not audience:
        raise CatalogError(f"bundle {bundle.code}: its matters share no audience (个人/法人)")
    return MergedApplication(
        code=bundle.code,
        name=bundle.name,
        kind="bundle",
        mode=bundle.mode,
        matters=matters,
        fields=merge_fields(matters, context=bundle.code, skip=skip_fields),
        materials=merge_materials(matters, context=bundle.code, skip=skip_materials),
        conditions=_unique([*bundle.conditions, *(c for m in matters for c in m.conditions)]),
        steps=[MatterSteps(m.code, m.name, m.steps) for m in matters],
        fees=_merge_fees(matters),
        place=bundle.place or matters[0].place,
        phone=bundle.phone or matters[0].phone,
        time_limit_days=limit,
        statutory_days_sum=sum(m.statutory_days for m in matters),
        audience=audience,
        stages=stages,
        legal_limit_days=limit,
    )


def _provided_by_earlier_stages(
    stages: list[list[str]], matters_by_code: dict[str, Matter]
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Per matter code: material names and field keys that earlier stages already produce."""
    produced_materials: set[str] = set()
    produced_fields: set[str] = set()
    skip_materials: dict[str, set[str]] = {}
    skip_fields: dict[str, set[str]] = {}
    for stage in stages:
        for code in stage:
            skip_materials[code] = set(produced_materials)
            skip_fields[code] = set(produced_fields)
        for code in stage:
            produced_materials.update(matters_by_code[code].produces_materials)
            produced_fields.update(matters_by_code[code].produces_fields)
    return skip_materials, skip_fields


def merge_fields(
    matters: list[Matter], context: str, skip: dict[str, set[str]] | None = None
) -> list[FormField]:
    merged: dict[str, FormField] = {}
    origin: dict[str, str] = {}
    for matter in matters:
        skipped = (skip or {}).get(matter.code, set())
        for form_field in matter.fields:
            if form_field.key in skipped:
                continue
            first = merged.get(form_field.key)
            if first is None:
                merged[form_field.key] = form_field
                origin[form_field.key] = matter.code
                continue
            _check_same_field(first, form_field, context, origin[form_field.key], matter.code)
            if form_field.required and not first.required:
                merged[form_field.key] = first.model_copy(update={"required": True})
    return list(merged.values())


def _check_same_field(a: FormField, b: FormField, context: str, code_a: str, code_b: str) -> None:
    for attribute in ("type", "options", "prefill", "validation"):
        if getattr(a, attribute) != getattr(b, attribute):
            raise CatalogError(
                f"bundle {context}: field '{a.key}' has a different {attribute} in {code_a} "
                f"({getattr(a, attribute)!r}) and {code_b} ({getattr(b, attribute)!r})"
            )


def merge_materials(
    matters: list[Matter], context: str, skip: dict[str, set[str]] | None = None
) -> list[MaterialRequirement]:
    by_name: dict[str, list[tuple[str, Material]]] = {}
    for matter in matters:
        skipped = (skip or {}).get(matter.code, set())
        for material in matter.materials:
            if material.name in skipped:
                continue
            by_name.setdefault(material.name, []).append((matter.code, material))
    merged = []
    for name, uses in by_name.items():
        items = [material for _code, material in uses]
        requiring = [m for m in items if m.required]
        formats = tuple(f for f in items[0].formats if all(f in m.formats for m in items[1:]))
        if not formats:
            raise CatalogError(
                f"bundle {context}: material '{name}': its matters accept no common format "
                f"({'; '.join('/'.join(m.formats) for m in items)})"
            )
        merged.append(
            MaterialRequirement(
                name=name,
                originals=max(m.originals for m in items),
                copies=max(m.copies for m in items),
                required=bool(requiring),
                deferrable=all(m.deferrable for m in (requiring or items)),
                reusable=any(m.reusable for m in items),
                formats=formats,
                sample=next((m.sample for m in items if m.sample), ""),
                for_matters=tuple(code for code, _m in uses),
            )
        )
    return merged


def _merge_fees(matters: list[Matter]) -> str:
    fees = _unique([m.fees for m in matters])
    if fees == ["不收费"]:
        return "不收费"
    return "；".join(f"{m.name}：{m.fees}" for m in matters if m.fees != "不收费")


def _unique(values) -> list[str]:
    return list(dict.fromkeys(values))
