"""Technician PIN: PBKDF2 hashes in the configuration and a lockout after repeated failures.
Pure Python so the CLI and the tests use it without Qt."""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from collections.abc import Callable

SCHEME = "pbkdf2_sha256"


def hash_pin(pin: str, iterations: int = 120_000, salt: bytes | None = None) -> str:
    salt = os.urandom(16) if salt is None else salt
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"{SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, encoded: str) -> bool:
    try:
        scheme, iterations, salt_hex, digest_hex = encoded.split("$")
        if scheme != SCHEME:
            raise ValueError(f"unknown PIN hash scheme {scheme!r}")
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt_hex), int(iterations))
    except ValueError as exc:
        raise ValueError(f"admin.pin_hash is malformed: {exc}") from None
    return hmac.compare_digest(digest.hex(), digest_hex)


class PinGate:
    """Counts wrong PINs; after `max_attempts` in a row the entry is locked for `lockout_seconds`."""

    def __init__(self, encoded_hash: str, max_attempts: int = 5, lockout_seconds: float = 300,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._hash = encoded_hash
        self._max = max_attempts
        self._lockout = lockout_seconds
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0

    def locked_for(self) -> float:
        return max(0.0, self._locked_until - self._clock())

    def attempt(self, pin: str) -> str:
        """Returns "ok", "wrong" or "locked"."""
        if self.locked_for() > 0:
            return "locked"
        if verify_pin(pin, self._hash):
            self._failures = 0
            return "ok"
        self._failures += 1
        if self._failures >= self._max:
            self._failures = 0
            self._locked_until = self._clock() + self._lockout
            return "locked"
        return "wrong"

    @property
    def failures(self) -> int:
        return self._failures


class CornerTaps:
    """Detects N taps within a time window (the hidden technician entry)."""

    def __init__(self, taps: int = 5, window_seconds: float = 3.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._taps = taps
        self._window = window_seconds
        self._clock = clock
        self._times: list[float] = []

    def tap(self) -> bool:
        now = self._clock()
        self._times = [t for t in self._times if now - t <= self._window] + [now]
        if len(self._times) >= self._taps:
            self._times.clear()
            return True
        return False
