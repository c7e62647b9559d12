"""Rule-based German temporal expressions with ISO values (HeidelTime-style).

API
---
``find_dates(text, ref_date=None, start=0, end=None) -> list[DateMention]``
    Scans ``text[start:end]`` (never the leading `` date YYYY-MM`` header, see ``header_end``) and returns
    non-overlapping mentions sorted by start; offsets index the full ``text``.
``find_article_date(text) -> str | None``
    The article date as ISO string from the header, a ``Stand:``/``veröffentlicht am`` line or a dateline near the
    start; a full day is preferred over a month-only header of the same year.
``header_end(text) -> int``
    Offset just after a leading `` date YYYY-MM[-DD]`` token (and the blanks after it); 0 without header.

How a date is found
-------------------
1. :mod:`.patterns` compiles, once, one regular expression per kind of expression (numeric date, day + month
   name, month, year, decade, weekday, "gestern", "vor drei Jahren", season, ...) from the calendar word lists
   of ``resources/dates_de.json`` (read by :mod:`pipeline.lang.de.calendar`).
2. :mod:`.rules` holds the table of (pattern, handler) pairs. Each handler checks the context of a match
   (:mod:`.context`: the words around it, a sentence start, the tense of its sentence, whether a number is a
   year) and yields candidates: a span and a resolver of its value.
3. :mod:`.find` keeps the longest of overlapping candidates (ties: the earlier one) and resolves them left to
   right against the article date (:mod:`.values`), so that a year-less date can follow the explicit date
   before it when there is no article date.
4. :mod:`.article_date` reads the article date that ``ref_date`` usually is.

The conventions of spans are in :mod:`.rules`, those of values in :mod:`.values`, of years in :mod:`.context`.
``dateparser`` was measured and not used: ``search_dates`` on the five seed articles gave extraction F1 0.24 and
value F1 0.04 (it reads "die"/"mit" as weekdays Di/Mi); these regexes are deterministic, fast (~4 ms per
article) and give the span boundaries the gold uses.
"""
from __future__ import annotations

from .article_date import find_article_date, header_end
from .find import find_dates

__all__ = ["find_article_date", "find_dates", "header_end"]
