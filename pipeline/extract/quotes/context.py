"""What the attribution strategies share while one article is read: the settings, the cue lexicon, the quoted
regions of the text, and what earlier strategies found (a later strategy never takes text or a cue an earlier one
took), and the cue verbs of its tokens as far as they were asked for."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ...resources import speech_acts
from ...resources.cues import CueLexicon
from ...types import Method
from ..quote_marks import find_quoted_regions
from .candidate import CLOSING_SLACK, Candidate, Covered, Regions, inside
from .cue import VerbCues
from .fragment import quoted_name


@dataclass(frozen=True)
class QuoteSettings:
    """What the quotation rules are configured with (the ``article_quotations`` component's config).

    ``speech_acts``: the cue entries that make a sentence without a content clause a reported speech act (the
    mined entries of speech_acts_de.tsv with a measured precision of at least ``speech_act_min_precision``);
    ``None`` lets every cue verb report, as the mining script needs."""

    speech_acts: frozenset[str] | None = None
    run_reach: int = 300  # characters: a frame-less quotation this close after another continues its speaker
    fallback_window: int = 400  # characters before a quotation searched for the nearest named speaker
    continuation_reach: int = 6  # sentences after the last named speaker that a Konjunktiv I sentence continues

    @classmethod
    def default(cls) -> "QuoteSettings":
        return cls(speech_acts=speech_acts())


@dataclass
class Context:
    """One article's state between the strategies.

    ``floor``: the body start (headline and byline before it hold no quotations); ``regions``: every pair of
    quotation marks; ``covered``: the character ranges (with their marks) of the direct quotations, which no later
    strategy reads as content; ``used_cues``: the token indices of their cues; ``fragments``: the quoted regions
    that are neither a direct quotation nor a name (a mixed quotation's verbatim words); ``found``: the candidates
    so far, in the order the strategies proposed them; ``verb_cues``: the cue verb of each token, computed once."""

    settings: QuoteSettings
    lexicon: CueLexicon
    floor: int
    regions: Regions
    sents: list[Span]
    verb_cues: VerbCues
    covered: Covered = field(default_factory=Covered)
    used_cues: set[int] = field(default_factory=set)
    fragments: Regions = field(default_factory=Regions)
    found: list[Candidate] = field(default_factory=list)

    @classmethod
    def open(cls, doc: Doc, settings: QuoteSettings, lexicon: CueLexicon, floor: int) -> "Context":
        return cls(settings=settings, lexicon=lexicon, floor=floor,
                   regions=Regions(find_quoted_regions(doc.text, start=floor)),
                   sents=[s for s in doc.sents if s.start_char >= floor], verb_cues=VerbCues(doc, lexicon))

    def settle_reported_parts(self) -> None:
        """A direct quotation that ends a reported clause gives way to the quotation read around it ("sagte, die
        Lage sei „sehr ernst“": one mixed quotation); without one it stays direct."""
        reports = [(f.parts[0][0], f.parts[-1][1]) for f in self.found if f.kind != "direct"]
        self.found = [f for f in self.found if not f.in_report or not any(
            a <= f.parts[0][0] and f.parts[-1][1] <= b + CLOSING_SLACK for a, b in reports)]

    def take_direct(self, doc: Doc) -> None:
        """Mark the text and cues of the direct quotations found as taken."""
        found = self.found
        self.covered = Covered((p[0] - 1, p[1] + 1) for f in found for p in f.parts)
        # a frame-less quotation inside a sentence ("dann solle der Iran „sehen, wie er …“") is a quoted part of the
        # report around it: the report's content runs on through it (a mixed quotation)
        self.covered.loose = {(p[0] - 1, p[1] + 1) for f in found if f.method is Method.UNFRAMED or f.in_report
                              for p in f.parts
                              if f.sent.start_char < p[0] - 1 and doc.text[f.sent.start_char : p[0] - 1].strip()}
        self.used_cues = {t.i for f in found if f.cue is not None and not f.in_report for t in f.cue}
        self.fragments = Regions(r for r in self.regions if r.depth == 0 and not inside(r.open, self.covered)
                                 and not quoted_name(doc, r))
