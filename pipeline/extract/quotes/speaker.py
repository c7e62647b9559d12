"""The speaker mention of a frame: the subject of the cue verb, corrected where the parse is unreliable (dative
and genitive nouns, inverted subjects, shared subjects of coordinated verbs, the one quoted with "zitieren", the
von-agent of a passive, the source of "heißt es in …")."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...lang.de.verbs import (
    clause_is_subjunctive,
    is_finite,
    is_verbal,
    subject_of,
    verb_chain,
)
from ...lang.de.words import (
    NOT_SPEAKERS,
    OBJECT_ARTICLES,
    PASSIVE_AUXILIARIES,
    SPEAKER_PRONOUNS,
)
from ...model.labels import dep_role as _roles
from ...model.labels import entity_type
from ...resources import is_source_noun
from ...resources.cues import load_cues
from ..quote_marks import QuotedRegion
from ..syntax import noun_phrase, utterance_noun
from .cue import noun_cue, verb_cue
from .mention import speaker_like, valid_speaker
from .nounphrase import np_before, np_from


def _quoted_person(verb: Token, frame: Span) -> Span | None:
    """"Die Zeitung zitiert einen Augenzeugen mit den Worten: …" - with zitieren the speaker is the one quoted:
    the object, or the subject of the passive ("Der Minister wird mit den Worten zitiert")."""
    lemma = verb.lemma_.lower()
    if lemma != "zitieren" and not verb.lower_.startswith("zitier"):
        return None
    for node in verb_chain(verb):
        for child in node.children:
            roles = _roles(child)
            if ("object" in roles or "passive_subject" in roles) and child.pos_ in ("NOUN", "PROPN", "PRON") \
                    and frame.start <= child.i < frame.end:
                return valid_speaker(noun_phrase(child, frame))
    return None


def speaker_near_verb(verb: Token, frame: Span, sent: Span | None = None,
                       exclude: tuple[int, int] | None = None) -> Span | None:
    """Subject of the cue verb inside the frame, else the nearest nominative nominal of the frame (after the verb
    first: "sagte Putin", then before it: "Putin sagte")."""
    quoted = _quoted_person(verb, frame)
    if quoted is not None:
        return quoted
    cue = verb_cue(verb, load_cues())
    if cue is not None and cue.type == "impersonal":
        # "In dem Antrag heißt es wörtlich: …", "…, hieß es auf der Website": the text it stands in
        return source_pp(frame, impersonal=True) or _leading_source(frame)
    if is_passive(verb):
        # "Klien wurde vorgeworfen, …", "Es wird vermutet, dass …": the subject is the one spoken about; the
        # speaker is the von-agent, if one is named
        return (passive_agent(verb, frame.sent) or _leading_source(frame)) if len(frame) else None
    decided, speaker = _subject_speaker(verb, frame, sent, exclude)
    if decided:
        return speaker
    speaker = _nominative_near(verb, frame)
    return speaker if speaker is not None else _first_speaking_noun(verb, frame, exclude)


def _subject_speaker(verb: Token, frame: Span, sent: Span | None, exclude: tuple[int, int] | None
                     ) -> tuple[bool, Span | None]:
    """The cue verb's subject as the speaker, corrected where the parse is unreliable (a shared subject of
    coordinated verbs, the controller of an infinitive, a dative taken for the subject, an utterance noun, an
    inverted subject): ``(True, speaker)`` when that decides, ``(False, None)`` to search the frame."""
    subj = subject_of(verb)
    if subj is None and "conjunct" in _roles(verb) and verb.head.i != verb.i and verb.head.i < verb.i and \
            is_verbal(verb.head) and verb.i > 0 and verb.doc[verb.i - 1].lower_ in ("und", "sowie", "oder"):
        # "Die USA würden Maßnahmen ergreifen und forderte Pjöngjang auf, …": the second verb shares the first
        # one's subject; the noun after it is the addressee
        head = verb.head
        # "Er sagte, Europa brauche die Engländer, und fügte hinzu": a head in Konjunktiv is the report, the verb
        # shares the subject of the cue above it
        while clause_is_subjunctive(verb_chain(head)) and head.head.i != head.i and head.head.i < head.i and \
                is_verbal(head.head):
            head = head.head
        shared = subject_of(head)
        if shared is not None and speaker_like(shared) and shared.lower_ not in NOT_SPEAKERS:
            return True, noun_phrase(shared, shared.sent)
    if subj is None and verb.head.i != verb.i and is_verbal(verb.head) and \
            (verb.tag_ == "VVIZU" or any(c.tag_ == "PTKZU" for c in verb.children)):
        # "Der Sprecher beeilte sich, gegenüber Journalisten zu erklären, …": the infinitive's subject is the one of
        # the verb it depends on
        ctrl = subject_of(verb.head)
        if ctrl is not None and ctrl.lower_ not in NOT_SPEAKERS and speaker_like(ctrl):
            subj = ctrl
    if subj is not None and subj.morph.get("Case") and "Nom" not in subj.morph.get("Case") and subj.pos_ == "NOUN" \
            and ("Dat" in subj.morph.get("Case") or any(c.lower_ in OBJECT_ARTICLES for c in subj.children)):
        subj = None  # "Der Zeitung sagte Filep Karma": a dative the parser took for the subject
    if subj is not None and subj.pos_ == "NOUN" and utterance_noun(subj):
        # "Die Antwort des Ministers lautete": the one whose utterance it is; "Als Begründung gab er an": no one
        owner = next((c for c in subj.children if c.i > subj.i and c.pos_ in ("NOUN", "PROPN") and
                      ("genitive" in _roles(c) or c.dep_ in ("nmod", "ag", "pg")) and speaker_like(c)), None)
        if owner is not None and frame.start <= owner.i < frame.end:
            return True, valid_speaker(noun_phrase(owner, frame))
        subj = None
    if subj is not None and subj.i < verb.i and not speaker_like(subj) and not is_source_noun(subj.text):
        # "Sinngemäß hofft Musk", "Der Politik schlug er vor", "Als Gründe führt der Bericht an": the parser took
        # the first phrase for the subject; the speaker stands right after the finite verb
        inverted = _inverted_subject(verb, frame)
        if inverted is not None:
            return True, inverted
    if subj is not None and subj.lower_ not in ("es", "das", "dies", "man"):
        if frame.start <= subj.i < frame.end and valid_speaker(noun_phrase(subj, frame)):
            return True, noun_phrase(subj, frame)
        if sent is not None and sent.start <= subj.i < sent.end and not (exclude and exclude[0] <= subj.idx < exclude[1]) \
                and valid_speaker(noun_phrase(subj, sent)):
            return True, noun_phrase(subj, sent)
    return False, None


def _frame_scan(verb: Token, frame: Span) -> tuple[list[Token], list[Token]]:
    """The frame's tokens after the verb (in order) and before it (nearest first)."""
    after = list(frame[verb.i - frame.start + 1 :]) if frame.start <= verb.i < frame.end else []
    before = list(reversed(frame[: max(0, verb.i - frame.start)]))
    return after, before


def _nominative_near(verb: Token, frame: Span) -> Span | None:
    """The nearest nominative nominal that can speak: after the verb first ("sagte Putin"), then before it
    ("Putin sagte")."""
    after, before = _frame_scan(verb, frame)
    for tok in after + before:
        if _in_pp(tok):
            continue  # "gegenüber der „New York Times“", "in Berlin": an addressee or a place, not the speaker
        if tok.pos_ in ("PROPN", "NOUN", "PRON") and tok.lower_ not in NOT_SPEAKERS:
            if tok.pos_ == "PRON" and tok.lower_ not in SPEAKER_PRONOUNS:
                continue
            case = tok.morph.get("Case")
            # "äußerte Kirby", "gab der Minister an": right after the verb the case tags are unreliable
            right_after = bool(after) and tok.i >= after[0].i and \
                all(x.pos_ in ("DET", "ADJ") for x in tok.doc[after[0].i : tok.i])
            if (not case or "Nom" in case or right_after) and valid_speaker(noun_phrase(tok, frame)) and \
                    (speaker_like(tok) or is_source_noun(tok.text)):
                return noun_phrase(tok, frame)
    return None


def _first_speaking_noun(verb: Token, frame: Span, exclude: tuple[int, int] | None) -> Span | None:
    """The first noun phrase of the frame that can speak, whatever its case tag."""
    after, before = _frame_scan(verb, frame)
    # the case tags of the bundled model are often wrong ("hat eine Sprecherin[Acc] … mitgeteilt, dass …", "Wie der
    # Bundeswahlleiter[Gen] mitteilte"): a speech verb whose content is a clause rarely has another noun object,
    # so the first noun phrase of the frame that can speak is its subject, whatever its case tag says
    if exclude is not None or frame.start <= verb.i < frame.end:
        for tok in before[::-1] + after:
            if _in_pp(tok) or tok.lower_ in NOT_SPEAKERS or tok.pos_ == "PRON" or tok.i == verb.i:
                continue
            if tok.lower_ in ("dem", "den", "einem") or _after_dative(tok):
                continue
            if tok.pos_ in ("PROPN", "NOUN") and (speaker_like(tok) or is_source_noun(tok.text)) and \
                    not _genitive_attribute(tok):
                phrase = valid_speaker(noun_phrase(tok, frame))
                if phrase is not None:
                    return phrase
    return None


def _after_dative(tok: Token) -> bool:
    """The noun follows a dative article ("dem Sender", "einem Reporter"): an addressee."""
    k = tok.i - 1
    while k >= 0 and tok.doc[k].pos_ == "ADJ":
        k -= 1
    return k >= 0 and tok.doc[k].lower_ in ("dem", "einem")


def _genitive_attribute(tok: Token) -> bool:
    """The noun is a genitive or von-attribute of the noun before it ("eine Sprecherin des [Gerichts]")."""
    doc = tok.doc
    k = tok.i - 1
    while k >= 0 and doc[k].pos_ in ("ADJ", "NUM"):
        k -= 1
    if k < 1:
        return False
    return (doc[k].lower_ in ("des", "der", "eines", "einer", "von", "vom") and doc[k - 1].pos_ in ("NOUN", "PROPN")) \
        or (doc[k].pos_ in ("NOUN",) and k == tok.i - 1 and tok.pos_ == "NOUN")








def _inverted_subject(verb: Token, frame: Span) -> Span | None:
    """The speaker-like noun phrase right after a finite cue verb (or its auxiliary) in second position: "…
    hofft Musk …", "… verwies Steinbrück darauf …", "… hat die EU zugesagt"."""
    finite = verb if is_finite(verb) else next((t for t in verb_chain(verb) if is_finite(t) and t.i < verb.i), None)
    if finite is None:
        return None
    k = finite.i + 1
    while k < frame.end and frame.doc[k].pos_ in ("DET", "ADJ", "NUM"):
        k += 1
    if k >= frame.end:
        return None
    tok = frame.doc[k]
    case = tok.morph.get("Case")
    if case and "Nom" not in case and tok.pos_ != "PROPN" and tok.tag_ != "NE":
        return None  # a name ("verwies Steinbrück[NE:NOUN, Acc]") keeps its place whatever its case tag
    if tok.pos_ in ("PROPN", "NOUN", "PRON") and speaker_like(tok) and not _in_pp(tok):
        return valid_speaker(noun_phrase(tok, frame))
    return None


def _in_pp(tok: Token) -> bool:
    """The token belongs to a prepositional phrase: an adposition precedes it within its noun phrase."""
    doc = tok.doc
    k = tok.i - 1
    while k >= 0 and k >= tok.i - 5 and (doc[k].pos_ in ("DET", "ADJ", "NUM", "PROPN", "NOUN") or
                                           doc[k].text in ("„", "»", "\"")):
        k -= 1
    # "Wie der Minister … erklärte": the tagger takes "wie" for a preposition
    return k >= 0 and doc[k].pos_ == "ADP" and doc[k].lower_ not in ("laut", "wie")


def source_pp(frame: Span, impersonal: bool = False) -> Span | None:
    """"heißt es in dem Bericht", "verlautete aus EU-Kreisen": the source is the object of in/aus/von; of an
    impersonal cue also of bei/beim, when it names one who can speak ("Beim ADAC hieß es", not "bei der
    Pressekonferenz")."""
    preps = ("in", "im", "aus", "von", "vom", "auf") + (("bei", "beim") if impersonal else ())
    for i, tok in enumerate(frame):
        if tok.lower_ in preps and i + 1 < len(frame):
            np_ = np_from(frame, i + 1)
            if np_ is not None and tok.lower_ in ("bei", "beim") and not speaker_like(np_[-1]):
                continue
            if np_ is not None and np_[-1].pos_ in ("NOUN", "PROPN"):
                # the source is the whole phrase, preposition included ("aus Militärkreisen", "in dem Bericht")
                return np_
    return None


def _leading_source(frame: Span) -> Span | None:
    """"In der Vorabversion des Berichts, der … ins Netz gestellt wurde, heißt es, …", "In einer Presseerklärung,
    die … veröffentlicht wurde, wurde verkündet, …": a written source opening the sentence, before a relative
    clause that separates it from the frame."""
    if not len(frame):
        return None
    sent = frame.sent
    doc = frame.doc
    if frame.start <= sent.start + 1 or doc[frame.start - 1].text != "," or \
            doc[sent.start].lower_ not in ("in", "im", "auf", "aus"):
        return None
    comma = next((t.i for t in sent if t.text == ","), frame.start - 1)
    np_ = np_from(sent, 1) if comma > sent.start + 1 else None
    if np_ is None or np_.end > comma or not any(is_source_noun(w) or w in load_cues().sources()
                                                  for t in np_ if t.pos_ in ("NOUN", "PROPN")
                                                  for w in (t.text, t.lemma_, t.text.rstrip("s"))):
        return None
    return np_


def _subject_before(doc: Doc, sent: Span, until: int, accept) -> Span | None:
    """The first subject of the sentence before ``sent`` that ``accept(token, sentence)`` takes, as its noun
    phrase: in the same paragraph (no blank line up to ``until``) and not inside a quotation ("„Er hat viel
    bewegt“" names no speaker)."""
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    if "\n\n" in doc.text[prev.end_char : until]:
        return None
    for tok in prev:
        before = doc.text[prev.start_char : tok.idx]
        if sum(before.count(m) for m in "„»") > sum(before.count(m) for m in "“«"):
            continue
        if "subject" in _roles(tok) and accept(tok, prev):
            return noun_phrase(tok, prev)
    return None


def subject_antecedent(doc: Doc, pronoun: Token) -> Span | None:
    """A sentence-initial "Er"/"Sie" continues the subject of the sentence before (German news keeps its topic in
    subject position: "Putin sprach sich … aus und sicherte Kim Hilfe zu. Er bezeichnete …" -> Putin): that
    subject when it is a named person of the main clause."""
    return _subject_before(doc, pronoun.sent, pronoun.sent.start_char, lambda tok, prev: bool(tok.ent_type_) and
                           entity_type(tok.ent_type_) == "person" and tok.head.i == prev.root.i)


def previous_subject(doc: Doc, region: QuotedRegion) -> Span | None:
    """Nearest-candidate fallback inside the text: the subject of the sentence before a frame-less quotation,
    when it is a person-like mention (a name or er/sie)."""
    first = doc.char_span(region.open, region.open + 1, alignment_mode="expand")
    if first is None:
        return None
    return _subject_before(doc, first[0].sent, region.open,
                           lambda tok, prev: tok.pos_ == "PROPN" or tok.lower_ in SPEAKER_PRONOUNS)


def attributed_source(frame: Span) -> Span | None:
    """A source named in the frame itself with laut / zufolge / nach Angaben: "Heute bestätigte X laut Reuters,
    dass …", "Das Team kam der Meldung zufolge zu dem Schluss, dass …". The report rests on that source, so it is
    the speaker of the content (as in the German Wikinews quotation corpus)."""
    lexicon = load_cues()
    preps = {p for p in lexicon.prepositions() if " " not in p and p not in ("nach", "gemäß")}
    postps = lexicon.postpositions()
    sent = frame.sent if len(frame) else None
    if sent is None:
        return None
    for tok in frame:
        k = tok.i - sent.start
        if tok.lower_ in preps and tok.pos_ != "VERB" and tok.i + 1 < frame.end:
            np_ = np_from(sent, k + 1)
        elif tok.lower_ == "nach" and tok.i + 1 < frame.end:
            np_ = np_from(sent, k + 1)
            if np_ is not None and not any(noun_cue(t.text, lexicon) for t in np_ if t.pos_ in ("NOUN", "PROPN")):
                np_ = None
        elif tok.lower_ in postps and tok.i > frame.start:
            np_ = np_before(sent, k)
        else:
            continue
        if np_ is not None and frame.start <= np_.start and np_.end <= frame.end and \
                any(t.pos_ in ("NOUN", "PROPN") for t in np_):
            return np_
    return None





def is_passive(verb: Token) -> bool:
    """A participle with a form of werden in its verb chain ("wurde vorgeworfen", "wird vermutet", "war bekannt
    geworden"): a passive cue, whose subject does not speak."""
    low = verb.lower_
    participle = verb.tag_ == "VVPP" or "Part" in verb.morph.get("VerbForm") or \
        ("ge" in low[1:7] or low.startswith("ge")) and low.endswith(("t", "en")) and verb.tag_ != "VVFIN"
    if not participle or verb.tag_ == "VVFIN":
        return False
    if any(t is not verb and t.lower_ in PASSIVE_AUXILIARIES | {"geworden"} for t in verb_chain(verb)) or \
            any(t.lower_ == "geworden" for t in verb.doc[verb.i + 1 : verb.i + 2]):
        return True
    # the parser missed the auxiliary: a form of werden earlier in the same clause
    k = verb.i - 1
    sent_start = verb.sent.start
    while k >= sent_start and verb.doc[k].text not in (",", ";", ":") and not verb.doc[k].is_sent_start:
        if verb.doc[k].lower_ in PASSIVE_AUXILIARIES:
            return True
        k -= 1
    return k >= sent_start and verb.doc[k].lower_ in PASSIVE_AUXILIARIES


def passive_agent(verb: Token, sent: Span) -> Span | None:
    """The agent of a passive speech verb ("… wurde von X als … bezeichnet"): the speaker-like noun phrase after
    von/vom in the sentence, when a form of werden goes with the participle."""
    if not any(t.lower_ in PASSIVE_AUXILIARIES for t in sent) or is_finite(verb) and verb.lower_ not in PASSIVE_AUXILIARIES:
        return None
    for tok in sent:
        if tok.lower_ in ("von", "vom") and tok.i + 1 < sent.end and tok.i < verb.i:
            np_ = np_from(sent, tok.i + 1 - sent.start)
            if np_ is not None and speaker_like(np_.root) and valid_speaker(np_) is not None:
                return np_
    return None


def salient_subject(sent: Span) -> Span | None:
    """The subject of a sentence's main verb when it can speak: a person or organization, a role or institution
    noun ("Der Iran streitet dies ab.", "Die Haushaltspolitikerin …, Anja Hajduk, kritisierte die Pläne.")."""
    root = sent.root
    if not is_verbal(root):
        return None
    subj = subject_of(root)
    if subj is None or not sent.start <= subj.i < sent.end or subj.lower_ in NOT_SPEAKERS or subj.pos_ == "PRON":
        return None
    if not speaker_like(subj):
        return None
    return valid_speaker(noun_phrase(subj, sent))


def cue_subject_outside(sent: Span, lo: int, hi: int) -> Span | None:
    """The speaker-like subject of a cue verb in a quotation's sentence, outside the quotation (``lo``-``hi``)."""
    lexicon = load_cues()
    for tok in sent:
        if lo <= tok.idx < hi or verb_cue(tok, lexicon) is None or not is_verbal(tok):
            continue
        subj = subject_of(tok)
        if subj is not None and sent.start <= subj.i < sent.end and not lo <= subj.idx < hi and \
                speaker_like(subj):
            return valid_speaker(noun_phrase(subj, sent))
    return None
