"""`PinyinDictionary`: typed pinyin → candidate words ranked by frequency.

The index (see kiosk/ime/build.py) is kept as one text block per initials key ("bj" for
bei'jing); a lookup turns each plausible segmentation of the input into a regular expression and
scans only that block, most frequent first. Keeping the blocks as plain UTF-8 bytes makes the
index small in memory and fast to load; scanning them with `re` keeps lookups in the low
milliseconds. (As `str` the blocks held 7.5 MB: one CJK character makes Python store every
character of a string in two bytes; as UTF-8 the ASCII readings and numbers take one.)

Candidate order for the whole input: exact readings, then readings that complete the last
syllable, then (for several syllables with no exact word, e.g. a name like "zhangsan") the most
frequent character of each syllable put together, then matches through abbreviations ("sbk").
After those come words for the first syllables only (they consume part of the input; the
keyboard keeps the rest as pre-edit text). Nothing is cached between lookups: no history.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from kiosk.ime.segment import Token, segmentations, syllable_prefixes

log = logging.getLogger(__name__)

MAX_INPUT = 32            # letters; longer input is not a word anyone types on a kiosk
MAX_WORD_SYLLABLES = 8   # longest word in the index (see build.MAX_WORD_CHARS)
LOG_TOTAL_FREQ = math.log(60_000_000)  # about the sum of jieba's frequencies
DEFAULT_LIMIT = 300       # candidates computed per lookup (enough pages for anyone)
_TYPED = re.compile(r"^[a-z']*$")


class IndexError_(Exception):
    """The index file is missing or malformed (message names the file and line)."""


@dataclass(frozen=True)
class Candidate:
    word: str
    consumed: int         # how many typed characters this word stands for
    freq: int


class PinyinDictionary:
    def __init__(self, blocks: dict[str, bytes], syllables: frozenset[str], source: str = "") -> None:
        self._blocks = blocks
        self.syllables = syllables
        self._prefixes = syllable_prefixes(syllables)
        self.source = source

    # --- loading ----------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> PinyinDictionary:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise IndexError_(f"{path}: cannot read the pinyin index ({exc.strerror}); "
                              f"generate it with `kioskctl ime build`") from exc
        return cls.parse(text, str(path))

    @classmethod
    def parse(cls, text: str, source: str = "<index>") -> PinyinDictionary:
        head, sep, body = text.partition("\n=")
        syllables = None
        for number, line in enumerate(head.splitlines(), 1):
            if line.startswith("@syllables "):
                syllables = frozenset(line.split()[1:])
            elif line and not line.startswith("#"):
                raise IndexError_(f"{source}:{number}: unexpected header line {line[:40]!r}")
        if not syllables:
            raise IndexError_(f"{source}: no '@syllables' line; not a pinyin index")
        if not sep:
            raise IndexError_(f"{source}: no '=key' blocks; the index is empty")
        blocks: dict[str, bytes] = {}
        for chunk in body.split("\n="):
            key, _, block = chunk.partition("\n")
            if not key.isalpha() or not key.islower():
                raise IndexError_(f"{source}: bad block key {key[:20]!r}")
            # blocks keep a leading and trailing newline so patterns can anchor on "\n"
            text = "\n" + block if block.endswith("\n") else "\n" + block + "\n"
            blocks[key] = text.encode("utf-8")
        return cls(blocks, syllables, source)

    # --- lookup -------------------------------------------------------------------------------------
    def candidates(self, pinyin: str, page: int = 0, page_size: int = 8) -> list[str]:
        """Words for `pinyin`, page `page` (0-based) of `page_size` words."""
        if page < 0 or page_size <= 0:
            raise ValueError(f"page must be ≥ 0 and page_size > 0, got page={page} page_size={page_size}")
        found = self.lookup(pinyin, limit=(page + 1) * page_size)
        return [c.word for c in found[page * page_size:(page + 1) * page_size]]

    def lookup(self, pinyin: str, limit: int = DEFAULT_LIMIT) -> list[Candidate]:
        typed = pinyin.strip().lower()
        if not typed:
            return []
        if not _TYPED.match(typed):
            raise ValueError(f"pinyin may contain only letters a–z and ', got {pinyin!r}")
        typed = typed[:MAX_INPUT]
        segs = [s for s in segmentations(typed, self.syllables, self._prefixes) if s]
        if not segs:
            return []
        whole = self._whole_matches(segs, len(typed), limit)
        out: dict[str, Candidate] = {}

        def add(items) -> None:
            for item in items:
                if len(out) >= limit:
                    return
                out.setdefault(item.word, item)

        exact = [c for cls, c in whole if cls == 0]
        add(exact)
        add([c for cls, c in whole if cls == 1])
        best = segs[0]
        if not exact and len(best) > 1 and all(t.kind == "full" for t in best):
            composed = self._compose(best)
            if composed:
                add([composed])
        add([c for cls, c in whole if cls == 2])
        for k in range(len(best) - 1, 0, -1):
            if len(out) >= limit:
                break
            add(islice(self._matches(best[:k], best[k - 1].end, partial=True), limit - len(out)))
        return list(out.values())

    def _whole_matches(self, segs: list[tuple[Token, ...]], length: int, limit: int) -> list[tuple[int, Candidate]]:
        """(class, candidate) sorted by class then frequency; class 0 exact, 1 completes the last
        syllable, 2 uses abbreviations."""
        found: dict[str, tuple[int, Candidate]] = {}
        for seg in segs:
            abbreviated = any(t.kind == "initial" for t in seg[:-1]) or seg[-1].kind != "full" and \
                seg[-1].kind != "prefix"
            exact_key = "'".join(t.text for t in seg)
            # each block is sorted by frequency, so the first `limit` per split are its best
            for reading, cand in islice(self._scan(seg, length, partial=False), limit):
                if abbreviated:
                    cls = 2
                elif reading == exact_key:
                    cls = 0
                else:
                    cls = 1
                best = found.get(cand.word)
                if best is None or (cls, -cand.freq) < (best[0], -best[1].freq):
                    found[cand.word] = (cls, cand)
        return sorted(found.values(), key=lambda item: (item[0], -item[1].freq))

    def _matches(self, seg: tuple[Token, ...], consumed: int, partial: bool):
        return (cand for _, cand in self._scan(seg, consumed, partial))

    def _scan(self, seg: tuple[Token, ...], consumed: int, partial: bool):
        """(reading, candidate) for the words whose reading matches `seg`, most frequent first.
        `partial`: more typed letters follow, so the last token must be a whole syllable."""
        block = self._blocks.get("".join(t.text[0] for t in seg))
        if not block:
            return
        last = len(seg) - 1
        parts = [t.pattern(last=(i == last and not partial)) for i, t in enumerate(seg)]
        # UTF-8 never puts a tab or newline byte inside a character, so the fields split cleanly
        pattern = re.compile(("\n(" + "'".join(parts) + ")\t([^\t\n]+)\t([0-9]+)(?=\n)").encode("ascii"))
        for match in pattern.finditer(block):
            yield (match.group(1).decode("ascii"),
                   Candidate(match.group(2).decode("utf-8"), consumed, int(match.group(3))))

    def _compose(self, seg: tuple[Token, ...]) -> Candidate | None:
        """A phrase for input that is no single word ("woyaobanshebaoka", a name like "zhangsan"):
        the split into words with the highest unigram probability (as jieba segments text), each
        word its most frequent reading; a name falls back to one character per syllable."""
        n = len(seg)
        best: list[tuple[float, list[str]] | None] = [None] * (n + 1)
        best[0] = (0.0, [])
        for i in range(n):
            if best[i] is None:
                continue
            for k in range(1, min(n - i, MAX_WORD_SYLLABLES) + 1):
                first = next(self._matches(seg[i:i + k], seg[i + k - 1].end, partial=True), None)
                if first is None:
                    continue
                score = best[i][0] + math.log(max(first.freq, 1)) - LOG_TOTAL_FREQ
                if best[i + k] is None or score > best[i + k][0]:
                    best[i + k] = (score, best[i][1] + [first.word])
        if best[n] is None:
            return None
        return Candidate("".join(best[n][1]), seg[-1].end, 0)

    # --- figures --------------------------------------------------------------------------------------
    def stats(self) -> dict:
        return {"blocks": len(self._blocks), "syllables": len(self.syllables),
                "lines": sum(b.count(b"\n") - 1 for b in self._blocks.values()),
                "bytes": sum(len(b) for b in self._blocks.values())}
