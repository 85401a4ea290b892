"""Shared helpers for the offline-store and sync tests (invented people, no real data)."""

from __future__ import annotations

import random

from offline_store import Attachment, Store

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"


def invented_id_number(rng: random.Random) -> str:
    """A syntactically valid 18-character resident ID number (GB 11643 check digit)."""
    region = rng.choice(["431002", "430104", "110105", "440305"])
    birth = f"{rng.randint(1940, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = region + birth + f"{rng.randint(0, 999):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
    return body + check


def invented_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def submission_body(rng: random.Random, *, name: str | None = None,
                    id_number: str | None = None, n_attachments: int = 0) -> dict:
    return {
        "matter_code": "430100-JM-001",
        "title": "城乡居民基本养老保险参保登记",
        "applicant": {"name": name or invented_name(rng),
                      "id_number": id_number or invented_id_number(rng),
                      "card_type": "resident"},
        "form": {"address": "湖南省郴州市北湖区人民西路" + str(rng.randint(1, 300)) + "号",
                 "phone": "1380000" + f"{rng.randint(0, 9999):04d}"},
        "materials": [{"name": "户口簿", "status": "received",
                       "attachments": list(range(n_attachments))}] if n_attachments else
                     [{"name": "户口簿", "status": "owed", "attachments": []}],
        "delivery": {"method": "mail", "address": "北湖区燕泉路8号", "phone": "13800001111"},
        "promised_date": "2026-12-01",
    }


def scan(rng: random.Random, size: int = 2048, label: bytes = b"") -> Attachment:
    return Attachment(f"scan-{rng.randint(0, 10**6)}.jpg", "image/jpeg",
                      b"\xff\xd8\xff\xe0" + label + rng.randbytes(size))


def open_store(path, **kw) -> Store:
    kw.setdefault("site_code", "431002")
    kw.setdefault("device_code", "K01")
    kw.setdefault("min_free_mb", 0)
    kw.setdefault("create_key", True)
    return Store.open(path, **kw)
