"""Invented identities for the simulator, tests and the demo — never real people.

An `Identity` holds what is printed on a card (field names of `cards.LAYOUTS`, dates as
YYYYMMDD or 长期, sex and nation as codes) plus the photo, fingerprint and appended address.
ID numbers are generated with valid check characters. JSON files are lists of objects with
`card_type`, the card's fields, and optionally `fingerprint_bytes` (0/512/1024) and
`appended_address`.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from drivers.idcard import cards, idnumber

WLT_HEADER = bytes.fromhex("574C66007E00320000FF85")  # "WLf", 102×126, as in every capture

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["子涵", "浩然", "欣怡", "梓萱", "宇轩", "思远", "雨桐", "俊杰", "晓明", "春梅", "建国", "秀英"]
STREETS = ["人民西路", "国庆北路", "燕泉路", "苏仙北路", "五岭大道", "青年大道"]
EN_SURNAMES = ["SMITH", "GARCIA", "MUELLER", "TANAKA", "AL-RASHID", "OKONKWO", "DUBOIS"]
EN_GIVEN = ["JOHN PAUL", "MARIA", "ANNA LENA", "HIROSHI", "FAISAL", "CHIDI", "CLAIRE"]


@dataclass
class Identity:
    card_type: str
    fields: dict[str, str]
    photo_wlt: bytes = b""
    fingerprint: bytes | None = None  # None: the card holds no fingerprint (30 10 gives 0 bytes)
    appended_address: str | None = None
    label: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def id_number(self) -> str:
        return self.fields.get("id_number", "")

    def text_block(self) -> bytes:
        return cards.encode_text_block(self.card_type, self.fields)

    def read_data(self, with_fingerprint: bool) -> bytes:
        """DATA of the 30 01 (or 30 10) reply for this card."""
        fingerprint = (self.fingerprint or b"") if with_fingerprint else None
        return cards.build_read_data(self.text_block(), self.photo_wlt, fingerprint)

    def to_json_dict(self) -> dict:
        data = {"card_type": self.card_type, **self.fields}
        if self.fingerprint:
            data["fingerprint_bytes"] = len(self.fingerprint)
        if self.appended_address:
            data["appended_address"] = self.appended_address
        if self.label:
            data["label"] = self.label
        return data

    @classmethod
    def from_json_dict(cls, data: dict, where: str = "identity") -> Identity:
        if not isinstance(data, dict):
            # a data-file content error, reported like every other one: ValueError
            raise ValueError(f"{where}: expected an object, got {type(data).__name__}")  # noqa: TRY004
        data = dict(data)
        card_type = data.pop("card_type", None)
        if card_type not in cards.LAYOUTS:
            raise ValueError(f"{where}: key 'card_type' is {card_type!r}; expected one of "
                             f"{sorted(cards.LAYOUTS)}")
        fp_size = data.pop("fingerprint_bytes", 0)
        if fp_size not in cards.FINGERPRINT_SIZES:
            raise ValueError(f"{where}: key 'fingerprint_bytes' must be 0, 512 or 1024, got {fp_size!r}")
        appended = data.pop("appended_address", None)
        label = str(data.pop("label", ""))
        fields = {}
        for key, value in data.items():
            if not isinstance(value, str):
                raise ValueError(f"{where}: key {key!r} must be a string, got {value!r}")  # noqa: TRY004
            fields[key] = value
        identity = cls(card_type, fields, _fake_wlt(fields.get("id_number", "")),
                       _fake_fingerprint(fp_size, fields.get("id_number", "")), appended, label)
        try:
            identity.text_block()
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        return identity


def _fake_wlt(seed: str) -> bytes:
    rng = random.Random(f"wlt:{seed}")
    return WLT_HEADER + rng.randbytes(1024 - len(WLT_HEADER))


def _fake_fingerprint(size: int, seed: str) -> bytes | None:
    if not size:
        return None
    rng = random.Random(f"fp:{seed}")
    return b"".join(bytes([0x43, 0x01, 0, 0, 0, 0x0B + i]) + rng.randbytes(506) for i in range(size // 512))


def _birth(rng: random.Random, young: bool = False) -> dt.date:
    start = dt.date(1940, 1, 1) if not young else dt.date(1995, 1, 1)
    return start + dt.timedelta(days=rng.randrange(0, 365 * 25))


def _validity(rng: random.Random, birth: dt.date, today: dt.date, fixed_years: int = 0) -> tuple[str, str]:
    """Issue and expiry dates of a card that is in date today: `fixed_years` long (permits), or
    by the holder's age at issue (resident cards: 5, 10, 20 years, long-term from 46). An expired
    card is a test's explicit choice: a random one would make every journey that places "a
    resident" fail now and then."""
    def years_valid(issued: dt.date) -> int:
        return fixed_years or _years_valid(issued, birth)
    issued = today - dt.timedelta(days=rng.randrange(30, 2000))
    years = years_valid(issued)
    if years and issued.year + years <= today.year:  # would have run out: issued more recently
        issued = today - dt.timedelta(days=rng.randrange(30, 365 * (years - 1)))
        years = years_valid(issued)  # only older at issue, so never shorter
    if not years:
        return f"{issued:%Y%m%d}", cards.LONG_TERM
    return f"{issued:%Y%m%d}", f"{issued.replace(year=issued.year + years, day=min(issued.day, 28)):%Y%m%d}"


def _years_valid(issued: dt.date, birth: dt.date) -> int:
    """Years a card issued at this age is valid; 0 for long-term (46 and over)."""
    age = (issued - birth).days // 365
    return 0 if age >= 46 else 5 if age < 16 else 10 if age < 26 else 20


def _sex_sequence(rng: random.Random, sex: str) -> int:
    sequence = rng.randrange(0, 999)
    return sequence if (sequence % 2 == 1) == (sex == "1") else (sequence + 1) % 1000


def invented_identity(card_type: str, rng: random.Random, today: dt.date | None = None) -> Identity:
    """One invented identity of `card_type` with a valid check character."""
    today = today or dt.date.today()
    sex = rng.choice("12")
    birth = _birth(rng, young=rng.random() < 0.5)
    valid_from, valid_to = _validity(rng, birth, today, fixed_years=5 if card_type == cards.HK_MO_TW else 10
                                     if card_type in (cards.FOREIGN_2017, cards.FOREIGN_2023) else 0)
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    address = f"湖南省郴州市北湖区{rng.choice(STREETS)}{rng.randrange(1, 300)}号"
    if card_type == cards.RESIDENT:
        number = idnumber.make_number("431002", birth, _sex_sequence(rng, sex))
        fields = {"name": name, "sex": sex, "nation": rng.choice(["01", "01", "03", "15", "08"]),
                  "birth_date": f"{birth:%Y%m%d}", "address": address, "id_number": number,
                  "authority": "郴州市公安局北湖分局", "valid_from": valid_from, "valid_to": valid_to}
    elif card_type == cards.HK_MO_TW:
        prefix = rng.choice(["810000", "820000", "830000"])
        number = idnumber.make_number(prefix, birth, _sex_sequence(rng, sex))
        permit = {"810000": "H", "820000": "M", "830000": ""}[prefix] + f"{rng.randrange(10**7, 10**8)}"
        fields = {"name": name, "sex": sex, "birth_date": f"{birth:%Y%m%d}", "address": address,
                  "id_number": number, "authority": "郴州市公安局", "valid_from": valid_from,
                  "valid_to": valid_to, "permit_number": permit.ljust(9, "0")[:9], "issue_count": f"{rng.randrange(1, 5):02d}"}
    elif card_type == cards.FOREIGN_2017:
        nationality = rng.choice(["CAN", "USA", "PAK", "DEU", "JPN"])
        number = f"{nationality}43{birth:%y%m%d}{rng.randrange(0, 9999):04d}"
        fields = {"name_en": f"{rng.choice(EN_SURNAMES)}, {rng.choice(EN_GIVEN)}", "sex": sex,
                  "id_number": number, "nationality": nationality, "name": name,
                  "valid_from": valid_from, "valid_to": valid_to, "birth_date": f"{birth:%Y%m%d}", "card_version": "01", "authority_code": "4300"}
    elif card_type == cards.FOREIGN_2023:
        numeric = rng.choice(["124", "682", "840", "276"])
        number = idnumber.make_number(f"943{numeric}", birth, _sex_sequence(rng, sex))
        # Long enough to spill into the continuation slot at offset 220.
        name_en = f"{rng.choice(EN_SURNAMES)} {rng.choice(EN_GIVEN)} ALEXANDER MAXIMILIAN VON HOHENBERG"
        fields = {"name": name, "sex": sex, "renewal_count": "00", "birth_date": f"{birth:%Y%m%d}",
                  "name_en": name_en[:47].rsplit(" ", 1)[0], "id_number": number, "authority": "国家移民管理局",
                  "valid_from": valid_from, "valid_to": valid_to, "nationality": numeric}
    else:
        raise ValueError(f"unknown card type {card_type!r}")
    fp_size = rng.choice([0, 512, 1024])
    appended = f"湖南省郴州市苏仙区{rng.choice(STREETS)}{rng.randrange(1, 99)}号" if rng.random() < 0.3 else None
    return Identity(card_type, fields, _fake_wlt(number), _fake_fingerprint(fp_size, number),
                    appended, label=f"{card_type}-{number[-4:]}")


def invented_identities(count: int = 4, seed: int = 2024, today: dt.date | None = None) -> list[Identity]:
    """`count` identities cycling through all four card types, reproducible for a seed."""
    rng = random.Random(seed)
    types = list(cards.LAYOUTS)
    return [invented_identity(types[i % len(types)], rng, today) for i in range(count)]


def load_identities(path: str | Path) -> list[Identity]:
    """Read a JSON list of identities; ValueError names the file, the entry and the key."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path}: file not found") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON: {exc}") from None
    if not isinstance(data, list) or not data:
        raise ValueError(f"{path}: expected a non-empty JSON list of identities")
    return [Identity.from_json_dict(item, f"{path}: entry {i}") for i, item in enumerate(data)]


def save_identities(identities: list[Identity], path: str | Path) -> None:
    Path(path).write_text(json.dumps([i.to_json_dict() for i in identities], ensure_ascii=False, indent=2),
                          encoding="utf-8")
