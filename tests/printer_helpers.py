"""Shared helpers for the printer tests (data generated here, no /work/shared needed)."""

from __future__ import annotations

import copy

RECEIPT = {
    "receipt_no": "330106-K07-20240506-0042-X",
    "site_name": "西湖区文新街道便民服务中心",
    "terminal_id": "K07",
    "kind": "bundle",
    "title": "新生儿出生一件事",
    "matters": ["出生医学证明办理", "户口登记", "社会保障卡申领"],
    "applicant_name": "张三丰",
    "applicant_id_number": "110101199003071234",
    "submitted_at": "2024-05-06T14:30:12+08:00",
    "promised_date": "2024-05-13",
    "promised_days": 5,
    "materials_received": ["父母双方居民身份证", {"name": "结婚证"}],
    "materials_owed": ["户口簿原件"],
    "delivery": "mail",
    "sync_status": "pending",
}

NOTICE = {
    "title": "城乡居民基本医疗保险参保登记",
    "kind": "matter",
    "matters": [],
    "conditions": ["本市户籍城乡居民"],
    "materials": [
        {"name": "居民身份证", "originals": 1, "copies": 2, "required": True,
         "deferrable": False, "reusable": True},
        {"name": "居住证", "originals": 1, "copies": 0, "required": False,
         "deferrable": True, "reusable": False},
    ],
    "time_limit_days": 20,
    "promised_days": 1,
    "fees": 0,
    "place": "一楼社保窗口",
    "phone": "0571-12345678",
    "site_name": "西湖区政务服务中心",
}

TICKET = {
    "site_name": "西湖区政务服务中心",
    "category_name": "社保医保综合窗口",
    "number": "A012",
    "issued_at": "2024-05-06T09:15:00+08:00",
    "people_ahead": 3,
}


def receipt(**changes) -> dict:
    data = copy.deepcopy(RECEIPT)
    data.update(changes)
    return data


def compact(lines: list[str]) -> str:
    """All printed text joined, without the spaces layout adds (for 'contains' checks)."""
    return "".join(line.replace(" ", "") for line in lines)
