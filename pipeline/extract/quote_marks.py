"""Pair quotation marks in German news text by mark type.

Returns the quoted regions (content between the marks) with their nesting depth. Rules:
- An opener pushes onto a stack; a mark that can close the innermost open quote closes it.
- Straight double quotes toggle: inside a straight-quoted region the next ``"`` closes it.
- A quotation that runs over a paragraph break continues only if the next paragraph opens with the same mark
  (the German convention for multi-paragraph quotes); otherwise it is unbalanced and dropped.
- Unbalanced marks never swallow the rest of the article: a quote open for more than ``max_chars`` is dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import read_tsv

_PARAGRAPH = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class QuotedRegion:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark
    depth: int  # 0 = top level
    opener: str
    paragraphs: int = 1  # how many paragraphs the region spans

    @property
    def start(self) -> int:
        """First character of the content."""
        return self.open + 1

    @property
    def end(self) -> int:
        """End (exclusive) of the content."""
        return self.close


@lru_cache(maxsize=1)
def mark_table() -> dict[str, str]:
    return {row["opener"]: row["closers"] for row in read_tsv("quote_marks.tsv")}


def _is_apostrophe(text: str, i: int) -> bool:
    """’ or ' between letters (or after s) is an apostrophe, not a quotation mark."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and (after.isalnum() or after in " .,;:!?") and text[i] in "'’"


def _opens_utterance(text: str, offset: int, floor: int) -> bool:
    """A quotation that may run over paragraphs opens an utterance: at a paragraph or sentence start or after a
    colon or comma, not inside a phrase ("sprach von einem „großen Tag." is an unclosed fragment)."""
    k = offset - 1
    while k >= floor and text[k] in " \t":
        k -= 1
    return k < floor or text[k] in "\n:,.!?;–—"


@lru_cache(maxsize=1)
def _mark_or_break() -> re.Pattern:
    """A character :func:`find_quoted_regions` acts on: a line break, an opening or closing mark, an apostrophe."""
    table = mark_table()
    chars = set("\n'’") | set(table) | {c for closers in table.values() for c in closers}
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def find_quoted_regions(text: str, start: int = 0, end: int | None = None, max_chars: int = 4000,
                        max_depth: int = 3) -> list[QuotedRegion]:
    table = mark_table()
    end = len(text) if end is None else end
    stack: list[tuple[int, str, int]] = []  # (offset, opener, paragraphs)
    regions: list[QuotedRegion] = []
    acts_on = _mark_or_break()
    i = start
    while i < end:
        # any other character changes nothing (the max_chars check gives the same at the next mark): skip to it
        found = acts_on.search(text, i, end)
        if found is None:
            break
        i = found.start()
        ch = text[i]
        if ch == "\n" and stack:
            # paragraph break inside an open quote: continue only if the next paragraph opens with the same mark
            j = i
            while j < end and text[j].isspace():
                j += 1
            opener = stack[-1][1]
            if j < end and text[j] == opener and len(stack) == 1 and _opens_utterance(text, stack[-1][0], start):
                off, op, paras = stack[-1]
                stack[-1] = (off, op, paras + 1)
                i = j + 1
                continue
            stack.clear()
            i += 1
            continue
        if stack and i - stack[0][0] > max_chars:
            stack.clear()
        closes_top = bool(stack) and ch in table[stack[-1][1]]
        # ’ or ' after a letter closes an open ‚ (‚Neustart’, ‚Neustart') unless a letter follows (geht's)
        if ch in "'’" and _is_apostrophe(text, i) and not (closes_top and stack[-1][1] in "‚'"
                                                           and not (i + 1 < end and text[i + 1].isalpha())):
            i += 1
            continue
        if closes_top:
            off, op, paras = stack.pop()
            if i > off + 1:
                regions.append(QuotedRegion(off, i, len(stack), op, paras))
            i += 1
            continue
        if ch in table and len(stack) < max_depth:
            # a closing-style mark of an outer quote cannot open a new one ("«" inside »…«)
            if any(ch in table[o] for _, o, _ in stack):
                i += 1
                continue
            # single marks open only at a word start; double marks need a following non-space
            nxt = text[i + 1] if i + 1 < end else " "
            prev = text[i - 1] if i > start else " "
            if nxt.isspace() or (ch in "‚'" and prev.isalnum()):
                i += 1
                continue
            stack.append((i, ch, 1))
        i += 1
    return sorted(regions, key=lambda r: (r.open, -r.close))
