"""电子监察 audit trail: one event per step (screen entered/left with its duration, matter code,
receipt number, outcome, assisting staff id) and NO personal data. Events are buffered and
queued through the offline store in batches (every `batch_size` events, when the oldest
buffered event is `max_age_s` old at the next event, at every session end and at quit), so the
outbox holds a handful of items per session, not one per tap. No timer runs: between sessions
nothing happens, and a session's end always flushes.

    trail = attach_audit(kiosk)     # from the bootstrap, once the flow exists
"""

from __future__ import annotations

import logging
import time
from datetime import datetime

log = logging.getLogger(__name__)

# Keys that would carry personal data: refused outright, whatever the caller meant.
FORBIDDEN_KEYS = frozenset({"name", "id_number", "address", "phone", "text", "person", "reason",
                            "id_hash", "birth_date", "photo", "signature"})


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts).astimezone().isoformat(timespec="milliseconds")


class AuditTrail:
    def __init__(self, store, ctx=None, *, batch_size: int = 20, max_age_s: float = 60.0,
                 clock=time.time) -> None:
        self.store = store
        self.ctx = ctx
        self.batch_size = batch_size
        self.max_age_s = max_age_s
        self.clock = clock
        self.buffer: list[dict] = []
        self.flushed_batches = 0
        self._screen: tuple[str, float] | None = None

    # --- recording ------------------------------------------------------------------------
    def _context(self) -> dict:
        ctx = self.ctx
        if ctx is None:
            return {}
        session = ctx.session
        entry = session.entry if isinstance(session.entry, str) else getattr(session.entry, "code", None)
        return {"session": session.session_id if not session.ended else None,
                "matter_code": entry,
                "receipt_no": session.data.get("receipt_no"),
                "assisted_by": ctx.staff.staff_id if ctx.staff is not None else None}

    def note(self, event: str, **fields) -> None:
        """An outcome (e.g. "ticket_issued", category="A"): scalar fields only, no personal data."""
        for key, value in fields.items():
            if key in FORBIDDEN_KEYS:
                raise ValueError(f"audit event {event!r}: field {key!r} would carry personal data")
            if not isinstance(value, str | int | float | bool | type(None)):
                raise ValueError(f"audit event {event!r}: field {key!r} must be a scalar, "
                                 f"got {type(value).__name__}")
        self._add({"event": event, **fields})

    def _add(self, event: dict) -> None:
        now = self.clock()
        self.buffer.append({"at": _iso(now), **self._context(), **event})
        oldest = self.buffer[0].get("_t", now)
        self.buffer[-1]["_t"] = now
        if len(self.buffer) >= self.batch_size or now - oldest >= self.max_age_s:
            self.flush()

    def screen_changed(self, name: str) -> None:
        now = self.clock()
        if self._screen is not None:
            previous, since = self._screen
            self._add({"event": "screen_left", "screen": previous,
                       "ms": round((now - since) * 1000)})
        self._screen = (name, now)
        self._add({"event": "screen_entered", "screen": name})

    def session_ended(self, reason: str) -> None:
        self._add({"event": "session_ended", "outcome": reason})
        self.flush()

    # --- flushing ---------------------------------------------------------------------------
    def flush(self) -> str | None:
        if not self.buffer:
            return None
        events = [{k: v for k, v in e.items() if k != "_t"} for e in self.buffer]
        if self.store is None:
            log.warning("audit: no store configured; %d events dropped", len(events))
            self.buffer.clear()
            return None
        try:
            batch = self.store.enqueue_audit(events)
        except Exception:  # keep the events for the next flush; never break the resident's flow
            log.exception("audit: %d events could not be queued; kept for the next flush",
                          len(events))
            return None
        self.buffer.clear()
        self.flushed_batches += 1
        return batch

    def stop(self) -> None:
        self.flush()


def attach_audit(kiosk, **options) -> AuditTrail:
    """Hook the trail to the kiosk's flow and make it `ctx.services.audit` for outcome notes.
    A trail attached before (the bootstrap attaches one) is flushed and unhooked: one trail."""
    ctx = kiosk.ctx
    previous = ctx.services.audit
    if isinstance(previous, AuditTrail):
        previous.flush()
        kiosk.flow.screenChanged.disconnect(previous.screen_changed)
        kiosk.flow.sessionEnded.disconnect(previous.session_ended)
        kiosk.app.aboutToQuit.disconnect(previous.flush)
    trail = AuditTrail(ctx.services.store, ctx, **options)
    ctx.services.audit = trail
    kiosk.flow.screenChanged.connect(trail.screen_changed)
    kiosk.flow.sessionEnded.connect(trail.session_ended)
    kiosk.app.aboutToQuit.connect(trail.flush)
    return trail
