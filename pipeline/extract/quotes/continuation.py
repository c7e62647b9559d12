"""Strategy: frame-less Konjunktiv (or reportative "soll") sentences after a report continue it with the same
speaker ("Er sagte, … . Die Lage sei ernst."); consecutive ones form one quotation. Konjunktiv I is the mark of
reported speech in German news."""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from ...lang.de.verbs import (
    finite_or_konjunktiv,
    is_finite,
    looks_konjunktiv_1,
    looks_konjunktiv_2,
    subject_of,
)
from ...lang.de.words import (
    CONDITIONAL_SUBORDINATORS,
    NOT_SPEAKERS,
    REPORTING_KONJUNKTIV_2,
)
from ...model.labels import dep_role as _roles
from ...model.labels import is_subjunctive
from ...types import Method
from ..syntax import noun_phrase
from .candidate import Candidate, any_inside, inside
from .context import Context
from .cue import VerbCues
from .mention import speaker_like, speaker_or_source, valid_speaker
from .speaker import salient_subject, speaker_near_verb
from .text import span_chars, strip_final_punct


def _konj1(tok: Token) -> bool:
    """Konjunktiv I proper ("sei", "habe", "könne"), not the Konjunktiv II forms ("könnte", "würde", "hätte")."""
    return looks_konjunktiv_1(tok) and not looks_konjunktiv_2(tok)





def _reportative(sent: Span) -> bool:
    """Konjunktiv, or reportative "sollen" with a perfect infinitive ("soll … getötet haben"), of a finite verb (or
    a Konjunktiv form). The form of a word is tested before its finiteness, which costs five times as much."""
    tokens = list(sent)
    if any(_konj1(t) and finite_or_konjunktiv(t) for t in tokens):
        return True
    # Konjunktiv II stands in for Konjunktiv I where that equals the indicative ("sie hätten", "sie würden");
    # "könnte"/"müsste"/"dürfte" are as often the writer's own modality
    if any((is_subjunctive(t) or looks_konjunktiv_2(t)) and finite_or_konjunktiv(t) for t in tokens
           if t.lower_ in REPORTING_KONJUNKTIV_2):
        return True
    has_soll = any(t.lower_ in ("soll", "sollen") and finite_or_konjunktiv(t) for t in tokens)
    return has_soll and any(t.lower_ in ("haben", "sein", "worden") for t in tokens)


def _cue_context(sent: Span, cues: VerbCues, covered: list[tuple[int, int]]) -> Span | None:
    """The speaker of a sentence that reports a speech act without quoting ("Die Regierung warnt vor …")."""
    for tok in sent:
        if inside(tok.idx, covered):
            continue
        cue = cues.of(tok)
        if cue is None or cue.type != "verb":
            continue
        subj = subject_of(tok)
        if subj is not None and sent.start <= subj.i < sent.end and subj.lower_ not in NOT_SPEAKERS \
                and valid_speaker(noun_phrase(subj, sent)) is not None and speaker_or_source(subj, cues.lexicon):
            return noun_phrase(subj, sent)
        if subj is None:  # the parser missed the subject: "Insgesamt spricht die Polizei von …"
            speaker = speaker_near_verb(tok, sent)
            if speaker is not None and speaker_like(speaker.root):
                return speaker
    return None


def _owners_by_sentence(sents: list[Span], found: list[Candidate]) -> list[list[Candidate]]:
    """For each sentence of ``sents``, the quotations of ``found`` (in their order) that start in it or belong to
    it: ``[f for f in found if sent.start_char <= f.parts[0][0] < sent.end_char or f.sent.start == sent.start]``,
    computed in one pass over ``found`` instead of one per sentence."""
    starts = [s.start_char for s in sents]
    by_token = {s.start: n for n, s in enumerate(sents)}
    owners: list[list[Candidate]] = [[] for _ in sents]
    for f in found:
        k = bisect.bisect_right(starts, f.parts[0][0]) - 1
        mine = {k} if k >= 0 and f.parts[0][0] < sents[k].end_char else set()
        if f.sent.start in by_token:
            mine.add(by_token[f.sent.start])
        for n in sorted(mine):
            owners[n].append(f)
    return owners


# a direct quotation without a frame of its own (a quoted part of the sentence, a quote run)
_RUN_ON = (Method.UNFRAMED, Method.PREVIOUS, Method.SAME_SENTENCE)


def continuations(doc: Doc, sents: list[Span], found: list[Candidate], cues: VerbCues,
                   covered: list[tuple[int, int]], reach: int) -> list[Candidate]:
    """Frame-less Konjunktiv (or reportative "soll") sentences right after a quotation or a reported speech act
    continue it with the same speaker; consecutive ones form one quotation."""
    out: list[Candidate] = []
    context: Span | None = None
    context_at = -99  # index of the sentence that set the context
    active = False
    last_was_continuation = False
    salient: Span | None = None  # the speaker-like subject of the last sentence without a report
    salient_at = -99
    loose = getattr(covered, "loose", ())
    owners_of = _owners_by_sentence(sents, found)
    text = doc.text  # (a sentence's text, read from the Doc's: Span.text joins its tokens anew)
    for n, sent in enumerate(sents):
        owners = owners_of[n]
        quoted_parts = owners and all(f.kind == "direct" and f.method in _RUN_ON and
                                      all((a - 1, b + 1) in loose for a, b in f.parts) for f in owners)
        if quoted_parts and _reportative(sent) and active:
            # "Damit seien „der Kurs und die Berechenbarkeit der SPD nicht mehr so klar“.": a Konjunktiv sentence
            # that quotes a phrase goes on with the report around it
            owners = []
        if owners:
            if owners[-1].speaker is not None:
                context, context_at = owners[-1].speaker, n
            active, last_was_continuation = True, False
            continue
        if any_inside(sent, covered) and not quoted_parts:
            active = False  # a direct quotation without a frame of its own ends the run
            continue
        speaker = _cue_context(sent, cues, covered)
        if speaker is not None and active and context is not None and \
                (speaker.root.pos_ == "PRON" and _konjunktiv_1_main(sent) or reports_in_konjunktiv(sent)):
            # "Er wisse auch nicht, was …", "Erst vor Tagen hätten mehrere Organisationen gewarnt": the report's
            # speaker goes on in the Konjunktiv - the sentence is part of the report, not a new one
            speaker = None
        if speaker is not None:
            context, context_at, active, last_was_continuation = speaker, n, True, False
            continue
        if text[sent.start_char : sent.end_char].rstrip().endswith("?") or not _reportative(sent):
            salient, salient_at = salient_subject(sent), n
            active, last_was_continuation = False, False
            continue
        confidence = 0.5
        speaker_here = context
        if salient is not None and salient_at == n - 1 and not last_was_continuation:
            # "Der Iran streitet dies ab. Sein Programm diene …": a report right after a sentence whose subject can
            # speak continues that subject
            context = speaker_here = salient
        if not active:
            # Konjunktiv I is the mark of reported speech in German news: a Konjunktiv I main clause a few
            # sentences after a speaker was named still reports that speaker, even after an indicative aside
            near = context is not None and n - context_at <= reach
            if not (near and (_konjunktiv_1_main(sent) or _reportative_sollen(sent)) or _konjunktiv_1_main(sent)):
                last_was_continuation = False
                continue
            confidence = 0.4
            speaker_here = context if near else None  # no speaker named near it: the fallback looks for one
        rng = span_chars(doc, *strip_final_punct(doc, sent.start_char, sent.end_char))
        if rng is None:
            continue
        if last_was_continuation and out:
            end = span_chars(doc, sent.start_char, sent.end_char)
            out[-1].parts[-1] = (out[-1].parts[-1][0], end[1] if end else rng[1])
        else:
            out.append(Candidate("indirect", [rng], None, context if active else speaker_here, confidence, sent,
                              Method.CONTINUATION))
        active = last_was_continuation = True
    return out







def reports_in_konjunktiv(sent: Span) -> bool:
    """A speech act reported in the Konjunktiv by its main clause ("Die Verbände hätten gewarnt", "Der Minister
    habe das bestritten"): the report of the speaker before, not of its subject; a question or a conditional is
    none."""
    if sent.text.rstrip().endswith("?"):
        return False
    for tok in sent:
        if tok.head.i == tok.i or "root" in _roles(tok):
            chain = [tok] + [c for c in tok.children if c.pos_ == "AUX"]
            if any((_konj1(t) or t.lower_ in REPORTING_KONJUNKTIV_2 and looks_konjunktiv_2(t)) and
                   finite_or_konjunktiv(t) for t in chain) and \
                    not any(c.lower_ in CONDITIONAL_SUBORDINATORS for c in tok.children):
                return True
    return False


def _reportative_sollen(sent: Span) -> bool:
    """Reportative "sollen" ("Drei Lagerhallen sollen abgebrannt sein", "Der Fahrer soll befragt werden"):
    present-tense soll/sollen as the finite verb of the main clause."""
    return any(t.lower_ in ("soll", "sollen") and is_finite(t) for t in sent) and \
        not any(t.lower_ in CONDITIONAL_SUBORDINATORS for t in sent[:2])


def _konjunktiv_1_main(sent: Span) -> bool:
    """A finite verb of the sentence's main clause in Konjunktiv I ("sei", "habe", "reiche"), not a question and
    not only inside a conditional or subordinate clause."""
    for tok in sent:
        if not _konj1(tok) or not finite_or_konjunktiv(tok):  # (the cheaper test first)
            continue
        # the verb (or, for an auxiliary, its main verb) must not be introduced by wenn/falls/ob/…
        if not any(c.lower_ in CONDITIONAL_SUBORDINATORS for c in tok.children) and \
                not any(c.lower_ in CONDITIONAL_SUBORDINATORS for c in tok.head.children if tok.head.i != tok.i):
            return True
    return False


def find(doc: Doc, context: Context) -> list[Candidate]:
    """Frame-less Konjunktiv sentences that go on with the report before them."""
    return continuations(doc, context.sents, context.found, context.verb_cues, context.covered,
                         context.settings.continuation_reach)
