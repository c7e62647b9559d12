"""ISO values of date mentions, resolved against the reference date (the article date).

Values are ISO 8601 / TIMEX3-like strings, following shared/eval/GUIDELINES.md:

* Granularity: day ``YYYY-MM-DD``, month ``YYYY-MM``, year ``YYYY``, week ``YYYY-Www``, weekend ``YYYY-Www-WE``,
  season ``YYYY-SP|SU|FA|WI``, decade ``198`` (the 1980s), century ``19`` (the 20th century: "im letzten
  Jahrhundert" written after 2000). A winter is labelled with the year in which it starts (Dec 2022 - Feb 2023 =
  ``2022-WI``).
* "Anfang/Mitte/Ende X" gets the value of X ("Ende Juli" -> ``2023-07``, "Anfang 2024" -> ``2024``, "Ende des
  Jahres" -> the reference year).
* Unresolvable parts are written as X: "am 11. September" without any reference -> ``XXXX-09-11``, "im Juli" ->
  ``XXXX-07``, a weekday / "gestern" / "vergangene Woche" without a full-day reference -> ``XXXX-XX-XX``, "vor zwei
  Jahren" without reference year -> ``XXXX``, a season -> ``XXXX-SU``.
* Reference time: the article date. Deictic expressions (heute, gestern, weekdays, vergangene Woche, im vergangenen
  Jahr, vor drei Tagen, ...) are only resolved against it. Weekday names resolve to the nearest such day on or
  before a full-day reference (news reports past events); "kommenden/nächsten Montag" to the next one after it,
  "vergangenen/letzten Montag" to the one before it. Weeks/days need a full-day reference, months a reference
  month, years a reference year.
* Year-less calendar dates ("am 15. August", "im Juli", "Mitte September") take the year of the reference month; a
  month that lies 1-2 months after the reference month is taken as upcoming (same cycle forward, e.g. "im Januar"
  in a December article = next year), any other month as the most recent past occurrence ("im Dezember" in a
  September article = December of the previous year). A month 3-6 months ahead counts as upcoming only when its
  sentence has a future cue (wird, will, geplant, ...) and no past cue (wurde, hatte, ...). A month coordinated
  with a previous one ("im April und Juni") and the start of a range ("von Januar bis März 2010") take the year of
  their partner.
* Without an article date, the most recent explicit date with year and month earlier in the text serves as the
  reference for this (narrative mode, e.g. a photo caption "Monday, Sept. 11, 2023" anchors a later "am 13.
  September"); deictic expressions are never resolved against such an anchor.

A rule turns each match into a :data:`Resolver`: a function of the :class:`Reference` that gives the value (and,
for a date with an explicit year and month, a new narrative anchor). The resolvers run left to right over the
chosen mentions, so that anchors and the last month seen are those of the text before.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ...lang.de.calendar import calendar_data

Anchor = tuple[int, int]  # (year, month) of an explicit date: the reference of later year-less dates

_REF_DATE = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_STEP = {"past": -1, "next": 1}  # a modifier kind as a step from the reference; "this" and none stay
_SEASON_IDX = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
_SEASON_OF_MONTH = {3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2, 12: 3, 1: 3, 2: 3}


@dataclass
class Reference:
    """What the values are resolved against: the article date as far as known (``y``, ``m``, ``d``), and what the
    text before the current mention set (the narrative anchor, the last month)."""

    y: int | None = None
    m: int | None = None
    d: int | None = None
    anchor: Anchor | None = None  # narrative anchor (year, month) when there is no article date
    last_month: tuple[int | None, int] | None = None  # (year, month) of the last resolved month mention

    @property
    def day(self) -> _dt.date | None:
        """The full reference day, or None when the article date lacks month or day (or is no calendar day)."""
        if self.y and self.m and self.d:
            try:
                return _dt.date(self.y, self.m, self.d)
            except ValueError:
                return None
        return None

    def base_month(self) -> Anchor | None:
        """The (year, month) that year-less months are placed around: the article's, else the narrative anchor."""
        if self.y and self.m:
            return self.y, self.m
        if self.y is None and self.anchor:
            return self.anchor
        return None


Resolver = Callable[[Reference], tuple[str, Anchor | None]]  # the value of one mention (and the anchor it sets)


def parse_reference(ref_date: str | None) -> Reference:
    """The :class:`Reference` of an ISO article date ``YYYY[-MM[-DD]]`` (empty when it is missing or unreadable)."""
    if not ref_date:
        return Reference()
    m = _REF_DATE.match(ref_date)
    if not m:
        return Reference()
    y, mo, d = (int(g) if g else None for g in m.groups())
    if mo is not None and not 1 <= mo <= 12:
        mo, d = None, None
    return Reference(y, mo, d)


# ------------------------------------------------------------------------------------------ formatting, checks


def fmt_year(y: int | None) -> str:
    """``YYYY``, or ``XXXX`` for an unknown year."""
    return f"{y:04d}" if y is not None else "XXXX"


def fmt_month(y: int | None, mo: int) -> str:
    """``YYYY-MM`` (year possibly ``XXXX``)."""
    return f"{fmt_year(y)}-{mo:02d}"


def fmt_day(y: int | None, mo: int, d: int) -> str:
    """``YYYY-MM-DD`` (year possibly ``XXXX``)."""
    return f"{fmt_year(y)}-{mo:02d}-{d:02d}"


def fmt_week(day: _dt.date) -> str:
    """The ISO week ``YYYY-Www`` of a day."""
    iy, iw, _ = day.isocalendar()
    return f"{iy:04d}-W{iw:02d}"


def _month_offset(ref: Reference, off: int) -> str:
    """The month ``off`` months from the reference month, ``XXXX-XX`` without one."""
    if not (ref.y and ref.m):
        return "XXXX-XX"
    k = ref.y * 12 + ref.m - 1 + off
    return fmt_month(k // 12, k % 12 + 1)


def valid_day(y: int | None, mo: int, d: int) -> bool:
    """Whether day ``d`` of month ``mo`` exists (in year ``y``; without a year a leap year, so 29.2. is valid)."""
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return False
    try:
        _dt.date(y if y else 2000, mo, d)
    except ValueError:
        return False
    return True


def two_digit_year(y: str) -> int:
    """A written year as a number: four digits as they are, two digits as 19xx from 50 on, else 20xx."""
    v = int(y)
    if len(y) == 4:
        return v
    return 2000 + v if v < 50 else 1900 + v


def modifier_kind(mod: str | None) -> str | None:
    """``past`` / ``next`` / ``this`` of a modifier ("vergangenen", "nächste", "diesen"), from the stems in the
    word lists; None without a modifier or for one that is none of them."""
    if not mod:
        return None
    low = mod.lower()
    for kind, stems in calendar_data()["modifiers"].items():
        if any(low.startswith(s) for s in stems):
            return kind
    return None


# ------------------------------------------------------------------------------------------------ year of a month


def year_for_month(mon: int, ref: Reference, kind: str | None = None, tense: str | None = None) -> int | None:
    """Year of a year-less month mention: past, next or same cycle by its modifier, else upcoming only when 1-2
    months ahead (3-6 with a future tense), else the most recent past occurrence (see the module docstring)."""
    base = ref.base_month()
    if base is None:
        return ref.y  # a year-only reference still gives the year
    by, bm = base
    if kind == "past":
        return by if mon < bm else by - 1
    if kind == "next":
        return by if mon > bm else by + 1
    if kind == "this" or mon == bm:
        return by
    forward = (mon - bm) % 12
    if forward <= 2 or (tense == "future" and forward <= 6):
        return by if mon > bm else by + 1
    return by if mon < bm else by - 1


def has_year_suffix(m: re.Match) -> bool:
    """Whether a match has a year qualifier in its ``ysuf`` groups (2019, vergangenen Jahres, des Vorjahres, ...)."""
    return bool(m["yr"] or m["yprev"] or m["ythis"] or m["ymod"])


def suffix_year(m: re.Match, ref: Reference) -> int | None:
    """The year of the ``ysuf`` groups of a match: the written year, or the one the relative qualifier gives."""
    if m["yr"]:
        return int(m["yr"])
    if m["yprev"]:
        return ref.y - 1 if ref.y else None
    if m["ythis"]:
        return ref.y
    if m["ymod"]:
        if ref.y is None:
            return None
        return ref.y + _STEP.get(modifier_kind(m["ymod"]) or "this", 0)
    return None


# ------------------------------------------------------------------------------------------------------ resolvers


def const(value: str, anchor: Anchor | None = None) -> Resolver:
    """A value that needs no reference (a full date, a year), with the anchor it sets."""
    return lambda ref: (value, anchor)


def day_resolver(d: int, mo: int, explicit_year: int | None, has_year: bool, suffix: re.Match | None = None,
                 tense: str | None = None) -> Resolver:
    """Day ``d`` of month ``mo``: in ``explicit_year`` when written, in the year of the relative qualifier
    ``suffix`` ("des vergangenen Jahres"), else in the year :func:`year_for_month` gives."""
    def resolve(ref: Reference) -> tuple[str, Anchor | None]:
        if has_year:
            y = explicit_year
            if suffix is not None:
                y = suffix_year(suffix, ref)
        else:
            y = year_for_month(mo, ref, None, tense)
        anchor = (y, mo) if (has_year and explicit_year is not None) else None
        return fmt_day(y, mo, d), anchor
    return resolve


def month_resolver(mo: int, suffix: re.Match | None, kind: str | None, tense: str | None,
                   coordinated: bool) -> Resolver:
    """Month ``mo`` without a written year: after "und/oder" in the year of the month before ("im April und
    Juni"), with a relative qualifier ``suffix`` in its year, else in the year :func:`year_for_month` gives."""
    def resolve(ref: Reference) -> tuple[str, Anchor | None]:
        if coordinated and ref.last_month and ref.last_month[0] is not None:
            ly, lm = ref.last_month
            y = ly if mo >= lm else ly + 1
        else:
            y = suffix_year(suffix, ref) if suffix is not None else year_for_month(mo, ref, kind, tense)
        return fmt_month(y, mo), None
    return resolve


def century_resolver(kind: str | None) -> Resolver:
    """The reference century stepped by a modifier ("im letzten Jahrhundert"); undated texts count as written in
    the 21st century."""
    def resolve(ref: Reference) -> tuple[str, Anchor | None]:
        cur = (ref.y // 100) if ref.y else 20
        return f"{cur + _STEP.get(kind or 'this', 0):02d}", None
    return resolve


def weekday_resolver(wd: int, kind: str | None, night: bool) -> Resolver:
    """Weekday ``wd`` (0 = Monday) on or before the reference day, the one after it ("kommenden"), the one before
    it ("vergangenen") or the one of its week ("diesen"); "in der Nacht zum Dienstag" on a Monday is the next day."""
    def resolve(ref: Reference) -> tuple[str, Anchor | None]:
        day = ref.day
        if day is None:
            return "XXXX-XX-XX", None
        delta = (day.weekday() - wd) % 7
        if kind == "past":
            delta = delta or 7
            target = day - _dt.timedelta(days=delta)
        elif kind == "next":
            target = day + _dt.timedelta(days=((wd - day.weekday()) % 7) or 7)
        elif kind == "this":
            target = day + _dt.timedelta(days=wd - day.weekday())
        else:
            target = day - _dt.timedelta(days=delta)
            if night and delta == 6:  # "in der Nacht zum Dienstag" reported on Monday evening
                target = day + _dt.timedelta(days=1)
        return target.isoformat(), None
    return resolve


def relative_day_resolver(off: int) -> Resolver:
    """The reference day moved by ``off`` days (heute 0, gestern -1, übermorgen 2)."""
    def resolve(ref: Reference) -> tuple[str, Anchor | None]:
        day = ref.day
        if day is None:
            return "XXXX-XX-XX", None
        return (day + _dt.timedelta(days=off)).isoformat(), None
    return resolve


def ago_resolver(n: int, unit: str) -> Resolver:
    """``n`` units (Tagen, Wochen, Monaten, Jahren, Jahrzehnten) before the reference, in that unit's granularity."""
    def resolve(ref: Reference) -> tuple[str, Anchor | None]:
        if unit.startswith("Jahrzehnt"):
            return (str(ref.y - 10 * n)[:3] if ref.y else "XXX"), None
        if unit.startswith("Jahr"):
            return fmt_year(ref.y - n if ref.y else None), None
        if unit.startswith("Monat"):
            return _month_offset(ref, -n), None
        day = ref.day
        if day is None:
            return "XXXX-XX-XX", None
        if unit.startswith("Woche"):
            return fmt_week(day - _dt.timedelta(weeks=n)), None
        return (day - _dt.timedelta(days=n)).isoformat(), None
    return resolve


def unit_resolver(unit: str, kind: str | None) -> Resolver:
    """The reference year, month or week (``unit``, German or English) stepped by a modifier kind."""
    off = _STEP.get(kind or "this", 0)
    u = unit.lower()

    def resolve(ref: Reference) -> tuple[str, Anchor | None]:
        if u.startswith("jahr") or u == "year":
            return fmt_year(ref.y + off if ref.y else None), None
        if u.startswith("monat") or u == "month":
            return _month_offset(ref, off), None
        day = ref.day  # week
        if day is None:
            return "XXXX-XX-XX", None
        return fmt_week(day + _dt.timedelta(weeks=off)), None
    return resolve


def weekend_resolver(kind: str | None) -> Resolver:
    """The weekend ``YYYY-Www-WE`` before, after or of the reference week; a plain "am Wochenende" looks back on
    Monday and Tuesday and ahead on later days."""
    def resolve(ref: Reference) -> tuple[str, Anchor | None]:
        day = ref.day
        if day is None:
            return "XXXX-XX-XX", None
        if kind == "past":
            week_of = day - _dt.timedelta(days=day.weekday() + 1)  # Sunday of the previous week
            if day.weekday() == 6:
                week_of = day - _dt.timedelta(days=7)
        elif kind == "next":
            week_of = day + _dt.timedelta(days=7 if day.weekday() >= 5 else 0)
        elif kind == "this":
            week_of = day
        else:
            week_of = day - _dt.timedelta(days=3) if day.weekday() <= 1 else day
        return fmt_week(week_of) + "-WE", None
    return resolve


def season_value(code: str, kind: str | None, ref: Reference) -> str:
    """The season ``code`` (SP, SU, FA, WI) before, after or of the reference season; a winter is labelled with the
    year in which it starts."""
    if not ref.y:
        return f"XXXX-{code}"
    if not ref.m:
        if kind in (None, "this"):
            return f"{ref.y:04d}-{code}"
        return f"{ref.y + (1 if kind == 'next' else -1):04d}-{code}"
    cur_year = ref.y - 1 if ref.m <= 2 else ref.y
    cur = cur_year * 4 + _SEASON_OF_MONTH[ref.m]
    want = _SEASON_IDX[code]
    same_cycle = cur_year * 4 + want
    if kind == "past":
        k = same_cycle if same_cycle < cur else same_cycle - 4
    elif kind == "next":
        k = same_cycle if same_cycle > cur else same_cycle + 4
    else:
        k = ref.y * 4 + want if code != "WI" else same_cycle
    return f"{k // 4:04d}-{code}"


def season_resolver(code: str, kind: str | None, suffix: re.Match | None) -> Resolver:
    """A season in the year of its qualifier ``suffix`` ("im Herbst 2022", "im Sommer des Vorjahres"), else the one
    :func:`season_value` gives."""
    def resolve(ref: Reference) -> tuple[str, Anchor | None]:
        if suffix is not None:
            return f"{fmt_year(suffix_year(suffix, ref))}-{code}", None
        return season_value(code, kind, ref), None
    return resolve
