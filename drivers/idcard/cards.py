"""Card data: the read-reply envelope (30 01 / 30 10) and the 256-byte text block of the four
card types, switched on the type flag at byte 248 (reference §3).

Text is UTF-16LE, fixed-width, right-padded with spaces; fields are right-trimmed only (names
may contain inner spaces). Parsing never fails on field *content*: odd values are kept raw and
listed in `IdCard.problems`; only a structurally broken envelope raises `CardFormatError`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import asdict, dataclass, field, replace

from drivers.idcard import codes, idnumber

log = logging.getLogger(__name__)

TEXT_SIZE = 256
PHOTO_SIZE = 1024
FINGERPRINT_SIZES = (0, 512, 1024)
TYPE_FLAG_OFFSET = 248
LONG_TERM = "长期"
# Reply DATA starts after preamble (5) + length (2) + SW1 SW2 SW3 (3): used to name frame offsets.
DATA_OFFSET_IN_FRAME = 10

RESIDENT, HK_MO_TW, FOREIGN_2017, FOREIGN_2023 = "resident", "hk_mo_tw", "foreign_2017", "foreign_2023"
TYPE_FLAGS = {" ": RESIDENT, "J": HK_MO_TW, "I": FOREIGN_2017, "Y": FOREIGN_2023}
FLAG_OF_TYPE = {card_type: flag for flag, card_type in TYPE_FLAGS.items()}

# (field, byte offset, byte size) per card type; the type flag (248/2) is written separately.
LAYOUTS: dict[str, tuple[tuple[str, int, int], ...]] = {
    RESIDENT: (
        ("name", 0, 30), ("sex", 30, 2), ("nation", 32, 4), ("birth_date", 36, 16),
        ("address", 52, 70), ("id_number", 122, 36), ("authority", 158, 30),
        ("valid_from", 188, 16), ("valid_to", 204, 16),
    ),
    HK_MO_TW: (
        ("name", 0, 30), ("sex", 30, 2), ("birth_date", 36, 16), ("address", 52, 70),
        ("id_number", 122, 36), ("authority", 158, 30), ("valid_from", 188, 16),
        ("valid_to", 204, 16), ("permit_number", 220, 18), ("issue_count", 238, 4),
    ),
    FOREIGN_2017: (
        ("name_en", 0, 120), ("sex", 120, 2), ("id_number", 122, 30), ("nationality", 152, 6),
        ("name", 158, 30), ("valid_from", 188, 16), ("valid_to", 204, 16),
        ("birth_date", 220, 16), ("card_version", 236, 4), ("authority_code", 240, 8),
    ),
    # 2023 layout is reconstructed from vendor SDKs (reference §3.6, confidence M/L).
    FOREIGN_2023: (
        ("name", 0, 30), ("sex", 30, 2), ("renewal_count", 32, 4), ("birth_date", 36, 16),
        ("name_en", 52, 70), ("id_number", 122, 36), ("authority", 158, 30),
        ("valid_from", 188, 16), ("valid_to", 204, 16), ("name_en_more", 220, 22),
        ("nationality", 242, 6), ("old_number_link", 250, 6),
    ),
}


class CardFormatError(ValueError):
    """The read reply's envelope is structurally wrong (lengths, sizes)."""


@dataclass(frozen=True)
class ReadData:
    text: bytes
    photo_wlt: bytes
    fingerprint: bytes
    has_fingerprint_block: bool  # True for a 30 10 reply


def parse_read_data(data: bytes) -> ReadData:
    """Split the DATA of a 30 01 or 30 10 reply by its own big-endian length words.

    30 01: TL(2) PL(2) text photo;  30 10: TL(2) PL(2) FL(2) text photo fingerprint.
    The variant is recognised from the total length, never from a hard-coded 1295.
    """
    base = DATA_OFFSET_IN_FRAME
    if len(data) < 4:
        raise CardFormatError(f"frame byte {base}: read reply has {len(data)} data bytes, no length words")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if len(data) == 4 + text_len + photo_len:
        header, fp_len = 4, 0
        with_fp = False
    elif len(data) >= 6 and len(data) == 6 + text_len + photo_len + int.from_bytes(data[4:6], "big"):
        header, fp_len = 6, int.from_bytes(data[4:6], "big")
        with_fp = True
    else:
        raise CardFormatError(
            f"frame bytes {base}..{base + 5}: length words (text {text_len}, photo {photo_len}"
            + (f", fingerprint {int.from_bytes(data[4:6], 'big')}" if len(data) >= 6 else "")
            + f") do not add up to the {len(data)} data bytes of the reply"
        )
    if text_len != TEXT_SIZE:
        raise CardFormatError(f"frame byte {base}: text length {text_len}, expected {TEXT_SIZE}")
    text = data[header : header + text_len]
    photo = data[header + text_len : header + text_len + photo_len]
    fingerprint = data[header + text_len + photo_len :]
    if with_fp and fp_len not in FINGERPRINT_SIZES:
        log.warning("unusual fingerprint block length %d", fp_len)
    return ReadData(bytes(text), bytes(photo), bytes(fingerprint), with_fp)


def build_read_data(text: bytes, photo: bytes, fingerprint: bytes | None = None) -> bytes:
    """Inverse of parse_read_data (simulator, tests): fingerprint None → a 30 01 reply."""
    words = len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big")
    if fingerprint is None:
        return words + text + photo
    return words + len(fingerprint).to_bytes(2, "big") + text + photo + fingerprint


def _field(text: bytes, offset: int, size: int) -> str:
    # UCS-2 cannot carry non-BMP characters; a lone surrogate becomes U+FFFD instead of failing.
    return text[offset : offset + size].decode("utf-16-le", errors="replace")


def _trim(value: str) -> str:
    return value.rstrip(" \x00")


def detect_card_type(text: bytes) -> str:
    """Card type from the flag at byte 248, with the reference's fall-backs for odd flags."""
    flag = _field(text, TYPE_FLAG_OFFSET, 2)
    if flag in TYPE_FLAGS:
        return TYPE_FLAGS[flag]
    number = _trim(_field(text, 122, 36))
    log.warning("unexpected card-type flag %s; deciding from the number's shape",
                text[TYPE_FLAG_OFFSET:TYPE_FLAG_OFFSET + 2].hex(" "))
    if number.startswith("9"):
        return FOREIGN_2023
    if len(number) >= 3 and number[:3].isascii() and number[:3].isalpha():
        return FOREIGN_2017
    if number[:2] in ("81", "82", "83"):
        return HK_MO_TW
    return RESIDENT


@dataclass(frozen=True, repr=False)
class IdCard:
    """One card as read. Attributes match the `kioskctl idcard decode` JSON keys.

    `repr()` shows only the type and the masked number, so a stray log call leaks nothing.
    """

    card_type: str
    name: str | None = None
    name_en: str | None = None
    sex: str | None = None
    sex_label: str | None = None
    nation: str | None = None
    nation_label: str | None = None
    birth_date: str | None = None  # YYYY-MM-DD, or the raw text when it is not a date
    address: str | None = None
    id_number: str = ""
    authority: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None  # YYYY-MM-DD or 长期
    permit_number: str | None = None
    issue_count: str | None = None
    nationality: str | None = None
    nationality_label: str | None = None
    renewal_count: str | None = None
    card_version: str | None = None
    authority_code: str | None = None
    appended_address: str | None = None
    id_checksum_ok: bool | None = None  # None: no public check algorithm (2017 foreign card)
    birth_date_consistent: bool | None = None
    sex_consistent: bool | None = None
    expired: bool | None = None
    problems: tuple[str, ...] = ()
    photo_wlt: bytes = field(default=b"", compare=False)
    fingerprint: bytes = field(default=b"", compare=False)
    photo_bmp: bytes | None = field(default=None, compare=False)

    def __repr__(self) -> str:
        return f"IdCard({self.card_type}, {self.masked_id()})"

    __str__ = __repr__

    def masked_id(self) -> str:
        number = self.id_number
        if len(number) <= 10:
            return "*" * len(number)
        return f"{number[:6]}********{number[-4:]}"

    def id_hash(self) -> str:
        return hashlib.sha256(self.id_number.encode("utf-8")).hexdigest()

    def with_appended_address(self, address: str | None) -> IdCard:
        return replace(self, appended_address=address)

    def to_json_dict(self) -> dict:
        data = asdict(self)
        for key in ("photo_wlt", "fingerprint", "photo_bmp"):
            data.pop(key)
        data["problems"] = list(self.problems)
        data["photo_wlt_bytes"] = len(self.photo_wlt)
        data["fingerprint_bytes"] = len(self.fingerprint)
        data["photo_decoded"] = self.photo_bmp is not None
        return data


def _iso_date(raw: str, what: str, problems: list[str]) -> str | None:
    if not raw:
        return None
    if raw == LONG_TERM:
        return raw
    try:
        return dt.datetime.strptime(raw, "%Y%m%d").date().isoformat()
    except ValueError:
        problems.append(f"{what} {raw!r} is not a YYYYMMDD date")
        return raw


def parse_text_block(text: bytes, *, today: dt.date | None = None) -> IdCard:
    """Parse the 256-byte text block of any of the four card types."""
    if len(text) != TEXT_SIZE:
        raise CardFormatError(f"text block has {len(text)} bytes, expected {TEXT_SIZE}")
    card_type = detect_card_type(text)
    raw = {name: _field(text, offset, size) for name, offset, size in LAYOUTS[card_type]}
    if "name_en_more" in raw:  # 2023 card: English name continues at 220 (split mid-word)
        raw["name_en"] = raw["name_en"] + raw.pop("name_en_more")
    raw.pop("old_number_link", None)
    values = {key: _trim(value) or None for key, value in raw.items()}
    problems: list[str] = []

    number = values.get("id_number") or ""
    sex = values.get("sex")
    birth = _iso_date(values.get("birth_date") or "", "birth date", problems)
    valid_from = _iso_date(values.get("valid_from") or "", "valid-from date", problems)
    valid_to = _iso_date(values.get("valid_to") or "", "valid-to date", problems)
    nation = values.get("nation")
    nationality = values.get("nationality")
    if card_type == FOREIGN_2023 and not nationality and len(number) == 18:
        nationality = number[3:6]  # the 2023 number embeds the numeric nationality code

    checksum_ok = birth_ok = sex_ok = None
    if card_type == FOREIGN_2017:
        if not (len(number) == 15 and number[:3].isalpha() and number[3:].isdigit()):
            problems.append("permanent-residence number is not 3 letters + 12 digits")
    else:
        checksum_ok = idnumber.checksum_ok(number)
        if not checksum_ok:
            problems.append("ID number check character (ISO 7064 MOD 11-2) does not match")
        embedded = idnumber.birth_date(number)
        if embedded is not None and birth is not None:
            birth_ok = embedded.isoformat() == birth
            if not birth_ok:
                problems.append("birth date differs from the one inside the ID number")
        parity = idnumber.sex_code(number)
        if parity is not None and sex in ("1", "2"):
            sex_ok = parity == sex
            if not sex_ok:
                problems.append("sex differs from the parity of the ID number")

    today = today or dt.date.today()
    expired = None
    if valid_to == LONG_TERM:
        expired = False
    elif valid_to and len(valid_to) == 10 and valid_to[4] == "-":
        expired = dt.date.fromisoformat(valid_to) < today

    return IdCard(
        card_type=card_type,
        name=values.get("name"),
        name_en=values.get("name_en"),
        sex=sex,
        sex_label=codes.sex_label(sex) if sex else None,
        nation=nation,
        nation_label=codes.nation_label(nation) if nation else None,
        birth_date=birth,
        address=values.get("address"),
        id_number=number,
        authority=values.get("authority"),
        valid_from=valid_from,
        valid_to=valid_to,
        permit_number=values.get("permit_number"),
        issue_count=values.get("issue_count"),
        nationality=nationality,
        nationality_label=codes.nationality_label(nationality) if nationality else None,
        renewal_count=values.get("renewal_count"),
        card_version=values.get("card_version"),
        authority_code=values.get("authority_code"),
        id_checksum_ok=checksum_ok,
        birth_date_consistent=birth_ok,
        sex_consistent=sex_ok,
        expired=expired,
        problems=tuple(problems),
    )


def card_from_read_data(data: bytes, *, today: dt.date | None = None) -> IdCard:
    """Envelope + text block + photo/fingerprint bytes → IdCard (photo left as raw WLT)."""
    envelope = parse_read_data(data)
    card = parse_text_block(envelope.text, today=today)
    return replace(card, photo_wlt=envelope.photo_wlt, fingerprint=envelope.fingerprint)


def parse_appended_address(data: bytes) -> str | None:
    """DATA of a 30 03 reply: one 70-byte UTF-16LE address (only the first is read)."""
    return _trim(data[:70].decode("utf-16-le", errors="replace")) or None


def encode_field(value: str, size: int, what: str) -> bytes:
    encoded = value.encode("utf-16-le")
    if len(encoded) > size:
        raise ValueError(f"{what}: {len(value)} characters do not fit its {size // 2}-character field")
    return encoded + " ".encode("utf-16-le") * ((size - len(encoded)) // 2)


def encode_text_block(card_type: str, fields: dict[str, str]) -> bytes:
    """Inverse of parse_text_block (simulator, tests). `fields` hold card-face values:
    dates YYYYMMDD or 长期, sex and nation as codes. Unknown field names raise ValueError."""
    if card_type not in LAYOUTS:
        raise ValueError(f"unknown card type {card_type!r}; expected one of {sorted(LAYOUTS)}")
    layout = {name: (offset, size) for name, offset, size in LAYOUTS[card_type]}
    values = dict(fields)
    if card_type == FOREIGN_2023 and "name_en" in values:
        # The English name overflows from its 35-character slot into the 11 at offset 220.
        name_en = values.pop("name_en")
        values["name_en"], values["name_en_more"] = name_en[:35], name_en[35:]
    block = bytearray(" ".encode("utf-16-le") * (TEXT_SIZE // 2))
    for name, value in values.items():
        if name not in layout:
            raise ValueError(f"field {name!r} does not exist on a {card_type} card")
        offset, size = layout[name]
        block[offset : offset + size] = encode_field(value, size, name)
    block[TYPE_FLAG_OFFSET : TYPE_FLAG_OFFSET + 2] = FLAG_OF_TYPE[card_type].encode("utf-16-le")
    return bytes(block)
