"""Local receipt numbers: unique across the fleet without asking anyone.

Format: SSSSSS-DDD-YYMMDD-[P]NNNNN-C
  SSSSSS  site code from enrolment (administrative division code)
  DDD     device code within the site (from enrolment)
  YYMMDD  local date of the kiosk
  P       optional series letter (F = feedback reference; none for applications)
  NNNNN   per-day local sequence (grows past 5 digits rather than wrap)
  C       ISO 7064 MOD 37-2 check character over everything before it (dashes ignored), one of
          0-9, A-Z or "*": with the prime modulus 37 and weights that are powers of 2 (a
          primitive root of 37) it catches every single-character error and every adjacent
          transposition. (The hybrid MOD 37,36 used at first missed some, e.g. IJ00 ↔ JI00.)
"""

from __future__ import annotations

import re
from datetime import date

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CHECK_ALPHABET = ALPHABET + "*"
_M = 37
_CODE = re.compile(r"^[0-9A-Z]{1,12}$")


def check_character(body: str) -> str:
    """ISO 7064 pure system MOD 37-2 check character of `body` (0-9, A-Z)."""
    p = 0
    for char in body:
        try:
            value = ALPHABET.index(char)
        except ValueError:
            raise ValueError(f"receipt body {body!r}: character {char!r} is not 0-9 or A-Z") from None
        p = ((p + value) * 2) % _M
    return CHECK_ALPHABET[(_M + 1 - p) % _M]


def make_receipt_no(site_code: str, device_code: str, day: date, seq: int, series: str = "") -> str:
    site = site_code.strip().upper()
    device = device_code.strip().upper()
    for name, value in (("site_code", site), ("device_code", device)):
        if not _CODE.match(value):
            raise ValueError(f"{name} {value!r} must be 1-12 characters of 0-9/A-Z")
    if seq < 1:
        raise ValueError(f"sequence must be positive, got {seq}")
    if series and not re.fullmatch(r"[A-Z]", series):
        raise ValueError(f"series {series!r} must be one capital letter")
    parts = [site, device, day.strftime("%y%m%d"), f"{series}{seq:05d}"]
    body = "".join(parts)
    return "-".join(parts + [check_character(body)])


def is_valid_receipt_no(receipt_no: str) -> bool:
    """True when the check character matches (typed or scanned numbers are verified with it)."""
    compact = receipt_no.replace("-", "").strip().upper()
    if len(compact) < 2:
        return False
    try:
        return check_character(compact[:-1]) == compact[-1]
    except ValueError:
        return False
