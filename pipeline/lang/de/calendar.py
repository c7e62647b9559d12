"""Calendar words of German news, read once from ``resources/dates_de.json`` (its ``_comment`` says where the
lists come from). The date rules (:mod:`pipeline.extract.dates`) build their patterns from :func:`calendar_data`;
the entity and speaker rules ask whether a word is a calendar word."""
from __future__ import annotations

import json
from functools import lru_cache

from ...resources import RESOURCE_DIR

CALENDAR_FILE = RESOURCE_DIR / "dates_de.json"


@lru_cache(maxsize=1)
def calendar_data() -> dict:
    """The lists and tables of ``dates_de.json`` without its ``_`` notes."""
    with open(CALENDAR_FILE, encoding="utf-8") as fh:
        return {k: v for k, v in json.load(fh).items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def calendar_nouns() -> frozenset[str]:
    """Weekdays, months (abbreviations included), parts of the day and seasons as written: a word of a date, never
    a speaker on its own ("Sonntag", "Anfang März")."""
    data = calendar_data()
    return frozenset(list(data["weekdays"]) + list(data["months"]) + list(data["parts_of_day"]) + list(data["seasons"]))


@lru_cache(maxsize=1)
def name_like_calendar_words() -> frozenset[str]:
    """Weekday names (German and English) and German month names without abbreviations: never a person or place on
    their own (English month names are left out: "May" is also a surname)."""
    data = calendar_data()
    words = set()
    for key in ("weekdays", "weekdays_en", "months"):
        words.update(w for w in data.get(key, []) if not w.endswith("."))
    return frozenset(words)
