"""Masked forms of personal data for pages and logs (张*三, 110101********1234)."""

from __future__ import annotations


def mask_name(name: str) -> str:
    """Keep the first and last character: 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id_number(id_number: str) -> str:
    """First 6 and last 4 characters only (less for short numbers)."""
    id_number = id_number.strip()
    if len(id_number) <= 10:
        keep = max(0, len(id_number) // 3)
        return id_number[:keep] + "*" * (len(id_number) - keep)
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]
