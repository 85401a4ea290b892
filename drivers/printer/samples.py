"""Example data for each template (fictional person): used by the benchmark, the test page and
as the documented example in the README."""

from __future__ import annotations

RECEIPT = {
    "receipt_no": "330106-K07-20240506-0042-X",
    "site_name": "西湖区文新街道便民服务中心",
    "terminal_id": "K07",
    "kind": "bundle",
    "title": "新生儿出生“一件事”",
    "matters": ["出生医学证明办理", "户口登记", "城乡居民医保参保登记", "社会保障卡申领"],
    "applicant_name": "𠮷野家",
    "applicant_id_number": "110101199003071234",
    "submitted_at": "2024-05-06T14:30:12+08:00",
    "promised_date": "2024-05-13",
    "promised_days": 5,
    "materials_received": ["父母双方居民身份证", "结婚证", "出生医学证明（首联）"],
    "materials_owed": ["户口簿原件"],
    "delivery": "mail",
    "sync_status": "pending",
    "query_url": "https://zwfw.example.gov.cn/q?no={receipt_no}",
}

NOTICE = {
    "title": "城乡居民基本医疗保险参保登记",
    "kind": "matter",
    "matters": [],
    "conditions": ["本市户籍或持有本市居住证的城乡居民", "未参加职工基本医疗保险"],
    "materials": [
        {"name": "居民身份证或户口簿", "originals": 1, "copies": 0, "required": True,
         "deferrable": False, "reusable": True},
        {"name": "居住证（非本市户籍提供）", "originals": 1, "copies": 1, "required": False,
         "deferrable": True, "reusable": False},
    ],
    "time_limit_days": 20,
    "promised_days": 1,
    "fees": 0,
    "place": "区政务服务中心一楼社保窗口",
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

BY_TEMPLATE = {"receipt": RECEIPT, "notice": NOTICE, "ticket": TICKET, "test": {}}
