"""Code tables: SW3 statuses (GA 467), sex (GB/T 2261.1), nation (GB 3304), nationality (GB/T 2659)."""

from __future__ import annotations

from enum import IntEnum


class Sw3(IntEnum):
    OK = 0x90
    CARD_FOUND = 0x9F
    NO_CONTENT = 0x91
    HOST_CHECKSUM = 0x10
    HOST_LENGTH = 0x11
    BAD_COMMAND = 0x21
    NOT_PERMITTED = 0x23
    UNKNOWN_ERROR = 0x24
    CARD_AUTH_SAM_FAILED = 0x31
    SAM_AUTH_CARD_FAILED = 0x32
    VERIFY_FAILED = 0x33
    UNKNOWN_CARD_TYPE = 0x40
    READ_FAILED = 0x41
    RANDOM_FAILED = 0x47
    SAM_SELF_TEST_FAILED = 0x60
    SAM_NOT_AUTHORISED = 0x66
    FIND_FAILED = 0x80
    SELECT_FAILED = 0x81


SW3_MEANING = {
    0x90: "operation succeeded",
    0x9F: "card found",
    0x91: "the card has no content for this item",
    0x10: "checksum of the host frame wrong",
    0x11: "length of the host frame wrong",
    0x21: "command wrong",
    0x23: "operation not permitted",
    0x24: "unrecognised error",
    0x31: "card failed to authenticate the SAM",
    0x32: "SAM failed to authenticate the card",
    0x33: "information verification error",
    0x40: "unrecognised card type",
    0x41: "reading the card failed",
    0x47: "getting random number failed",
    0x60: "SAM self-test failed",
    0x66: "SAM not authorised",
    0x80: "finding card failed (no card)",
    0x81: "selecting card failed",
}

# Statuses that mean the card moved or left the field mid-exchange: ask to place it again.
PLACE_AGAIN = frozenset({0x31, 0x41, 0x81})
# Statuses that mean the security module itself cannot work: the reader is out of service.
SAM_FAULT = frozenset({0x60, 0x66})


def sw3_meaning(sw3: int) -> str:
    return SW3_MEANING.get(sw3, f"unknown status {sw3:02X}")


SEX_LABELS = {"0": "未知的性别", "1": "男", "2": "女", "9": "未说明的性别"}

NATION_LABELS = {
    "01": "汉", "02": "蒙古", "03": "回", "04": "藏", "05": "维吾尔", "06": "苗", "07": "彝",
    "08": "壮", "09": "布依", "10": "朝鲜", "11": "满", "12": "侗", "13": "瑶", "14": "白",
    "15": "土家", "16": "哈尼", "17": "哈萨克", "18": "傣", "19": "黎", "20": "傈僳", "21": "佤",
    "22": "畲", "23": "高山", "24": "拉祜", "25": "水", "26": "东乡", "27": "纳西", "28": "景颇",
    "29": "柯尔克孜", "30": "土", "31": "达斡尔", "32": "仫佬", "33": "羌", "34": "布朗", "35": "撒拉",
    "36": "毛南", "37": "仡佬", "38": "锡伯", "39": "阿昌", "40": "普米", "41": "塔吉克", "42": "怒",
    "43": "乌孜别克", "44": "俄罗斯", "45": "鄂温克", "46": "德昂", "47": "保安", "48": "裕固",
    "49": "京", "50": "塔塔尔", "51": "独龙", "52": "鄂伦春", "53": "赫哲", "54": "门巴", "55": "珞巴",
    "56": "基诺", "97": "其他", "98": "外国血统中国籍人士",
}

# A deliberately small GB/T 2659 table (alpha-3 and numeric); unknown codes are shown raw.
_NATIONALITIES = [
    ("USA", "840", "美国"), ("CAN", "124", "加拿大"), ("GBR", "826", "英国"), ("FRA", "250", "法国"),
    ("DEU", "276", "德国"), ("ITA", "380", "意大利"), ("ESP", "724", "西班牙"), ("RUS", "643", "俄罗斯"),
    ("JPN", "392", "日本"), ("KOR", "410", "韩国"), ("PRK", "408", "朝鲜"), ("SGP", "702", "新加坡"),
    ("MYS", "458", "马来西亚"), ("THA", "764", "泰国"), ("VNM", "704", "越南"), ("IND", "356", "印度"),
    ("PAK", "586", "巴基斯坦"), ("AUS", "036", "澳大利亚"), ("NZL", "554", "新西兰"), ("BRA", "076", "巴西"),
    ("SAU", "682", "沙特阿拉伯"), ("EGY", "818", "埃及"), ("ZAF", "710", "南非"), ("NLD", "528", "荷兰"),
    ("SWE", "752", "瑞典"), ("MNG", "496", "蒙古"), ("KAZ", "398", "哈萨克斯坦"), ("PHL", "608", "菲律宾"),
    ("IDN", "360", "印度尼西亚"), ("MEX", "484", "墨西哥"),
]
NATIONALITY_LABELS = {alpha: name for alpha, _, name in _NATIONALITIES}
NATIONALITY_LABELS.update({numeric: name for _, numeric, name in _NATIONALITIES})


def sex_label(code: str) -> str | None:
    return SEX_LABELS.get(code)


def nation_label(code: str) -> str | None:
    return NATION_LABELS.get(code)


def nationality_label(code: str) -> str | None:
    return NATIONALITY_LABELS.get(code.upper())
