"""The value every stage passes on (:class:`Candidate`: kind, content parts, cue, speaker mention, how it was
found) and two indexes built once per article: :class:`Covered` (the ranges of the direct quotations found) and
:class:`Regions` (the quoted regions by position), so that a lookup does not scan the whole article."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Span

from ...types import Method
from ..quote_marks import QuotedRegion


@dataclass
class Candidate:
    """A quotation as a strategy proposes it; later stages complete its speaker and balance its parts, and
    :mod:`.assemble` turns it into a :class:`~pipeline.types.Quotation`."""

    kind: str  # direct / indirect / mixed
    parts: list[tuple[int, int]]  # character ranges of the content (without marks and frame)
    cue: Span | None  # the cue word(s): a speech verb, laut/zufolge/so, the colon of "X: „…“"
    speaker: Span | None  # the speaker mention, if the text names one
    confidence: float
    sent: Span  # the sentence the quotation belongs to
    method: Method  # the strategy that found it (and how its speaker was found)
    nested: list[QuotedRegion] = field(default_factory=list)
    refers_to: Span | None = None  # what the speaker mention stands for ("eigenen Angaben" -> the subject)
    cue_entry: str = ""  # the lexicon entry of the cue (reported speech acts)
    unattributed: bool = False  # the text leaves the speaker open ("Es wird vermutet, dass …"): no guess
    # a direct quotation ending a clause its cue reports ("sagte, die Lage sei „…“"): it gives way to the mixed
    # quotation the indirect rules read around it, if they find one
    in_report: bool = False


# how far a quoted part may close after a content range and still lie inside it: a full stop and the closing mark
# ("die Lage sei „ernst, aber lösbar.“", where the content ends before the final punctuation)
CLOSING_SLACK = 2


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    if type(spans) is Covered:
        return spans.contains(pos)
    return any(s <= pos < e for s, e in spans)


def any_inside(span: Span, spans: list[tuple[int, int]]) -> bool:
    """``any(inside(t.idx, spans) for t in span)``: a token of ``span`` starts inside one of the ranges."""
    if type(spans) is Covered:
        return spans.any_token_in(span)
    return any(inside(t.idx, spans) for t in span)


class Covered(list):
    """The character ranges of the direct quotations found (with their marks); ``loose``: those without a frame
    of their own inside a sentence, which a report's content may run through. Never changed once made: it keeps
    the union of its ranges as sorted disjoint intervals, so :func:`inside` asks it in O(log n) instead of
    scanning every quotation of the article for every token."""
    loose: set[tuple[int, int]] = set()

    def __init__(self, ranges=()) -> None:
        super().__init__(ranges)
        self._index()

    def _index(self) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for s, e in sorted(r for r in self if r[0] < r[1]):
            if ends and s <= ends[-1]:
                ends[-1] = max(ends[-1], e)
            else:
                starts.append(s)
                ends.append(e)
        self._starts, self._ends, self._indexed = starts, ends, len(self)
        # every range as it is (not merged), by start: for the range queries below
        self._by_start = sorted(range(len(self)), key=lambda k: self[k][0])
        self._raw_starts = [self[k][0] for k in self._by_start]
        self._longest = max((e - s for s, e in self), default=0)

    def contains(self, pos: int) -> bool:
        """``any(s <= pos < e for s, e in self)``."""
        if self._indexed != len(self):  # appended to after all (the rules never do): index again
            self._index()
        k = bisect.bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self._ends[k]

    def any_token_in(self, span: Span) -> bool:
        """``any(self.contains(t.idx) for t in span)``; the tokens are read only where a range overlaps the span's
        text (the merged ranges are disjoint and sorted: the last one starting before the span's end decides)."""
        if self._indexed != len(self):
            self._index()
        k = bisect.bisect_left(self._starts, span.end_char) - 1
        if k < 0 or self._ends[k] <= span.start_char:
            return False
        return any(self.contains(t.idx) for t in span)

    def starting_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """``[(s, e) for s, e in self if lo <= s < hi]``, in list order."""
        if self._indexed != len(self):
            self._index()
        a, b = bisect.bisect_left(self._raw_starts, lo), bisect.bisect_left(self._raw_starts, hi)
        return [self[k] for k in sorted(self._by_start[a:b])]

    def overlapping(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """``[(s, e) for s, e in self if s < hi and lo < e]``, in list order (a range ends at most ``_longest``
        after its start)."""
        return [(s, e) for s, e in self.starting_in(lo - self._longest, hi) if lo < e]


class Regions(list):
    """Quoted regions (:func:`find_quoted_regions`) indexed once by the offsets of their marks, so the rules ask
    for the regions of a range instead of scanning every region of the article per quotation (issue #13). The
    queries answer exactly what the scans answered, in list order. Never changed once made."""

    def __init__(self, regions=()) -> None:
        super().__init__(regions)
        self._by_open = sorted(range(len(self)), key=lambda k: self[k].open)
        self._opens = [self[k].open for k in self._by_open]
        self._by_close = sorted(range(len(self)), key=lambda k: self[k].close)
        self._closes = [self[k].close for k in self._by_close]
        self._ok = all(r.open <= r.close for r in self)
        self._paired: set[int] | None = None

    def _between(self, keys: list[int], order: list[int], lo: int, hi: int) -> list[int]:
        return order[bisect.bisect_left(keys, lo) : bisect.bisect_left(keys, hi)]

    def marked_in(self, lo: int, hi: int) -> set[int]:
        """The list positions of the regions with a mark (open or close) in ``[lo, hi)``."""
        return set(self._between(self._opens, self._by_open, lo, hi)) | \
            set(self._between(self._closes, self._by_close, lo, hi))

    def opening_in(self, lo: int, hi: int) -> list[QuotedRegion]:
        """``[r for r in self if lo <= r.open < hi]``."""
        return [self[k] for k in sorted(self._between(self._opens, self._by_open, lo, hi))]

    def within(self, lo: int, hi: int) -> list[QuotedRegion]:
        """``[r for r in self if lo <= r.open and r.close <= hi]``."""
        if not self._ok:
            return [r for r in self if lo <= r.open and r.close <= hi]
        return [r for r in self.opening_in(lo, hi + 1) if r.close <= hi]

    def paired(self) -> set[int]:
        """The offsets of all marks: ``{r.open for r in self} | {r.close for r in self}``."""
        if self._paired is None:
            self._paired = {r.open for r in self} | {r.close for r in self}
        return self._paired


def regions_touching(regions: Regions, parts: list[tuple[int, int]]):
    """The regions that may have a mark inside one of ``parts``, in list order, while the caller changes
    ``parts`` between two of them: those with a mark in the hull of every state of the parts so far (the others
    have no mark inside a part when their turn comes, as a scan of all regions would find)."""
    lo, hi = min(s for s, _ in parts), max(e for _, e in parts)
    pending = sorted(regions.marked_in(lo, hi))
    seen = set(pending)
    while pending:
        k = pending.pop(0)
        yield regions[k]
        new_lo, new_hi = min(lo, min(s for s, _ in parts)), max(hi, max(e for _, e in parts))
        if (new_lo, new_hi) != (lo, hi):
            more = (regions.marked_in(new_lo, lo) | regions.marked_in(hi, new_hi)) - seen
            more = {j for j in more if j > k}
            seen |= more
            pending = sorted(set(pending) | more)
            lo, hi = new_lo, new_hi


def starting_in(covered: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """The ranges of ``covered`` that start in ``[lo, hi)``, in list order."""
    if type(covered) is Covered:
        return covered.starting_in(lo, hi)
    return [(s, e) for s, e in covered if lo <= s < hi]
