"""Receipt layout by display width: paper geometry, wrapping, key/value rows, rules, titles.

A printer in Chinese mode prints every double-byte character in the Kanji font, twice as wide
as an ASCII character, so layout counts columns, never code points. Templates build a
`Document` (a list of blocks) with `Layout`; the encoder turns that into bytes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paper:
    width_mm: int
    columns: int  # half-width (ASCII) columns of font A at size 1×1
    dots: int  # printable dots per line

    @property
    def dots_per_column(self) -> int:
        return self.dots // self.columns


PAPER_58 = Paper(58, 32, 384)
PAPER_80 = Paper(80, 48, 576)


def paper_for(width_mm: int) -> Paper:
    """The paper geometry for a configured width (58 or 80 mm)."""
    if int(width_mm) == 58:
        return PAPER_58
    if int(width_mm) == 80:
        return PAPER_80
    raise ValueError(f"unsupported paper width {width_mm!r} mm (expected 58 or 80)")


def char_width(ch: str) -> int:
    """Columns one character takes: 0 for combining marks, 2 for wide/ambiguous, else 1."""
    if ch < "\x80":
        return 1 if ch.isprintable() else 0
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    # Ambiguous-width characters (·, —, ①, ×) are double-byte in GBK and print in the Kanji font.
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 1


def display_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def wrap(text: str, columns: int) -> list[str]:
    """Split `text` into lines of at most `columns` display columns.

    Breaks at any character (Chinese has no spaces), but keeps an ASCII word whole when it fits
    on a line of its own, and never starts a line with closing punctuation when it can be helped.
    """
    if columns < 2:
        raise ValueError(f"columns must be at least 2, got {columns}")
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        lines.extend(_wrap_paragraph(paragraph, columns))
    return lines


_NO_LINE_START = set("，。、；：！？）》」』】〕,.;:!?)]%")


def _wrap_paragraph(text: str, columns: int) -> list[str]:
    if text == "":
        return [""]
    lines: list[str] = []
    current = ""
    width = 0
    tokens = _tokens(text)
    for token in tokens:
        token_width = display_width(token)
        if width + token_width <= columns:
            current += token
            width += token_width
            continue
        if token_width > columns or (token.isascii() and token.strip() == ""):
            # Too long for any line (or a space at the break): split character by character.
            for ch in token:
                cw = char_width(ch)
                if width + cw > columns:
                    lines.append(current.rstrip())
                    current, width = "", 0
                    if ch == " ":
                        continue
                current += ch
                width += cw
            continue
        if token in _NO_LINE_START and current:
            # Pull the last character down with the punctuation rather than start a line with it.
            last = current[-1]
            lines.append(current[:-1].rstrip())
            current = last + token
            width = display_width(current)
            continue
        lines.append(current.rstrip())
        current, width = token.lstrip(), display_width(token.lstrip())
    lines.append(current.rstrip())
    return lines


def _tokens(text: str) -> list[str]:
    """ASCII words and runs of spaces stay together; every other character is its own token."""
    tokens: list[str] = []
    for ch in text:
        if tokens and ch.isascii() and ch.isalnum() and tokens[-1][-1:].isascii() \
                and tokens[-1][-1:].isalnum() or tokens and ch == " " and tokens[-1].endswith(" "):
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return tokens


def pad_right(text: str, columns: int) -> str:
    return text + " " * max(0, columns - display_width(text))


def center(text: str, columns: int) -> str:
    gap = max(0, columns - display_width(text))
    return " " * (gap // 2) + text


def key_value_rows(key: str, value: str, columns: int) -> list[str]:
    """`key：value` with continuation lines indented under the value.

    When the key leaves less than a third of the line for the value, the value starts on its
    own line instead (indented by two columns).
    """
    label = f"{key}：" if key else ""
    label_width = display_width(label)
    value = str(value)
    if label_width and columns - label_width >= max(8, columns // 3):
        parts = wrap(value, columns - label_width)
        if len(parts) == 1 or display_width(value) > columns - 2:
            return [label + parts[0]] + [" " * label_width + p for p in parts[1:]]
        # A value that would break but fits a line of its own (receipt numbers, dates with a
        # note) reads better whole, under its label.
    rows = [label] if label else []
    return rows + ["  " + p for p in wrap(value, columns - 2)]


def two_columns(left: str, right: str, columns: int) -> list[str]:
    """`left` flush left and `right` flush right on one row (wrapped onto two if too long)."""
    gap = columns - display_width(left) - display_width(right)
    if gap >= 1:
        return [left + " " * gap + right]
    return wrap(left, columns) + [" " * max(0, columns - display_width(right)) + right]


# --- document model ------------------------------------------------------------------------


@dataclass(frozen=True)
class TextLine:
    text: str
    align: str = "left"  # left | center | right
    width_mul: int = 1
    height_mul: int = 1
    bold: bool = False


@dataclass(frozen=True)
class QrCode:
    content: str
    ec: str = "M"  # L | M | Q | H


@dataclass(frozen=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True)
class Cut:
    partial: bool = False


Block = TextLine | QrCode | Feed | Cut


@dataclass
class Document:
    paper: Paper
    blocks: list[Block] = field(default_factory=list)

    def text_lines(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, TextLine)]


class Layout:
    """Builds a `Document` for one paper width; every method wraps to the paper's columns."""

    def __init__(self, paper: Paper) -> None:
        self.paper = paper
        self.doc = Document(paper)

    @property
    def columns(self) -> int:
        return self.paper.columns

    def _add(self, block: Block) -> Layout:
        self.doc.blocks.append(block)
        return self

    def title(self, text: str, size: int = 2) -> Layout:
        """Centred title in `size`× characters (wrapped to the columns left at that size)."""
        for line in wrap(text, self.columns // size):
            self._add(TextLine(line, "center", size, size, True))
        return self

    def heading(self, text: str) -> Layout:
        for line in wrap(text, self.columns):
            self._add(TextLine(line, "left", 1, 1, True))
        return self

    def centered(self, text: str, bold: bool = False) -> Layout:
        for line in wrap(text, self.columns):
            self._add(TextLine(line, "center", bold=bold))
        return self

    def big(self, text: str, size: int = 3) -> Layout:
        """Very large centred text (queue numbers)."""
        for line in wrap(text, self.columns // size):
            self._add(TextLine(line, "center", size, size, True))
        return self

    def text(self, text: str, indent: int = 0) -> Layout:
        for line in wrap(text, self.columns - indent):
            self._add(TextLine(" " * indent + line))
        return self

    def kv(self, key: str, value: str) -> Layout:
        for row in key_value_rows(key, value, self.columns):
            self._add(TextLine(row))
        return self

    def pair(self, left: str, right: str) -> Layout:
        for row in two_columns(left, right, self.columns):
            self._add(TextLine(row))
        return self

    def bullets(self, items: list[str], marker: str = "·") -> Layout:
        indent = display_width(marker) + 1
        for item in items:
            parts = wrap(str(item), self.columns - indent)
            self._add(TextLine(f"{marker} {parts[0]}"))
            for part in parts[1:]:
                self._add(TextLine(" " * indent + part))
        return self

    def rule(self, char: str = "-") -> Layout:
        return self._add(TextLine(char * (self.columns // display_width(char))))

    def qr(self, content: str, ec: str = "M") -> Layout:
        return self._add(QrCode(content, ec))

    def feed(self, lines: int = 1) -> Layout:
        return self._add(Feed(lines))

    def cut(self) -> Layout:
        return self._add(Cut())
