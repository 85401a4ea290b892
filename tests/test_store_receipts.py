"""Receipt numbers: check character catches typing errors; numbers are unique per device/day."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from offline_store.receipts import ALPHABET, check_character, is_valid_receipt_no, make_receipt_no

bodies = st.text(alphabet=ALPHABET, min_size=4, max_size=30)


def test_format_and_check():
    number = make_receipt_no("431002", "k01", date(2026, 11, 23), 42)
    assert number.startswith("431002-K01-261123-00042-")
    assert is_valid_receipt_no(number)
    assert is_valid_receipt_no(number.lower())
    assert make_receipt_no("431002", "K01", date(2026, 11, 23), 123456).split("-")[3] == "123456"
    assert "-F00007-" in make_receipt_no("431002", "K01", date(2026, 11, 23), 7, series="F")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"site_code": "43 10"}, "site_code"), ({"device_code": "K-1"}, "device_code"),
    ({"seq": 0}, "sequence"), ({"series": "ff"}, "series"),
])
def test_bad_parts_are_named(kwargs, message):
    args = {"site_code": "431002", "device_code": "K01", "day": date(2026, 1, 1), "seq": 1}
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        make_receipt_no(**args)


@given(bodies, st.data())
def test_every_single_character_substitution_is_detected(body, data):
    full = body + check_character(body)
    pos = data.draw(st.integers(0, len(full) - 1))
    other = data.draw(st.sampled_from(ALPHABET).filter(lambda c: c != full[pos]))
    assert not is_valid_receipt_no(full[:pos] + other + full[pos + 1:])


@given(bodies, st.data())
def test_every_adjacent_transposition_is_detected(body, data):
    full = body + check_character(body)
    pos = data.draw(st.integers(0, len(full) - 2))
    if full[pos] == full[pos + 1]:
        return
    swapped = full[:pos] + full[pos + 1] + full[pos] + full[pos + 2:]
    assert not is_valid_receipt_no(swapped)


def test_different_devices_never_share_a_number():
    day = date(2026, 11, 23)
    numbers = {make_receipt_no(site, dev, day, seq)
               for site in ("431002", "431003") for dev in ("K01", "K02") for seq in range(1, 200)}
    assert len(numbers) == 2 * 2 * 199
