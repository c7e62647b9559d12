"""Strategy: indirect and mixed quotations, sentence by sentence — the most reliable reading of a cue verb
(:mod:`.verb_frame`), else a phrase cue (:mod:`.phrase_frame`), else a verb with a quoted fragment
(:mod:`.fragment`)."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ...resources.cues import CueLexicon
from ..quote_marks import QuotedRegion
from .candidate import Candidate, inside
from .context import Context
from .cue import verb_cue
from .fragment import fragment_frame
from .phrase_frame import phrase_frame
from .verb_frame import verb_frames


def indirect_in_sentence(sent: Span, lexicon: CueLexicon, covered: list[tuple[int, int]],
                          used_cues: set[int], fragments: list[QuotedRegion] | None = None) -> list[Candidate]:
    tokens = [t for t in sent if not inside(t.idx, covered) and t.i not in used_cues]
    if not tokens:
        return []
    # --- verb cues: every cue verb proposes a reading; the most reliable one wins ----------------------------
    proposals: list[tuple[float, Candidate]] = []
    for tok in tokens:
        cue = verb_cue(tok, lexicon)
        if cue is None or cue.type not in ("verb", "impersonal", "noun-frame"):
            continue
        for found in verb_frames(sent, tok, cue, covered):
            rank = found.confidence + (0.1 if cue.strength == "strong" else 0.0)
            proposals.append((rank, found))
    if proposals:
        return [max(proposals, key=lambda p: (p[0], -p[1].parts[0][0]))[1]]
    # --- prepositional / adverbial cues: laut X, X zufolge, nach Angaben von X, so X --------------------------
    found = phrase_frame(sent, lexicon, covered, used_cues)
    if found is None and fragments:
        found = fragment_frame(sent, lexicon, covered, used_cues, fragments)
    return [found] if found is not None else []


def find(doc: Doc, context: Context) -> list[Candidate]:
    """Per sentence of the body: the best verb frame, else a phrase frame, else a cue verb with a quoted fragment;
    a reading with quoted words inside is a mixed quotation."""
    out: list[Candidate] = []
    for sent in doc.sents:
        if sent.end_char <= context.floor:
            continue
        for f in indirect_in_sentence(sent, context.lexicon, context.covered, context.used_cues, context.fragments):
            inner = context.regions.within(f.parts[0][0], f.parts[-1][1])
            if inner:
                f.kind = "mixed"
                f.nested = inner
            out.append(f)
    return out
