"""Request and reply bodies of the contract (pydantic; they also feed openapi.json).

Bodies allow extra keys: the idempotency hash covers the whole body as sent, and a newer
kiosk may send fields this reference platform does not use yet.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Sha256Hex = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Status = Literal["received", "in_progress", "needs_correction", "finished", "mailed",
                 "ready_for_pickup"]

STATUS_LABELS: dict[str, str] = {
    "received": "已接收",
    "in_progress": "办理中",
    "needs_correction": "需补正材料",
    "finished": "已办结",
    "mailed": "已寄出",
    "ready_for_pickup": "待领取",
}


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorBody(_Open):
    error: str
    detail: str = ""


class HealthReply(BaseModel):
    status: Literal["ok"]
    time: str


class EnrolRequest(BaseModel):
    code: str = Field(min_length=1, max_length=64)
    public_key: str = Field(description="base64 of the raw 32-byte Ed25519 public key")
    device_name: str = Field(min_length=1, max_length=200)


class EnrolReply(BaseModel):
    device_id: str
    site_code: str
    device_code: str


class AttachmentReply(BaseModel):
    sha256: str
    size: int


class Applicant(_Open):
    name: str = Field(min_length=1)
    id_number: str = Field(min_length=1)
    card_type: str = Field(min_length=1)


class Material(_Open):
    name: str
    status: Literal["received", "owed", "reused"]
    attachments: list[Sha256Hex] = []


class Delivery(_Open):
    method: Literal["pickup", "mail"]
    address: str | None = None
    phone: str | None = None


class AssistedBy(_Open):
    staff_id: str
    name: str


class AttachmentRef(_Open):
    sha256: Sha256Hex
    name: str | None = None
    media_type: str | None = None
    size: int | None = None


class SubmissionBody(_Open):
    kind: Literal["submission"]
    uuid: str = Field(min_length=1, max_length=64)
    receipt_no: str = Field(min_length=1, max_length=64)
    created_at: str
    site_code: str
    device_code: str
    matter_code: str
    title: str = Field(min_length=1)
    matters: list[str] = []
    applicant: Applicant
    id_hash: Sha256Hex
    form: dict[str, Any] = {}
    materials: list[Material] = []
    delivery: Delivery | None = None
    assisted_by: AssistedBy | None = None
    attachments: list[AttachmentRef] = []
    promised_date: str | None = None

    def attachment_hashes(self) -> list[str]:
        """Every attachment the submission names, in first-seen order."""
        seen: dict[str, None] = {}
        for ref in self.attachments:
            seen.setdefault(ref.sha256)
        for material in self.materials:
            for sha in material.attachments:
                seen.setdefault(sha)
        return list(seen)


class AcceptedReply(BaseModel):
    status: Literal["accepted"]
    platform_ref: str
    uuid: str


class RatingBody(_Open):
    kind: Literal["rating"]
    uuid: str = Field(min_length=1, max_length=64)
    receipt_no: str = Field(min_length=1, max_length=64)
    level: int = Field(ge=1, le=5, description="1..5, 5 = 非常满意")
    reason: str | None = None
    created_at: str
    assisted_by: AssistedBy | None = None


class FeedbackBody(_Open):
    kind: Literal["feedback"]
    uuid: str = Field(min_length=1, max_length=64)
    reference_no: str = Field(min_length=1, max_length=64)
    category: str = Field(min_length=1, max_length=64)
    text: str
    phone: str | None = None
    receipt_no: str | None = None
    created_at: str
    assisted_by: AssistedBy | None = None


class AuditBatchBody(_Open):
    kind: Literal["audit_batch"]
    uuid: str = Field(min_length=1, max_length=64)
    events: list[dict[str, Any]]


class CatalogReply(BaseModel):
    version: str
    matters: list[dict[str, Any]]
    bundles: list[dict[str, Any]]


class StatusQuery(BaseModel):
    receipt_nos: list[str] | None = None
    id_hash: Sha256Hex | None = None


class ApplicationStatus(BaseModel):
    receipt_no: str
    platform_ref: str
    title: str
    status: Status
    status_label: str
    detail: str
    missing: list[str]
    tracking_no: str | None
    updated_at: str


class StatusReply(BaseModel):
    applications: list[ApplicationStatus]


class HeartbeatBody(_Open):
    app_version: str
    uptime_s: float = 0
    restarts: int = 0
    last_crash: str | None = None
    health: dict[str, Any] = {}
    queue: dict[str, int] = {}
    oldest_unsent_age_s: float | None = None
    disk_free_mb: float | None = None
    paper: str | None = None
    clock_offset_s: float | None = None


class OkReply(BaseModel):
    status: Literal["ok"]


class IdentityCodeRequest(BaseModel):
    name: str = Field(min_length=1)
    id_number: str = Field(min_length=1)
    card_type: str = Field(min_length=1)


class IdentityCodeReply(BaseModel):
    code: str
    expires_at: str


class IdentityResolveRequest(BaseModel):
    code: str = Field(min_length=1, max_length=32)


class Identity(BaseModel):
    name: str
    id_number: str
    card_type: str


class QueueTicketBody(BaseModel):
    number: str = Field(min_length=1, max_length=32)


class QueueReply(BaseModel):
    people_ahead: int
