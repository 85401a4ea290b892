"""进度查询 without Qt: find the receipt number in a scan or typed digits, ask the platform (on a
worker thread) and fall back to this kiosk's own records and status cache, and rebuild the
receipt template data for a reprint. Rows carry no name or ID number."""

from __future__ import annotations

import logging
import re
import time
from datetime import date

from offline_store.receipts import check_character, is_valid_receipt_no

log = logging.getLogger(__name__)

STATUSES = ("received", "in_progress", "needs_correction", "finished", "mailed",
            "ready_for_pickup", "not_uploaded")
_RECEIPT = re.compile(r"[0-9A-Z]{1,12}-[0-9A-Z]{1,12}-\d{6}-[A-Z]?\d{5,}-[0-9A-Z*]")
_ROW_KEYS = ("receipt_no", "platform_ref", "title", "status", "status_label", "detail", "missing",
             "tracking_no", "updated_at")


def receipt_in_scan(text: str | None) -> str | None:
    """The receipt number inside a scanned QR code (the number alone, or a query URL holding it),
    when its check character is right."""
    for candidate in _RECEIPT.findall((text or "").upper()):
        if is_valid_receipt_no(candidate):
            return candidate
    return None


def receipt_from_digits(digits: str, site_code: str, device_code: str) -> str | None:
    """A receipt of this terminal from the 11 digits printed in it: date YYMMDD + sequence NNNNN
    (the site and device codes hold letters a digit keypad cannot type). None if malformed."""
    if not re.fullmatch(r"\d{11,}", digits or ""):
        return None
    parts = [site_code.upper(), device_code.upper(), digits[:6], digits[6:]]
    return "-".join(parts + [check_character("".join(parts))])


def _local_row(app: dict) -> dict:
    """A row from this kiosk's own record (summary only, no personal data)."""
    cached = app.get("status") or {}
    row = {key: cached.get(key) for key in _ROW_KEYS}
    row.update(receipt_no=app["receipt_no"], title=cached.get("title") or app.get("title"),
               platform_ref=cached.get("platform_ref") or app.get("platform_ref"),
               cached_at=cached.get("cached_at"), local=True)
    if not cached:
        row["status"] = "not_uploaded" if app.get("state") != "accepted" else "received"
        row["updated_at"] = app.get("created_at")
    return row


def _local_apps(store, receipt_nos: list[str] | None, id_hash: str | None) -> list[dict]:
    if id_hash:
        return store.applications_for(id_hash)
    found = []
    for receipt_no in receipt_nos or []:
        app = store.application(receipt_no)
        if app is not None:
            found.append({k: app.get(k) for k in ("receipt_no", "title", "state", "platform_ref",
                                                   "status", "created_at")})
    return found


def query_progress(store, engine, *, receipt_nos: list[str] | None = None,
                   id_hash: str | None = None, now: float | None = None) -> dict:
    """{"source": "platform"|"cache", "age_s": seconds since the oldest cached status or None,
    "applications": rows, "error": why the platform was not used}. Blocking: run it on a worker."""
    now = time.time() if now is None else now
    local = [_local_row(a) for a in _local_apps(store, receipt_nos, id_hash)] if store else []
    error = None
    if engine is not None:
        try:
            remote = engine.query_status(receipt_nos=None if id_hash else receipt_nos,
                                         id_hash=id_hash)
        except Exception as exc:  # offline or refused: the cache answers, and says how old it is
            error = f"{type(exc).__name__}: {exc}"
            log.info("progress query: platform unavailable (%s); using the local cache", error)
        else:
            stamped = [{**{k: r.get(k) for k in _ROW_KEYS}, "cached_at": now} for r in remote
                       if isinstance(r, dict) and r.get("receipt_no")]
            if store is not None and stamped:
                store.status_cache_put(stamped)
            known = {r["receipt_no"] for r in stamped}
            # an application made at this terminal can be reprinted here, whoever answered
            made_here = {r["receipt_no"] for r in local if r.get("local")}
            for row in stamped:
                row["local"] = row["receipt_no"] in made_here
            rows = stamped + [r for r in local if r["receipt_no"] not in known]
            return {"source": "platform", "age_s": None, "applications": rows, "error": None}
    else:
        error = "no platform connection configured"
    ages = [now - r["cached_at"] for r in local if r.get("cached_at")]
    return {"source": "cache", "age_s": max(ages) if ages else None, "applications": local,
            "error": error}


def _names(materials: list, *statuses: str) -> list[str]:
    return [m["name"] for m in materials if isinstance(m, dict) and m.get("status") in statuses]


def reprint_data(app: dict, config) -> dict:
    """Receipt template data from `store.application()`; ValueError once personal data was purged."""
    if app.get("purged"):
        raise ValueError(f"receipt {app.get('receipt_no')}: personal data already purged "
                         "after the retention period; it cannot be reprinted here")
    applicant = app.get("applicant") or {}
    materials = app.get("materials") or []
    delivery = (app.get("delivery") or {}).get("method", "pickup")
    promised = app.get("promised_date") or date.today().isoformat()
    return {
        "receipt_no": app["receipt_no"],
        "site_name": config.site.site_name,
        "terminal_id": f"{app.get('site_code', config.site.site_code)}-"
                       f"{app.get('device_code', config.site.device_code)}",
        "title": app.get("title") or app.get("matter_code") or "",
        "kind": "bundle" if len(app.get("matters") or []) > 1 else "matter",
        "matters": list(app.get("matters") or []),
        "applicant_name": applicant.get("name", ""),
        "applicant_id_number": applicant.get("id_number", ""),
        "submitted_at": app.get("created_at"),
        "promised_date": promised,
        "materials_received": _names(materials, "received") + [
            f"{n}（已有电子证照）" for n in _names(materials, "reused")],
        "materials_owed": _names(materials, "owed"),
        "delivery": "mail" if delivery == "mail" else "window",
        "sync_status": "uploaded" if app.get("state") == "accepted" else "pending",
        "hotline": config.site.hotline,
        **({"assisted_by": app["assisted_by"]["staff_id"]}
           if isinstance(app.get("assisted_by"), dict) else {}),
    }
