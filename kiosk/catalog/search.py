"""Search over the catalog by Chinese text, full pinyin ("shebaoka") or pinyin initials ("sbk").

Pinyin is computed once per catalog when the index is built (pypinyin is far too slow to run per
query over every entry); a query then only does substring tests on prepared strings.

Ranking: every searchable text of an entry has a weight (name > keyword > matters of a bundle >
department / life event > materials); a match at the start of a text counts more than one
inside it, and an exact match more still. A query of several words (separated by spaces) must
match every word; the entry's score is the sum of its best score per word.

pypinyin's tables (its phrase dictionary above all) take ~57 MB once imported, and the kiosk
needs them only while an index is built. So a process that has not imported pypinyin computes
the readings in a child process (`python -m kiosk.catalog.readings`, one per new set of texts)
and keeps only the strings; a process that already holds the tables (tests, benches, the CLI)
computes them in place.
"""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache

log = logging.getLogger(__name__)
READINGS_TIMEOUT_S = 60.0

_ASCII_QUERY = re.compile(r"^[a-z0-9]+$")
_NOT_ALNUM = re.compile(r"[^0-9a-z]")

WEIGHT_NAME = 100
WEIGHT_KEYWORD = 80
WEIGHT_MATTER_NAME = 50
WEIGHT_CATEGORY = 40
WEIGHT_MATERIAL = 15


@dataclass(frozen=True)
class _Text:
    weight: int
    chinese: str
    pinyin: str  # full pinyin without separators, lower case
    initials: str  # first letter of every syllable


# readings computed by a child process, kept for the next index of the same texts
_CHILD_READINGS: dict[str, tuple[str, str, str]] = {}


def _prepare(text: str, weight: int) -> _Text:
    known = _CHILD_READINGS.get(text)
    return _Text(weight, *(known or _readings(text)))


def prefetch_readings(texts) -> None:
    """Have the readings of `texts` ready without importing pypinyin here (see the module
    docstring); a failing child is logged and the readings are then computed in place."""
    missing = sorted({t for t in texts if t not in _CHILD_READINGS})
    if not missing or "pypinyin" in sys.modules:
        return
    try:
        done = subprocess.run([sys.executable, "-m", "kiosk.catalog.readings"],
                              input=json.dumps(missing, ensure_ascii=False), capture_output=True,
                              text=True, encoding="utf-8", timeout=READINGS_TIMEOUT_S, check=True)
        readings = json.loads(done.stdout)
        if len(readings) != len(missing):
            raise ValueError(f"{len(readings)} readings for {len(missing)} texts")
    except (OSError, ValueError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", "") or ""
        log.warning("pinyin readings child failed (%s%s): computing them in this process",
                    exc, f"; {detail.strip()[-300:]}" if detail else "")
        return
    _CHILD_READINGS.update(zip(missing, (tuple(r) for r in readings), strict=True))


@lru_cache(maxsize=8192)
def _readings(text: str) -> tuple[str, str, str]:
    """(text, full pinyin, initials); cached because material names repeat across matters."""
    from pypinyin import Style, lazy_pinyin

    chinese = text.lower().replace(" ", "")
    syllables = [_NOT_ALNUM.sub("", s.lower()) for s in lazy_pinyin(text, style=Style.NORMAL)]
    syllables = [s for s in syllables if s]
    return chinese, "".join(syllables), "".join(s[0] for s in syllables)


def _match_score(haystack: str, needle: str) -> float:
    """1.0 exact, 0.8 prefix, 0.5 inside, 0 none."""
    if not haystack or needle not in haystack:
        return 0.0
    if haystack == needle:
        return 1.0
    if haystack.startswith(needle):
        return 0.8
    return 0.5


class SearchIndex:
    """Prepared texts of every entry. Built once per loaded catalog."""

    def __init__(self, entries: list, matter_names: dict[str, list[str]] | None = None) -> None:
        """`matter_names`: bundle code → names of its matters (a bundle is found by them too)."""
        self._entries = entries
        matter_names = matter_names or {}
        prefetch_readings(text for entry in entries
                          for text, _weight in self._raw_texts(entry, matter_names.get(entry.code, ())))
        self._texts: list[list[_Text]] = [
            self._texts_of(entry, matter_names.get(entry.code, ())) for entry in entries
        ]

    @staticmethod
    def _raw_texts(entry, matter_names) -> list[tuple[str, int]]:
        texts = [(entry.name, WEIGHT_NAME)]
        texts += [(k, WEIGHT_KEYWORD) for k in entry.keywords]
        texts += [(entry.department, WEIGHT_CATEGORY)]
        texts += [(e, WEIGHT_CATEGORY) for e in entry.life_events]
        texts += [(name, WEIGHT_MATTER_NAME) for name in matter_names]
        texts += [(material.name, WEIGHT_MATERIAL) for material in getattr(entry, "materials", ())]
        return texts

    @classmethod
    def _texts_of(cls, entry, matter_names) -> list[_Text]:
        return [_prepare(text, weight) for text, weight in cls._raw_texts(entry, matter_names)]

    def search(self, query: str, limit: int = 20) -> list:
        words = [w for w in query.lower().split() if w]
        if not words or limit <= 0:
            return []
        scored = []
        for position, texts in enumerate(self._texts):
            total = 0.0
            for word in words:
                best = self._best(texts, word)
                if best == 0.0:
                    break
                total += best
            else:
                scored.append((-total, position))
        scored.sort()
        return [self._entries[position] for _score, position in scored[:limit]]

    @staticmethod
    def _best(texts: list[_Text], word: str) -> float:
        ascii_word = bool(_ASCII_QUERY.match(word))
        best = 0.0
        for text in texts:
            score = _match_score(text.chinese, word)
            if ascii_word and score == 0.0:
                # Full pinyin first; initials only for short words, where a resident types "sbk".
                score = _match_score(text.pinyin, word) * 0.9
                if score == 0.0:
                    score = _match_score(text.initials, word) * 0.8
            if score:
                best = max(best, score * text.weight)
        return best
