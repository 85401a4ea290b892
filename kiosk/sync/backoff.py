"""Capped exponential back-off with jitter ("equal jitter": half fixed, half random), so a
fleet coming back online does not hammer the platform in step. No give-up limit: a citizen's
item is retried for as long as it takes."""

from __future__ import annotations

import random


class Backoff:
    def __init__(self, min_s: float = 3.0, max_s: float = 900.0, factor: float = 2.0,
                 rng: random.Random | None = None):
        if min_s <= 0 or max_s < min_s:
            raise ValueError(f"back-off needs 0 < min ({min_s}) <= max ({max_s})")
        self.min_s = min_s
        self.max_s = max_s
        self.factor = factor
        self.rng = rng or random.Random()
        self.failures = 0  # for the engine-wide back-off

    def delay(self, attempt: int) -> float:
        """Delay before attempt number `attempt + 1` after `attempt` failures (attempt >= 1)."""
        base = min(self.max_s, self.min_s * self.factor ** max(0, min(attempt - 1, 60)))
        return base / 2 + self.rng.uniform(0, base / 2)

    def failed(self) -> float:
        self.failures += 1
        return self.delay(self.failures)

    def reset(self) -> None:
        self.failures = 0
