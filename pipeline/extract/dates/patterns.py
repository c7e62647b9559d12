"""The compiled regular expressions of the date rules, built once from the calendar word lists.

The word lists (months incl. Jänner and abbreviations, weekdays, parts of day, relative day words, modifiers,
seasons, number words, ...) are those of ``resources/dates_de.json``, read through
:func:`pipeline.lang.de.calendar.calendar_data`. A few fragments (prepositions, modifiers, the year qualifier
``ysuf``) recur in several patterns and are built first (:class:`_Fragments`); the patterns are then grouped by
what they find: calendar dates, months and years, relative expressions, the article date, and words/sentences.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ...lang.de.calendar import calendar_data
from .prefilter import Anchor, anchor_of, compile_led, required_words


def _alt(words: Iterable[str]) -> str:
    """Regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _cap(w: str) -> str:
    """The word with a capital first letter."""
    return w[:1].upper() + w[1:]


def _ci_first(words: Iterable[str]) -> str:
    """Alternation accepting each (lowercase) word also with a capitalized first letter."""
    out = set()
    for w in words:
        out.add(w)
        out.add(_cap(w))
    return _alt(out)


@dataclass(frozen=True)
class Patterns:
    """Every pattern the date rules, the article date and the context checks use."""

    num_full: re.Pattern  # 13.09.2023, 13.9.23, am Montag, 11.09.2023
    iso: re.Pattern  # 2023-09-11
    num_dm: re.Pattern  # am 13.09. (preposition or weekday required)
    dm: re.Pattern  # am 15. August 2023, Montag (11. September)
    range_: re.Pattern  # vom 10. bis zum 13. September
    en: re.Pattern  # Monday, Sept. 11, 2023
    month: re.Pattern  # im April 2019, Ende Juli, im vergangenen Juli
    year_jahr: re.Pattern  # im Jahr 2000
    part_year: re.Pattern  # Anfang 2024
    year: re.Pattern  # seit 2017, 1961
    decade: re.Pattern  # in den 80er Jahren, der achtziger Jahre
    century: re.Pattern  # im 19. Jahrhundert, im letzten Jahrhundert
    weekday: re.Pattern  # am Mittwoch, Montagabend, in der Nacht zum Dienstag
    relday: re.Pattern  # heute, gestern Abend
    ago: re.Pattern  # vor drei Jahren
    rel_unit: re.Pattern  # vergangene Woche, im nächsten Monat
    prev_unit: re.Pattern  # im Vorjahr
    this_year: re.Pattern  # heuer
    unit_end: re.Pattern  # am Wochenende, zum Jahresende
    part_unit: re.Pattern  # Ende des Jahres
    season: re.Pattern  # seit vergangenem Sommer, im Herbst 2022
    header: re.Pattern  # the leading " date YYYY-MM[-DD]" token of the seed files
    stand: re.Pattern  # Stand: 13.09.2023, veröffentlicht am 13. September 2023
    dateline: re.Pattern  # Berlin, 13. September 2023 –
    word: re.Pattern  # a word for the context checks
    range_tail: re.Pattern  # the end of a month range: "bis September 2010" after "von Januar"
    sent_break: re.Pattern  # a sentence break, for the tense of a sentence
    # per pattern, patterns of words of which every match contains one each (.prefilter.required_words), and
    # the words at most so far from the start of each match (.prefilter.anchor_of)
    required: dict[re.Pattern, tuple[re.Pattern, ...]]
    anchors: dict[re.Pattern, Anchor]


@dataclass(frozen=True)
class _Fragments:
    """Regex pieces that several patterns share."""

    month_any: str  # a month name or abbreviation
    weekdays: str  # a weekday name
    pod_cap: str  # a part of the day as noun (Abend)
    pod_low: str  # a part of the day as suffix or adverb (abend, in Montagabend)
    mod: str  # a modifier with its ending (vergangenen, nächste, diesen)
    part: str  # a part of a period (Anfang, Mitte, Ende)
    year4: str  # a four-digit year 1000-2100 not inside a larger number
    prep_day: str  # prepositions before a day
    prep_month: str  # prepositions (and conjunctions) before a month
    prep_rel: str  # prepositions before a relative expression
    ysuf: str  # optional year qualification: 2019 | (des) vergangenen Jahres | des Vorjahres | des Jahres


def _fragments(words: dict) -> _Fragments:
    """The shared pieces, from the word lists."""
    mod = "(?:" + _ci_first(s for group in words["modifiers"].values() for s in group) + ")(?:e[nmrs]?)"
    year4 = r"(?<![\w.,])(?:1\d{3}|20\d{2}|2100)(?!\d|[.,]\d)"
    return _Fragments(
        month_any=_alt(words["months"]),
        weekdays=_alt(words["weekdays"]),
        pod_cap=_alt(words["parts_of_day"]),
        pod_low=_alt(w.lower() for w in words["parts_of_day"]),
        mod=mod,
        part=_ci_first(w.lower() for w in words["period_parts"]),
        year4=year4,
        prep_day=r"(?:[Aa]m|[Vv]om|[Bb]is(?:\s+(?:zum|einschließlich))?|[Zz]um|[Ss]eit(?:\s+dem)?|[Aa]b(?:\s+dem)?)",
        prep_month=(r"(?:[Ii]m(?:\s+Monat)?|[Ss]eit(?:\s+dem)?|[Aa]b|[Bb]is(?:\s+zum|\s+in\s+den)?|[Vv]o[mn]|[Zz]um|"
                    r"[Ff]ür|[Zz]wischen|und|oder)"),
        prep_rel=(r"(?:[Ii]m|[Ii]n(?:\s+de[rm])?|[Aa]m|[Ss]eit(?:\s+de[mr])?|[Vv]o[mn]|[Bb]is(?:\s+zu[mr])?|"
                  r"[Aa]b|[Zz]u[mr]|[Ff]ür)"),
        ysuf=(rf"(?:\s+(?P<yr>{year4})|\s+(?:des\s+)?(?P<ymod>{mod})\s+Jahres|"
              rf"\s+des\s+(?P<yprev>Vorjahres|Vorjahrs)|\s+(?P<ythis>des\s+Jahres)(?!\s+\d))?"),
    )


def _calendar_date_patterns(f: _Fragments, words: dict) -> dict[str, str]:
    """Dates with a day: numeric, ISO, day + month name, day ranges, English captions."""
    prep_day, mod, weekdays, month_any, ysuf = f.prep_day, f.mod, f.weekdays, f.month_any, f.ysuf
    return {
        "num_full": (rf"(?:(?P<prep>{prep_day})\s+)?"
                     rf"(?:(?:(?P<wmod>{mod})\s+)?(?P<wd>{weekdays}),?\s+(?:(?:den|dem)\s+)?)?"
                     r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})(?!\d|\.\d|:\d)"),
        "iso": r"(?<![\w-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)",
        "num_dm": (rf"(?:(?P<prep>{prep_day})\s+|(?P<wd>{weekdays}),?\s+(?:(?:den|dem)\s+)?)"
                   r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?!\d)"),
        "dm": (rf"(?:(?P<prep>{prep_day})\s+)?"
               rf"(?:(?:(?P<wmod>{mod})\s+)?(?P<wd>{weekdays})(?:(?P<open>\s*\(\s*)|,?\s+(?:(?:den|dem)\s+)?))?"
               rf"(?<![\d.])(?P<d>\d{{1,2}})\.\s*(?P<mon>{month_any})(?!\w){ysuf}(?P<close>\s*\))?"),
        "range_": (rf"(?:(?P<prep>{prep_day})\s+)?(?<![\d.])(?P<d1>\d{{1,2}})\."
                   r"(?P<sep>\s*(?:-|–|—|/)\s*|\s+(?P<bis>bis(?:\s+(?:zum|einschließlich))?|und|auf\s+den)\s+)"
                   rf"(?P<d2>\d{{1,2}})\.\s*(?P<mon>{month_any})(?!\w){ysuf}"),
        "en": (rf"(?:(?P<wd>{_alt(words['weekdays_en'])}),\s+)?(?<!\w)(?P<mon>{_alt(words['months_en'])})(?!\w)\s*"
               r"(?P<d>\d{1,2}),\s+(?P<y>\d{4})(?!\d)"),
    }


def _month_year_patterns(f: _Fragments, words: dict) -> dict[str, str]:
    """Months, years, decades and centuries, and the end of a month range."""
    mod, part, month_any, year4 = f.mod, f.part, f.month_any, f.year4
    decade_words = _alt(words["decade_words"])
    decade_caps = _alt(_cap(w) for w in words["decade_words"])
    return {
        "month": (rf"(?:(?P<prep>{f.prep_month})\s+)?(?:(?P<part>{part})\s+)?(?:(?P<mmod>{mod})\s+)?"
                  rf"(?<!\w)(?P<mon>{month_any})(?!\w){f.ysuf}"),
        "year_jahr": (r"(?:(?P<prep>[Ii]m|[Ss]eit(?:\s+dem)?|[Aa]b(?:\s+dem)?|[Bb]is(?:\s+zum)?|[Vv]om|[Aa]us\s+dem|"
                      r"[Ii]n\s+dem|[Dd]es|[Dd]as|[Dd]em)\s+)?(?<!\w)(?P<j>Jahre?s?)\s+(?P<y>\d{3,4})(?!\d|[.,]\d)"),
        "part_year": rf"(?:(?P<prep>{f.prep_rel})\s+)?(?P<part>{part})\s+(?:(?:des\s+)?Jahres\s+)?(?P<y>{year4})",
        "year": rf"(?:(?P<prep>[Ss]eit|[Aa]b|[Bb]is|[Vv]on)\s+)?(?P<y>{year4})",
        "decade": (rf"(?:(?P<prep>(?:[Ii]n|[Ss]eit|[Aa]b|[Bb]is\s+in|[Aa]us|[Vv]on)\s+den)\s+)?"
                   rf"(?:(?P<part>{part})\s+der\s+)?(?:(?P<adj>frühen|späten|ausgehenden)\s+)?"
                   rf"(?<!\w)(?:(?:(?P<num>\d{{2}}|\d{{4}})-?er(?:\s*-\s*|\s+)?|"
                   rf"(?P<word>{decade_words}|{decade_caps})(?:\s*-\s*|\s+)?)"
                   r"(?:Jahren?|jahren?)|(?P<num4>\d{4})-?ern?)(?!\w)"),
        "century": (rf"(?:(?P<prep>[Ii]m|[Ii]ns?|[Ss]eit\s+dem|[Aa]us\s+dem|[Bb]is\s+ins)\s+)?"
                    rf"(?:(?P<part>{part})\s+des\s+)?"
                    rf"(?:(?P<n>\d{{1,2}})\.|(?P<ord>{_alt(words['century_ordinals'])})|(?P<mod>{mod}))"
                    r"\s+Jahrhunderts?(?!\w)"),
        "range_tail": (rf"\s*(?:bis(?:\s+(?:zum|einschließlich))?|und|-|–|—)\s+"
                       rf"(?:(?:{part})\s+)?(?:\d{{1,2}}\.\s*)?"
                       rf"(?P<mon>{month_any})(?!\w)\s+(?P<y>{year4})"),
    }


def _relative_patterns(f: _Fragments, words: dict) -> dict[str, str]:
    """Expressions read against the article date: weekdays, relative days and units, "vor N Jahren", seasons."""
    prep_rel, mod, part, pod_cap, pod_low = f.prep_rel, f.mod, f.part, f.pod_cap, f.pod_low
    return {
        "weekday": (r"(?:(?P<prep>[Aa]m|[Ss]eit|[Bb]is|[Aa]b|[Vv]om|[Vv]on|"
                    r"[Ii]n\s+der\s+Nacht\s+(?:zum|zu|auf\s+den|auf))\s+)?"
                    rf"(?:(?P<mod>{mod})\s+)?(?<!\w)(?P<wd>{f.weekdays})(?P<pod>{pod_low})?"
                    rf"(?:\s+(?P<pod2>{pod_cap}|früh)(?!\w))?(?!\w)"),
        "relday": rf"(?<!\w)(?P<w>{_ci_first(words['relative_days'])})(?:\s+(?P<pod>{pod_cap}|früh|{pod_low}))?(?!\w)",
        "ago": (rf"(?<!\w)[Vv]or\s+(?:(?:mehr\s+als|über|fast|knapp|rund|etwa|genau|gut|nahezu|nunmehr|nun)\s+)*"
                rf"(?P<n>\d{{1,4}}|{_alt(words['number_words'])})\s+"
                r"(?P<u>Tagen|Tag|Wochen|Woche|Monaten|Monat|Jahrzehnten|Jahrzehnt|Jahren|Jahr)(?!\w)"),
        "rel_unit": (rf"(?:(?P<prep>{prep_rel})\s+(?:(?:das|den|die|der|dem)\s+)?)?"
                     rf"(?:(?P<part>{part})\s+(?:des\s+|der\s+)?)?(?<!\w)(?P<mod>{mod})\s+"
                     rf"(?P<u>Woche|Monats?|Jahr(?:es|s)?)(?!\w)"),
        "prev_unit": (rf"(?:(?P<prep>{prep_rel})\s+)?(?:(?P<part>{part})\s+)?(?:des\s+)?(?<!\w)"
                      rf"(?P<w>{_alt(words['previous_unit_words'])})(?!\w)"),
        "this_year": rf"(?<!\w)(?P<w>{_ci_first(words['this_year_words'])})(?!\w)",
        "unit_end": (rf"(?:(?P<prep>{prep_rel})\s+)?(?:(?P<mod>{mod})\s+)?"
                     rf"(?<!\w)(?P<w>{_alt(words['unit_end_words'])})(?!\w)"),
        "part_unit": (rf"(?:(?P<prep>{prep_rel})\s+)?(?<!\w)(?P<part>{part})\s+(?:des|der|dieses|dieser)\s+"
                      rf"(?P<u>Jahres|Monats|Woche)(?:\s+(?P<y>{f.year4}))?(?!\w)"),
        "season": (rf"(?:(?P<prep>{prep_rel})\s+)?(?:(?P<part>{part})\s+(?:des\s+)?)?(?:(?P<mod>{mod})\s+)?"
                   rf"(?<!\w)(?P<s>{_alt(words['seasons'])})(?!\w){f.ysuf}"),
    }


def _article_date_patterns(f: _Fragments) -> dict[str, str]:
    """The article date: the seed header token, a ``Stand:``/``veröffentlicht am`` line, a dateline."""
    weekdays, month_any = f.weekdays, f.month_any
    return {
        "header": r"\A[ \t\ufeff]*date[ \t]+(?P<v>\d{4}(?:-\d{2}(?:-\d{2})?)?)(?!\d)[ \t]*",
        "stand": (r"(?:Stand|[Vv]eröffentlicht(?:\s+am)?|[Aa]ktualisiert(?:\s+am)?|[Ee]rschienen(?:\s+am)?|"
                  r"Erstellt(?:\s+am)?)"
                  rf":?\s*(?:(?:{weekdays}),?\s+)?(?:(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?P<y>\d{{4}})"
                  rf"|(?P<d2>\d{{1,2}})\.\s*(?P<mon>{month_any})\s+(?P<y2>\d{{4}}))"),
        "dateline": (rf"(?m)^[ \t]*[A-ZÄÖÜ][\w./ -]{{1,40}}?,?\s+(?:(?:{weekdays}),?\s+)?"
                     rf"(?:(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?P<y>\d{{4}})|"
                     rf"(?P<d2>\d{{1,2}})\.\s*(?P<mon>{month_any})\s+(?P<y2>\d{{4}}))"
                     r"\s*(?:[-–—(]|\(dpa|\(AFP|\(Reuters)"),
    }


_TEXT_PATTERNS = {
    "word": r"[^\s,;:!?()\[\]\"„“”»«']+",
    "sent_break": r"(?<=[^\d\s.][.!?])[\s\"“”»«]+(?=[A-ZÄÖÜ\"„“»«])|\n",
}


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """All patterns, compiled once."""
    words = calendar_data()
    f = _fragments(words)
    sources = {**_calendar_date_patterns(f, words), **_month_year_patterns(f, words),
               **_relative_patterns(f, words), **_article_date_patterns(f), **_TEXT_PATTERNS}
    compiled = {name: compile_led(source) for name, source in sources.items()}
    required = {compiled[name]: required_words(source) for name, source in sources.items()}
    anchors = {compiled[name]: anchor for name, anchor in ((n, anchor_of(s)) for n, s in sources.items()) if anchor}
    return Patterns(**compiled, required=required, anchors=anchors)
