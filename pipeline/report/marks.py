"""An article's text cut into runs of equal marks, for the report's article page (displaCy-style highlighting).

Two layers of marks lie over the text: the **quotation layer** (a quotation's content, its cue, its speaker
mention) and the **entity layer** (person, place, organization, date). Within a layer spans may overlap (a cue
inside an interrupted quotation, a speaker mention several quotations rest on, a quotation nested in another);
each character then takes the mark of the narrowest span, the speaker and cue roles before the content. The text
is cut at every span boundary; consecutive pieces with the same quotation mark form a :class:`Run`, whose pieces
are :class:`Piece` values with their entity mark. A span that crosses a run boundary is cut there (HTML elements
nest, spans need not). Plain values only: the templates escape every text.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

# the quotation roles by priority where they overlap: the speaker mention and the cue are shown inside the content
ROLES = ("speaker", "cue", "content")


@dataclass(frozen=True)
class Mark:
    """One span of one layer: ``kind`` is a quotation role (speaker / cue / content) or an entity type; ``ref``
    what it belongs to (the quotation's number, or the entity's canonical name / ISO date value)."""

    start: int
    end: int
    kind: str
    ref: str | int


@dataclass
class Piece:
    text: str
    start: int
    entity: Mark | None = None


@dataclass
class Run:
    """Consecutive text under one quotation mark (``quote`` None: plain text); ``first`` says whether the run
    opens its quotation's content (the anchor the side list links to)."""

    quote: Mark | None
    pieces: list[Piece] = field(default_factory=list)
    first: bool = False
    also: tuple[int, ...] = ()  # other quotations whose speaker mention this run is too
    # quotations whose content never shows as a run of its own (it lies under another quotation's narrower mark
    # or shares its span): their anchor stands before this run, where their content starts
    anchors: tuple[int, ...] = ()

    @property
    def start(self) -> int:
        return self.pieces[0].start


def _rank(mark: Mark) -> tuple:
    role = ROLES.index(mark.kind) if mark.kind in ROLES else len(ROLES)
    return role, mark.end - mark.start, mark.start


def _winner(marks: list[Mark], at: int) -> Mark | None:
    """The mark that shows at character ``at`` among ``marks`` (narrowest, speaker and cue before content)."""
    covering = [m for m in marks if m.start <= at < m.end]
    return min(covering, key=_rank) if covering else None


def _bounded(marks: list[Mark], size: int) -> list[Mark]:
    return [Mark(max(0, m.start), min(size, m.end), m.kind, m.ref) for m in marks
            if m.end > m.start and m.start < size and m.end > 0]


def text_runs(text: str, quote_marks: list[Mark], entity_marks: list[Mark]) -> list[Run]:
    """``text`` as runs of equal quotation marks, each cut into pieces of equal entity marks; the pieces together
    are exactly ``text``. Marks outside the text are clipped."""
    quote_marks = _bounded(quote_marks, len(text))
    entity_marks = _bounded(entity_marks, len(text))
    cuts = sorted({0, len(text)} | {p for m in quote_marks + entity_marks for p in (m.start, m.end)})
    # only the marks that can cover a piece are asked: indexed by start
    q_sorted = sorted(quote_marks, key=lambda m: m.start)
    e_sorted = sorted(entity_marks, key=lambda m: m.start)
    q_starts = [m.start for m in q_sorted]
    e_starts = [m.start for m in e_sorted]
    q_width = max((m.end - m.start for m in q_sorted), default=0)
    e_width = max((m.end - m.start for m in e_sorted), default=0)
    speakers_at: dict[tuple[int, int], list[int]] = {}
    for m in quote_marks:
        if m.kind == "speaker":
            speakers_at.setdefault((m.start, m.end), []).append(int(m.ref))
    runs: list[Run] = []
    opened: set[int] = set()
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        q = _winner(_near(q_sorted, q_starts, q_width, a), a)
        e = _winner(_near(e_sorted, e_starts, e_width, a), a)
        piece = Piece(text[a:b], a, e)
        if runs and runs[-1].quote == q:
            runs[-1].pieces.append(piece)
            continue
        first = q is not None and q.kind == "content" and q.ref not in opened
        if first:
            opened.add(int(q.ref))
        also = tuple(n for n in speakers_at.get((q.start, q.end), ()) if n != q.ref) \
            if q is not None and q.kind == "speaker" else ()
        runs.append(Run(q, [piece], first=first, also=also))
    _anchor_hidden(runs, [m for m in quote_marks if m.kind == "content" and m.ref not in opened])
    return runs


def _anchor_hidden(runs: list[Run], hidden: list[Mark]) -> None:
    """Every quotation gets an anchor: one whose content opened no run is anchored at the run where it starts."""
    starts = [r.start for r in runs]
    for mark in sorted(hidden, key=lambda m: (m.start, int(m.ref))):
        at = max(0, bisect.bisect_right(starts, mark.start) - 1)
        if int(mark.ref) not in runs[at].anchors:
            runs[at].anchors += (int(mark.ref),)


def _near(marks: list[Mark], starts: list[int], width: int, at: int) -> list[Mark]:
    """The marks that may cover ``at``: those starting at most ``width`` characters before it."""
    lo = bisect.bisect_left(starts, at - width)
    hi = bisect.bisect_right(starts, at)
    return marks[lo:hi]
