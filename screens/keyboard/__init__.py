"""On-screen keyboards made of widgets (Qt Virtual Keyboard is GPLv3, so it is not used):
digits, ID number (0–9 and X), phone, and pinyin with candidates. Use `KeyboardPanel`."""

from screens.keyboard.base import KeyboardBase
from screens.keyboard.pads import DigitPad, IdNumberPad, PhonePad
from screens.keyboard.panel import KINDS, KeyboardPanel
from screens.keyboard.pinyin import PinyinKeyboard

__all__ = ["KINDS", "DigitPad", "IdNumberPad", "KeyboardBase", "KeyboardPanel", "PhonePad", "PinyinKeyboard"]
