"""What surrounds a match: the words before and after it, a sentence start, the tense of its sentence, and whether
a four-digit number is a year.

Years: only 4-digit numbers 1000-2100 in a year context: not inside larger numbers (3.000, 2,5), not followed by a
unit or count noun (2000 Kilogramm, 1500 Soldaten, 2000 weitere Soldaten), not after a quantity word (rund 1500,
mehr als 2000, Nr. 1234); a round hundred or a year outside 1800-2050 followed by a capitalized noun is read as a
count unless a year preposition precedes. ("im Jahr N" accepts any year; that rule does not ask here.)
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

from ...lang.de.calendar import calendar_data
from .patterns import Patterns, patterns
from .prefilter import anchored_matches

_SENT_END = frozenset(".!?:;\n")
DETERMINERS = frozenset({"die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "seine", "ihre",
                         "seiner", "ihrer", "seinem", "ihrem", "jede", "jeder", "jedem", "jeden", "diese"})
_OPENERS = "\"'„“”»«‚‘’-–—(*"  # may stand between a sentence end and the expression
_RANGE_WORDS = ("bis", "und", "oder", "-", "–", "auf")  # "2000 bis 2500 Soldaten": a range of counts
_COUNT = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
_BLANKS = re.compile(r"\s+")  # a run of the characters \s matches in the patterns


def prev_words(text: str, i: int, n: int = 2) -> list[str]:
    """The last ``n`` words before offset ``i`` (within 60 characters)."""
    return patterns().word.findall(text[max(0, i - 60):i])[-n:]


def next_words(text: str, i: int, n: int = 2) -> list[str]:
    """The first ``n`` words from offset ``i`` on (within 60 characters)."""
    return patterns().word.findall(text[i:i + 60])[:n]


def at_sentence_start(text: str, i: int, floor: int = 0) -> bool:
    """Whether offset ``i`` starts a sentence or line (only blanks, quotes, dashes or brackets before it)."""
    j = i - 1
    while j >= floor and (text[j].isspace() or text[j] in _OPENERS):
        if text[j] == "\n":
            return True
        j -= 1
    return j < floor or text[j] in _SENT_END


@lru_cache(maxsize=1)
def _year_blockers() -> tuple[frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]:
    """Words after a number (units, count nouns), words before it (quantity words) and their endings, and
    quantity adjectives ("weitere") that make a four-digit number a count."""
    words = calendar_data()
    return (frozenset(words["year_blockers_after"]),
            frozenset(w.lower() for w in words["year_blockers_before"]),
            frozenset(words["year_quantity_adjectives"]),
            tuple(words["year_blockers_before_suffixes"]))


def _is_count_range(nxt: list[str], has_prep: bool, after: frozenset[str]) -> bool:
    """Whether the words after the number make it the start of a range of counts: "von derzeit 2000 auf rund
    15.000 Soldaten", "2000 bis 2500 Soldaten", "von 1800 auf 2000 Euro" (but "bis 2010 auf 121 Prozent" is a year)."""
    if not (nxt and len(nxt) > 1 and nxt[0] in _RANGE_WORDS):
        return False
    for k, w in enumerate(nxt[1:4], start=1):
        if _COUNT.fullmatch(w):
            v = int(w.replace(".", ""))
            yearlike = 1000 <= v <= 2100
            unit = k + 1 < len(nxt) and (nxt[k + 1] in after or nxt[k + 1].rstrip(".") in after)
            if nxt[0] == "auf" and has_prep:
                return yearlike and unit
            return not yearlike or unit
    return False


def is_year_context(text: str, s: int, e: int, has_prep: bool) -> bool:
    """Is the 4-digit number text[s:e] read as a year (not a count, a code, a part of a number)?"""
    after, before, qadj, suffixes = _year_blockers()
    n = int(text[s:e])
    if s >= 2 and text[s - 1] == "-" and text[s - 2].isalpha():  # Hwasong-2000, Covid-2019
        return False
    if s >= 1 and text[s - 1] in "€$£":
        return False
    if text[e:e + 3].lstrip()[:1] in ("%", "€", "$", "°", "£") or text[e:e + 2] in (",-", ",–"):
        return False
    prev = prev_words(text, s, 2)
    if prev:
        p1, p2 = prev[-1].lower(), " ".join(prev).lower()
        if p1 in before or p2 in before or p1.isdigit() or p1.endswith(suffixes):
            return False
    nxt = next_words(text, e, 5)
    if _is_count_range(nxt, has_prep, after):
        return False
    if nxt:
        w1 = nxt[0]
        if w1 in after or w1.rstrip(".") in after or w1.isdigit():
            return False
        if w1 in qadj and len(nxt) > 1 and nxt[1][:1].isupper():
            return False
        follows_cap = text[e:e + 1] == " " and w1[:1].isupper() and not _SENT_END.intersection(text[e:e + 2])
        if not has_prep and follows_cap and (n % 100 == 0 or n < 1800 or n > 2050):
            return False
    return has_prep or n <= 2050


class Scan:
    """One article's text between ``lo`` and ``hi`` as the date rules read it: the compiled patterns, the word
    lists, and the tense of a sentence (sentence breaks found once, on first use)."""

    def __init__(self, text: str, lo: int, hi: int):
        self.text, self.lo, self.hi = text, lo, hi
        self.patterns: Patterns = patterns()
        self.words: dict = calendar_data()
        self.future_cues = frozenset(self.words["future_cues"])
        self.past_cues = frozenset(self.words["past_cues"])
        self.breaks: list[int] = []
        self._longest_blanks: int | None = None

    def matches(self, rx: re.Pattern) -> Iterator[re.Match]:
        """The non-empty matches of ``rx`` in the scanned part of the text: none, without scanning for ``rx``, where
        a word that each of its matches contains is missing; tried only before such words where it has an anchor
        (:mod:`.prefilter`)."""
        text, lo, hi = self.text, self.lo, self.hi
        if any(words.search(text, lo, hi) is None for words in self.patterns.required.get(rx, ())):
            return
        anchor = self.patterns.anchors.get(rx)
        if anchor is not None:
            found = anchored_matches(rx, anchor, text, lo, hi, self.longest_blanks())
        else:
            found = rx.finditer(text, lo, hi)
        for m in found:
            if m.end() > m.start():
                yield m

    def longest_blanks(self) -> int:
        """The length of the longest run of blanks in the scanned part of the text (found once)."""
        if self._longest_blanks is None:
            self._longest_blanks = max((len(m[0]) for m in _BLANKS.finditer(self.text, self.lo, self.hi)), default=0)
        return self._longest_blanks

    def tense(self, s: int, e: int) -> str | None:
        """'future' / 'past' from auxiliary cues in the sentence around text[s:e], else None."""
        text, breaks = self.text, self.breaks
        if not breaks:
            breaks.extend(b.end() for b in self.patterns.sent_break.finditer(text))
            breaks.append(len(text))
        k = bisect.bisect_right(breaks, s)
        a = breaks[k - 1] if k > 0 else 0
        b = breaks[k] if k < len(breaks) else len(text)
        while k + 1 < len(breaks) and b < e:
            k += 1
            b = breaks[k]
        words = {w.lower() for w in self.patterns.word.findall(text[a:s] + " " + text[e:b])}
        fut, past = bool(words & self.future_cues), bool(words & self.past_cues)
        if fut and not past:
            return "future"
        if past and not fut:
            return "past"
        return None

    def tail_year(self, e: int, mo: int) -> int | None:
        """Year of a following range end: 'von Januar bis September 2010' -> 2010 for Januar."""
        t = self.patterns.range_tail.match(self.text, e)
        if not t:
            return None
        y, mo2 = int(t["y"]), self.words["months"][t["mon"]]
        return y if mo <= mo2 else y - 1
