"""Time limits: the working-day calendar and the 一件事 time-limit rule.

Rule (郴州市“一件事一次办”实施方案): matters that can run at the same time take the longest
single limit; matters that must follow one another take the sum of their statutory limits
compressed by at least 70 % — at most 30 % of the sum, rounded up to a whole working day.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from kiosk.catalog.errors import CatalogError

# "compressed by at least 70 %" → keep at most 30 % of the summed statutory limits.
SEQUENTIAL_KEEP_PERCENT = 30


def compress_sequential(statutory_sum: int) -> int:
    """At most 30 % of the summed statutory days, rounded up (integer maths: no float surprises)."""
    if statutory_sum < 0:
        raise ValueError("statutory_sum must not be negative")
    return math.ceil(statutory_sum * SEQUENTIAL_KEEP_PERCENT / 100) if statutory_sum else 0


def bundle_time_limit(stages: list[list[tuple[int, int]]]) -> int:
    """Working days promised for a bundle.

    `stages` holds, per stage, the (statutory_days, promised_days) of its matters. One stage
    (all parallel) → the longest promised limit of a single matter. Several stages in sequence →
    each stage counts with its longest statutory limit, and their sum is compressed to 30 %.
    """
    if not stages or any(not stage for stage in stages):
        raise ValueError("a bundle needs at least one non-empty stage")
    if len(stages) == 1:
        return max(promised for _statutory, promised in stages[0])
    return compress_sequential(sum(max(statutory for statutory, _p in stage) for stage in stages))


@dataclass(frozen=True)
class WorkCalendar:
    """Working days: Monday–Friday, minus public holidays, plus 调休 weekend working days."""

    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)

    def __init__(self, holidays: Iterable[date] = (), workdays: Iterable[date] = ()) -> None:
        holidays = frozenset(holidays)
        workdays = frozenset(workdays)
        clash = sorted(holidays & workdays)
        if clash:
            raise CatalogError(f"calendar: {clash[0].isoformat()} is both a holiday and a working day")
        object.__setattr__(self, "holidays", holidays)
        object.__setattr__(self, "workdays", workdays)

    @classmethod
    def from_strings(cls, holidays: Iterable[str], workdays: Iterable[str]) -> WorkCalendar:
        """From "YYYY-MM-DD" strings (config/kiosk.toml [catalog] holidays / workdays)."""
        return cls(_parse_dates("holidays", holidays), _parse_dates("workdays", workdays))

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> date:
        """The date `days` working days after `start`.

        The day of acceptance does not count (受理当日不计入); 0 days (即办) is `start` itself.
        """
        if days < 0:
            raise ValueError("days must not be negative")
        current = start
        remaining = days
        while remaining:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current


def _parse_dates(key: str, values: Iterable[str]) -> list[date]:
    parsed = []
    for index, value in enumerate(values):
        try:
            parsed.append(date.fromisoformat(str(value)))
        except ValueError:
            raise CatalogError(
                f"calendar: {key}[{index}]: '{value}' is not a date in the form YYYY-MM-DD"
            ) from None
    return parsed
