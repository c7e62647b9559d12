"""Rule-based German temporal expression extraction and normalization (HeidelTime-style).

API
---
``find_dates(text, ref_date=None, start=0, end=None) -> list[DateMention]``
    Scans ``text[start:end]`` (never the leading `` date YYYY-MM`` header, see ``header_end``) and returns
    non-overlapping mentions sorted by start; offsets index the full ``text``. Where several rules match
    overlapping text, the longest match wins.
``find_article_date(text) -> str | None``
    The article date as ISO string from a leading `` date YYYY-MM[-DD]`` header, a ``Stand: 13.09.2023``
    line, a ``veröffentlicht/aktualisiert am …`` line or a dateline (``Berlin, 13. September 2023 –``) near
    the start. A full day (Stand/dateline) is preferred over a month-only header of the same year.
``header_end(text) -> int``
    Offset just after a leading `` date YYYY-MM[-DD]`` token (and the blanks after it); 0 without header.
    The seed files continue the title on the header line (`` date 2023-09 Putin und Kim ... Stand:
    13.09.2023``), so the body starts right after the date token, not after the line.

Word lists (months incl. Jänner/abbreviations, weekdays, parts of day, relative day words, modifiers,
seasons, number words, unit nouns that block year readings, ...) live in ``resources/dates_de.json``.

Conventions (values are ISO 8601 / TIMEX3-like strings, following shared/eval/GUIDELINES.md)
-----------------------------------------------------------------------------------------
* Spans include a governing preposition or particle that belongs to the expression, as the gold does:
  ``am 15. August``, ``im April 2019``, ``im Jahr 2000``, ``seit 2017``, ``vom 10.``, ``bis zum 13. September``,
  ``in den 80er Jahren``, ``vor 75 Jahren``, ``Seit vergangenem Sommer``; ``am Montag (11. September)`` and
  ``Montag, den 11. September`` are one mention. Other prepositions (``nach``, ``um``, ``gegen``) stay outside.
* Granularity of values: day ``YYYY-MM-DD``, month ``YYYY-MM``, year ``YYYY``, week ``YYYY-Www``,
  weekend ``YYYY-Www-WE``, season ``YYYY-SP|SU|FA|WI``, decade ``198`` (the 1980s), century ``19``
  (the 20th century: "im letzten Jahrhundert" written after 2000). A winter is labelled with the year in
  which it starts (Dec 2022 - Feb 2023 = ``2022-WI``).
* "Anfang/Mitte/Ende X" gets the value of X ("Ende Juli" -> ``2023-07``, "Anfang 2024" -> ``2024``,
  "Ende des Jahres" -> the reference year).
* Unresolvable parts are written as X: "am 11. September" without any reference -> ``XXXX-09-11``,
  "im Juli" -> ``XXXX-07``, a weekday / "gestern" / "vergangene Woche" without a full-day reference ->
  ``XXXX-XX-XX``, "vor zwei Jahren" without reference year -> ``XXXX``, a season -> ``XXXX-SU``.
* Reference time: ``ref_date`` (the article date). Deictic expressions (heute, gestern, weekdays,
  vergangene Woche, im vergangenen Jahr, vor drei Tagen, ...) are only resolved against it. Weekday names
  resolve to the nearest such day on or before a full-day reference (news reports past events);
  "kommenden/nächsten Montag" to the next one after it, "vergangenen/letzten Montag" to the one before it.
  Weeks/days need a full-day reference, months a reference month, years a reference year.
* Year-less calendar dates ("am 15. August", "im Juli", "Mitte September") take the year of the
  reference month; a month that lies 1-2 months after the reference month is taken as upcoming (same
  cycle forward, e.g. "im Januar" in a December article = next year), any other month as the most recent
  past occurrence ("im Dezember" in a September article = December of the previous year). A month 3-6
  months ahead counts as upcoming only when its sentence has a future cue (wird, will, geplant, ...) and no
  past cue (wurde, hatte, ...). A month coordinated with a previous one ("im April und Juni") and the
  start of a range ("von Januar bis März 2010") take the year of their partner.
  When ``ref_date`` is None, the most recent explicit date with year and month earlier in the text serves
  as the reference for this (narrative mode, e.g. a photo caption "Monday, Sept. 11, 2023" anchors a
  later "am 13. September"); deictic expressions are never resolved against such an anchor.
* Years: only 4-digit numbers 1000-2100 in a year context: not inside larger numbers (3.000, 2,5),
  not followed by a unit or count noun (2000 Kilogramm, 1500 Soldaten, 2000 weitere Soldaten), not after
  a quantity word (rund 1500, mehr als 2000, Nr. 1234); a round hundred or a year outside 1800-2050
  followed by a capitalized noun is read as a count unless a year preposition precedes. "im Jahr N"
  accepts any year. Two-digit decades ("80er Jahre") are 19xx, except 00er/10er -> 200/201.
* "heute" is skipped in the vague uses "bis heute", "noch heute", "heute noch", "von heute";
  "morgen" only lowercase (the temporal adverb), never "am Morgen" (a part of day).
* Numeric dates with a two-digit year need a preposition/weekday or a two-digit day or month
  ("13.9.23" yes, "Kernel 2.6.32" no); "13.09." without year needs a preposition or weekday ("am 13.09.").
* Not dates: times of day (13:55 Uhr; "13.09.2023, 13:55 Uhr" keeps the date), durations and vague
  spans (seit Jahren, seit 24 Jahren, in den kommenden Tagen, in den vergangenen Monaten, bald, derzeit).
  English caption dates of the agency form "Monday, Sept. 11, 2023" are recognized.
* ``dateparser`` was measured and not used: ``search_dates`` on the five seed articles gave extraction
  F1 0.24 and value F1 0.04 (it reads "die"/"mit" as weekdays Di/Mi); these regexes are deterministic,
  fast (~4 ms per article) and give the span boundaries the gold uses.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

from pipeline.types import DateMention

_RESOURCE = Path(__file__).resolve().parents[1] / "resources" / "dates_de.json"

__all__ = ["find_dates", "find_article_date", "header_end"]


# --------------------------------------------------------------------------- lexicon and regexes


@lru_cache(maxsize=1)
def _lex() -> dict:
    with open(_RESOURCE, encoding="utf-8") as fh:
        return {k: v for k, v in json.load(fh).items() if not k.startswith("_")}


def _alt(words) -> str:
    """Regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _cap(w: str) -> str:
    return w[:1].upper() + w[1:]


def _ci_first(words) -> str:
    """Alternation accepting each (lowercase) word also with a capitalized first letter."""
    out = set()
    for w in words:
        out.add(w)
        out.add(_cap(w))
    return _alt(out)


@dataclass(frozen=True)
class _Rx:
    num_full: re.Pattern
    iso: re.Pattern
    num_dm: re.Pattern
    dm: re.Pattern
    range_: re.Pattern
    en: re.Pattern
    month: re.Pattern
    year_jahr: re.Pattern
    part_year: re.Pattern
    year: re.Pattern
    decade: re.Pattern
    century: re.Pattern
    weekday: re.Pattern
    relday: re.Pattern
    ago: re.Pattern
    rel_unit: re.Pattern
    prev_unit: re.Pattern
    this_year: re.Pattern
    unit_end: re.Pattern
    part_unit: re.Pattern
    season: re.Pattern
    header: re.Pattern
    stand: re.Pattern
    dateline: re.Pattern
    word: re.Pattern
    range_tail: re.Pattern
    sent_break: re.Pattern


@lru_cache(maxsize=1)
def _rx() -> _Rx:
    L = _lex()
    months = L["months"]
    month_full = _alt(w for w in months if not w.endswith("."))
    month_any = _alt(months)
    weekdays = _alt(L["weekdays"])
    pod_cap = _alt(L["parts_of_day"])
    pod_low = _alt(w.lower() for w in L["parts_of_day"])
    mods = L["modifiers"]
    mod = "(?:" + _ci_first(s for group in mods.values() for s in group) + ")(?:e[nmrs]?)"
    part = _ci_first(w.lower() for w in L["period_parts"])
    seasons = _alt(L["seasons"])
    numwords = _alt(L["number_words"])
    decade_words = _alt(L["decade_words"])
    decade_caps = _alt(_cap(w) for w in L["decade_words"])
    centuries = _alt(L["century_ordinals"])
    reldays = _ci_first(L["relative_days"])
    year4 = r"(?<![\w.,])(?:1\d{3}|20\d{2}|2100)(?!\d|[.,]\d)"

    prep_day = r"(?:[Aa]m|[Vv]om|[Bb]is(?:\s+(?:zum|einschließlich))?|[Zz]um|[Ss]eit(?:\s+dem)?|[Aa]b(?:\s+dem)?)"
    prep_month = (r"(?:[Ii]m(?:\s+Monat)?|[Ss]eit(?:\s+dem)?|[Aa]b|[Bb]is(?:\s+zum|\s+in\s+den)?|[Vv]o[mn]|[Zz]um|"
                  r"[Ff]ür|[Zz]wischen|und|oder)")
    prep_rel = r"(?:[Ii]m|[Ii]n(?:\s+de[rm])?|[Aa]m|[Ss]eit(?:\s+de[mr])?|[Vv]o[mn]|[Bb]is(?:\s+zu[mr])?|[Aa]b|[Zz]u[mr]|[Ff]ür)"
    # optional year qualification after a month / season / day: 2019 | (des) vergangenen Jahres | des Vorjahres
    ysuf = (rf"(?:\s+(?P<yr>{year4})|\s+(?:des\s+)?(?P<ymod>{mod})\s+Jahres|"
            rf"\s+des\s+(?P<yprev>Vorjahres|Vorjahrs)|\s+(?P<ythis>des\s+Jahres)(?!\s+\d))?")

    c = lambda p: re.compile(p)  # noqa: E731
    return _Rx(
        num_full=c(rf"(?:(?P<prep>{prep_day})\s+)?(?:(?:(?P<wmod>{mod})\s+)?(?P<wd>{weekdays}),?\s+(?:(?:den|dem)\s+)?)?"
                   r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})(?!\d|\.\d|:\d)"),
        iso=c(r"(?<![\w-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
        num_dm=c(rf"(?:(?P<prep>{prep_day})\s+|(?P<wd>{weekdays}),?\s+(?:(?:den|dem)\s+)?)"
                 r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?!\d)"),
        dm=c(rf"(?:(?P<prep>{prep_day})\s+)?(?:(?:(?P<wmod>{mod})\s+)?(?P<wd>{weekdays})(?:(?P<open>\s*\(\s*)|,?\s+(?:(?:den|dem)\s+)?))?"
             rf"(?<![\d.])(?P<d>\d{{1,2}})\.\s*(?P<mon>{month_any})(?!\w){ysuf}(?P<close>\s*\))?"),
        range_=c(rf"(?:(?P<prep>{prep_day})\s+)?(?<![\d.])(?P<d1>\d{{1,2}})\."
                 r"(?P<sep>\s*(?:-|–|—|/)\s*|\s+(?P<bis>bis(?:\s+(?:zum|einschließlich))?|und|auf\s+den)\s+)"
                 rf"(?P<d2>\d{{1,2}})\.\s*(?P<mon>{month_any})(?!\w){ysuf}"),
        en=c(rf"(?:(?P<wd>{_alt(L['weekdays_en'])}),\s+)?(?<!\w)(?P<mon>{_alt(L['months_en'])})(?!\w)\s*"
             r"(?P<d>\d{1,2}),\s+(?P<y>\d{4})(?!\d)"),
        month=c(rf"(?:(?P<prep>{prep_month})\s+)?(?:(?P<part>{part})\s+)?(?:(?P<mmod>{mod})\s+)?"
                rf"(?<!\w)(?P<mon>{month_any})(?!\w){ysuf}"),
        year_jahr=c(r"(?:(?P<prep>[Ii]m|[Ss]eit(?:\s+dem)?|[Aa]b(?:\s+dem)?|[Bb]is(?:\s+zum)?|[Vv]om|[Aa]us\s+dem|"
                    r"[Ii]n\s+dem|[Dd]es|[Dd]as|[Dd]em)\s+)?(?<!\w)(?P<j>Jahre?s?)\s+(?P<y>\d{3,4})(?!\d|[.,]\d)"),
        part_year=c(rf"(?:(?P<prep>{prep_rel})\s+)?(?P<part>{part})\s+(?:(?:des\s+)?Jahres\s+)?(?P<y>{year4})"),
        year=c(rf"(?:(?P<prep>[Ss]eit|[Aa]b|[Bb]is|[Vv]on)\s+)?(?P<y>{year4})"),
        decade=c(rf"(?:(?P<prep>(?:[Ii]n|[Ss]eit|[Aa]b|[Bb]is\s+in|[Aa]us|[Vv]on)\s+den)\s+)?"
                 rf"(?:(?P<part>{part})\s+der\s+)?(?:(?P<adj>frühen|späten|ausgehenden)\s+)?"
                 rf"(?<!\w)(?:(?:(?P<num>\d{{2}}|\d{{4}})-?er(?:\s*-\s*|\s+)?|(?P<word>{decade_words}|{decade_caps})(?:\s*-\s*|\s+)?)"
                 r"(?:Jahren?|jahren?)|(?P<num4>\d{4})-?ern?)(?!\w)"),
        century=c(rf"(?:(?P<prep>[Ii]m|[Ii]ns?|[Ss]eit\s+dem|[Aa]us\s+dem|[Bb]is\s+ins)\s+)?"
                  rf"(?:(?P<part>{part})\s+des\s+)?(?:(?P<n>\d{{1,2}})\.|(?P<ord>{centuries})|(?P<mod>{mod}))"
                  r"\s+Jahrhunderts?(?!\w)"),
        weekday=c(rf"(?:(?P<prep>[Aa]m|[Ss]eit|[Bb]is|[Aa]b|[Vv]om|[Vv]on|[Ii]n\s+der\s+Nacht\s+(?:zum|zu|auf\s+den|auf))\s+)?"
                  rf"(?:(?P<mod>{mod})\s+)?(?<!\w)(?P<wd>{weekdays})(?P<pod>{pod_low})?"
                  rf"(?:\s+(?P<pod2>{pod_cap}|früh)(?!\w))?(?!\w)"),
        relday=c(rf"(?<!\w)(?P<w>{reldays})(?:\s+(?P<pod>{pod_cap}|früh|{pod_low}))?(?!\w)"),
        ago=c(rf"(?<!\w)[Vv]or\s+(?:(?:mehr\s+als|über|fast|knapp|rund|etwa|genau|gut|nahezu|nunmehr|nun)\s+)*"
              rf"(?P<n>\d{{1,4}}|{numwords})\s+(?P<u>Tagen|Tag|Wochen|Woche|Monaten|Monat|Jahrzehnten|Jahrzehnt|Jahren|Jahr)(?!\w)"),
        rel_unit=c(rf"(?:(?P<prep>{prep_rel})\s+(?:(?:das|den|die|der|dem)\s+)?)?(?:(?P<part>{part})\s+(?:des\s+|der\s+)?)?(?<!\w)(?P<mod>{mod})\s+"
                   rf"(?P<u>Woche|Monats?|Jahr(?:es|s)?)(?!\w)"),
        prev_unit=c(rf"(?:(?P<prep>{prep_rel})\s+)?(?:(?P<part>{part})\s+)?(?:des\s+)?(?<!\w)(?P<w>{_alt(L['previous_unit_words'])})(?!\w)"),
        this_year=c(rf"(?<!\w)(?P<w>{_ci_first(L['this_year_words'])})(?!\w)"),
        unit_end=c(rf"(?:(?P<prep>{prep_rel})\s+)?(?:(?P<mod>{mod})\s+)?(?<!\w)(?P<w>{_alt(L['unit_end_words'])})(?!\w)"),
        part_unit=c(rf"(?:(?P<prep>{prep_rel})\s+)?(?<!\w)(?P<part>{part})\s+(?:des|der|dieses|dieser)\s+"
                    rf"(?P<u>Jahres|Monats|Woche)(?:\s+(?P<y>{year4}))?(?!\w)"),
        season=c(rf"(?:(?P<prep>{prep_rel})\s+)?(?:(?P<part>{part})\s+(?:des\s+)?)?(?:(?P<mod>{mod})\s+)?"
                 rf"(?<!\w)(?P<s>{seasons})(?!\w){ysuf}"),
        header=c(r"\A[ \t\ufeff]*date[ \t]+(?P<v>\d{4}(?:-\d{2}(?:-\d{2})?)?)(?!\d)[ \t]*"),
        stand=c(rf"(?:Stand|[Vv]eröffentlicht(?:\s+am)?|[Aa]ktualisiert(?:\s+am)?|[Ee]rschienen(?:\s+am)?|Erstellt(?:\s+am)?)"
                rf":?\s*(?:(?:{weekdays}),?\s+)?(?:(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?P<y>\d{{4}})"
                rf"|(?P<d2>\d{{1,2}})\.\s*(?P<mon>{month_any})\s+(?P<y2>\d{{4}}))"),
        dateline=c(rf"(?m)^[ \t]*[A-ZÄÖÜ][\w./ -]{{1,40}}?,?\s+(?:(?:{weekdays}),?\s+)?"
                   rf"(?:(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?P<y>\d{{4}})|(?P<d2>\d{{1,2}})\.\s*(?P<mon>{month_any})\s+(?P<y2>\d{{4}}))"
                   r"\s*(?:[-–—(]|\(dpa|\(AFP|\(Reuters)"),
        word=c(r"[^\s,;:!?()\[\]\"„“”»«']+"),
        range_tail=c(rf"\s*(?:bis(?:\s+(?:zum|einschließlich))?|und|-|–|—)\s+(?:(?:{part})\s+)?(?:\d{{1,2}}\.\s*)?"
                     rf"(?P<mon>{month_any})(?!\w)\s+(?P<y>{year4})"),
        sent_break=c(r"(?<=[^\d\s.][.!?])[\s\"“”»«]+(?=[A-ZÄÖÜ\"„“»«])|\n"),
    )


# --------------------------------------------------------------------------- reference handling


@dataclass
class _Ctx:
    y: Optional[int] = None
    m: Optional[int] = None
    d: Optional[int] = None
    anchor: Optional[tuple[int, int]] = None  # narrative anchor (year, month) when ref_date is None
    last_month: Optional[tuple[Optional[int], int]] = None  # (year, month) of the last resolved month mention

    @property
    def day(self) -> Optional[_dt.date]:
        if self.y and self.m and self.d:
            try:
                return _dt.date(self.y, self.m, self.d)
            except ValueError:
                return None
        return None

    def base_month(self) -> Optional[tuple[int, int]]:
        if self.y and self.m:
            return self.y, self.m
        if self.y is None and self.anchor:
            return self.anchor
        return None


def _parse_ref(ref_date: Optional[str]) -> _Ctx:
    if not ref_date:
        return _Ctx()
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", ref_date)
    if not m:
        return _Ctx()
    y, mo, d = (int(g) if g else None for g in m.groups())
    if mo is not None and not 1 <= mo <= 12:
        mo, d = None, None
    return _Ctx(y, mo, d)


def _fmt_year(y: Optional[int]) -> str:
    return f"{y:04d}" if y is not None else "XXXX"


def _fmt_month(y: Optional[int], mo: int) -> str:
    return f"{_fmt_year(y)}-{mo:02d}"


def _fmt_day(y: Optional[int], mo: int, d: int) -> str:
    return f"{_fmt_year(y)}-{mo:02d}-{d:02d}"


def _week(day: _dt.date) -> str:
    iy, iw, _ = day.isocalendar()
    return f"{iy:04d}-W{iw:02d}"


def _mod_kind(mod: Optional[str]) -> Optional[str]:
    if not mod:
        return None
    low = mod.lower()
    for kind, stems in _lex()["modifiers"].items():
        if any(low.startswith(s) for s in stems):
            return kind
    return None


def _year_for_month(mon: int, ctx: _Ctx, kind: Optional[str] = None, tense: Optional[str] = None) -> Optional[int]:
    """Year of a year-less month mention (see module docstring)."""
    base = ctx.base_month()
    if base is None:
        return ctx.y  # a year-only reference still gives the year
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


def _suffix_year(m: re.Match, ctx: _Ctx) -> tuple[bool, Optional[int]]:
    """(has explicit or relative year qualifier, year) from the ``ysuf`` groups of a match."""
    if m.group("yr"):
        return True, int(m.group("yr"))
    if m.group("yprev"):
        return True, (ctx.y - 1 if ctx.y else None)
    if m.group("ythis"):
        return True, ctx.y
    if m.group("ymod"):
        kind = _mod_kind(m.group("ymod"))
        if ctx.y is None:
            return True, None
        return True, ctx.y + {"past": -1, "next": 1}.get(kind or "this", 0)
    return False, None


def _valid_day(y: Optional[int], mo: int, d: int) -> bool:
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return False
    try:
        _dt.date(y if y else 2000, mo, d)  # 2000 is a leap year: 29.2. stays valid without a year
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- context checks

_SENT_END = set(".!?:;\n")
_DETERMINERS = {"die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "seine", "ihre",
                "seiner", "ihrer", "seinem", "ihrem", "jede", "jeder", "jedem", "jeden", "diese"}


def _prev_words(text: str, i: int, n: int = 2) -> list[str]:
    chunk = text[max(0, i - 60):i]
    return _rx().word.findall(chunk)[-n:]


def _next_words(text: str, i: int, n: int = 2) -> list[str]:
    chunk = text[i:i + 60]
    return _rx().word.findall(chunk)[:n]


def _at_sentence_start(text: str, i: int, floor: int = 0) -> bool:
    j = i - 1
    while j >= floor and (text[j].isspace() or text[j] in "\"'„“”»«‚‘’-–—(*"):
        if text[j] == "\n":
            return True
        j -= 1
    return j < floor or text[j] in _SENT_END


@lru_cache(maxsize=1)
def _year_sets() -> tuple[frozenset, frozenset, frozenset]:
    L = _lex()
    after = frozenset(L["year_blockers_after"])
    before = frozenset(w.lower() for w in L["year_blockers_before"])
    qadj = frozenset(L["year_quantity_adjectives"])
    return after, before, qadj


def _is_year_context(text: str, s: int, e: int, has_prep: bool) -> bool:
    """Is the 4-digit number text[s:e] read as a year (not a count, a code, a part of a number)?"""
    after, before, qadj = _year_sets()
    suffixes = tuple(_lex()["year_blockers_before_suffixes"])
    n = int(text[s:e])
    if s >= 2 and text[s - 1] == "-" and text[s - 2].isalpha():  # Hwasong-2000, Covid-2019
        return False
    if s >= 1 and text[s - 1] in "€$£":
        return False
    nxt_raw = text[e:e + 3].lstrip()
    if nxt_raw[:1] in ("%", "€", "$", "°", "£") or text[e:e + 2] in (",-", ",–"):
        return False
    prev = _prev_words(text, s, 2)
    if prev:
        p1 = prev[-1].lower()
        p2 = " ".join(prev).lower()
        if p1 in before or p2 in before or p1.isdigit() or p1.endswith(suffixes):
            return False
    nxt = _next_words(text, e, 5)
    if nxt and len(nxt) > 1 and nxt[0] in ("bis", "und", "oder", "-", "–", "auf"):
        # a range of counts: "von derzeit 2000 auf rund 15.000 Soldaten", "2000 bis 2500 Soldaten",
        # "von 1800 auf 2000 Euro" (but "bis 2010 auf 121 Prozent" is a year)
        for k, w in enumerate(nxt[1:4], start=1):
            if re.fullmatch(r"\d{1,3}(?:\.\d{3})+|\d+", w):
                v = int(w.replace(".", ""))
                yearlike = 1000 <= v <= 2100
                unit = k + 1 < len(nxt) and (nxt[k + 1] in after or nxt[k + 1].rstrip(".") in after)
                if nxt[0] == "auf" and has_prep:
                    if yearlike and unit:
                        return False
                elif not yearlike or unit:
                    return False
                break
    if nxt:
        w1 = nxt[0]
        w1s = w1.rstrip(".")
        if w1 in after or w1s in after or w1.isdigit():
            return False
        if w1 in qadj and len(nxt) > 1 and nxt[1][:1].isupper():
            return False
        follows_cap = text[e:e + 1] == " " and w1[:1].isupper() and not _SENT_END.intersection(text[e:e + 2])
        if not has_prep and follows_cap and (n % 100 == 0 or n < 1800 or n > 2050):
            return False
    if not has_prep and n > 2050:
        return False
    return True


# --------------------------------------------------------------------------- candidates


@dataclass
class _Cand:
    start: int
    end: int
    resolve: Callable[[_Ctx], tuple[str, Optional[tuple[int, int]]]]  # -> (value, new narrative anchor)


def _const(value: str, anchor: Optional[tuple[int, int]] = None):
    return lambda ctx: (value, anchor)


def _day_resolver(d: int, mo: int, explicit_year: Optional[int], has_year: bool, ysuf_of=None,
                  tense: Optional[str] = None):
    def res(ctx: _Ctx):
        if has_year:
            y = explicit_year
            if ysuf_of is not None:
                _, y = _suffix_year(ysuf_of, ctx)
        else:
            y = _year_for_month(mo, ctx, None, tense)
        anchor = (y, mo) if (has_year and explicit_year is not None) else None
        return _fmt_day(y, mo, d), anchor
    return res


def _two_digit_year(y: str) -> int:
    v = int(y)
    if len(y) == 4:
        return v
    return 2000 + v if v < 50 else 1900 + v


class _Scan:
    """One article's text between ``lo`` and ``hi`` as the date rules read it: the compiled patterns (``R``), the
    word lists (``L``), and the tense of a sentence (sentence breaks found once, on first use)."""

    def __init__(self, text: str, lo: int, hi: int):
        self.text, self.lo, self.hi = text, lo, hi
        self.R, self.L = _rx(), _lex()
        self.future_cues, self.past_cues = frozenset(self.L["future_cues"]), frozenset(self.L["past_cues"])
        self.breaks: list[int] = []

    def it(self, rx: re.Pattern) -> Iterator[re.Match]:
        for m in rx.finditer(self.text, self.lo, self.hi):
            if m.end() > m.start():
                yield m

    def tense(self, s: int, e: int) -> Optional[str]:
        """'future' / 'past' from auxiliary cues in the sentence around text[s:e], else None."""
        text, breaks = self.text, self.breaks
        if not breaks:
            breaks.extend(b.end() for b in self.R.sent_break.finditer(text))
            breaks.append(len(text))
        k = bisect.bisect_right(breaks, s)
        a = breaks[k - 1] if k > 0 else 0
        b = breaks[k] if k < len(breaks) else len(text)
        while k + 1 < len(breaks) and b < e:
            k += 1
            b = breaks[k]
        words = {w.lower() for w in self.R.word.findall(text[a:s] + " " + text[e:b])}
        fut, past = bool(words & self.future_cues), bool(words & self.past_cues)
        if fut and not past:
            return "future"
        if past and not fut:
            return "past"
        return None

    def tail_year(self, e: int, mo: int) -> Optional[int]:
        """Year of a following range end: 'von Januar bis September 2010' -> 2010 for Januar."""
        t = self.R.range_tail.match(self.text, e)
        if not t:
            return None
        y, mo2 = int(t["y"]), self.L["months"][t["mon"]]
        return y if mo <= mo2 else y - 1


def _full_dates(scan: _Scan) -> Iterator[_Cand]:
    """Numeric full dates: 13.09.2023, 13.9.23, am Montag, 11.09.2023."""
    R, it = scan.R, scan.it
    for m in it(R.num_full):
        d, mo, y = int(m["d"]), int(m["m"]), _two_digit_year(m["y"])
        if len(m["y"]) == 2 and not (m["prep"] or m["wd"]) and len(m["d"]) == 1 and len(m["m"]) == 1:
            continue  # "3.6.28" is rather a version number than a date
        if _valid_day(y, mo, d) and 1000 <= y <= 2100:
            yield _Cand(m.start(), m.end(), _const(_fmt_day(y, mo, d), (y, mo)))
    for m in it(R.iso):
        d, mo, y = int(m["d"]), int(m["m"]), int(m["y"])
        if _valid_day(y, mo, d):
            yield _Cand(m.start(), m.end(), _const(_fmt_day(y, mo, d), (y, mo)))


def _numeric_day_month(scan: _Scan) -> Iterator[_Cand]:
    """Numeric day.month. without year, only with a preposition or a weekday: am 13.09."""
    R, it, tense = scan.R, scan.it, scan.tense
    for m in it(R.num_dm):
        d, mo = int(m["d"]), int(m["m"])
        if _valid_day(None, mo, d):
            yield _Cand(m.start(), m.end(), _day_resolver(d, mo, None, False, tense=tense(m.start(), m.end())))


def _day_month_names(scan: _Scan) -> Iterator[_Cand]:
    """Day + month name (+ year): am 15. August 2023, Montag (11. September), Montag, den 11. September."""
    R, it, tense, tail_year, months = scan.R, scan.it, scan.tense, scan.tail_year, scan.L["months"]
    for m in it(R.dm):
        d, mo = int(m["d"]), months[m["mon"]]
        start, end = m.start(), m.end()
        if m["open"] and not m["close"]:
            start = m.start("d")
        elif m["close"] and not m["open"]:
            end = m.start("close")
        has_y, _ = _suffix_year(m, _Ctx())
        ey = int(m["yr"]) if m["yr"] else None
        if not has_y:
            ey = tail_year(m.end(), mo)
            has_y = ey is not None
        if not _valid_day(ey, mo, d):
            continue
        yield _Cand(start, end, _day_resolver(d, mo, ey, has_y, m if (has_y and ey is None) else None,
                                              tense(start, end)))


def _day_ranges(scan: _Scan) -> Iterator[_Cand]:
    """Ranges with a shared month: vom 10. bis zum 13. September -> two mentions."""
    R, it, tense, months = scan.R, scan.it, scan.tense, scan.L["months"]
    for m in it(R.range_):
        d1, d2, mo = int(m["d1"]), int(m["d2"]), months[m["mon"]]
        has_y, _ = _suffix_year(m, _Ctx())
        ey = int(m["yr"]) if m["yr"] else None
        if not (_valid_day(ey, mo, d1) and _valid_day(ey, mo, d2)) or d1 >= d2:
            continue
        ys = m if (has_y and not m["yr"]) else None
        tn = tense(m.start(), m.end())
        yield _Cand(m.start(), m.start("sep"), _day_resolver(d1, mo, ey, has_y, ys, tn))
        s2 = m.start("bis") if m["bis"] and m["bis"].startswith("bis") else m.start("d2")
        yield _Cand(s2, m.end(), _day_resolver(d2, mo, ey, has_y, ys, tn))


def _english_dates(scan: _Scan) -> Iterator[_Cand]:
    """English agency captions: Monday, Sept. 11, 2023."""
    R, it, months_en = scan.R, scan.it, scan.L["months_en"]
    for m in it(R.en):
        d, mo, y = int(m["d"]), months_en[m["mon"]], int(m["y"])
        if _valid_day(y, mo, d):
            yield _Cand(m.start(), m.end(), _const(_fmt_day(y, mo, d), (y, mo)))


def _months(scan: _Scan) -> Iterator[_Cand]:
    """Month (+ year): im April 2019, im Juli, Ende Juli, Mitte September, im vergangenen Juli."""
    text, R, it, tense, tail_year, months = scan.text, scan.R, scan.it, scan.tense, scan.tail_year, scan.L["months"]
    for m in it(R.month):
        mon = m["mon"]
        mo = months[mon]
        has_y, _ = _suffix_year(m, _Ctx())
        if not (m["prep"] or m["part"] or m["mmod"] or has_y):
            continue
        if mon.endswith(".") and not m["yr"]:
            continue
        start = m.start()
        if m["prep"] and m["prep"] in ("und", "oder"):
            prev = _prev_words(text, m.start(), 1)
            if not (prev and (prev[-1] in months or prev[-1].isdigit())):
                continue
            start = m.start("part") if m["part"] else (m.start("mmod") if m["mmod"] else m.start("mon"))
        kind = _mod_kind(m["mmod"])
        y = int(m["yr"]) if m["yr"] else (None if has_y else tail_year(m.end(), mo))
        if y is not None:
            yield _Cand(start, m.end(), _const(_fmt_month(y, mo), (y, mo) if m["yr"] else None))
            continue
        tn = None if kind else tense(m.start(), m.end())
        coordinated = bool(m["prep"]) and m["prep"] in ("und", "oder")

        def res(ctx, mo=mo, m=m, has_y=has_y, kind=kind, tn=tn, coordinated=coordinated):
            if coordinated and ctx.last_month and ctx.last_month[0] is not None:
                ly, lm = ctx.last_month  # "im April und Juni": Juni follows April's year
                y = ly if mo >= lm else ly + 1
            else:
                y = _suffix_year(m, ctx)[1] if has_y else _year_for_month(mo, ctx, kind, tn)
            return _fmt_month(y, mo), None
        yield _Cand(start, m.end(), res)


def _years(scan: _Scan) -> Iterator[_Cand]:
    """Years: im Jahr 2000, Anfang 2024, seit 2017, 1961."""
    text, R, it = scan.text, scan.R, scan.it
    for m in it(R.year_jahr):
        y = int(m["y"])
        if y < 100 or y > 2100:
            continue
        yield _Cand(m.start(), m.end(), _const(_fmt_year(y)))
    for m in it(R.part_year):
        yield _Cand(m.start(), m.end(), _const(_fmt_year(int(m["y"]))))
    for m in it(R.year):
        prev = _prev_words(text, m.start("y"), 1)
        has_prep = bool(m["prep"]) or (bool(prev) and prev[-1].lower() in ("im", "in", "um", "nach", "vor", "seit", "ab", "bis", "von", "zwischen", "und", "jahr", "jahre", "jahres"))
        if _is_year_context(text, m.start("y"), m.end("y"), has_prep):
            yield _Cand(m.start(), m.end(), _const(m["y"]))


def _decades(scan: _Scan) -> Iterator[_Cand]:
    """Decades: in den 80er Jahren, Mitte der 1990er-Jahre, der achtziger Jahre."""
    R, L, it = scan.R, scan.L, scan.it
    for m in it(R.decade):
        if m["num"] or m["num4"]:
            num = m["num"] or m["num4"]
            if len(num) == 4:
                if not (1000 <= int(num) <= 2090) or int(num) % 10:
                    continue
                val = num[:3]
            else:
                if int(num) % 10:
                    continue
                val = ("20" if num in ("00", "10") else "19") + num[0]
        else:
            val = "19" + str(L["decade_words"][m["word"].lower()])
        yield _Cand(m.start(), m.end(), _const(val))


def _centuries(scan: _Scan) -> Iterator[_Cand]:
    """Centuries: im 19. Jahrhundert, im letzten Jahrhundert."""
    R, L, it = scan.R, scan.L, scan.it
    for m in it(R.century):
        if m["n"] or m["ord"]:
            n = int(m["n"]) if m["n"] else L["century_ordinals"][m["ord"]]
            if not 1 <= n <= 21:
                continue
            yield _Cand(m.start(), m.end(), _const(f"{n - 1:02d}"))
        else:
            kind = _mod_kind(m["mod"])

            def res(ctx, kind=kind):
                cur = (ctx.y // 100) if ctx.y else 20  # undated texts: assume written in the 21st century
                return f"{cur + {'past': -1, 'next': 1}.get(kind or 'this', 0):02d}", None
            yield _Cand(m.start(), m.end(), res)


def _weekdays(scan: _Scan) -> Iterator[_Cand]:
    """Weekdays: am Mittwoch, Montagabend, am vergangenen Freitag, in der Nacht zum Dienstag."""
    text, R, L, it = scan.text, scan.R, scan.L, scan.it
    habitual = {"jeden", "jedem", "immer", "montags"}
    for m in it(R.weekday):
        prev = _prev_words(text, m.start(), 1)
        if prev and prev[-1].lower() in habitual:
            continue
        if not (m["prep"] or m["mod"] or m["pod"] or m["pod2"]):
            # bare weekday: not a surname (Jan Freitag), not a noun compound head
            if prev and prev[-1][:1].isupper() and not _at_sentence_start(text, m.start()):
                continue
        wd = L["weekdays"][m["wd"]]
        kind = _mod_kind(m["mod"])
        night = bool(m["prep"]) and "Nacht" in m["prep"]

        def res(ctx, wd=wd, kind=kind, night=night):
            day = ctx.day
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
        yield _Cand(m.start(), m.end(), res)


def _relative_days(scan: _Scan) -> Iterator[_Cand]:
    """Relative days: heute, gestern, vorgestern, morgen, übermorgen (+ Abend/früh)."""
    text, R, L, it = scan.text, scan.R, scan.L, scan.it
    rel = L["relative_days"]
    blk_before = set(L["relative_day_blockers_before"])
    blk_after = set(L["relative_day_blockers_after"])
    for m in it(R.relday):
        w = m["w"]
        if w[0].isupper() and not _at_sentence_start(text, m.start(), 0):
            continue
        if w.lower() == "morgen" and w[0].isupper():
            continue  # "Morgen" is the noun (am Morgen); the adverb capitalized is too ambiguous
        prev = _prev_words(text, m.start(), 1)
        if prev and prev[-1].lower() in blk_before:
            continue
        if w.lower() == "morgen" and prev and prev[-1].lower() in _DETERMINERS | {"der", "am", "vom", "zum", "beim", "guten"}:
            continue
        nxt = _next_words(text, m.end("w"), 1)
        if nxt and nxt[0].lower() in blk_after:
            continue
        off = rel[w.lower()]
        end = m.end()

        def res(ctx, off=off):
            day = ctx.day
            if day is None:
                return "XXXX-XX-XX", None
            return (day + _dt.timedelta(days=off)).isoformat(), None
        yield _Cand(m.start(), end, res)


def _ago(scan: _Scan) -> Iterator[_Cand]:
    """Vor N Tagen/Wochen/Monaten/Jahren."""
    R, L, it = scan.R, scan.L, scan.it
    numwords = L["number_words"]
    for m in it(R.ago):
        n = int(m["n"]) if m["n"].isdigit() else numwords[m["n"].lower()]
        unit = m["u"]
        if n <= 0:
            continue

        def res(ctx, n=n, unit=unit):
            if unit.startswith("Jahrzehnt"):
                return (str(ctx.y - 10 * n)[:3] if ctx.y else "XXX"), None
            if unit.startswith("Jahr"):
                return _fmt_year(ctx.y - n if ctx.y else None), None
            if unit.startswith("Monat"):
                if not (ctx.y and ctx.m):
                    return "XXXX-XX", None
                k = ctx.y * 12 + ctx.m - 1 - n
                return _fmt_month(k // 12, k % 12 + 1), None
            day = ctx.day
            if day is None:
                return "XXXX-XX-XX", None
            if unit.startswith("Woche"):
                return _week(day - _dt.timedelta(weeks=n)), None
            return (day - _dt.timedelta(days=n)).isoformat(), None
        yield _Cand(m.start(), m.end(), res)


def _relative_units(scan: _Scan) -> Iterator[_Cand]:
    """Modifier + unit: vergangene Woche, im vergangenen Jahr, nächsten Monat, Ende vergangenen Jahres."""
    text, R, L, it = scan.text, scan.R, scan.L, scan.it
    for m in it(R.rel_unit):
        if not m["prep"] and not m["part"] and _mod_kind(m["mod"]) in ("past", "next"):
            prev = _prev_words(text, m.start(), 1)
            if prev and prev[-1] in _DETERMINERS:  # "die letzte Woche vor der Wahl" (genitive "der" is fine)
                continue
        yield _Cand(m.start(), m.end(), _unit_resolver(m["u"], _mod_kind(m["mod"])))
    for m in it(R.prev_unit):
        unit = L["previous_unit_words"][m["w"]]
        yield _Cand(m.start(), m.end(), _unit_resolver(unit, "past"))
    for m in it(R.this_year):
        yield _Cand(m.start(), m.end(), _unit_resolver("Jahr", "this"))
    for m in it(R.unit_end):
        unit, _part = L["unit_end_words"][m["w"]]
        kind = _mod_kind(m["mod"]) or "this"
        if unit == "weekend":
            if not (m["prep"] or m["mod"]):
                continue
            yield _Cand(m.start(), m.end(), _weekend_resolver(kind if m["mod"] else None))
        else:
            yield _Cand(m.start(), m.end(), _unit_resolver(unit, kind))
    for m in it(R.part_unit):
        if m["y"]:
            yield _Cand(m.start(), m.end(), _const(m["y"]))
        else:
            yield _Cand(m.start(), m.end(), _unit_resolver(m["u"], "this"))


def _seasons(scan: _Scan) -> Iterator[_Cand]:
    """Seasons: seit vergangenem Sommer, diesen Sommer, im Herbst 2022."""
    R, L, it = scan.R, scan.L, scan.it
    seasons = L["seasons"]
    for m in it(R.season):
        has_y, _ = _suffix_year(m, _Ctx())
        if not (m["prep"] or m["mod"] or m["part"] or has_y):
            continue
        if not m["mod"] and not has_y and not m["part"]:
            if m["prep"] and m["prep"].lower().startswith(("von", "vom", "für")):
                continue
        code = seasons[m["s"]]
        kind = _mod_kind(m["mod"])

        def res(ctx, code=code, kind=kind, m=m, has_y=has_y):
            if has_y:
                return f"{_fmt_year(_suffix_year(m, ctx)[1])}-{code}", None
            return _season_value(code, kind, ctx), None
        yield _Cand(m.start(), m.end(), res)


# The date rules in the order they are tried; each finds the candidates of one kind of expression (overlaps are
# settled afterwards, longest first).
_RULES = (_full_dates, _numeric_day_month, _day_month_names, _day_ranges, _english_dates, _months, _years, _decades, _centuries, _weekdays, _relative_days, _ago, _relative_units, _seasons)


def _rules(text: str, lo: int, hi: int) -> list[_Cand]:
    scan = _Scan(text, lo, hi)
    return [cand for rule in _RULES for cand in rule(scan)]


_YM = re.compile(r"(\d{4})-(\d{2})(?:-\d{2})?$")
_SEASON_IDX = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
_SEASON_OF_MONTH = {3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2, 12: 3, 1: 3, 2: 3}


def _season_value(code: str, kind: Optional[str], ctx: _Ctx) -> str:
    if not ctx.y:
        return f"XXXX-{code}"
    if not ctx.m:
        if kind in (None, "this"):
            return f"{ctx.y:04d}-{code}"
        return f"{ctx.y + (1 if kind == 'next' else -1):04d}-{code}"
    cur_year = ctx.y - 1 if ctx.m <= 2 else ctx.y  # winter is labelled with its starting year
    cur = cur_year * 4 + _SEASON_OF_MONTH[ctx.m]
    want = _SEASON_IDX[code]
    same_cycle = cur_year * 4 + want
    if kind == "past":
        k = same_cycle if same_cycle < cur else same_cycle - 4
    elif kind == "next":
        k = same_cycle if same_cycle > cur else same_cycle + 4
    else:
        k = ctx.y * 4 + want if code != "WI" else same_cycle
    return f"{k // 4:04d}-{code}"


def _unit_resolver(unit: str, kind: Optional[str]):
    off = {"past": -1, "next": 1}.get(kind or "this", 0)
    u = unit.lower()

    def res(ctx: _Ctx):
        if u.startswith("jahr") or u == "year":
            return _fmt_year(ctx.y + off if ctx.y else None), None
        if u.startswith("monat") or u == "month":
            if not (ctx.y and ctx.m):
                return "XXXX-XX", None
            k = ctx.y * 12 + ctx.m - 1 + off
            return _fmt_month(k // 12, k % 12 + 1), None
        day = ctx.day  # week
        if day is None:
            return "XXXX-XX-XX", None
        return _week(day + _dt.timedelta(weeks=off)), None
    return res


def _weekend_resolver(kind: Optional[str]):
    def res(ctx: _Ctx):
        day = ctx.day
        if day is None:
            return "XXXX-XX-XX", None
        if kind == "past":
            ref = day - _dt.timedelta(days=day.weekday() + 1)  # Sunday of the previous week
            if day.weekday() == 6:
                ref = day - _dt.timedelta(days=7)
        elif kind == "next":
            ref = day + _dt.timedelta(days=7 if day.weekday() >= 5 else 0)
        elif kind == "this":
            ref = day
        else:  # plain "am Wochenende": Mon/Tue look back, later days look ahead
            ref = day - _dt.timedelta(days=3) if day.weekday() <= 1 else day
        return _week(ref) + "-WE", None
    return res


# --------------------------------------------------------------------------- public API


def header_end(text: str) -> int:
    """Offset where the body starts after a leading `` date YYYY-MM[-DD]`` header token (0 if none)."""
    m = _rx().header.match(text)
    return m.end() if m else 0


def find_article_date(text: str) -> Optional[str]:
    """The article's date from its header, a ``Stand:`` line or a dateline near the start (ISO), or None."""
    R = _rx()
    months = _lex()["months"]
    head = R.header.match(text)
    header_val = head["v"] if head else None
    body = header_end(text)
    window = text[body:body + 2500]

    def full(m: re.Match) -> Optional[str]:
        if m["d"]:
            d, mo, y = int(m["d"]), int(m["m"]), int(m["y"])
        else:
            d, mo, y = int(m["d2"]), months[m["mon"]], int(m["y2"])
        return _fmt_day(y, mo, d) if _valid_day(y, mo, d) and 1900 <= y <= 2100 else None

    day_val = None
    m = R.stand.search(window)
    if m:
        day_val = full(m)
    if day_val is None:
        m = R.dateline.search(window[:800])
        if m:
            day_val = full(m)
    if header_val and day_val:
        return day_val if day_val[:4] == header_val[:4] else header_val
    return day_val or header_val


def find_dates(text: str, ref_date: Optional[str] = None, start: int = 0, end: Optional[int] = None) -> list[DateMention]:
    """Temporal expressions in ``text[start:end]`` with ISO values resolved against ``ref_date``."""
    if not text:
        return []
    lo = max(start, header_end(text), 0)
    hi = len(text) if end is None else min(end, len(text))
    if lo >= hi:
        return []
    cands = _rules(text, lo, hi)
    # longest match wins; ties: earlier start
    cands.sort(key=lambda c: (-(c.end - c.start), c.start))
    chosen: list[_Cand] = []
    for c in cands:
        if c.start < lo or c.end > hi or c.end <= c.start:
            continue
        if any(c.start < o.end and o.start < c.end for o in chosen):
            continue
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    ctx = _parse_ref(ref_date)
    narrative = ctx.y is None
    out: list[DateMention] = []
    for c in chosen:
        value, anchor = c.resolve(ctx)
        if narrative and anchor and anchor[0] is not None:
            ctx.anchor = anchor
        ym = _YM.match(value)
        if ym:
            ctx.last_month = (int(ym[1]), int(ym[2]))
        s, e = c.start, c.end
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append(DateMention(s, e, text[s:e], value))
    return out
