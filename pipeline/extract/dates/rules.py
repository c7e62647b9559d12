"""The date rules: a table of (pattern, handler) pairs. Each handler looks at one match of its pattern, drops it
when its context says it is no date, and turns it into candidates: a span and a resolver of its value.

Conventions of the spans (following shared/eval/GUIDELINES.md):

* Spans include a governing preposition or particle that belongs to the expression, as the gold does: ``am 15.
  August``, ``im April 2019``, ``im Jahr 2000``, ``seit 2017``, ``vom 10.``, ``bis zum 13. September``, ``in den
  80er Jahren``, ``vor 75 Jahren``, ``Seit vergangenem Sommer``; ``am Montag (11. September)`` and ``Montag, den 11.
  September`` are one mention. Other prepositions (``nach``, ``um``, ``gegen``) stay outside.
* "heute" is skipped in the vague uses "bis heute", "noch heute", "heute noch", "von heute"; "morgen" only
  lowercase (the temporal adverb), never "am Morgen" (a part of day).
* Numeric dates with a two-digit year need a preposition/weekday or a two-digit day or month ("13.9.23" yes,
  "Kernel 2.6.32" no); "13.09." without year needs a preposition or weekday ("am 13.09.").
* Not dates: times of day (13:55 Uhr; "13.09.2023, 13:55 Uhr" keeps the date), durations and vague spans (seit
  Jahren, seit 24 Jahren, in den kommenden Tagen, in den vergangenen Monaten, bald, derzeit). English caption dates
  of the agency form "Monday, Sept. 11, 2023" are recognized.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .context import DETERMINERS, Scan, at_sentence_start, is_year_context, next_words, prev_words
from .values import (Resolver, ago_resolver, century_resolver, const, day_resolver, fmt_day, fmt_month, fmt_year,
                     has_year_suffix, modifier_kind, month_resolver, relative_day_resolver, season_resolver,
                     two_digit_year, unit_resolver, valid_day, weekday_resolver, weekend_resolver)

# words before a bare year that make it one ("um 1900", "Jahr 1961")
_YEAR_PREPOSITIONS = frozenset({"im", "in", "um", "nach", "vor", "seit", "ab", "bis", "von", "zwischen", "und",
                                "jahr", "jahre", "jahres"})
_HABITUAL = frozenset({"jeden", "jedem", "immer", "montags"})  # "jeden Montag" is no date
_NOT_TOMORROW = DETERMINERS | {"der", "am", "vom", "zum", "beim", "guten"}  # "der Morgen", "guten Morgen"


@dataclass
class Candidate:
    """A possible mention ``text[start:end]`` and how to get its value."""

    start: int
    end: int
    resolve: Resolver


Handler = Callable[[Scan, re.Match], Iterator[Candidate]]


# -------------------------------------------------------------------------------------------- dates with a day


def _numeric_full_date(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """13.09.2023, 13.9.23, am Montag, 11.09.2023 ("3.6.28" without preposition or weekday is a version number)."""
    d, mo, y = int(m["d"]), int(m["m"]), two_digit_year(m["y"])
    if len(m["y"]) == 2 and not (m["prep"] or m["wd"]) and len(m["d"]) == 1 and len(m["m"]) == 1:
        return
    if valid_day(y, mo, d) and 1000 <= y <= 2100:
        yield Candidate(m.start(), m.end(), const(fmt_day(y, mo, d), (y, mo)))


def _iso_date(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """2023-09-11."""
    d, mo, y = int(m["d"]), int(m["m"]), int(m["y"])
    if valid_day(y, mo, d):
        yield Candidate(m.start(), m.end(), const(fmt_day(y, mo, d), (y, mo)))


def _numeric_day_month(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """Numeric day.month. without year, only with a preposition or a weekday: am 13.09."""
    d, mo = int(m["d"]), int(m["m"])
    if valid_day(None, mo, d):
        yield Candidate(m.start(), m.end(), day_resolver(d, mo, None, False, tense=scan.tense(m.start(), m.end())))


def _day_month_name(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """Day + month name (+ year): am 15. August 2023, Montag (11. September), Montag, den 11. September."""
    d, mo = int(m["d"]), scan.words["months"][m["mon"]]
    start, end = m.start(), m.end()
    if m["open"] and not m["close"]:
        start = m.start("d")
    elif m["close"] and not m["open"]:
        end = m.start("close")
    has_y = has_year_suffix(m)
    ey = int(m["yr"]) if m["yr"] else None
    if not has_y:
        ey = scan.tail_year(m.end(), mo)
        has_y = ey is not None
    if valid_day(ey, mo, d):
        suffix = m if (has_y and ey is None) else None
        yield Candidate(start, end, day_resolver(d, mo, ey, has_y, suffix, scan.tense(start, end)))


def _day_range(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """Ranges with a shared month: vom 10. bis zum 13. September -> two mentions."""
    d1, d2, mo = int(m["d1"]), int(m["d2"]), scan.words["months"][m["mon"]]
    has_y = has_year_suffix(m)
    ey = int(m["yr"]) if m["yr"] else None
    if not (valid_day(ey, mo, d1) and valid_day(ey, mo, d2)) or d1 >= d2:
        return
    suffix = m if (has_y and not m["yr"]) else None
    tense = scan.tense(m.start(), m.end())
    yield Candidate(m.start(), m.start("sep"), day_resolver(d1, mo, ey, has_y, suffix, tense))
    s2 = m.start("bis") if m["bis"] and m["bis"].startswith("bis") else m.start("d2")
    yield Candidate(s2, m.end(), day_resolver(d2, mo, ey, has_y, suffix, tense))


def _english_date(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """English agency captions: Monday, Sept. 11, 2023."""
    d, mo, y = int(m["d"]), scan.words["months_en"][m["mon"]], int(m["y"])
    if valid_day(y, mo, d):
        yield Candidate(m.start(), m.end(), const(fmt_day(y, mo, d), (y, mo)))


# ---------------------------------------------------------------------------------- months, years, longer spans


def _month(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """Month (+ year): im April 2019, im Juli, Ende Juli, Mitte September, im vergangenen Juli; a bare month name
    is no date, an abbreviation only with a year, "und/oder Juni" only after a month or day."""
    months = scan.words["months"]
    mon = m["mon"]
    mo = months[mon]
    has_y = has_year_suffix(m)
    if not (m["prep"] or m["part"] or m["mmod"] or has_y) or (mon.endswith(".") and not m["yr"]):
        return
    start = m.start()
    coordinated = m["prep"] in ("und", "oder")
    if coordinated:
        prev = prev_words(scan.text, m.start(), 1)
        if not (prev and (prev[-1] in months or prev[-1].isdigit())):
            return
        start = m.start("part") if m["part"] else (m.start("mmod") if m["mmod"] else m.start("mon"))
    y = int(m["yr"]) if m["yr"] else (None if has_y else scan.tail_year(m.end(), mo))
    if y is not None:
        yield Candidate(start, m.end(), const(fmt_month(y, mo), (y, mo) if m["yr"] else None))
        return
    kind = modifier_kind(m["mmod"])
    tense = None if kind else scan.tense(m.start(), m.end())
    yield Candidate(start, m.end(), month_resolver(mo, m if has_y else None, kind, tense, coordinated))


def _year_with_jahr(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """im Jahr 2000 (any year from 100 to 2100)."""
    y = int(m["y"])
    if 100 <= y <= 2100:
        yield Candidate(m.start(), m.end(), const(fmt_year(y)))


def _part_of_year(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """Anfang 2024, Ende des Jahres 2019."""
    yield Candidate(m.start(), m.end(), const(fmt_year(int(m["y"]))))


def _year(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """A bare year: seit 2017, 1961 (when its context reads it as a year)."""
    prev = prev_words(scan.text, m.start("y"), 1)
    has_prep = bool(m["prep"]) or (bool(prev) and prev[-1].lower() in _YEAR_PREPOSITIONS)
    if is_year_context(scan.text, m.start("y"), m.end("y"), has_prep):
        yield Candidate(m.start(), m.end(), const(m["y"]))


def _decade(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """Decades: in den 80er Jahren, Mitte der 1990er-Jahre, der achtziger Jahre."""
    num = m["num"] or m["num4"]
    if not num:
        val = "19" + str(scan.words["decade_words"][m["word"].lower()])
    elif len(num) == 4:
        if not (1000 <= int(num) <= 2090) or int(num) % 10:
            return
        val = num[:3]
    else:
        if int(num) % 10:
            return
        val = ("20" if num in ("00", "10") else "19") + num[0]
    yield Candidate(m.start(), m.end(), const(val))


def _century(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """Centuries: im 19. Jahrhundert, im letzten Jahrhundert."""
    if not (m["n"] or m["ord"]):
        yield Candidate(m.start(), m.end(), century_resolver(modifier_kind(m["mod"])))
        return
    n = int(m["n"]) if m["n"] else scan.words["century_ordinals"][m["ord"]]
    if 1 <= n <= 21:
        yield Candidate(m.start(), m.end(), const(f"{n - 1:02d}"))


# -------------------------------------------------------------------------------------- relative to the article


def _weekday(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """Weekdays: am Mittwoch, Montagabend, am vergangenen Freitag, in der Nacht zum Dienstag; not "jeden Montag",
    and a bare weekday after a capitalized word is a surname (Jan Freitag) or a compound head."""
    text = scan.text
    prev = prev_words(text, m.start(), 1)
    if prev and prev[-1].lower() in _HABITUAL:
        return
    bare = not (m["prep"] or m["mod"] or m["pod"] or m["pod2"])
    if bare and prev and prev[-1][:1].isupper() and not at_sentence_start(text, m.start()):
        return
    night = bool(m["prep"]) and "Nacht" in m["prep"]
    resolver = weekday_resolver(scan.words["weekdays"][m["wd"]], modifier_kind(m["mod"]), night)
    yield Candidate(m.start(), m.end(), resolver)


def _relative_day(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """Relative days: heute, gestern, vorgestern, morgen, übermorgen (+ Abend/früh); capitalized only at a sentence
    start, never "Morgen", not in the vague uses the blocker lists name ("bis heute")."""
    text, words, w = scan.text, scan.words, m["w"]
    if w[0].isupper() and (not at_sentence_start(text, m.start(), 0) or w.lower() == "morgen"):
        return
    prev = prev_words(text, m.start(), 1)
    if prev and prev[-1].lower() in words["relative_day_blockers_before"]:
        return
    if w.lower() == "morgen" and prev and prev[-1].lower() in _NOT_TOMORROW:
        return
    nxt = next_words(text, m.end("w"), 1)
    if nxt and nxt[0].lower() in words["relative_day_blockers_after"]:
        return
    yield Candidate(m.start(), m.end(), relative_day_resolver(words["relative_days"][w.lower()]))


def _ago(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """Vor N Tagen/Wochen/Monaten/Jahren."""
    n = int(m["n"]) if m["n"].isdigit() else scan.words["number_words"][m["n"].lower()]
    if n > 0:
        yield Candidate(m.start(), m.end(), ago_resolver(n, m["u"]))


def _relative_unit(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """Modifier + unit: vergangene Woche, im vergangenen Jahr, nächsten Monat, Ende vergangenen Jahres; not after
    an article ("die letzte Woche vor der Wahl"; genitive "der" is fine)."""
    kind = modifier_kind(m["mod"])
    if not m["prep"] and not m["part"] and kind in ("past", "next"):
        prev = prev_words(scan.text, m.start(), 1)
        if prev and prev[-1] in DETERMINERS:
            return
    yield Candidate(m.start(), m.end(), unit_resolver(m["u"], kind))


def _previous_unit(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """im Vorjahr, des Vormonats, in der Vorwoche."""
    yield Candidate(m.start(), m.end(), unit_resolver(scan.words["previous_unit_words"][m["w"]], "past"))


def _this_year(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """heuer."""
    yield Candidate(m.start(), m.end(), unit_resolver("Jahr", "this"))


def _unit_end(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """zum Jahresende, Monatsanfang, am (vergangenen) Wochenende (a bare "Wochenende" is no date)."""
    unit = scan.words["unit_end_words"][m["w"]][0]  # (unit, part of it): the part does not change the value
    kind = modifier_kind(m["mod"]) or "this"
    if unit != "weekend":
        yield Candidate(m.start(), m.end(), unit_resolver(unit, kind))
    elif m["prep"] or m["mod"]:
        yield Candidate(m.start(), m.end(), weekend_resolver(kind if m["mod"] else None))


def _part_of_unit(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """Ende des Jahres, Anfang der Woche, Mitte des Monats (with a year: that year)."""
    if m["y"]:
        yield Candidate(m.start(), m.end(), const(m["y"]))
    else:
        yield Candidate(m.start(), m.end(), unit_resolver(m["u"], "this"))


def _season(scan: Scan, m: re.Match) -> Iterator[Candidate]:
    """Seasons: seit vergangenem Sommer, diesen Sommer, im Herbst 2022; a bare season is no date, nor "vom/von/für
    Sommer" without modifier, part or year."""
    has_y = has_year_suffix(m)
    if not (m["prep"] or m["mod"] or m["part"] or has_y):
        return
    if not (m["mod"] or has_y or m["part"]) and m["prep"] and m["prep"].lower().startswith(("von", "vom", "für")):
        return
    resolver = season_resolver(scan.words["seasons"][m["s"]], modifier_kind(m["mod"]), m if has_y else None)
    yield Candidate(m.start(), m.end(), resolver)


# The rules in the order they are tried: the pattern (a field of :class:`.patterns.Patterns`) and the handler of
# each of its matches. Overlaps are settled afterwards, longest first; of equally long candidates at one offset the
# earlier rule wins.
RULES: tuple[tuple[str, Handler], ...] = (
    ("num_full", _numeric_full_date),
    ("iso", _iso_date),
    ("num_dm", _numeric_day_month),
    ("dm", _day_month_name),
    ("range_", _day_range),
    ("en", _english_date),
    ("month", _month),
    ("year_jahr", _year_with_jahr),
    ("part_year", _part_of_year),
    ("year", _year),
    ("decade", _decade),
    ("century", _century),
    ("weekday", _weekday),
    ("relday", _relative_day),
    ("ago", _ago),
    ("rel_unit", _relative_unit),
    ("prev_unit", _previous_unit),
    ("this_year", _this_year),
    ("unit_end", _unit_end),
    ("part_unit", _part_of_unit),
    ("season", _season),
)


def candidates(text: str, lo: int, hi: int) -> list[Candidate]:
    """Every candidate of every rule in ``text[lo:hi]``, in rule order and, per rule, in text order."""
    scan = Scan(text, lo, hi)
    return [cand for name, handler in RULES for m in scan.matches(getattr(scan.patterns, name))
            for cand in handler(scan, m)]
