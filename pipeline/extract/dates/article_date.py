"""The article date: from the leading `` date YYYY-MM[-DD]`` header of the seed files, a ``Stand: 13.09.2023`` /
``veröffentlicht/aktualisiert am …`` line or a dateline (``Berlin, 13. September 2023 –``) near the start.

The seed files continue the title on the header line (`` date 2023-09 Putin und Kim ... Stand: 13.09.2023``), so the
body starts right after the date token, not after the line.
"""
from __future__ import annotations

import re

from ...lang.de.calendar import calendar_data
from .patterns import patterns
from .values import fmt_day, valid_day

_WINDOW = 2500  # characters after the header searched for a Stand line
_DATELINE_WINDOW = 800  # characters after the header searched for a dateline


def header_end(text: str) -> int:
    """Offset where the body starts after a leading `` date YYYY-MM[-DD]`` header token (0 if none)."""
    m = patterns().header.match(text)
    return m.end() if m else 0


def _full_day(m: re.Match) -> str | None:
    """The ISO day of a Stand or dateline match (numeric or with a month name), None unless a day of 1900-2100."""
    if m["d"]:
        d, mo, y = int(m["d"]), int(m["m"]), int(m["y"])
    else:
        d, mo, y = int(m["d2"]), calendar_data()["months"][m["mon"]], int(m["y2"])
    return fmt_day(y, mo, d) if valid_day(y, mo, d) and 1900 <= y <= 2100 else None


def find_article_date(text: str) -> str | None:
    """The article's date from its header, a ``Stand:`` line or a dateline near the start (ISO), or None.

    A full day (Stand/dateline) is preferred over a month-only header of the same year; one of another year loses to
    the header."""
    rx = patterns()
    head = rx.header.match(text)
    header_val = head["v"] if head else None
    body = header_end(text)
    window = text[body:body + _WINDOW]
    day_val = None
    m = rx.stand.search(window)
    if m:
        day_val = _full_day(m)
    if day_val is None:
        m = rx.dateline.search(window[:_DATELINE_WINDOW])
        if m:
            day_val = _full_day(m)
    if header_val and day_val:
        return day_val if day_val[:4] == header_val[:4] else header_val
    return day_val or header_val
