"""Demo progression of application status over time (`serve --advance-seconds S`).

Deterministic from the acceptance time alone: received → in_progress after S seconds →
finished after 2S → mailed (delivery by mail, with a tracking number) or ready_for_pickup
after 3S. An application whose status a back-office operator set (`set-status`) is left alone.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from central.models import Submission


def scheduled_status(received_at: datetime, now: datetime, step_s: float,
                     delivery_method: str | None) -> tuple[str, datetime]:
    """(status, since when) for an application accepted at `received_at`."""
    final = "mailed" if delivery_method == "mail" else "ready_for_pickup"
    chain = ["received", "in_progress", "finished", final]
    steps = max(0, int((now - received_at).total_seconds() // step_s))
    index = min(steps, len(chain) - 1)
    return chain[index], received_at + timedelta(seconds=index * step_s)


def advance(row: Submission, now: datetime, step_s: float | None) -> bool:
    """Bring `row` to its scheduled status; True when it changed (caller commits)."""
    if step_s is None or row.status_manual:
        return False
    delivery = (json.loads(row.body_json).get("delivery") or {})
    status, since = scheduled_status(row.received_at, now, step_s, delivery.get("method"))
    if status == row.status:
        return False
    row.status = status
    row.updated_at = since
    if status in ("in_progress", "finished", "mailed", "ready_for_pickup"):
        row.missing_json = "[]"
    if status == "mailed" and not row.tracking_no:
        row.tracking_no = "SF" + (row.platform_ref or "")[1:]  # demo: derived, repeatable
    return True
