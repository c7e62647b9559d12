"""Quotations in German news: direct, indirect and mixed, with their cue and speaker mention.

How a quotation is found (:func:`extract_quotations`; one module per stage, each strategy a ``find(doc, context)``
that returns :class:`~.candidate.Candidate` values):

1. :mod:`.context` pairs the quotation marks of the body (:mod:`pipeline.extract.quote_marks`).
2. :mod:`.direct` — quoted text with a frame: „…“, sagte X. / X sagte: „…“ / „…“, so X. / X: „…“. Their text and
   cues are then taken (``Context.take_direct``): no later strategy reads them again.
3. :mod:`.indirect` — per sentence, the best reading of a cue verb (:mod:`.verb_frame`: "X sagte, dass …",
   "…, sagte X", "wie X mitteilte"), else a phrase cue (:mod:`.phrase_frame`: laut X, X zufolge, nach Angaben
   von X, so X), else a cue verb with a quoted fragment (:mod:`.fragment`: "sprach von einem „…“"). Quoted words
   inside a reading make it mixed.
4. :mod:`.anaphoric` — "Das sagte ein Sprecher." makes the sentence before it a quotation.
5. :mod:`.reported` — a sentence reporting a speech act without a content clause ("Die Polizei sprach von …").
6. :mod:`.continuation` — frame-less Konjunktiv sentences after a report go on with it.
   A direct quotation that ends a clause its cue reports ("sagte, die Lage sei „sehr ernst“") then gives way to
   the mixed quotation read around it (``Context.settle_reported_parts``).
7. :mod:`.inherit` — speakers for candidates without one: the report of the same sentence, the quotation
   before, the nearest named person or organization.
8. :mod:`.assemble` — content parts balanced around quoted fragments, the speaker mention refined to its noun
   phrase, one :class:`~pipeline.types.Quotation` per candidate in text order.

The building blocks: :mod:`.cue` (is this word a cue?), :mod:`.content` (where may a content clause stand?),
:mod:`.speaker` and :mod:`.mention` (who is the speaker mention, and can this phrase speak at all?),
:mod:`.nounphrase` (the noun phrase after laut/so/nach Angaben), :mod:`.text` (character ranges).
Speaker *mentions* are found here; :mod:`pipeline.resolve.speakers` turns them into canonical names.

Conventions (documented in the README):
- ``content`` excludes quotation marks and the frame ("sagte Putin"). A quotation whose content is interrupted
  by its frame („Wir …“, sagte er, „werden …“) is ONE quotation with two content spans.
- Quoted fragments inside an indirect quotation make it ``mixed``; short quoted terms without a speech frame
  (scare quotes, titles) are not quotations.
- Konjunktiv sentences without a frame right after a quotation continue it (same speaker); consecutive
  continuation sentences form one quotation.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ...resources.cues import CueLexicon, load_cues
from ...types import Quotation
from . import anaphoric, continuation, direct, indirect, reported
from .assemble import quotations
from .context import Context, QuoteSettings
from .cue import noun_cue, verb_cue
from .inherit import find_speakers
from .mention import valid_speaker

__all__ = ["QuoteSettings", "extract_quotations", "noun_cue", "valid_speaker", "verb_cue"]

# the strategies after the direct quotations, in the order they may claim a sentence
STRATEGIES = (indirect, anaphoric, reported, continuation)


def extract_quotations(doc: Doc, settings: QuoteSettings | None = None, lexicon: CueLexicon | None = None,
                       floor: int | None = None) -> list[Quotation]:
    """All quotations of a parsed article, in text order (speaker left unresolved: mention only)."""
    if floor is None:
        floor = doc._.body_start if doc.has_extension("body_start") else 0
    context = Context.open(doc, settings or QuoteSettings.default(), lexicon or load_cues(), floor)
    context.found = direct.find(doc, context)
    context.take_direct(doc)
    for strategy in STRATEGIES:
        context.found += strategy.find(doc, context)
    context.settle_reported_parts()
    find_speakers(doc, context)
    return quotations(doc, context)
