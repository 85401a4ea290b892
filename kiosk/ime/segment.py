"""Split typed letters into pinyin tokens: full syllables ("bei"), initials used as
abbreviations ("sbk" = s b k) and, at the end only, an unfinished syllable ("beijin" → bei jin…).

Many splits exist for one input ("xian" = xian | xi an); a small beam keeps the plausible
ones, best first: fewer abbreviations, then fewer tokens.
"""

from __future__ import annotations

from dataclasses import dataclass

# Initials a person may type alone as an abbreviation of a syllable.
INITIALS = frozenset("b p m f d t n l g k h j q x zh ch sh r z c s y w".split())
MAX_SYLLABLE = 6          # "zhuang"
BEAM = 12                 # segmentations kept per position


@dataclass(frozen=True)
class Token:
    text: str
    kind: str             # "full" | "initial" | "prefix"
    end: int              # offset just after this token in the typed string

    def pattern(self, last: bool) -> str:
        """Regular expression for one syllable of an index key."""
        if self.kind == "full" and not last:
            return self.text
        return self.text + "[a-z]*"


def _score(tokens: tuple[Token, ...]) -> tuple[int, int]:
    return sum(t.kind != "full" for t in tokens), len(tokens)


def segmentations(typed: str, syllables: frozenset[str], prefixes: frozenset[str]) -> list[tuple[Token, ...]]:
    """Plausible token sequences covering all of `typed` (lower-case letters, "'" = boundary)."""
    n = len(typed)
    states: list[list[tuple[Token, ...]]] = [[] for _ in range(n + 1)]
    states[0].append(())
    for i in range(n + 1):
        partials = sorted(states[i], key=_score)[:BEAM]
        states[i] = partials
        if i == n or not partials:
            continue
        if typed[i] == "'":
            states[i + 1].extend(partials)
            continue
        options: list[Token] = []
        for length in range(1, MAX_SYLLABLE + 1):
            j = i + length
            if j > n or "'" in typed[i:j]:
                break
            piece = typed[i:j]
            if piece in syllables:
                options.append(Token(piece, "full", j))
            elif piece in INITIALS:
                options.append(Token(piece, "initial", j))
            elif j == n and piece in prefixes:
                options.append(Token(piece, "prefix", j))
        for token in options:
            states[token.end].extend(p + (token,) for p in partials)
    return sorted(states[n], key=_score)[:BEAM]


def syllable_prefixes(syllables: frozenset[str]) -> frozenset[str]:
    return frozenset(s[:k] for s in syllables for k in range(1, len(s) + 1))
