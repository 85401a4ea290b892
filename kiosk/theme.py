"""Design tokens and the one application style sheet generated from them.

Normal and elder mode are two token sets. Sizes are pixels at the panel's logical DPI (96):
MIIT age-friendly rules ask for body text ≥ 18 pt (24 px) and key text ≥ 30 pt (40 px), touch
targets ≥ 60×60 px and text contrast ≥ 4.5:1 in elder mode.

Widgets carry a `role` property (title, body, key, hint, tile, primary, secondary, danger …) and
the QSS styles by role, so no screen sets a font size of its own.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

PT_TO_PX = 96 / 72


@dataclass(frozen=True)
class Tokens:
    name: str
    # text roles (px)
    title: int
    key: int          # the text a person must read to act: tile labels, big buttons, prompts
    body: int
    hint: int
    small: int        # status bar; never used for anything a resident must read in elder mode
    # targets (px)
    button_min_height: int
    button_min_width: int
    tile_min_height: int
    # colours
    bg: str
    surface: str
    text: str
    muted: str
    primary: str
    on_primary: str
    secondary_bg: str
    danger: str
    on_danger: str
    ok: str
    warn: str
    border: str
    banner_bg: str
    banner_text: str


# MIIT age-friendly floors for elder mode, in px at 96 dpi.
BODY_FLOOR_PX = round(18 * PT_TO_PX)   # 24
KEY_FLOOR_PX = round(30 * PT_TO_PX)    # 40
KEY_ROLES = {"title", "key", "tile", "tile-title", "primary", "secondary", "danger", "banner"}
MIN_TARGET_PX = 60
MIN_CONTRAST = 4.5


def font_floor(role: str) -> int:
    return KEY_FLOOR_PX if role in KEY_ROLES else BODY_FLOOR_PX


NORMAL = Tokens(
    name="normal", title=44, key=32, body=24, hint=21, small=18,
    button_min_height=88, button_min_width=160, tile_min_height=220,
    bg="#F2F5F9", surface="#FFFFFF", text="#1B2430", muted="#4A5563", primary="#0A58B0",
    on_primary="#FFFFFF", secondary_bg="#E3EAF3", danger="#B3261E", on_danger="#FFFFFF",
    ok="#1E7B34", warn="#8A5A00", border="#B8C4D3", banner_bg="#7A3E00", banner_text="#FFFFFF",
)

ELDER = Tokens(
    name="elder", title=56, key=44, body=32, hint=32, small=24,
    button_min_height=128, button_min_width=200, tile_min_height=300,
    bg="#FFFFFF", surface="#FFFFFF", text="#000000", muted="#1F1F1F", primary="#003E85",
    on_primary="#FFFFFF", secondary_bg="#DCE6F2", danger="#8E1B14", on_danger="#FFFFFF",
    ok="#145A25", warn="#6A4500", border="#4A4A4A", banner_bg="#5C2E00", banner_text="#FFFFFF",
)

_QSS = """
QWidget#Root, QWidget#Root QStackedWidget, Screen {{ background: {bg}; }}
QLabel {{ font-size: {body}px; background: transparent; }}
QLabel[role="title"] {{ font-size: {title}px; font-weight: bold; }}
QLabel[role="key"] {{ font-size: {key}px; font-weight: bold; }}
QLabel[role="tile-title"] {{ font-size: {title}px; font-weight: bold; color: {primary}; }}
QLabel[role="tile-hint"] {{ font-size: {body}px; color: {muted}; }}
QLabel[role="hint"] {{ font-size: {hint}px; color: {muted}; }}
QLabel[role="error"] {{ font-size: {body}px; color: {danger}; font-weight: bold; }}
QLabel[role="ok"] {{ font-size: {body}px; color: {ok}; font-weight: bold; }}
QLabel[role="thumb"] {{ border: 2px solid {border}; background: {surface}; }}
QLabel[role="status"] {{ font-size: {small}px; color: #FFFFFF; }}
QWidget#StatusBar {{ background: #1B2430; }}
QWidget#Banner {{ background: {banner_bg}; }}
QLabel[role="banner"] {{ font-size: {key}px; color: {banner_text}; font-weight: bold; }}
QFrame[role="card"] {{ background: {surface}; border: 2px solid {border}; border-radius: 12px; }}
QPushButton {{
    font-size: {key}px; min-height: {button_min_height}px; min-width: {button_min_width}px;
    padding: 8px 24px; border-radius: 14px; border: 2px solid {border};
    background: {secondary_bg}; color: {text};
}}
QPushButton[role="primary"] {{ background: {primary}; color: {on_primary}; border-color: {primary}; }}
QPushButton[role="danger"] {{ background: {danger}; color: {on_danger}; border-color: {danger}; }}
QPushButton[role="tile"] {{
    font-size: {key}px; font-weight: bold; min-height: {tile_min_height}px;
    background: {surface}; color: {primary}; border: 3px solid {primary}; border-radius: 20px;
}}
QPushButton[role="tile"][compact="true"] {{ min-height: {compact_tile}px; }}
QPushButton[role="key"] {{ font-size: {key}px; min-width: {button_min_height}px; padding: 4px; }}
/* on-screen keyboards (buttons with keyboard=true): lower than other buttons, so seven rows fit
   under a form on a 1080-px landscape panel, and narrower, so ten keys fit a 1080-px portrait
   row; the key text keeps the key role's size. Here rather than a sheet on each keyboard: a
   widget's own sheet makes every key go through a second style-sheet cascade (measured: the
   pinyin keyboard's build ~3x dearer). */
QPushButton[role="key"][keyboard="true"], QPushButton[role="primary"][keyboard="true"] {{
    min-height: {keyboard_key}px; min-width: {min_target}px; padding: 2px 4px;
}}
/* a keyboard sharing a 1080-px landscape panel with the form it types into: lower keys, so
   the elder keyboard fits beside the fields without scrolling (still above the 60-px floor) */
QWidget[compactKeys="true"] QPushButton[keyboard="true"] {{ min-height: {compact_keyboard_key}px; }}
QPushButton:checked {{ background: {primary}; color: {on_primary}; border-color: {primary}; }}
QPushButton:disabled {{ background: #E6E6E6; color: #555555; border-color: #9A9A9A; }}
QLineEdit, QPlainTextEdit, QComboBox, QDateEdit {{
    font-size: {body}px; min-height: {button_min_height}px; padding: 4px 12px;
    background: {surface}; color: {text}; border: 2px solid {border}; border-radius: 10px;
}}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 3px solid {primary}; }}
QCheckBox, QRadioButton {{ font-size: {body}px; min-height: {button_min_height}px; spacing: 16px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 48px; height: 48px; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; border: none; }}
QScrollBar:vertical {{ width: 24px; background: {secondary_bg}; }}
QScrollBar::handle:vertical {{ background: {border}; min-height: 60px; border-radius: 10px; }}
QProgressBar {{ min-height: 24px; font-size: {small}px; border: 2px solid {border}; border-radius: 8px; }}
QProgressBar::chunk {{ background: {primary}; }}
QWidget#Countdown {{ background: rgba(0, 0, 0, 200); }}
QFrame#CountdownCard {{ background: {surface}; border-radius: 24px; }}
"""


def palette_colours(tokens: Tokens) -> dict[str, str]:
    """Text colours by palette role. Given through the palette rather than a `*` rule in the
    style sheet: a `*` rule makes every widget go through the style-sheet engine and cost
    30–60 % more to build (measured on the form, catalog and feedback screens)."""
    return {"WindowText": tokens.text, "Text": tokens.text, "ButtonText": tokens.text,
            "PlaceholderText": tokens.muted, "Window": tokens.bg, "Base": tokens.surface}


def tokens_for(elder: bool) -> Tokens:
    return ELDER if elder else NORMAL


def keyboard_key_height(tokens: Tokens) -> int:
    """Key height of the on-screen keyboards: the theme's button height, a little lower."""
    return max(MIN_TARGET_PX, round(tokens.button_min_height * 0.8))


def compact_keyboard_key_height(tokens: Tokens) -> int:
    """Lower elder keys, never lower than normal mode's (which fit as they are)."""
    return max(keyboard_key_height(NORMAL), round(tokens.button_min_height * 0.7))


def stylesheet(tokens: Tokens, font_family: str) -> str:
    return _QSS.format(font=font_family, compact_tile=tokens.button_min_height * 2,
                       keyboard_key=keyboard_key_height(tokens),
                       compact_keyboard_key=compact_keyboard_key_height(tokens),
                       min_target=MIN_TARGET_PX, **asdict(tokens))


def relative_luminance(hex_colour: str) -> float:
    hex_colour = hex_colour.lstrip("#")
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two #RRGGBB colours."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
