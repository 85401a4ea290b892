"""公民身份号码 (GB 11643-1999): ISO 7064 MOD 11-2 check character, birth date and sex parity.

Also used for 港澳台居民居住证 (81/82/83 prefix) and 2023 外国人永久居留身份证 (prefix 9), which
share the structure and the check algorithm. County codes are never checked against a table:
they get retired and renamed, and a valid card must never be refused for that.
"""

from __future__ import annotations

import datetime as dt

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"  # indexed by (Σ digit × weight) mod 11


def check_char(first17: str) -> str:
    """Check character for the first 17 digits; ValueError names the offending position."""
    if len(first17) != 17:
        raise ValueError(f"need 17 digits, got {len(first17)}")
    for index, char in enumerate(first17):
        if not char.isascii() or not char.isdigit():
            raise ValueError(f"position {index + 1}: {char!r} is not a digit")
    total = sum(int(char) * weight for char, weight in zip(first17, WEIGHTS))
    return CHECK_CHARS[total % 11]


def checksum_ok(number: str) -> bool:
    """True when `number` is 17 digits + the right check character (upper-case X only)."""
    if len(number) != 18:
        return False
    try:
        return check_char(number[:17]) == number[17]
    except ValueError:
        return False


def birth_date(number: str) -> dt.date | None:
    """Birth date embedded at positions 7–14, or None when it is not a real date."""
    if len(number) != 18:
        return None
    try:
        return dt.datetime.strptime(number[6:14], "%Y%m%d").date()
    except ValueError:
        return None


def sex_code(number: str) -> str | None:
    """'1' (odd sequence: male) or '2' (even: female), from position 17."""
    if len(number) != 18 or not number[16].isdigit():
        return None
    return "1" if int(number[16]) % 2 else "2"


def make_number(prefix6: str, birth: dt.date, sequence: int) -> str:
    """Build a number with a valid check character (for invented test identities)."""
    if not 0 <= sequence <= 999:
        raise ValueError(f"sequence {sequence} is outside 0..999")
    first17 = f"{prefix6}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)
