"""Pydantic models of the service catalog: matters (事项, one implementation list each) and
bundles (一件事一次办, several matters handled as one).

The JSON files in config/catalog/ are validated against these models; the platform serves the
same shapes. Models are frozen: a loaded catalog is shared by every screen and never edited.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"

FieldType = Literal["text", "number", "date", "choice", "multichoice", "phone", "id_number", "address"]
# Card fields the ID-card reader can fill in (see drivers/idcard).
PrefillSource = Literal["name", "id_number", "sex", "birth_date", "address", "nation"]
Audience = Literal["个人", "法人"]
BundleMode = Literal["parallel", "sequential", "staged"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Validation(_Model):
    """Input rules checked by the form screen (and again by the platform)."""

    regex: str | None = None
    min: float | None = None
    max: float | None = None
    min_length: int | None = Field(None, ge=0)
    max_length: int | None = Field(None, ge=1)
    message: str = Field("", description="shown to the resident when the rule fails")

    @field_validator("regex")
    @classmethod
    def _regex_compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {exc}") from None
        return value

    @model_validator(mode="after")
    def _ranges_ordered(self) -> Validation:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is greater than max {self.max}")
        if (
            self.min_length is not None
            and self.max_length is not None
            and self.min_length > self.max_length
        ):
            raise ValueError(f"min_length {self.min_length} is greater than max_length {self.max_length}")
        return self


class FormField(_Model):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")
    label: str = Field(min_length=1)
    type: FieldType = "text"
    required: bool = True
    options: tuple[str, ...] = ()
    validation: Validation | None = None
    prefill: PrefillSource | None = None
    hint: str = ""

    @model_validator(mode="after")
    def _options_match_type(self) -> FormField:
        if self.type in ("choice", "multichoice"):
            if len(self.options) < 2:
                raise ValueError(f"type {self.type} needs at least two options")
            if len(set(self.options)) != len(self.options):
                raise ValueError("options contain duplicates")
        elif self.options:
            raise ValueError(f"options are only allowed for choice/multichoice, not {self.type}")
        return self


class Material(_Model):
    """One line of 申请材料 in a matter's implementation list."""

    name: str = Field(min_length=1)
    originals: int = Field(1, ge=0, le=20, description="原件份数")
    copies: int = Field(0, ge=0, le=20, description="复印件份数")
    sample: str = Field("", description="样本/填写说明")
    required: bool = True
    deferrable: bool = Field(False, description="容缺受理: may be supplied after acceptance")
    reusable: bool = Field(False, description="电子证照 or on file: need not be handed in again")
    formats: tuple[str, ...] = Field(("纸质",), min_length=1, description="纸质, pdf, jpg, 电子证照 …")
    note: str = ""

    @model_validator(mode="after")
    def _something_to_hand_in(self) -> Material:
        if self.originals == 0 and self.copies == 0 and not self.reusable:
            raise ValueError("originals and copies are both 0 for a material that is not reusable")
        return self


class Matter(_Model):
    """A matter (事项) with every element of its implementation list (实施清单)."""

    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(min_length=2)
    department: str = Field(min_length=2)
    audience: tuple[Audience, ...] = Field(("个人",), min_length=1)
    matter_type: str = Field("公共服务", description="行政许可 / 行政确认 / 行政给付 / 公共服务 …")
    life_events: tuple[str, ...] = ()
    conditions: tuple[str, ...] = Field(min_length=1, description="受理条件")
    steps: tuple[str, ...] = Field(min_length=1, description="办理流程")
    materials: tuple[Material, ...] = ()
    statutory_days: int = Field(ge=0, le=365, description="法定办结时限 (working days); 0 = 即办")
    promised_days: int = Field(ge=0, le=365, description="承诺办结时限 (working days); 0 = 即办")
    fees: str = "不收费"
    result: str = Field(min_length=1, description="办理结果")
    place: str = Field(min_length=2)
    phone: str = Field(pattern=r"^[0-9\-（）() ]{5,20}$")
    legal_basis: tuple[str, ...] = Field(min_length=1)
    keywords: tuple[str, ...] = ()
    fields: tuple[FormField, ...] = Field(min_length=1)
    # What the result of this matter provides to later matters of a bundle, so they do not ask
    # for it again (上一环节已产生的材料不再要求重复提交): material names and form field keys.
    produces_materials: tuple[str, ...] = ()
    produces_fields: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Matter:
        if self.promised_days > self.statutory_days:
            raise ValueError(
                f"promised_days {self.promised_days} exceeds statutory_days {self.statutory_days}"
            )
        _no_duplicates("fields", [f.key for f in self.fields])
        _no_duplicates("materials", [m.name for m in self.materials])
        if "个人" in self.audience:
            prefills = {f.prefill for f in self.fields}
            types = {f.type for f in self.fields}
            missing = [p for p in ("name", "id_number") if p not in prefills]
            if "phone" not in types:
                missing.append("phone")
            if missing:
                raise ValueError(
                    "a personal matter's form needs the applicant's name and ID number "
                    f"(prefilled from the card) and a phone field; missing: {', '.join(missing)}"
                )
        return self


class Bundle(_Model):
    """一件事: matters of several departments handled as one application.

    mode "parallel": all `matters` at once; "sequential": `matters` one after another;
    "staged": `stages` run one after another, the matters inside a stage in parallel.
    """

    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(min_length=2)
    department: str = Field(min_length=2, description="牵头部门 (lead department)")
    description: str = ""
    life_events: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    mode: BundleMode
    matters: tuple[str, ...] = ()
    stages: tuple[tuple[str, ...], ...] = ()
    conditions: tuple[str, ...] = Field((), description="extra conditions of the bundle itself")
    place: str = ""
    phone: str = ""

    @model_validator(mode="after")
    def _mode_matches_shape(self) -> Bundle:
        if self.mode == "staged":
            if self.matters:
                raise ValueError('mode "staged" lists its matters in "stages", not "matters"')
            if len(self.stages) < 2 or any(len(stage) == 0 for stage in self.stages):
                raise ValueError('mode "staged" needs at least two non-empty stages')
        else:
            if self.stages:
                raise ValueError(f'mode "{self.mode}" lists its matters in "matters", not "stages"')
            if len(self.matters) < 2:
                raise ValueError("a bundle needs at least two matters")
        _no_duplicates("matters", list(self.matter_codes()))
        return self

    def stage_list(self) -> list[list[str]]:
        """The bundle as stages run one after another; each stage's matters run in parallel."""
        if self.mode == "parallel":
            return [list(self.matters)]
        if self.mode == "sequential":
            return [[code] for code in self.matters]
        return [list(stage) for stage in self.stages]

    def matter_codes(self) -> list[str]:
        return [code for stage in self.stage_list() for code in stage]


def _no_duplicates(what: str, values: list[str]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what}: '{value}' appears twice")
        seen.add(value)
