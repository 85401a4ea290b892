"""DLE EOT replies → status; silence and malformed replies are unknown, never OK."""

from __future__ import annotations

import pytest

from drivers.printer.status import (
    UNKNOWN,
    query_bytes,
    reply_bytes,
    status_from_replies,
    valid_reply,
)

OK = {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12}


def with_reply(n: int, byte: int | None) -> dict:
    replies = dict(OK)
    replies[n] = byte
    return replies


def test_query_bytes():
    assert query_bytes(1) == b"\x10\x04\x01" and query_bytes(4) == b"\x10\x04\x04"
    with pytest.raises(ValueError):
        query_bytes(9)


def test_valid_reply_pattern_0xx1xx10_over_every_byte():
    valid = {b for b in range(256) if valid_reply(b)}
    assert len(valid) == 16  # four free bits
    assert all(b & 0x12 == 0x12 and not b & 0x81 for b in valid)
    assert not valid_reply(None)


def test_all_ok():
    s = status_from_replies(OK)
    assert (s.online, s.cover_open, s.paper, s.error, s.state) == (True, False, "ok", False, "ok")
    assert s.can_print


@pytest.mark.parametrize("n, byte, field, value, state", [
    (1, 0x1A, "online", False, "fail"),  # bit 3: offline
    (2, 0x16, "cover_open", True, "fail"),  # bit 2: cover open
    (2, 0x52, "error", True, "fail"),  # bit 6: error
    (3, 0x1A, "error", True, "fail"),  # bit 3: auto-cutter error
    (3, 0x32, "error", True, "fail"),  # bit 5: unrecoverable
    (3, 0x52, "error", True, "fail"),  # bit 6: auto-recoverable
    (4, 0x1E, "paper", "near_end", "warn"),  # bits 2-3
    (4, 0x16, "paper", "near_end", "warn"),  # one near-end bit is enough
    (4, 0x72, "paper", "out", "fail"),  # bits 5-6
    (4, 0x7E, "paper", "out", "fail"),  # out wins over near end
    (4, 0x32, "paper", "out", "fail"),
])
def test_each_status_bit(n, byte, field, value, state):
    s = status_from_replies(with_reply(n, byte))
    assert getattr(s, field) == value
    assert s.state == state
    assert s.can_print is (state == "warn")


def test_paper_end_stop_without_paper_sensor_reply_still_means_out():
    s = status_from_replies({1: 0x12, 2: 0x32})
    assert s.paper == "out" and s.state == "fail"


def test_no_reply_at_all_is_unknown_not_ok():
    s = status_from_replies({})
    assert (s.online, s.cover_open, s.paper, s.error) == (None, None, "unknown", None)
    assert s.state == "unknown" and not s.can_print
    assert "无应答" in s.reason and "no reply to DLE EOT 1,2,3,4" in s.detail
    assert UNKNOWN.state == "unknown"


@pytest.mark.parametrize("n", [1, 4])
def test_missing_single_reply_is_unknown(n):
    s = status_from_replies(with_reply(n, None))
    assert s.state == "unknown"


@pytest.mark.parametrize("bad", [0x00, 0xFF, 0x13, 0x92, 0x02, 0x10])
def test_invalid_reply_byte_is_unknown(bad):
    s = status_from_replies(with_reply(4, bad))
    assert s.paper == "unknown" and s.state == "unknown"
    assert f"0x{bad:02x}" in s.detail
    s = status_from_replies(with_reply(1, bad))
    assert s.online is None and s.state == "unknown"


@pytest.mark.parametrize("kwargs, state, paper", [
    ({}, "ok", "ok"),
    ({"paper": "near_end"}, "warn", "near_end"),
    ({"paper": "out"}, "fail", "out"),
    ({"online": False}, "fail", "ok"),
    ({"cover_open": True}, "fail", "ok"),
    ({"error": True}, "fail", "ok"),
])
def test_virtual_printer_replies_round_trip(kwargs, state, paper):
    s = status_from_replies(reply_bytes(**kwargs))
    assert s.state == state and s.paper == paper
    assert all(valid_reply(b) for b in reply_bytes(**kwargs).values())


def test_python_escpos_masks_agree_with_our_replies():
    from escpos.constants import RT_MASK_LOWPAPER, RT_MASK_NOPAPER

    assert reply_bytes(paper="out")[4] & RT_MASK_NOPAPER == RT_MASK_NOPAPER
    assert reply_bytes(paper="near_end")[4] & RT_MASK_LOWPAPER == RT_MASK_LOWPAPER
