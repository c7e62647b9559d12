"""Strategy: a cue verb whose complement holds a quoted fragment ("Kim sprach von einem „heiligen Kampf“") is a
mixed quotation; and which quoted regions are names („Financial Times“), not fragments."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ...model.labels import dep_role as _roles
from ...model.labels import entity_type
from ...resources import is_institution, name_nouns
from ...resources.cues import CueLexicon
from ...types import Method
from ..quote_marks import QuotedRegion
from .candidate import Candidate, Regions, inside
from .cue import lacks_object, verb_cue
from .speaker import speaker_near_verb
from .text import span_chars


def quoted_name(doc: Doc, region: QuotedRegion) -> bool:
    """A name in quotation marks („Financial Times“, „Automobilwoche“ after "die Zeitung"), not quoted words:
    the named-entity recognizer marks it, or it follows a noun that names what it is (Zeitung, Film, Buch …)."""
    span = doc.char_span(region.start, region.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    covered = sum(1 for t in span if t.ent_type_ and entity_type(t.ent_type_) in ("organization", "misc", "place"))
    if covered and covered >= len(span) - 1:
        return True
    before = doc[span.start - 2] if span.start >= 2 else None  # the token before the opening mark
    return before is not None and before.pos_ == "NOUN" and (is_institution(before.text) or
                                                            before.text in name_nouns())


def fragment_frame(sent: Span, lexicon: CueLexicon, covered: list[tuple[int, int]], used_cues: set[int],
                    fragments: list[QuotedRegion]) -> Candidate | None:
    """A cue verb whose object holds a quoted fragment: "Kim sprach von einem „heiligen Kampf“",
    "bezeichnete die Beziehungen als »oberste Priorität«" -> mixed quotation (content: the verb's complement)."""
    doc = sent.doc
    opening = fragments.opening_in(sent.start_char, sent.end_char) if type(fragments) is Regions else \
        [r for r in fragments if sent.start_char <= r.open < sent.end_char]
    if not opening:
        return None
    first = opening[0]
    for tok in sent:
        if tok.idx >= first.open:
            break
        if tok.i in used_cues or inside(tok.idx, covered):
            continue
        cue = verb_cue(tok, lexicon)
        if cue is None or cue.type != "verb":
            continue
        if lacks_object(cue.cue, sent):
            continue  # "Dieser bestehe aus „repressiven“ … Maßnahmen": not "bestehen auf"
        between = doc.text[tok.idx + len(tok.text) : first.open]
        if any(ch in between for ch in ".;:!?"):
            continue
        start = tok.i + 1
        speaker = speaker_near_verb(tok, sent, sent, (first.open, sent.end_char))
        if speaker is not None and speaker.start == start:
            start = speaker.end
        end = sent.end
        while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in ("“", "«", "»", "\"", "‘", "‹", "›")
                               or "verb_particle" in _roles(doc[end - 1])):
            end -= 1
        if start >= end or doc[start].idx > first.open:
            continue
        rng = span_chars(doc, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
        if rng is None:
            continue
        return Candidate("mixed", [rng], doc[tok.i : tok.i + 1], speaker, 0.7, sent, Method.FRAGMENT)
    return None
