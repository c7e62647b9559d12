"""Strategy: a sentence that reports a speech act without a content clause ("Die Polizei sprach von 800 Autos",
"Der Minister kündigte seinen Rücktritt an") is reported speech of its subject, for the mined speech-act verbs
(speech_acts_de.tsv, above the configured precision)."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ...lang.de.marks import closers, openers
from ...lang.de.verbs import subject_of
from ...lang.de.words import OBJECT_ARTICLES, SPEAKER_PRONOUNS
from ...model.labels import dep_role as _roles
from ...types import Method
from ..syntax import noun_phrase
from .anaphoric import points_back
from .candidate import Candidate, any_inside
from .context import Context
from .continuation import reports_in_konjunktiv
from .cue import VerbCues, act_verb, lacks_object, other_sense
from .mention import speaker_like, speaker_or_source, valid_speaker
from .speaker import passive_agent, speaker_near_verb
from .text import span_chars, strip_final_punct


def reported_acts(doc: Doc, sents: list[Span], found: list[Candidate], cues: VerbCues,
                   covered: list[tuple[int, int]], acts: frozenset[str] | None) -> list[Candidate]:
    """A sentence that reports a speech act without a content clause ("Die Polizei sprach von 800 Autos",
    "Sie bezeichnete die Lösung als Irrweg", "Der Minister kündigte seinen Rücktritt an") is reported speech
    of its subject: the whole sentence is the (indirect) quotation, the subject its speaker."""
    lexicon = cues.lexicon
    owned = {f.sent.start for f in found}
    for f in found:
        first = doc.char_span(*f.parts[0], alignment_mode="expand")
        if first:
            owned.add(first[0].sent.start)
    out = []
    text = doc.text  # (a sentence's text, read from the Doc's: Span.text joins its tokens anew)
    for n, sent in enumerate(sents):
        if sent.start in owned or any_inside(sent, covered) or \
                text[sent.start_char : sent.end_char].rstrip().endswith("?"):
            continue
        if points_back(sent, lexicon):
            continue  # "Dies berichtete die dpa.": the frame of the sentence before it, not a report of its own
        if n > 0 and sents[n - 1].start in owned and reports_in_konjunktiv(sent):
            continue  # "…, so die Abgeordnete. Erst vor Tagen hätten Verbände gewarnt.": her report goes on
        cue_tok = speaker = entry = None
        for tok in sent:
            if tok.pos_ not in ("VERB", "AUX"):
                continue
            name = act_verb(tok, cues)
            if name is None:
                continue
            if acts is not None and name not in acts:
                continue  # not a verb that reports speech by itself (speech_acts_de.tsv)
            if lacks_object(name, sent):
                continue  # "Die Polizei verwies an die Staatsanwältin": not "verwies auf …"
            if other_sense(name, tok):
                continue  # "Der Taifun forderte zwölf Todesopfer": no speech
            if not (tok.head.i == tok.i or "root" in _roles(tok)):
                continue  # a speech verb of a relative or adverbial clause does not make the sentence a report
            subj = subject_of(tok)
            if subj is not None and any(c.lower_ in OBJECT_ARTICLES for c in subj.children if c.i < subj.i):
                subj = None  # "Den 35-jährigen Piloten erwartet eine Anklage": an object the parser took for the subject
            if subj is not None and sent.start <= subj.i < sent.end and speaker_or_source(subj, lexicon) \
                    and valid_speaker(noun_phrase(subj, sent)):
                cue_tok, speaker, entry = tok, noun_phrase(subj, sent), name
                break
            agent = passive_agent(tok, sent)
            if agent is not None:
                # "Die Forderungen wurden von Bundesverkehrsminister Stolpe als unrealistisch bezeichnet"
                cue_tok, speaker, entry = tok, agent, name
                break
            near = speaker_near_verb(tok, sent) if subj is None or not speaker_like(subj) else None
            if near is not None and speaker_like(near.root) and near.root.lower_ not in SPEAKER_PRONOUNS | {"ich"} \
                    and near[0].lower_ not in OBJECT_ARTICLES:
                # the parser missed the subject ("Greenpeace fordert die Vernichtung …" parsed with
                # "Vernichtung" as subject): the noun phrase of the sentence that can speak
                cue_tok, speaker, entry = tok, near, name
                break
        if cue_tok is None or len(sent) < 4:
            continue
        said = _said_after_colon(doc, sents, n, covered)
        if said is not None:
            owned.add(said.start)  # its content: no report of its own
        target = said if said is not None else sent
        rng = span_chars(doc, *strip_final_punct(doc, target.start_char, target.end_char))
        if rng is None:
            continue
        found_act = Candidate("indirect", [rng], doc[cue_tok.i : cue_tok.i + 1], speaker,
                              0.45 if said is None else 0.7, target, Method.REPORTED)
        found_act.cue_entry = entry
        out.append(found_act)
    return out


def _said_after_colon(doc: Doc, sents: list[Span], n: int, covered: list[tuple[int, int]]) -> Span | None:
    """The sentence after a report that ends in a colon, in the same paragraph and without quotation marks of its
    own: what was said ("…, sagt die Abgeordnete X, selbst Ziel von Hetze: Das Gesetz geht am Ziel vorbei.")."""
    sent = sents[n]
    if n + 1 >= len(sents) or not doc.text[sent.start_char : sent.end_char].rstrip().endswith(":"):
        return None
    nxt = sents[n + 1]
    said = doc.text[nxt.start_char : nxt.end_char].strip()
    if "\n" in doc.text[sent.end_char : nxt.start_char] or any_inside(nxt, covered) or len(nxt) < 3 or \
            said.endswith("?") or said[:1] in openers() | closers():
        return None  # (a quotation in marks the pairing left alone, "'Wir brauchen …'", is not this construction)
    return nxt


def find(doc: Doc, context: Context) -> list[Candidate]:
    """A sentence that reports a speech act of its subject without a content clause."""
    return reported_acts(doc, context.sents, context.found, context.verb_cues, context.covered,
                         context.settings.speech_acts)
