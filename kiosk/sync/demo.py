"""Invented applications for `kioskctl demo submit`, benchmarks and tests (no real people)."""

from __future__ import annotations

import io
import random

from offline_store import Attachment

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚"
_MATTERS = [("430100-JM-001", "城乡居民基本养老保险参保登记"),
            ("430100-HJ-014", "居民户口簿补领"),
            ("430100-YB-007", "城乡居民医疗保险参保登记")]


def invented_id_number(rng: random.Random) -> str:
    region = rng.choice(["431002", "430104", "431081"])
    birth = f"{rng.randint(1940, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = region + birth + f"{rng.randint(0, 999):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def invented_scan(rng: random.Random, index: int) -> Attachment:
    """A small grey JPEG with noise (what a document camera page looks like to the store)."""
    from PIL import Image

    image = Image.effect_noise((320, 452), rng.randint(20, 60)).convert("L")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=70)
    return Attachment(f"scan-{index + 1}.jpg", "image/jpeg", buffer.getvalue())


def invented_application(rng: random.Random, n_attachments: int = 0) -> tuple[dict, list]:
    code, title = rng.choice(_MATTERS)
    name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))
    attachments = [invented_scan(rng, i) for i in range(n_attachments)]
    body = {
        "matter_code": code, "title": title, "matters": [code],
        "applicant": {"name": name, "id_number": invented_id_number(rng), "card_type": "resident"},
        "form": {"phone": f"138{rng.randint(0, 99999999):08d}",
                 "address": f"湖南省郴州市北湖区人民路{rng.randint(1, 300)}号"},
        "materials": [{"name": "申请材料", "status": "received" if attachments else "owed",
                       "attachments": list(range(n_attachments))}],
        "delivery": {"method": rng.choice(["pickup", "mail"]), "address": None, "phone": None},
        "promised_date": None,
    }
    return body, attachments
