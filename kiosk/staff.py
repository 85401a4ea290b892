"""帮办代办 staff sign-in: the helper's own ID card (matched by the SHA-256 of the ID number, so
the configuration holds no ID numbers) plus a PIN; wrong PINs lock the entry for a while. The
sign-in ends like any session: when the idle countdown ends it, or on sign-out."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from kiosk.pin import verify_pin
from kiosk.session import Staff

log = logging.getLogger(__name__)


class StaffDirectory:
    def __init__(self, entries, max_attempts: int = 5, lockout_seconds: float = 300,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._by_hash = {e.id_hash: e for e in entries}
        self._max = max_attempts
        self._lockout = lockout_seconds
        self._clock = clock
        self._failures: dict[str, int] = {}
        self._locked_until: dict[str, float] = {}

    def known(self, id_hash: str) -> Staff | None:
        entry = self._by_hash.get(id_hash)
        return None if entry is None else Staff(entry.staff_id, entry.name)

    def locked_for(self, id_hash: str) -> float:
        return max(0.0, self._locked_until.get(id_hash, 0.0) - self._clock())

    def sign_in(self, id_hash: str, pin: str) -> tuple[str, Staff | None]:
        """("ok", staff) | ("unknown", None) | ("wrong", None) | ("locked", None)."""
        entry = self._by_hash.get(id_hash)
        if entry is None:
            log.info("staff sign-in refused: card %s… is not on the staff list", id_hash[:8])
            return "unknown", None
        if self.locked_for(id_hash) > 0:
            return "locked", None
        if verify_pin(pin, entry.pin_hash):
            self._failures.pop(id_hash, None)
            log.info("staff %s signed in (assisted mode)", entry.staff_id)
            return "ok", Staff(entry.staff_id, entry.name)
        failures = self._failures.get(id_hash, 0) + 1
        log.info("staff %s: wrong PIN (%d)", entry.staff_id, failures)
        if failures >= self._max:
            self._failures.pop(id_hash, None)
            self._locked_until[id_hash] = self._clock() + self._lockout
            return "locked", None
        self._failures[id_hash] = failures
        return "wrong", None


def end_staff_on_timeout(ctx) -> None:
    """Once per flow: an idle timeout ends the staff sign-in too (a helper who walked away must
    not leave the terminal in assisted mode for the next person)."""
    flow = ctx.flow
    if flow is None or getattr(flow, "_staff_timeout_hooked", False):
        return

    def on_ended(reason: str) -> None:
        if reason == "timeout" and ctx.staff is not None:
            log.info("staff %s signed out: idle timeout", ctx.staff.staff_id)
            ctx.set_staff(None)

    flow.sessionEnded.connect(on_ended)
    flow._staff_timeout_hooked = True


def staff_record(staff: Staff | None) -> dict | None:
    """The contract's "assisted_by" object."""
    return None if staff is None else {"staff_id": staff.staff_id, "name": staff.name}
