"""Strategy: indirect and mixed quotations, sentence by sentence — the most reliable reading of a cue verb
(:mod:`.verb_frame`), else a phrase cue (:mod:`.phrase_frame`), else a verb with a quoted fragment
(:mod:`.fragment`)."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from .candidate import CLOSING_SLACK, Candidate, any_inside, inside
from .context import Context
from .fragment import fragment_frame
from .phrase_frame import phrase_frame
from .verb_frame import verb_frames


def indirect_in_sentence(sent: Span, context: Context) -> list[Candidate]:
    lexicon, covered, used_cues, fragments = context.lexicon, context.covered, context.used_cues, context.fragments
    taken = any_inside(sent, covered)  # (most sentences hold no direct quotation: no token to look up)
    tokens = [t for t in sent if not (taken and inside(t.idx, covered)) and t.i not in used_cues]
    if not tokens:
        return []
    # --- verb cues: every cue verb proposes a reading; the most reliable one wins ----------------------------
    proposals: list[tuple[float, Candidate]] = []
    for tok in tokens:
        cue = context.verb_cues.of(tok)
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
        for f in indirect_in_sentence(sent, context):
            inner = context.regions.within(f.parts[0][0], f.parts[-1][1] + CLOSING_SLACK)
            if inner:
                f.kind = "mixed"
                f.nested = inner
            out.append(f)
    return out
