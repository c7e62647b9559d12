"""Speakers for candidates that have none: the report of the same sentence, the quotation just before in the
paragraph (a quote run), else the nearest person or organization named before (a guess, with lower confidence)."""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

from ...model.labels import entity_type
from ...types import Method
from ..syntax import noun_phrase
from .candidate import Candidate
from .context import Context
from .mention import valid_speaker
from .speaker import cue_subject_outside, subject_antecedent


def inherit_speakers(doc: Doc, found: list[Candidate], reach: int) -> None:
    """A direct quotation without a speaker of its own takes the speaker of a report in the same sentence
    ("Aus Sicht des Experten X ermöglicht …, »…«"), else of the quotation just before it in the paragraph."""
    ordered = sorted(found, key=lambda f: f.parts[0][0])
    by_sent: dict[int, list[Candidate]] = {}  # the quotations of each sentence, in order (read when asked: speakers change)
    for g in ordered:
        by_sent.setdefault(g.sent.start, []).append(g)
    for k, f in enumerate(ordered):
        if f.kind != "direct" or f.speaker is not None or f.method not in (Method.UNFRAMED, Method.PREVIOUS):
            continue
        same = [g for g in by_sent[f.sent.start] if g is not f and g.speaker is not None]
        if same:
            f.speaker, f.method = same[0].speaker, Method.SAME_SENTENCE
            continue
        own = cue_subject_outside(f.sent, f.parts[0][0] - 1, f.parts[-1][1] + 1)
        if own is not None:
            # "Später sagte Bundeskanzlerin Merkel vor der Presse, Benedikt XVI. „ist und bleibt …“": the quotation
            # sits in the report of a speaker named in its own sentence
            f.speaker, f.method = own, Method.SAME_SENTENCE
            continue
        prev = next((ordered[j] for j in range(k - 1, -1, -1) if ordered[j].speaker is not None), None)
        if prev is not None and f.parts[0][0] - prev.parts[-1][1] < reach and \
                "\n" not in doc.text[prev.parts[-1][1] : f.parts[0][0]]:
            f.speaker, f.method = prev.speaker, Method.PREVIOUS




def nearest_named(doc: Doc, found: list[Candidate], window: int) -> None:
    """Nearest-candidate fallback for a quotation with no speaker yet: the closest person (else organization)
    named shortly before it in the same paragraph, as its full noun phrase ("der Vorsitzende des
    Innenausschusses, Sebastian Edathy (SPD)")."""
    ents = EntsByStart(e for e in doc.ents if entity_type(e.label_) in ("person", "organization"))
    if not ents:
        return
    body_start = doc._.body_start if doc.has_extension("body_start") else 0
    for f in found:
        if f.speaker is not None or f.unattributed:
            continue
        start = f.parts[0][0]
        floor = max(0, start - window)
        para = doc.text.rfind("\n\n", floor, start)
        floor = para if para != -1 else floor
        # the closest name before the quotation in its paragraph is the speaker mention; failing that, the
        # closest one anywhere before it is only a guess: it names the speaker but is not shown as the mention
        ent = _closest_entity_before(ents, floor, start, f.parts)
        if ent is not None:
            phrase = valid_speaker(noun_phrase(ent.root, ent.root.sent))
            f.speaker = phrase if phrase is not None and phrase.start <= ent.start < phrase.end else ent
            f.confidence = min(f.confidence, 0.4)
            continue
        ent = _closest_entity_before(ents, body_start, start, f.parts)
        if ent is None:  # nobody named before it: the first name after it
            ent = ents.first_from(f.parts[-1][1])
        if ent is not None:
            f.refers_to = ent
            f.confidence = min(f.confidence, 0.3)


class EntsByStart(list):
    """Entity spans indexed once by start character and by type (issue #13): the closest one before a quotation
    without a scan of all entities of the article per quotation. Never changed once made."""

    def __init__(self, ents=()) -> None:
        super().__init__(ents)
        self._order = sorted(range(len(self)), key=lambda k: (self[k].start_char, k))
        self._starts = [self[k].start_char for k in self._order]
        self._kinds: dict[str, tuple[list[int], list[int]]] = {}
        for k in self._order:
            order, starts = self._kinds.setdefault(entity_type(self[k].label_), ([], []))
            order.append(k)
            starts.append(self[k].start_char)

    def first_from(self, pos: int) -> Span | None:
        """``min((e for e in self if e.start_char >= pos), key=start_char)`` (the first in list order of a tie)."""
        j = bisect.bisect_left(self._starts, pos)
        return self[self._order[j]] if j < len(self._order) else None

    def closest_before(self, kind: str, lo: int, hi: int, parts) -> Span | None:
        """The entity of type ``kind`` with the greatest start in ``[lo, hi]`` that ends by ``hi`` and starts in
        none of ``parts`` (the first in list order of a tie), as :func:`_closest_entity_before` scans for."""
        order, starts = self._kinds.get(kind, ((), ()))
        j = bisect.bisect_right(starts, hi) - 1
        best = None
        while j >= 0 and starts[j] >= lo and (best is None or starts[j] == best.start_char):
            e = self[order[j]]
            if e.end_char <= hi and not any(a <= e.start_char < b for a, b in parts):
                best = e  # walking down (start, list position): a tie's first in list order comes last
            j -= 1
        return best


def _closest_entity_before(ents, lo: int, hi: int, parts) -> Span | None:
    if type(ents) is EntsByStart:  # a span starts before it ends: the index's walk finds what the scan finds
        for kind in ("person", "organization"):
            found = ents.closest_before(kind, lo, hi, parts)
            if found is not None:
                return found
        return None
    for kind in ("person", "organization"):
        cands = [e for e in ents if entity_type(e.label_) == kind and lo <= e.start_char and e.end_char <= hi
                 and not any(a <= e.start_char < b for a, b in parts)]
        if cands:
            return max(cands, key=lambda e: e.start_char)
    return None


def find_speakers(doc: Doc, context: Context) -> None:
    """Speakers for the candidates that have none: a report in the same sentence or the quotation before in the
    paragraph, then the nearest person or organization named before; a sentence-initial "Er"/"Sie" refers to
    the subject of the sentence before."""
    found = context.found
    inherit_speakers(doc, found, context.settings.run_reach)
    nearest_named(doc, found, context.settings.fallback_window)
    for f in found:
        if f.speaker is not None and f.refers_to is None and len(f.speaker) == 1 and \
                f.speaker[0].lower_ in ("er", "sie") and f.speaker[0].is_sent_start:
            f.refers_to = subject_antecedent(doc, f.speaker[0])
