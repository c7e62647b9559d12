"""Strategy: "Das sagte ein Sprecher." — a short sentence that opens with a demonstrative and a cue verb frames
the sentence before it (or names the speaker of a quotation there that has none)."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ...resources.cues import CueLexicon
from ...types import Method
from .candidate import Candidate, any_inside
from .content import has_finite_verb
from .context import Context
from .cue import verb_cue
from .speaker import speaker_near_verb
from .text import span_chars, strip_final_punct


def points_back(sent: Span, lexicon: CueLexicon) -> bool:
    """"Das erklärte ein Sprecher.", "Dies berichtete die dpa.": a demonstrative object and a cue verb open the
    sentence - it frames the sentence before it."""
    if len(sent) < 3 or sent[0].lower_ not in ("das", "dies", "dieses"):
        return False
    cue = verb_cue(sent[1], lexicon)
    return cue is not None and cue.type == "verb"


def anaphoric(doc: Doc, sents: list[Span], found: list[Candidate], lexicon: CueLexicon,
               covered: list[tuple[int, int]]) -> list[Candidate]:
    """"Das erklärte ein Sprecher." makes the sentence before it an indirect quotation."""
    owned = {f.sent.start for f in found}
    out = []
    for prev, sent in zip(sents, sents[1:]):
        if len(sent) > 20 or not points_back(sent, lexicon):
            continue
        verb = sent[1]
        if prev.start in owned or any_inside(prev, covered):
            # the sentence before is a quotation already: "Das sagte X" names its speaker if it has none
            unnamed = [f for f in found if f.speaker is None and f.sent.start == prev.start]
            if unnamed:
                speaker = speaker_near_verb(verb, sent[1:])
                for f in unnamed:
                    f.speaker = speaker
            continue
        rng = span_chars(doc, *strip_final_punct(doc, prev.start_char, prev.end_char))
        if rng is None or not has_finite_verb(prev):
            continue
        speaker = speaker_near_verb(verb, sent[1:])
        out.append(Candidate("indirect", [rng], doc[verb.i : verb.i + 1], speaker, 0.7, prev, Method.ANAPHORIC))
    return out


def find(doc: Doc, context: Context) -> list[Candidate]:
    """"Das sagte ein Sprecher.": the sentence before is what was said."""
    return anaphoric(doc, context.sents, context.found, context.lexicon, context.covered)
