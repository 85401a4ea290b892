"""Pinyin input engine (pure Python, no Qt): a frequency-ranked dictionary built from jieba's
word list (MIT) and pypinyin readings (MIT), searched by full pinyin, initials or a mix.
The engine keeps no history: nothing typed is remembered."""

from kiosk.ime.dictionary import Candidate, IndexError_, PinyinDictionary
from kiosk.ime.shared import DEFAULT_INDEX, preload, shared_dictionary

__all__ = ["Candidate", "DEFAULT_INDEX", "IndexError_", "PinyinDictionary", "preload", "shared_dictionary"]
