"""Working-day calendar: weekends, holidays and 调休 working weekend days, with worked examples
taken from the 2025 National Day / Mid-Autumn arrangement (10-01…10-08 off; 09-28 Sunday and
10-11 Saturday worked)."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.catalog import CatalogError, WorkCalendar

NATIONAL_DAY_2025 = WorkCalendar.from_strings(
    [f"2025-10-0{d}" for d in range(1, 9)], ["2025-09-28", "2025-10-11"]
)


def test_plain_weeks_skip_weekends():
    calendar = WorkCalendar()
    friday = date(2025, 11, 21)
    assert calendar.add_working_days(friday, 0) == friday  # 即办: the same day
    assert calendar.add_working_days(friday, 1) == date(2025, 11, 24)  # Monday
    assert calendar.add_working_days(friday, 5) == date(2025, 11, 28)
    assert calendar.add_working_days(date(2025, 11, 22), 1) == date(2025, 11, 24)  # from a Saturday


@pytest.mark.parametrize(("start", "days", "expected"), [
    (date(2025, 9, 26), 1, date(2025, 9, 28)),   # Sunday 09-28 is a 调休 working day
    (date(2025, 9, 26), 3, date(2025, 9, 30)),
    (date(2025, 9, 30), 1, date(2025, 10, 9)),   # the holiday week is skipped
    (date(2025, 9, 30), 3, date(2025, 10, 11)),  # Saturday 10-11 is worked
    (date(2025, 9, 30), 4, date(2025, 10, 13)),
    (date(2025, 10, 3), 1, date(2025, 10, 9)),   # accepted on a holiday (self-service, 24 h)
])
def test_holidays_and_adjusted_working_days(start, days, expected):
    assert NATIONAL_DAY_2025.add_working_days(start, days) == expected


def test_is_working_day():
    assert NATIONAL_DAY_2025.is_working_day(date(2025, 9, 28))  # Sunday, 调休
    assert not NATIONAL_DAY_2025.is_working_day(date(2025, 10, 6))  # Monday, holiday
    assert not NATIONAL_DAY_2025.is_working_day(date(2025, 10, 12))  # ordinary Sunday


def test_negative_days_refused():
    with pytest.raises(ValueError):
        WorkCalendar().add_working_days(date(2025, 1, 6), -1)


def test_bad_date_string_names_key_and_position():
    with pytest.raises(CatalogError, match=r"workdays\[1\]: '2025-13-01' is not a date"):
        WorkCalendar.from_strings([], ["2025-09-28", "2025-13-01"])


def test_a_day_cannot_be_holiday_and_working_day():
    with pytest.raises(CatalogError, match="2025-10-01 is both a holiday and a working day"):
        WorkCalendar.from_strings(["2025-10-01"], ["2025-10-01"])


def test_calendar_from_kiosk_configuration():
    from kiosk.config import load_config

    config = load_config(environ={"KIOSK_CATALOG__HOLIDAYS": '["2026-01-01"]',
                                  "KIOSK_CATALOG__WORKDAYS": '["2026-01-04"]'})
    calendar = WorkCalendar.from_strings(config.catalog.holidays, config.catalog.workdays)
    # Wednesday 2025-12-31 + 1: Thursday 01-01 is a holiday → Friday 01-02
    assert calendar.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 2)
    assert calendar.add_working_days(date(2026, 1, 2), 1) == date(2026, 1, 4)  # Sunday worked
