"""Finding the mentions: every rule's candidates, the longest of overlapping ones, their values left to right."""
from __future__ import annotations

import re

from ...types import DateMention
from .article_date import header_end
from .rules import Candidate, candidates
from .values import parse_reference

_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})(?:-\d{2})?$")  # a value with year and month: the last month seen


def _longest_first(cands: list[Candidate], lo: int, hi: int) -> list[Candidate]:
    """Non-overlapping candidates inside ``[lo, hi)``, longer ones (then earlier ones) chosen first; in text order."""
    cands.sort(key=lambda c: (-(c.end - c.start), c.start))
    chosen: list[Candidate] = []
    for c in cands:
        if c.start < lo or c.end > hi or c.end <= c.start:
            continue
        if any(c.start < o.end and o.start < c.end for o in chosen):
            continue
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def find_dates(text: str, ref_date: str | None = None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Temporal expressions in ``text[start:end]`` with ISO values resolved against ``ref_date``.

    Without ``ref_date`` each explicit date with year and month becomes the anchor of the year-less dates after it;
    each value with year and month is the partner of a following "und/oder Juni"."""
    if not text:
        return []
    lo = max(start, header_end(text), 0)
    hi = len(text) if end is None else min(end, len(text))
    if lo >= hi:
        return []
    ref = parse_reference(ref_date)
    narrative = ref.y is None
    out: list[DateMention] = []
    for c in _longest_first(candidates(text, lo, hi), lo, hi):
        value, anchor = c.resolve(ref)
        if narrative and anchor and anchor[0] is not None:
            ref.anchor = anchor
        ym = _YEAR_MONTH.match(value)
        if ym:
            ref.last_month = (int(ym[1]), int(ym[2]))
        s, e = c.start, c.end
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append(DateMention(s, e, text[s:e], value))
    return out
