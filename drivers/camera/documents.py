"""Invented Chinese documents (forms, certificates, ID-card sized cards) rendered with Pillow.

Only the scene generator uses this module. All names, numbers and addresses are made up from
small word lists and marked 样例 (sample); none belongs to a real person.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FALLBACK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SC_INDEX = 2  # the "SC" face inside the Noto Sans CJK collection

# Physical page sizes in millimetres (width, height) for portrait A4 and the ID-1 card size.
A4_MM = (210.0, 297.0)
CARD_MM = (85.6, 54.0)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅春燕晓东海波"
PLACES = ["北湖区人民路", "苏仙区五岭大道", "桂阳县城关镇", "资兴市东江街道", "嘉禾县珠泉镇",
          "临武县舜峰镇", "宜章县玉溪镇", "永兴县便江街道", "安仁县永乐江镇", "汝城县卢阳镇"]
FORM_TITLES = ["居民户口登记申请表", "社会保障卡补办申请表", "城乡居民医疗保险参保登记表",
               "个体工商户变更登记申请书", "不动产登记申请书", "老年人优待证办理申请表",
               "低保救助申请审批表", "残疾人证申领登记表"]
CERT_TITLES = ["居住证明", "无犯罪记录证明", "荣誉证书", "收入证明", "在读证明", "婚姻状况证明"]
CARD_TITLES = ["社会保障卡", "居民健康卡", "老年人优待证", "工作证", "残疾人证"]
FORM_FIELDS = ["姓名", "性别", "民族", "出生日期", "证件号码", "联系电话", "户籍地址", "现住址",
               "申请事项", "申请理由", "经办人", "申请日期"]
CERT_SENTENCES = [
    "兹证明{name}同志，现居住于{place}{num}号，居住时间已满三年。",
    "该同志在本辖区居住期间遵纪守法，无违法犯罪记录。",
    "特此证明，本证明仅用于办理相关政务服务事项，复印无效。",
    "经核查，上述情况属实，如有不实，由出具单位承担相应责任。",
    "本证明自开具之日起三个月内有效，逾期请重新开具。",
    "请各相关单位予以协助办理为盼。",
]


@functools.lru_cache(maxsize=1)
def font_path() -> Path:
    """The Noto Sans CJK collection, found through fontconfig when available."""
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC"],
                                   capture_output=True, text=True, timeout=5, check=False).stdout
        except (OSError, subprocess.TimeoutExpired):
            found = ""
        if found.lower().endswith((".ttc", ".otf")) and Path(found).exists():
            return Path(found)
    return FALLBACK_FONT


# Each FreeType face maps the 19 MB collection on its own and counts every page it touched:
# 64 cached faces at whatever size a document asked for grew the process by ~30 MB a session.
# Sizes snap to a ladder (steps of 25 %, text within ±12 % of the asked size), few faces kept.
FONT_LADDER = tuple(round(6 * 1.25 ** k) for k in range(20))   # 6 … 411 px
FACES_KEPT = 6


def _font(size: float) -> ImageFont.FreeTypeFont:
    wanted = max(6.0, float(size))
    return _face(min(FONT_LADDER, key=lambda step: abs(step / wanted - 1)))


@functools.lru_cache(maxsize=FACES_KEPT)
def _face(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path()), size, index=SC_INDEX)


def release_fonts() -> None:
    """Close the cached faces (each unmaps its copy of the collection): the simulated camera
    calls it when closed, so a kiosk running it between sessions holds none of them."""
    _face.cache_clear()


@dataclass(frozen=True)
class RenderedDocument:
    image: np.ndarray  # BGR, uint8
    kind: str  # "form" | "certificate" | "card"
    physical_mm: tuple[float, float]  # (width, height)
    qr_text: str | None


def _name(rng: np.random.Generator) -> str:
    given = "".join(rng.choice(list(GIVEN), size=int(rng.integers(1, 3))))
    return str(rng.choice(list(SURNAMES))) + given


def _fake_number(rng: np.random.Generator, digits: int) -> str:
    return "".join(str(d) for d in rng.integers(0, 10, size=digits))


def _qr_payload(rng: np.random.Generator) -> str:
    choices = [
        f"https://zwfw.example.gov.cn/q?r=HN{_fake_number(rng, 12)}",
        f"办件编号：{_fake_number(rng, 14)}，事项：{rng.choice(FORM_TITLES)}",
        f"电子证照|{rng.choice(CARD_TITLES)}|{_name(rng)}|样例",
        f"预约码 {_fake_number(rng, 8)} 郴州市政务服务中心 {int(rng.integers(1, 30))}号窗口",
    ]
    return str(choices[int(rng.integers(0, len(choices)))])


def _qr_image(text: str, size_px: int) -> Image.Image:
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=4)
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    img = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
    return img.resize((size_px, size_px), Image.NEAREST)


def _paper(rng: np.random.Generator, width: int, height: int, tint: tuple[int, int, int]) -> Image.Image:
    base = np.empty((height, width, 3), np.float32)
    base[:] = tint
    base += rng.normal(0, 2.0, size=(height, width, 1))  # fibre texture, same on all channels
    return Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))


def _seal(draw: ImageDraw.ImageDraw, cx: int, cy: int, radius: int, text: str) -> None:
    red = (200, 30, 30)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red,
                 width=max(2, radius // 14))
    star = _font(int(radius * 0.7))
    draw.text((cx, cy), "★", font=star, fill=red, anchor="mm")
    draw.text((cx, cy + radius * 0.6), text, font=_font(int(radius * 0.22)), fill=red, anchor="mm")


def _render_form(rng: np.random.Generator, width: int) -> tuple[Image.Image, str]:
    height = int(round(width * A4_MM[1] / A4_MM[0]))
    img = _paper(rng, width, height, (int(rng.integers(222, 240)),) * 3)
    draw = ImageDraw.Draw(img)
    unit = width / 100.0
    title = str(rng.choice(FORM_TITLES))
    draw.text((width / 2, 9 * unit), title, font=_font(5.2 * unit), fill=(20, 20, 20), anchor="mm")
    draw.text((width - 8 * unit, 15 * unit), f"编号：{_fake_number(rng, 10)}（样例）",
              font=_font(2.2 * unit), fill=(40, 40, 40), anchor="rm")
    top, left, right = 19 * unit, 8 * unit, width - 8 * unit
    row_h = 7.2 * unit
    label_w = 22 * unit
    ink = (25, 45, 140)
    values = {
        "姓名": _name(rng), "性别": str(rng.choice(["男", "女"])), "民族": "汉",
        "出生日期": f"19{int(rng.integers(40, 99))}年{int(rng.integers(1, 13))}月{int(rng.integers(1, 29))}日",
        "证件号码": "431002" + "*" * 8 + _fake_number(rng, 4), "联系电话": "1" + _fake_number(rng, 10),
        "户籍地址": f"{rng.choice(PLACES)}{int(rng.integers(1, 300))}号",
        "现住址": f"{rng.choice(PLACES)}{int(rng.integers(1, 300))}号",
        "申请事项": title.replace("申请表", "").replace("申请书", "").replace("登记表", ""),
        "申请理由": str(rng.choice(["遗失补办", "信息变更", "首次申领", "到期换领"])),
        "经办人": _name(rng), "申请日期": f"2026年{int(rng.integers(1, 13))}月{int(rng.integers(1, 29))}日",
    }
    for i, field in enumerate(FORM_FIELDS):
        y0 = top + i * row_h
        draw.rectangle((left, y0, right, y0 + row_h), outline=(30, 30, 30), width=max(1, int(unit * 0.25)))
        draw.line((left + label_w, y0, left + label_w, y0 + row_h), fill=(30, 30, 30),
                  width=max(1, int(unit * 0.25)))
        draw.text((left + label_w / 2, y0 + row_h / 2), field, font=_font(2.8 * unit),
                  fill=(20, 20, 20), anchor="mm")
        draw.text((left + label_w + 3 * unit, y0 + row_h / 2), values[field], font=_font(3.0 * unit),
                  fill=ink, anchor="lm")
    notes_top = top + len(FORM_FIELDS) * row_h + 4 * unit
    for j, sentence in enumerate(CERT_SENTENCES[1:5]):
        draw.text((left, notes_top + j * 4.2 * unit), f"{j + 1}. {sentence}", font=_font(2.3 * unit),
                  fill=(50, 50, 50))
    draw.text((left, height - 10 * unit), "申请人（签字）：", font=_font(2.8 * unit), fill=(20, 20, 20),
              anchor="lm")
    return img, title


def _render_certificate(rng: np.random.Generator, width: int) -> tuple[Image.Image, str]:
    height = int(round(width * A4_MM[1] / A4_MM[0]))
    img = _paper(rng, width, height, (int(rng.integers(226, 240)), int(rng.integers(222, 236)),
                                      int(rng.integers(212, 228))))
    draw = ImageDraw.Draw(img)
    unit = width / 100.0
    border = (150, 40, 40) if rng.random() < 0.5 else (40, 60, 120)
    draw.rectangle((4 * unit, 4 * unit, width - 4 * unit, height - 4 * unit), outline=border,
                   width=max(2, int(1.2 * unit)))
    draw.rectangle((6 * unit, 6 * unit, width - 6 * unit, height - 6 * unit), outline=border,
                   width=max(1, int(0.3 * unit)))
    title = str(rng.choice(CERT_TITLES))
    draw.text((width / 2, 20 * unit), title, font=_font(8 * unit), fill=(30, 30, 30), anchor="mm")
    name, place = _name(rng), str(rng.choice(PLACES))
    y = 36 * unit
    for sentence in CERT_SENTENCES:
        line = sentence.format(name=name, place=place, num=int(rng.integers(1, 300)))
        for k in range(0, len(line), 22):  # simple wrap: 22 characters per line
            draw.text((12 * unit, y), line[k:k + 22], font=_font(3.4 * unit), fill=(30, 30, 30))
            y += 5.6 * unit
        y += 2 * unit
    issuer = f"{place[:3]}社区居民委员会"
    draw.text((width - 12 * unit, height - 30 * unit), issuer, font=_font(3.2 * unit), fill=(30, 30, 30),
              anchor="rm")
    draw.text((width - 12 * unit, height - 24 * unit), f"2026年{int(rng.integers(1, 13))}月{int(rng.integers(1, 29))}日",
              font=_font(3.2 * unit), fill=(30, 30, 30), anchor="rm")
    _seal(draw, int(width - 28 * unit), int(height - 30 * unit), int(11 * unit), "证明专用章")
    return img, title


def _render_card(rng: np.random.Generator, width: int) -> tuple[Image.Image, str]:
    height = int(round(width * CARD_MM[1] / CARD_MM[0]))
    colours = [(218, 228, 240), (224, 238, 224), (240, 230, 214), (232, 224, 238)]
    tint = colours[int(rng.integers(0, len(colours)))]
    img = _paper(rng, width, height, tint)
    draw = ImageDraw.Draw(img)
    unit = width / 100.0
    band = (30, 90, 160) if rng.random() < 0.5 else (170, 40, 40)
    draw.rounded_rectangle((2.5 * unit, 2.5 * unit, width - 2.5 * unit, 16 * unit), radius=unit, fill=band)
    title = str(rng.choice(CARD_TITLES))
    draw.text((width / 2, 9.25 * unit), title, font=_font(7 * unit), fill=(255, 255, 255), anchor="mm")
    draw.rectangle((6 * unit, 22 * unit, 30 * unit, 54 * unit), outline=(90, 90, 90),
                   width=max(1, int(0.5 * unit)), fill=(205, 210, 215))
    draw.text((18 * unit, 38 * unit), "照片", font=_font(4 * unit), fill=(110, 110, 110), anchor="mm")
    rows = [("姓名", _name(rng)), ("性别", str(rng.choice(["男", "女"]))),
            ("编号", _fake_number(rng, 12)), ("有效期", f"2026.01-20{int(rng.integers(30, 40))}.12")]
    for i, (label, value) in enumerate(rows):
        draw.text((36 * unit, (25 + i * 8) * unit), f"{label}  {value}", font=_font(4.2 * unit),
                  fill=(20, 20, 20), anchor="lm")
    draw.text((width / 2, height - 4 * unit), "郴州市人民政府监制（样例）", font=_font(3 * unit),
              fill=(60, 60, 60), anchor="mm")
    return img, title


def render_document(rng: np.random.Generator, kind: str, width_px: int,
                    qr: bool = False) -> RenderedDocument:
    """Render one invented document of `kind` at `width_px`; with `qr`, a QR code of Chinese text."""
    renderers = {"form": _render_form, "certificate": _render_certificate, "card": _render_card}
    if kind not in renderers:
        raise ValueError(f"unknown document kind {kind!r}; expected one of {sorted(renderers)}")
    img, _title = renderers[kind](rng, width_px)
    qr_text = None
    if qr:
        qr_text = _qr_payload(rng)
        if kind == "card":
            side = int(img.height * 0.42)
            pos = (img.width - side - int(img.width * 0.05), img.height - side - int(img.height * 0.12))
        else:
            side = int(img.width * 0.26)
            pos = (int(img.width * 0.1), img.height - side - int(img.width * 0.14))
        img.paste(_qr_image(qr_text, side).convert("RGB"), pos)
    bgr = np.ascontiguousarray(np.asarray(img)[:, :, ::-1])
    physical = CARD_MM if kind == "card" else A4_MM
    return RenderedDocument(bgr, kind, physical, qr_text)
