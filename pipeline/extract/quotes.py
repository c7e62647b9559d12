"""Quotations in German news: direct, indirect and mixed, with their cue and speaker mention.

Pure functions over a parsed ``Doc``. Speaker *mentions* are found here (subject of the cue verb, object of
laut/zufolge/nach Angaben von, the noun phrase after "so"); :mod:`pipeline.resolve.speakers` turns mentions into
canonical names afterwards.

Conventions (documented in the README):
- ``content`` excludes quotation marks and the frame ("sagte Putin"). A quotation whose content is interrupted
  by its frame („Wir …“, sagte er, „werden …“) is ONE quotation with two content spans.
- Quoted fragments inside an indirect quotation make it ``mixed``; short quoted terms without a speech frame
  (scare quotes, titles) are not quotations.
- Konjunktiv sentences without a frame right after a quotation continue it (same speaker); consecutive
  continuation sentences form one quotation.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..resources.cues import Cue, CueLexicon, load_cues
from ..types import Method, Quotation, TextSpan
from .quote_marks import QuotedRegion, find_quoted_regions
from ..model.labels import dep_role as _roles, entity_type, is_subjunctive
from ..resources import (cue_forms, is_institution, is_source_noun, konjunktiv_forms, name_nouns, role_of,
                         speech_act_candidates, speech_act_objects, speech_acts)
from .syntax import clause_is_subjunctive, looks_konjunktiv_1, looks_konjunktiv_2, looks_subjunctive, is_finite, verb_chain, is_verbal, noun_phrase, particle_of, refine_mention, subject_of, utterance_noun

_TRIM = " \t\n\r,;:–—-"
_CLOSED_POS = {"DET", "ADP", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM", "PART", "SPACE", "INTJ", "AUX"}
_END_PUNCT = ".!?…"
_WORD = re.compile(r"\w+")
_SUBORDINATORS = {"dass", "daß", "ob", "wie", "wann", "warum", "weshalb", "wer", "was", "wo", "weil"}
_INFLECTION = ("test", "ten", "te", "tet", "st", "t", "en", "e")


@dataclass
class _Found:
    kind: str
    parts: list[tuple[int, int]]
    cue: Span | None
    speaker: Span | None
    confidence: float
    sent: Span
    via: str
    nested: list[QuotedRegion] = field(default_factory=list)
    refers_to: Span | None = None  # what the speaker mention stands for ("eigenen Angaben" -> the subject)
    cue_entry: str = ""  # the lexicon entry of the cue (reported speech acts)
    unattributed: bool = False  # the text leaves the speaker open ("Es wird vermutet, dass …"): no guess


# --------------------------------------------------------------------------------------------------------------
# cue detection


def _stem_lemmas(word: str) -> list[str]:
    """Infinitive guesses for a regular verb form ('sagte' -> 'sagen'), used when the model's lemma is off."""
    low = word.lower()
    guesses = []
    for suffix in _INFLECTION:
        if low.endswith(suffix) and len(low) - len(suffix) >= 2:
            guesses.append(low[: -len(suffix)] + "en")
            guesses.append(low[: -len(suffix)] + "n")
    return guesses


def verb_cue(token: Token, lexicon: CueLexicon) -> Cue | None:
    """The lexicon entry if ``token`` is a speech verb (particle verbs resolved: "teilte … mit")."""
    if not is_verbal(token):
        # a verb the tagger missed ("warnt" as ADV): any lower-case open-class word may be one
        if not token.is_lower or not token.is_alpha or token.pos_ in _CLOSED_POS:
            return None
    lemmas = [token.lemma_.lower(), token.lower_] + _stem_lemmas(token.text)
    listed = cue_forms().get(token.lower_)
    if listed:
        lemmas.insert(0, listed)
    particles = [particle_of(token)] if particle_of(token) else []
    # a particle the parser attached as a modifier ("bekannt gab": bekannt/ADJ advmod, "fest stellte")
    known = lexicon.particles()
    particles += [c.lower_ for c in token.children if c.lower_ in known and c.i > token.i - 3 and not list(c.children)
                  and c.lower_ not in particles]
    for lemma in lemmas:
        for particle in particles:
            cue = lexicon.verb_by_base_and_particle(lemma, particle)
            if cue is not None:
                return cue
        cue = lexicon.verb_by_lemma(lemma)
        if cue is not None and (not cue.particle or cue.particle and lemma.startswith(cue.particle)):
            return cue
    return _noun_frame_cue(token, lexicon)


_NOUN_CUE_ROLES = ("object", "subject", "modifier", "root")


def _noun_frame_cue(token: Token, lexicon: CueLexicon) -> Cue | None:
    """A support verb with a noun of saying: "vertrat den Standpunkt, …", "erhob den Vorwurf, …", "ist der Meinung,
    dass …", "kam zu dem Ergebnis, dass …". The pair is a weak cue: its content must be a dass-clause, a
    zu-infinitive or in Konjunktiv."""
    if not is_verbal(token):
        return None
    nouns = lexicon.nouns()
    candidates = [c for c in token.children if c.pos_ == "NOUN" and c.i > token.i - 6]
    if token.dep_ in ("cop",) or "auxiliary" in _roles(token):  # "ist der Meinung": the noun heads the clause
        candidates.append(token.head)
    for noun in candidates:
        if noun.pos_ != "NOUN":
            continue
        lemma = noun.lemma_ if noun.lemma_[:1].isupper() else noun.text
        # (a noun inside quotation marks is quoted, no frame: "eine Reaktion auf „die Frage …“ gewesen")
        if (lemma in nouns or noun.text in nouns) and not _within_marks(noun):
            return Cue(cue=f"{noun.text} {token.lower_}", type="noun-frame", base=token.lemma_.lower(), particle="",
                       strength="weak", train_count=0)
    return None


# --------------------------------------------------------------------------------------------------------------
# helpers over spans


def _within_marks(tok: Token) -> bool:
    """More quotation marks open than closed before the token in its sentence (straight marks alternate)."""
    depth = 0
    straight = 0
    for t in tok.doc[tok.sent.start : tok.i]:
        if t.text in ("„", "»", "‚", "›"):
            depth += 1
        elif t.text in ("“", "«", "‘", "‹", "”") and depth > 0:
            depth -= 1
        elif t.text == "\"":
            straight ^= 1
    return depth > 0 or straight == 1


def _span_chars(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Trim a character range to content (no surrounding spaces/commas/dashes), ``None`` if empty."""
    text = doc.text
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM + "".join("„“”\"»«›‹‚‘"):
        end -= 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if end - start < 2 or not _WORD.search(text[start:end]):
        return None
    return start, end


def _strip_final_punct(doc: Doc, start: int, end: int) -> tuple[int, int]:
    text = doc.text
    while end > start and (text[end - 1] in _END_PUNCT + _TRIM):
        end -= 1
    return start, end


def _finite(tok: Token) -> bool:
    """A finite verb; a Konjunktiv form is finite whatever the tagger says ("dass … im Einsatz seien" tagged
    VVIZU, "Starke Winde hätten …" tagged VAINF)."""
    return is_finite(tok) or is_verbal(tok) and (looks_konjunktiv_1(tok) or looks_konjunktiv_2(tok)) or \
        _listed_konjunktiv(tok)


def _listed_konjunktiv(tok: Token) -> bool:
    """A form of konjunktiv_de.txt ("gebe", "sei"): a finite verb whatever the tagger says ("es gebe Tote" with
    "gebe" tagged as an adjective)."""
    return tok.lower_ in konjunktiv_forms() and tok.pos_ not in ("NOUN", "PROPN")


def _has_finite_verb(span: Span) -> bool:
    return any(is_verbal(t) and _finite(t) or _listed_konjunktiv(t) for t in span)


def _n_words(text: str) -> int:
    return len(_WORD.findall(text))


def _tokens_between(doc: Doc, start_char: int, end_char: int) -> Span | None:
    return doc.char_span(start_char, end_char, alignment_mode="expand")


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


def _speaker_near_verb(verb: Token, frame: Span, sent: Span | None = None,
                       exclude: tuple[int, int] | None = None) -> Span | None:
    """Subject of the cue verb inside the frame, else the nearest nominative nominal of the frame (after the verb
    first: "sagte Putin", then before it: "Putin sagte")."""
    quoted = _quoted_person(verb, frame)
    if quoted is not None:
        return quoted
    cue = verb_cue(verb, load_cues())
    if cue is not None and cue.type == "impersonal":
        # "In dem Antrag heißt es wörtlich: …", "…, hieß es auf der Website": the text it stands in
        return _source_pp(frame) or _leading_source(frame)
    if _passive(verb):
        # "Klien wurde vorgeworfen, …", "Es wird vermutet, dass …": the subject is the one spoken about; the
        # speaker is the von-agent, if one is named
        return (_passive_agent(verb, frame.sent) or _leading_source(frame)) if len(frame) else None
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
        if shared is not None and _speaker_like(shared) and shared.lower_ not in _NOT_SPEAKERS:
            return noun_phrase(shared, shared.sent)
    if subj is None and verb.head.i != verb.i and is_verbal(verb.head) and \
            (verb.tag_ == "VVIZU" or any(c.tag_ == "PTKZU" for c in verb.children)):
        # "Der Sprecher beeilte sich, gegenüber Journalisten zu erklären, …": the infinitive's subject is the one of
        # the verb it depends on
        ctrl = subject_of(verb.head)
        if ctrl is not None and ctrl.lower_ not in _NOT_SPEAKERS and _speaker_like(ctrl):
            subj = ctrl
    if subj is not None and subj.morph.get("Case") and "Nom" not in subj.morph.get("Case") and subj.pos_ == "NOUN" \
            and ("Dat" in subj.morph.get("Case") or any(c.lower_ in _OBJECT_ARTICLES for c in subj.children)):
        subj = None  # "Der Zeitung sagte Filep Karma": a dative the parser took for the subject
    if subj is not None and subj.pos_ == "NOUN" and utterance_noun(subj):
        # "Die Antwort des Ministers lautete": the one whose utterance it is; "Als Begründung gab er an": no one
        owner = next((c for c in subj.children if c.i > subj.i and c.pos_ in ("NOUN", "PROPN") and
                      ("genitive" in _roles(c) or c.dep_ in ("nmod", "ag", "pg")) and _speaker_like(c)), None)
        if owner is not None and frame.start <= owner.i < frame.end:
            return valid_speaker(noun_phrase(owner, frame))
        subj = None
    if subj is not None and subj.i < verb.i and not _speaker_like(subj) and not is_source_noun(subj.text):
        # "Sinngemäß hofft Musk", "Der Politik schlug er vor", "Als Gründe führt der Bericht an": the parser took
        # the first phrase for the subject; the speaker stands right after the finite verb
        inverted = _inverted_subject(verb, frame)
        if inverted is not None:
            return inverted
    if subj is not None and subj.lower_ not in ("es", "das", "dies", "man"):
        if frame.start <= subj.i < frame.end and valid_speaker(noun_phrase(subj, frame)):
            return noun_phrase(subj, frame)
        if sent is not None and sent.start <= subj.i < sent.end and not (exclude and exclude[0] <= subj.idx < exclude[1]) \
                and valid_speaker(noun_phrase(subj, sent)):
            return noun_phrase(subj, sent)
    after = list(frame[verb.i - frame.start + 1 :]) if frame.start <= verb.i < frame.end else []
    before = list(reversed(frame[: max(0, verb.i - frame.start)]))
    for tok in after + before:
        if _in_pp(tok):
            continue  # "gegenüber der „New York Times“", "in Berlin": an addressee or a place, not the speaker
        if tok.pos_ in ("PROPN", "NOUN", "PRON") and tok.lower_ not in _NOT_SPEAKERS:
            if tok.pos_ == "PRON" and tok.lower_ not in _SPEAKER_PRONOUNS:
                continue
            case = tok.morph.get("Case")
            # "äußerte Kirby", "gab der Minister an": right after the verb the case tags are unreliable
            right_after = bool(after) and tok.i >= after[0].i and \
                all(x.pos_ in ("DET", "ADJ") for x in tok.doc[after[0].i : tok.i])
            if (not case or "Nom" in case or right_after) and valid_speaker(noun_phrase(tok, frame)) and \
                    (_speaker_like(tok) or is_source_noun(tok.text)):
                return noun_phrase(tok, frame)
    # the case tags of the bundled model are often wrong ("hat eine Sprecherin[Acc] … mitgeteilt, dass …", "Wie der
    # Bundeswahlleiter[Gen] mitteilte"): a speech verb whose content is a clause rarely has another noun object,
    # so the first noun phrase of the frame that can speak is its subject, whatever its case tag says
    if exclude is not None or frame.start <= verb.i < frame.end:
        for tok in before[::-1] + after:
            if _in_pp(tok) or tok.lower_ in _NOT_SPEAKERS or tok.pos_ == "PRON" or tok.i == verb.i:
                continue
            if tok.lower_ in ("dem", "den", "einem") or _after_dative(tok):
                continue
            if tok.pos_ in ("PROPN", "NOUN") and (_speaker_like(tok) or is_source_noun(tok.text)) and \
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


_NOT_SPEAKERS = {"es", "man", "das", "dies", "dem", "den"}
_OBJECT_ARTICLES = {"den", "dem", "einen", "einem"}  # a noun phrase they open is an object, not a subject


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
    if case and "Nom" not in case and tok.pos_ != "PROPN":
        return None
    if tok.pos_ in ("PROPN", "NOUN", "PRON") and _speaker_like(tok) and not _in_pp(tok):
        return valid_speaker(noun_phrase(tok, frame))
    return None


def _in_pp(tok: Token) -> bool:
    """The token belongs to a prepositional phrase: an adposition precedes it within its noun phrase."""
    doc = tok.doc
    k = tok.i - 1
    while k >= 0 and k >= tok.i - 5 and (doc[k].pos_ in ("DET", "ADJ", "NUM", "PROPN", "NOUN") or
                                           doc[k].text in ("„", "»", "\"")):
        k -= 1
    return k >= 0 and doc[k].pos_ == "ADP" and doc[k].lower_ not in ("laut",)


def _source_pp(frame: Span) -> Span | None:
    """"heißt es in dem Bericht", "verlautete aus EU-Kreisen": the source is the object of in/aus/von."""
    for i, tok in enumerate(frame):
        if tok.lower_ in ("in", "im", "aus", "von", "vom", "auf") and i + 1 < len(frame):
            np_ = _np_from(frame, i + 1)
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
    np_ = _np_from(sent, 1) if comma > sent.start + 1 else None
    if np_ is None or np_.end > comma or not any(is_source_noun(w) or w in load_cues().sources()
                                                  for t in np_ if t.pos_ in ("NOUN", "PROPN")
                                                  for w in (t.text, t.lemma_, t.text.rstrip("s"))):
        return None
    return np_


_SPEAKER_PRONOUNS = {"er", "sie", "ich", "wir", "ihr"}


# --------------------------------------------------------------------------------------------------------------
# direct quotations


def _is_quotation_like(text: str) -> bool:
    """Quoted text that reads like speech rather than a term, title or scare quote."""
    words = _n_words(text)
    stripped = text.strip()
    if words >= 6:
        return True
    if words >= 3 and stripped and stripped[-1] in _END_PUNCT + ",":
        return True
    return False


def _frame_before(doc: Doc, region: QuotedRegion, floor: int) -> Span | None:
    sent = doc.char_span(region.open, region.open + 1, alignment_mode="expand")
    if sent is None:
        return None
    s = sent[0].sent
    start = max(s.start_char, floor)
    if start >= region.open:
        return None
    return _tokens_between(doc, start, region.open)


def _frame_after(doc: Doc, region: QuotedRegion, ceiling: int) -> Span | None:
    pos = region.close + 1
    tok = doc.char_span(region.close, region.close + 1, alignment_mode="expand")
    if tok is None or pos >= len(doc.text):
        return None
    s = tok[0].sent
    end = s.end_char
    # the sentence may end right at the closing mark ("… Ende.“ Er sagte …"): then take the next sentence only
    # when it starts with a cue-like frame (handled by the caller through the lexicon)
    if end <= pos:
        nxt = doc[tok[-1].i + 1].sent if tok[-1].i + 1 < len(doc) else None
        if nxt is None:
            return None
        end = nxt.end_char
    end = min(end, ceiling)
    if end <= pos:
        return None
    return _tokens_between(doc, pos, end)


def _cue_in(span: Span | None, lexicon: CueLexicon, first_only: bool = False, last: bool = False) -> Token | None:
    """The cue verb of a frame: the first one, or with ``last`` the one nearest to a quotation after the frame
    ("Er sagte, Europa brauche die Engländer, und fügte hinzu: „…“")."""
    if span is None:
        return None
    for tok in (reversed(span) if last else span):
        if verb_cue(tok, lexicon) is not None:
            return tok
        if first_only and tok.is_alpha and tok.pos_ in ("VERB", "AUX"):
            return None
    return None


def _so_frame(frame: Span) -> tuple[Token | None, Span | None]:
    """„…“, so der Gewerkschaftsvorstand Uwe Foullong. / „…“, so Suttner weiter: "so" and the speaker after it."""
    words = [t for t in frame if not t.is_punct and not t.is_space]
    if len(words) < 2 or words[0].lower_ != "so":
        return None, None
    k = 1
    while k < len(words) - 1 and words[k].lower_ in ("etwa", "auch", "zumindest", "jedenfalls"):
        k += 1
    nxt = words[k]
    if not (nxt.pos_ in ("DET", "PROPN", "NOUN", "ADJ") or nxt.tag_ in ("NE", "NN") or nxt.lower_ in _SPEAKER_PRONOUNS):
        return None, None
    sent = nxt.sent
    speaker = _np_from(sent, nxt.i - sent.start)
    if speaker is None or valid_speaker(speaker) is None:
        return None, None
    return words[0], speaker


def _direct_quotes(doc: Doc, regions: list[QuotedRegion], lexicon: CueLexicon, floor: int) -> list[_Found]:
    top = [r for r in regions if r.depth == 0 and r.open >= floor]
    found: list[_Found] = []
    i = 0
    while i < len(top):
        region = top[i]
        parts = [(region.start, region.end)]
        content = doc.text[region.start:region.end]
        nxt_open = top[i + 1].open if i + 1 < len(top) else len(doc.text)
        prev_close = top[i - 1].close + 1 if i > 0 else floor
        before = _frame_before(doc, region, prev_close)
        after = _frame_after(doc, region, nxt_open)
        cue_tok = None
        speaker = None
        via = ""
        # „…“, sagte Putin (, „…“)
        if after is not None and after.text.lstrip()[:1] in (",", "") or after is not None and after[0].pos_ in ("VERB", "AUX"):
            head = after
            # the after-frame ends at the first sentence end
            for t in after:
                if t.text in _END_PUNCT and t.i > after.start:
                    head = doc[after.start : t.i]
                    break
            cue_tok = _cue_in(head, lexicon)
            if cue_tok is not None:
                speaker = _speaker_near_verb(cue_tok, head)
            else:
                cue_tok, speaker = _so_frame(head)  # „…“, so der Minister.
            if cue_tok is not None:
                via = "cue-after"
                # interrupted quotation: „Wir …“, sagte er, „werden …“
                if i + 1 < len(top) and head.end_char <= top[i + 1].open and \
                        doc.text[head.end_char:top[i + 1].open].strip() in ("", ","):
                    nxt = top[i + 1]
                    parts.append((nxt.start, nxt.end))
                    content += " " + doc.text[nxt.start:nxt.end]
                    i += 1
        if cue_tok is None and before is not None:
            text_before = before.text.rstrip()
            # "Er sagte, …, und fügte hinzu: „…“": before a colon, the cue nearest to the quotation introduces it
            cue_tok = _cue_in(before, lexicon, last=text_before.endswith(":"))
            embedded = len(before) > 0 and before[-1].pos_ in ("DET", "ADP", "ADJ", "NOUN", "PROPN") and \
                not text_before.endswith((":", ","))  # "sprach von einem „heiligen Kampf“": a fragment
            if cue_tok is not None and not embedded and (text_before.endswith((":", ",")) or
                                                         doc[cue_tok.i:before.end].text.strip()
                                                         and _n_words(doc[cue_tok.i:before.end].text) <= 6):
                speaker = _speaker_near_verb(cue_tok, before)
                via = "cue-before"
            elif text_before.endswith(":"):
                cue_tok = None
                # "Putin: „…“" or "Der Kremlsprecher zur Lage: „…“"
                for tok in before:
                    if tok.pos_ in ("PROPN", "NOUN") or tok.lower_ in ("er", "sie"):
                        speaker = noun_phrase(tok, before)
                        break
                via = "colon"
            else:
                cue_tok = None
        colon_before = before is not None and before.text.rstrip().endswith(":")
        if _name_in_marks(doc, region):
            i += 1  # "sagte zum „Algemeen Dagblad“", "Ein Sprecher der „Polizei von DeLand“": a name, not a quote
            continue
        if not via and not _is_quotation_like(content):
            i += 1
            continue
        if not via and before is None and found and found[-1].via != "" and \
                _same_paragraph(doc, found[-1].parts[-1][1], region.open):
            via = "previous"  # a quote run: the same speaker goes on
            speaker = found[-1].speaker
        if not via and speaker is None:
            s0 = doc.char_span(region.open, region.open + 1, alignment_mode="expand")
            own = _cue_subject_outside(s0[0].sent, region.open, region.close + 1) if s0 is not None else None
            speaker = own if own is not None else _previous_subject(doc, region)
        cue_span = None
        if cue_tok is not None:
            cue_span = doc[cue_tok.i : cue_tok.i + 1]
        elif via == "colon":
            colon_at = before.text.rstrip()
            idx = before.start_char + len(colon_at) - 1
            cue_span = doc.char_span(idx, idx + 1, alignment_mode="expand")
        confidence = {"cue-after": 0.9, "cue-before": 0.9, "colon": 0.8, "previous": 0.5}.get(via, 0.4)
        if not _is_quotation_like(content) and via in ("", "previous"):
            i += 1
            continue
        if _n_words(content) < 2 and not colon_before:
            i += 1
            continue
        # a quoted fragment inside a clause ("sagte die „bedingungslose Unterstützung“ zu") is not a direct
        # quotation: the indirect rules report the clause around it as mixed
        framed = colon_before or (before is not None and before.text.rstrip().endswith(",")) or \
            (after is not None and after.text.lstrip()[:1] in (",", ".", "!", "?", ""))
        if not _is_quotation_like(content) and not framed:
            i += 1
            continue
        sent = doc.char_span(region.open, region.open + 1, alignment_mode="expand")[0].sent
        open_speaker = speaker is None and cue_tok is not None and via in ("cue-after", "cue-before") and \
            (_passive(cue_tok) or getattr(verb_cue(cue_tok, lexicon), "type", "") == "impersonal")
        found.append(_Found("direct", parts, cue_span, speaker, confidence, sent, via, unattributed=open_speaker))
        i += 1
    return found


_RUN_REACH = 300  # characters: a frame-less quotation this close after another continues its speaker


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


def _subject_antecedent(doc: Doc, pronoun: Token) -> Span | None:
    """A sentence-initial "Er"/"Sie" continues the subject of the sentence before (German news keeps its topic in
    subject position: "Putin sprach sich … aus und sicherte Kim Hilfe zu. Er bezeichnete …" -> Putin): that
    subject when it is a named person of the main clause."""
    return _subject_before(doc, pronoun.sent, pronoun.sent.start_char, lambda tok, prev: bool(tok.ent_type_) and
                           entity_type(tok.ent_type_) == "person" and tok.head.i == prev.root.i)


def _previous_subject(doc: Doc, region: QuotedRegion) -> Span | None:
    """Nearest-candidate fallback inside the text: the subject of the sentence before a frame-less quotation,
    when it is a person-like mention (a name or er/sie)."""
    first = doc.char_span(region.open, region.open + 1, alignment_mode="expand")
    if first is None:
        return None
    return _subject_before(doc, first[0].sent, region.open,
                           lambda tok, prev: tok.pos_ == "PROPN" or tok.lower_ in _SPEAKER_PRONOUNS)


def _same_paragraph(doc: Doc, a: int, b: int) -> bool:
    return "\n" not in doc.text[a:b] or doc.text[a:b].count("\n") <= 2


# --------------------------------------------------------------------------------------------------------------
# indirect quotations


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    if type(spans) is _Covered:
        return spans.contains(pos)
    return any(s <= pos < e for s, e in spans)


def _indirect_in_sentence(sent: Span, lexicon: CueLexicon, covered: list[tuple[int, int]],
                          used_cues: set[int], fragments: list[QuotedRegion] | None = None) -> list[_Found]:
    doc = sent.doc
    tokens = [t for t in sent if not _inside(t.idx, covered) and t.i not in used_cues]
    if not tokens:
        return []
    # --- verb cues: every cue verb proposes a reading; the most reliable one wins ----------------------------
    proposals: list[tuple[float, _Found]] = []
    for tok in tokens:
        cue = verb_cue(tok, lexicon)
        if cue is None or cue.type not in ("verb", "impersonal", "noun-frame"):
            continue
        for found in _verb_frames(sent, tok, cue, covered):
            rank = found.confidence + (0.1 if cue.strength == "strong" else 0.0)
            proposals.append((rank, found))
    if proposals:
        return [max(proposals, key=lambda p: (p[0], -p[1].parts[0][0]))[1]]
    # --- prepositional / adverbial cues: laut X, X zufolge, nach Angaben von X, so X --------------------------
    found = _phrase_frame(sent, lexicon, covered, used_cues)
    if found is None and fragments:
        found = _fragment_frame(sent, lexicon, covered, used_cues, fragments)
    return [found] if found is not None else []


_NAME_PARTICLES = {"von", "der", "de", "des", "del", "di", "du", "la", "le", "van", "of", "the", "and", "for", "und",
                   "für", "am", "an", "auf", "im", "in", "zu", "zur", "zum"}


_NAME_LEADS = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "zum", "zur", "vom",
               "im", "beim", "am", "von", "bei", "laut", "mit", "gegenüber", "für"}


def _name_in_marks(doc: Doc, region: QuotedRegion) -> bool:
    """A short name in quotation marks after an article or preposition ("der „Polizei von DeLand“", "zum
    „Algemeen Dagblad“"): capitalized words, no verb - a newspaper, an organization, a title."""
    span = doc.char_span(region.start, region.end, alignment_mode="expand")
    if span is None or not len(span) or span.start < 2:
        return False
    words = [t for t in span if t.is_alpha]
    if not 1 <= len(words) <= 5 or any(t.pos_ in ("VERB", "AUX") and t.is_lower for t in span):
        return False
    if not all(t.text[:1].isupper() or t.lower_ in _NAME_PARTICLES for t in words) or \
            not words[0].text[:1].isupper() or any(t.text in ("!", "?", ".") for t in span):
        return False
    before = doc[span.start - 2]  # the token before the opening mark
    return before.pos_ in ("DET", "ADP") and before.is_lower or before.lower_ in _NAME_LEADS


def _quoted_name(doc: Doc, region: QuotedRegion) -> bool:
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


def _lacks_object(cue: str, sent: Span) -> bool:
    """A verb that speaks only with its prepositional object (speech_act_objects_de.tsv: verweisen auf, bestehen
    auf) without that preposition (or its da(r)- form) in the sentence."""
    needs = speech_act_objects().get(cue)
    return bool(needs) and not any(t.lower_ in needs for t in sent)


def _fragment_frame(sent: Span, lexicon: CueLexicon, covered: list[tuple[int, int]], used_cues: set[int],
                    fragments: list[QuotedRegion]) -> _Found | None:
    """A cue verb whose object holds a quoted fragment: "Kim sprach von einem „heiligen Kampf“",
    "bezeichnete die Beziehungen als »oberste Priorität«" -> mixed quotation (content: the verb's complement)."""
    doc = sent.doc
    inside = fragments.opening_in(sent.start_char, sent.end_char) if type(fragments) is _Regions else \
        [r for r in fragments if sent.start_char <= r.open < sent.end_char]
    if not inside:
        return None
    first = inside[0]
    for tok in sent:
        if tok.idx >= first.open:
            break
        if tok.i in used_cues or _inside(tok.idx, covered):
            continue
        cue = verb_cue(tok, lexicon)
        if cue is None or cue.type != "verb":
            continue
        if _lacks_object(cue.cue, sent):
            continue  # "Dieser bestehe aus „repressiven“ … Maßnahmen": not "bestehen auf"
        between = doc.text[tok.idx + len(tok.text) : first.open]
        if any(ch in between for ch in ".;:!?"):
            continue
        start = tok.i + 1
        speaker = _speaker_near_verb(tok, sent, sent, (first.open, sent.end_char))
        if speaker is not None and speaker.start == start:
            start = speaker.end
        end = sent.end
        while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in ("“", "«", "»", "\"", "‘", "‹", "›")
                               or "verb_particle" in _roles(doc[end - 1])):
            end -= 1
        if start >= end or doc[start].idx > first.open:
            continue
        rng = _span_chars(doc, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
        if rng is None:
            continue
        return _Found("mixed", [rng], doc[tok.i : tok.i + 1], speaker, 0.7, sent, "fragment")
    return None


_ZU_INFIX = re.compile(r"(?:ab|an|auf|aus|bei|bekannt|dar|durch|ein|fest|fern|fort|frei|her|heraus|herbei|hin|hinzu|"
                       r"los|mit|nach|nieder|offen|statt|teil|um|vor|voran|vorbei|weg|weiter|wieder|zurück|"
                       r"zusammen|zu|über|unter)zu[a-zäöüß]{3,}e?n")


def _zu_infinitive(content: Span) -> bool:
    """The content ends in a zu-infinitive: "… zu prüfen", "… auszusetzen"."""
    verbs = [t for t in content if is_verbal(t) and (not is_finite(t) or _ZU_INFIX.fullmatch(t.lower_))]
    if not verbs:
        return False
    last = verbs[-1]
    if _ZU_INFIX.fullmatch(last.lower_):
        return True  # "niederzulegen", "voranzutreiben", whatever the tagger says
    if last.i > content.start and content.doc[last.i - 1].lower_ == "zu":
        return True
    return "zu" in last.lower_[2:-2] and last.tag_ == "VVIZU" or ("Inf" in last.morph.get("VerbForm")
                                                                 and "zu" in last.lower_[1:-3])


_ADVERBIAL_SUBORDINATORS = {"nachdem", "sodass", "bevor", "obwohl", "obgleich", "während", "wenn", "falls",
                            "sofern", "als", "indem", "damit", "seit", "seitdem", "bis", "wo", "wobei", "womit",
                            "wodurch", "worauf", "weshalb", "weswegen"}


def _content_ok(content: Span | None, cue: Cue, subjunctive_needed: bool, after_cue: bool = True) -> bool:
    if content is None or len(content) < 3:
        return False
    if after_cue and content[0].lower_ in _ADVERBIAL_SUBORDINATORS and not (
            len(content) > 1 and is_verbal(content[1]) and (is_finite(content[1]) or looks_subjunctive(content[1]))):
        # (but "erklärte, damit solle ein Machtvakuum vermieden werden": a finite verb right after it makes
        # "damit" an adverb of a main clause)
        return False  # "…, nachdem …", "…, sodass …": an adverbial clause is not what was said
    if after_cue and is_verbal(content[0]) and is_finite(content[0]) and not _zu_infinitive(content):
        return False  # "bestätigten den Zwischenfall, teilten jedoch mit, …": a second predicate, not a clause
    if after_cue and (content[0].lower_ in ("um", "sondern") and not (
            len(content) > 1 and is_verbal(content[1]) and _finite(content[1])) or
            content[0].lower_ in ("da", "weil", "denn", "doch", "aber") and not clause_is_subjunctive(content)):
        # "…, um eine Eskalation zu vermeiden", "…, da dieser seinen Rückzug angekündigt hatte": a purpose or a
        # reason in the indicative is the writer's, not what was said (in Konjunktiv it is the speaker's reason)
        return False
    if after_cue and _relative_clause(content):
        return False  # "berichtete über einen Vorfall, der …": a relative clause says what a noun is, not what was said
    if not _has_finite_verb(content) and content[0].lower_ not in _SUBORDINATORS:
        # "zu"-infinitive complements ("kündigte an, … zu prüfen", "forderte sie auf, … auszusetzen") are
        # reported content too, whatever the cue's strength; purpose clauses ("um … zu") are not
        if content[0].lower_ in ("um", "ohne", "statt", "anstatt") or not _zu_infinitive(content):
            return False
        return True
    if content[0].lower_ in ("dass", "daß", "ob"):
        return True
    if subjunctive_needed or cue.strength == "weak":
        return clause_is_subjunctive(content)
    return True


def _content_range(doc: Doc, start: int, end: int, covered: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The character range of a content clause: without final punctuation, aligned to tokens and cut before a
    direct quotation already found."""
    rng = _span_chars(doc, *_strip_final_punct(doc, start, end))
    return _cut_at_quotes(doc, rng, covered) if rng is not None else None


class _Covered(list):
    """The character ranges of the direct quotations found (with their marks); ``loose``: those without a frame
    of their own inside a sentence, which a report's content may run through. Never changed once made: it keeps
    the union of its ranges as sorted disjoint intervals, so :func:`_inside` asks it in O(log n) instead of
    scanning every quotation of the article for every token."""
    loose: set[tuple[int, int]] = set()

    def __init__(self, ranges=()) -> None:
        super().__init__(ranges)
        self._index()

    def _index(self) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for s, e in sorted(r for r in self if r[0] < r[1]):
            if ends and s <= ends[-1]:
                ends[-1] = max(ends[-1], e)
            else:
                starts.append(s)
                ends.append(e)
        self._starts, self._ends, self._indexed = starts, ends, len(self)
        # every range as it is (not merged), by start: for the range queries below
        self._by_start = sorted(range(len(self)), key=lambda k: self[k][0])
        self._raw_starts = [self[k][0] for k in self._by_start]
        self._longest = max((e - s for s, e in self), default=0)

    def contains(self, pos: int) -> bool:
        """``any(s <= pos < e for s, e in self)``."""
        if self._indexed != len(self):  # appended to after all (the rules never do): index again
            self._index()
        k = bisect.bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self._ends[k]

    def starting_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """``[(s, e) for s, e in self if lo <= s < hi]``, in list order."""
        if self._indexed != len(self):
            self._index()
        a, b = bisect.bisect_left(self._raw_starts, lo), bisect.bisect_left(self._raw_starts, hi)
        return [self[k] for k in sorted(self._by_start[a:b])]

    def overlapping(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """``[(s, e) for s, e in self if s < hi and lo < e]``, in list order (a range ends at most ``_longest``
        after its start)."""
        return [(s, e) for s, e in self.starting_in(lo - self._longest, hi) if lo < e]


class _Regions(list):
    """Quoted regions (:func:`find_quoted_regions`) indexed once by the offsets of their marks, so the rules ask
    for the regions of a range instead of scanning every region of the article per quotation (issue #13). The
    queries answer exactly what the scans answered, in list order. Never changed once made."""

    def __init__(self, regions=()) -> None:
        super().__init__(regions)
        self._by_open = sorted(range(len(self)), key=lambda k: self[k].open)
        self._opens = [self[k].open for k in self._by_open]
        self._by_close = sorted(range(len(self)), key=lambda k: self[k].close)
        self._closes = [self[k].close for k in self._by_close]
        self._ok = all(r.open <= r.close for r in self)
        self._paired: set[int] | None = None

    def _between(self, keys: list[int], order: list[int], lo: int, hi: int) -> list[int]:
        return order[bisect.bisect_left(keys, lo) : bisect.bisect_left(keys, hi)]

    def marked_in(self, lo: int, hi: int) -> set[int]:
        """The list positions of the regions with a mark (open or close) in ``[lo, hi)``."""
        return set(self._between(self._opens, self._by_open, lo, hi)) | \
            set(self._between(self._closes, self._by_close, lo, hi))

    def opening_in(self, lo: int, hi: int) -> list[QuotedRegion]:
        """``[r for r in self if lo <= r.open < hi]``."""
        return [self[k] for k in sorted(self._between(self._opens, self._by_open, lo, hi))]

    def within(self, lo: int, hi: int) -> list[QuotedRegion]:
        """``[r for r in self if lo <= r.open and r.close <= hi]``."""
        if not self._ok:
            return [r for r in self if lo <= r.open and r.close <= hi]
        return [r for r in self.opening_in(lo, hi + 1) if r.close <= hi]

    def paired(self) -> set[int]:
        """The offsets of all marks: ``{r.open for r in self} | {r.close for r in self}``."""
        if self._paired is None:
            self._paired = {r.open for r in self} | {r.close for r in self}
        return self._paired


def _regions_touching(regions: _Regions, parts: list[tuple[int, int]]):
    """The regions that may have a mark inside one of ``parts``, in list order, while the caller changes
    ``parts`` between two of them: those with a mark in the hull of every state of the parts so far (the others
    have no mark inside a part when their turn comes, as a scan of all regions would find)."""
    lo, hi = min(s for s, _ in parts), max(e for _, e in parts)
    pending = sorted(regions.marked_in(lo, hi))
    seen = set(pending)
    while pending:
        k = pending.pop(0)
        yield regions[k]
        new_lo, new_hi = min(lo, min(s for s, _ in parts)), max(hi, max(e for _, e in parts))
        if (new_lo, new_hi) != (lo, hi):
            more = (regions.marked_in(new_lo, lo) | regions.marked_in(hi, new_hi)) - seen
            more = {j for j in more if j > k}
            seen |= more
            pending = sorted(set(pending) | more)
            lo, hi = new_lo, new_hi


def _starting_in(covered: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """The ranges of ``covered`` that start in ``[lo, hi)``, in list order."""
    if type(covered) is _Covered:
        return covered.starting_in(lo, hi)
    return [(s, e) for s, e in covered if lo <= s < hi]


def _cut_at_quotes(doc: Doc, rng: tuple[int, int], covered: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Keep content clear of direct quotations: stop before the first one inside the range."""
    start, end = rng
    loose = getattr(covered, "loose", ())
    # start only grows and end only shrinks: a range that does not overlap the first range never applies
    for c_start, c_end in (covered.overlapping(start, end) if type(covered) is _Covered else covered):
        if (c_start, c_end) in loose and c_start > start:
            continue
        if c_start <= start < c_end:
            start = c_end
        elif start < c_start < end:
            end = c_start
    return _span_chars(doc, start, end) if end > start else None


_FRAME_BREAK = (",", ":", ";", "–", "—")


def _segment_end(doc: Doc, start: int, end: int) -> int:
    """The token index of the first comma, semicolon or colon from ``start`` on, else ``end``."""
    return next((i for i in range(start, end) if doc[i].text in (",", ";", ":")), end)


def _clause_extent(doc: Doc, rng: tuple[int, int]) -> tuple[int, int]:
    """A complement clause that opens the content ends where its verb's subtree ends: "dass der Ehemann gesucht
    werde[, hatte dieser versucht, …]" keeps only the dass-clause. Cut only at a comma followed by a new clause in
    the indicative (a Konjunktiv clause or a zu-infinitive after the comma is still the report: "dass es die
    Entscheidung der Investoren sei, wie die Bebauung umgesetzt werde")."""
    content = _tokens_between(doc, *rng)
    if content is None or len(content) < 3 or content[0].lower_ not in _SUBORDINATORS:
        return rng
    head = content[0].head
    if head.i == content[0].i or not (content.start <= head.i < content.end) or not is_verbal(head):
        return rng
    edge = max(t.i for t in head.subtree if content.start <= t.i < content.end)
    nxt = edge + 1
    if nxt + 1 < content.end and doc[nxt].text == "," and \
            any(is_verbal(t) and is_finite(t) for t in doc[nxt + 1 : content.end]) and \
            doc[nxt + 1].lower_ not in ("und", "oder", "aber", "dass", "daß", "ob"):
        rest = doc[nxt + 1 : _segment_end(doc, nxt + 1, content.end)]
        if clause_is_subjunctive(rest) or _zu_infinitive(rest):
            return rng  # "…, wie die Bebauung umgesetzt werde", "…, bestimmte Techniken zu benutzen": still the report
        end = doc[edge].idx + len(doc[edge].text)
        return _strip_final_punct(doc, rng[0], end)
    return rng


_CLAUSE_LINKS = ("und", "sowie", "aber", "doch", "jedoch", "sondern", "während")


def _own_clause(doc: Doc, rng: tuple[int, int]) -> tuple[int, int]:
    """The report ends where the writer's own clause takes over: "…, Annabi sei tot[, doch UN-Sprecher Birnback
    erklärte, …]", "sie müssten ihre Zurückhaltung aufgeben [und bemühte hier das Bild …]" - a linked clause in the
    indicative that names a new speech act or goes on with the cue's subject (a finite verb right after the link)."""
    content = _tokens_between(doc, *rng)
    if content is None or len(content) < 4 or not clause_is_subjunctive(content):
        return rng
    lexicon = load_cues()
    for k in range(content.start + 2, content.end - 1):
        link = doc[k]
        if link.lower_ not in _CLAUSE_LINKS:
            continue
        rest = doc[k + 1 : _segment_end(doc, k + 1, content.end)]
        if not len(rest) or clause_is_subjunctive(rest) or _zu_infinitive(rest):
            continue
        finite = [t for t in rest if is_verbal(t) and is_finite(t)]
        if not finite:
            continue
        v1 = is_verbal(rest[0]) and is_finite(rest[0]) and link.lower_ in ("und", "sowie")
        new_report = any(verb_cue(t, lexicon) is not None for t in rest if is_verbal(t)) and \
            doc[k - 1].text == ","
        if v1 or new_report:
            end = k - 1 if doc[k - 1].text == "," else k
            return _strip_final_punct(doc, rng[0], doc[end - 1].idx + len(doc[end - 1].text))
    return rng


def _object_filled(verb: Token, frame: Span) -> bool:
    """The cue verb has its accusative object in the frame ("kündigt eine Zusammenarbeit an"): what follows the
    comma or colon is then not its complement."""
    for node in verb_chain(verb):
        for child in node.children:
            if "object" in _roles(child) and child.pos_ in ("NOUN", "PROPN") and frame.start <= child.i < frame.end \
                    and "Acc" in child.morph.get("Case"):
                return True
    return False


_RELATIVE_FORMS = {"der", "die", "das", "dem", "den", "denen", "deren", "dessen", "welcher", "welche", "welches",
                   "welchem", "welchen"}


def _relative_start(doc: Doc, i: int, sent: Span) -> bool:
    """A relative clause starts at token ``i``: "die …", "in dem sich …" (article-like forms followed by no noun)."""
    k = i + 1 if doc[i].pos_ == "ADP" else i
    if k >= sent.end or doc[k].lower_ not in _RELATIVE_FORMS and doc[k].tag_ not in ("PRELS", "PRELAT"):
        return False
    return doc[k].tag_ in ("PRELS", "PRELAT") or (k + 1 < sent.end and doc[k + 1].pos_ not in
                                                  ("NOUN", "PROPN", "ADJ", "NUM"))


def _relative_clause(content: Span) -> bool:
    """The content opens with a relative clause ("der heute vorgelegt wurde", "mit dem der Gründer …", "den
    Russland gegen den Westen führe"): a relative form, and its first finite verb closes the clause (verb-final;
    the main clauses "das sei falsch", "die Evaluierung habe ergeben" have it second). Tolerant of a
    tagger that calls the relative pronoun an article or the Konjunktiv a participle."""
    doc = content.doc
    k = content.start + 1 if content[0].pos_ == "ADP" else content.start
    if k >= content.end or doc[k].lower_ not in _RELATIVE_FORMS and doc[k].tag_ not in ("PRELS", "PRELAT"):
        return False
    end = next((t.i for t in content if t.text in _FRAME_BREAK), content.end)
    while end > k and doc[end - 1].is_punct:
        end -= 1
    finite = next((t for t in doc[k + 1 : end] if is_verbal(t) and (is_finite(t) or looks_konjunktiv_1(t))), None)
    # the finite verb last ("vorgelegt wurde"), not before the participle ("die Evaluierung habe ergeben")
    return finite is not None and finite.i == end - 1 and not _zu_infinitive(doc[k:end]) and \
        not ("zu" in finite.lower_[2:-3] and finite.lower_.endswith("en"))  # "voranzutreiben" tagged finite


def _attributed_source(frame: Span) -> Span | None:
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
            np_ = _np_from(sent, k + 1)
        elif tok.lower_ == "nach" and tok.i + 1 < frame.end:
            np_ = _np_from(sent, k + 1)
            if np_ is not None and not any(noun_cue(t.text, lexicon) for t in np_ if t.pos_ in ("NOUN", "PROPN")):
                np_ = None
        elif tok.lower_ in postps and tok.i > frame.start:
            np_ = _np_before(sent, k)
        else:
            continue
        if np_ is not None and frame.start <= np_.start and np_.end <= frame.end and \
                any(t.pos_ in ("NOUN", "PROPN") for t in np_):
            return np_
    return None


def _frame_bounds(sent: Span, verb: Token, covered: list[tuple[int, int]]) -> tuple[int, int]:
    """The token range of a cue verb's frame: the comma/colon-delimited stretch around the verb, widened over a
    wie-clause's apposition commas and over verbless segments between the cue and its content."""
    doc = sent.doc
    left = verb.i
    while left > sent.start and doc[left - 1].text not in _FRAME_BREAK and not _inside(doc[left - 1].idx, covered):
        left -= 1
    right = verb.i + 1
    while right < sent.end and doc[right].text not in _FRAME_BREAK and not _inside(doc[right].idx, covered):
        right += 1
    # "Wie der Direktor des Amtes, Smith Dharmmasaroj, mitteilte, …": a wie-clause may hold apposition commas
    if doc[left].lower_ != "wie" and right < sent.end and doc[right].text == ",":
        wie = next((t for t in reversed(doc[sent.start : verb.i]) if t.lower_ == "wie"), None)
        if wie is not None and (wie.i == sent.start or doc[wie.i - 1].text in (",", "–", "—")) and \
                not any(is_finite(t) and is_verbal(t) and t.i != verb.i for t in doc[wie.i : verb.i]):
            left = wie.i
    # "sagte der Koordinator, Deftalgne Tessema, gegenüber der BBC, dass …": verbless segments between the cue
    # and a dass/ob clause (appositions, addressees) belong to the frame, not to the content
    k = right
    named_at = None  # after a name apposition (", Mohammed el-Baradei,"), if nothing better follows
    while k < sent.end and doc[k].text == ",":
        seg_end = k + 1
        while seg_end < sent.end and doc[seg_end].text not in _FRAME_BREAK and not _inside(doc[seg_end].idx, covered):
            seg_end += 1
        segment = doc[k + 1 : seg_end]
        if not len(segment) or segment[0].lower_ in _SUBORDINATORS or segment[0].lower_ in _ADVERBIAL_SUBORDINATORS \
                or _has_finite_verb(segment) or _relative_start(doc, k + 1, sent) or \
                any(is_verbal(t) for t in segment) or seg_end - k > 12:
            break
        name_apposition = len(segment) <= 5 and all(t.pos_ == "PROPN" or t.tag_ == "NE" or t.text in ("-", ".")
                                                     for t in segment) and \
            (doc[k - 1].pos_ in ("NOUN", "PROPN") or doc[k - 1].text == ")") and verb.i < k
        k = seg_end
        if name_apposition and named_at is None and k + 1 < sent.end and doc[k].text == ",":
            named_at = k  # ", Mohammed el-Baradei, Nordkorea besitze …": the name after the role is its apposition
        if k + 1 < sent.end and doc[k].text == "," and doc[k + 1].lower_ in ("dass", "daß", "ob"):
            right = named_at = k
            break
    if named_at is not None:
        right = named_at
    return left, right


def _frame_candidates(sent: Span, verb: Token, frame: Span, covered: list[tuple[int, int]]
                      ) -> tuple[list[tuple[int, int, str, float]], tuple[int, int] | None]:
    """Where the content of a frame may stand, as (start, end, how, confidence): before it ("…, sagte X"),
    after it ("X sagte, …"), or around a wie-clause; plus the second piece of a content a wie-clause splits."""
    doc = sent.doc
    left, right = frame.start, frame.end
    first = doc[left]
    candidates: list[tuple[int, int, str, float]] = []
    rest = None
    if first.lower_ == "wie" and left < verb.i:
        before = (sent.start_char, frame.start_char)
        after = (frame.end_char, sent.end_char)
        best = max((before, after), key=lambda c: c[1] - c[0])
        candidates.append((*best, "wie", 0.75))
        other = before if best is after else after
        # "Zur Finanzierung bekomme das Unternehmen, wie es auf der Pressekonferenz hieß, 4,3 Millionen Euro":
        # a wie-clause inside the sentence splits the content in two
        rest = _content_range(doc, *other, covered) if _n_words(doc.text[other[0]:other[1]]) >= 2 else None
    else:
        # "…, sagte X." / "…, fügte Kim hinzu." / "…, so der Minister weiter": the cue leads the frame
        leads = verb.i == left or (verb.i == left + 1 and first.pos_ in ("ADV", "PART"))
        # "…, hatte Obama in Moskau gesagt": a finite auxiliary leads the frame, the cue participle closes it
        closes = is_finite(first) and first.pos_ == "AUX" and verb.i == right - 1 and right >= sent.end - 1
        if left > sent.start and doc[left - 1].text == "," and (leads or closes):
            candidates.append((sent.start_char, doc[left - 1].idx, "before", 0.8))
        # "X sagte, (dass) …" / "X sagte: …"
        if right < sent.end and doc[right].text in (",", ":"):
            candidates.append((doc[right].idx + 1, sent.end_char, "after", 0.75))
    return candidates, rest


def _verb_frames(sent: Span, verb: Token, cue: Cue, covered: list[tuple[int, int]]) -> list[_Found]:
    """Readings of one cue verb: content after the frame ("X sagte, …"), before it ("…, sagte X"), or around a
    wie-clause ("wie X mitteilte")."""
    doc = sent.doc
    left, right = _frame_bounds(sent, verb, covered)
    frame = doc[left:right]
    first = doc[left]
    if first.tag_ in ("PRELS", "PRELAT") or (first.pos_ == "ADP" and left + 1 < right and
                                              doc[left + 1].tag_ in ("PRELS", "PRELAT")):
        return []  # a cue verb in a relative clause ("Baptie, der die Stärke angegeben hatte, sagte …")
    candidates, rest = _frame_candidates(sent, verb, frame, covered)
    out = []
    for c_start, c_end, how, confidence in candidates:
        rng = _content_range(doc, c_start, c_end, covered)
        if rng is None:
            continue
        rng = _strip_final_punct(doc, *rng)
        if how == "after":
            rng = _own_clause(doc, _clause_extent(doc, rng))
            if _object_filled(verb, frame) and not doc.text[rng[0]:rng[1]].lower().startswith(("dass", "daß", "ob ")):
                tail = _tokens_between(doc, *rng)
                if tail is not None and not clause_is_subjunctive(tail) and not _zu_infinitive(tail):
                    continue  # "Putin kündigt eine verstärkte Zusammenarbeit an: Bei dem Treffen …" - not its content
        content = _tokens_between(doc, *rng)
        if not _content_ok(content, cue, how == "before" and cue.strength == "weak", after_cue=how == "after"):
            continue
        if how == "before" and not (clause_is_subjunctive(content) or cue.strength == "strong"):
            continue
        if how == "before":
            subj = subject_of(verb)
            if subj is not None and content.start <= subj.i < content.end and subj.pos_ != "PRON":
                continue  # "Baptie, der …, sagte, dass …": the speaker stands before the cue, the content after it
        speaker = _attributed_source(frame) or _speaker_near_verb(verb, frame, sent, rng) or _source_pp(frame)
        if clause_is_subjunctive(content) or content[0].lower_ in ("dass", "daß", "ob"):
            # the reported clause is marked as such: "In einer Videobotschaft, die … eingespielt wurde, sagte
            # Thaksin, man werde kämpfen" - the Konjunktiv after the cue, not the indicative before it
            confidence += 0.1
        parts = [rng]
        if how == "wie" and rest is not None:
            parts = sorted([rng, _strip_final_punct(doc, *rest)])
        if how == "before" and right + 1 < sent.end and doc[right].text == "," and _relative_start(doc, right + 1, sent):
            # "Man habe einen Pakt unterzeichnet, verkündete Putin, in dem sich …": the relative clause after the
            # frame belongs to the content before it
            tail = _span_chars(doc, *_strip_final_punct(doc, doc[right + 1].idx, sent.end_char))
            if tail is not None:
                parts.append(tail)
        out.append(_Found("indirect", parts, doc[verb.i : verb.i + 1], speaker, confidence, sent, f"verb-{how}",
                          unattributed=speaker is None and (_passive(verb) or cue.type == "impersonal")))
    return out


def noun_cue(word: str, lexicon: CueLexicon) -> bool:
    """After "nach": a noun of the "nach X" phrases or a source noun, inflected or compounded ("Angaben",
    "Behördenangaben", "Expertenmeinung", "Studie"); event nouns ("nach dem Urteil", "nach Abschluss") are not."""
    nouns = _nach_nouns(lexicon)
    low = word.lower()
    for cut in (0, 1, 2, 3):
        stem = low[: len(low) - cut] if cut else low
        if len(stem) < 4:
            break
        # singular and plural of the listed nouns ("Schätzung" / "Schätzungen", "Erkenntnis" / "Erkenntnissen")
        for form in (stem, stem + "en", stem + "n", stem + "sen"):
            if form in nouns or any(len(n) >= 5 and form.endswith(n) for n in nouns):
                return True
    return False


_NOUNS_CACHE: dict[int, frozenset[str]] = {}


def _nach_nouns(lexicon: CueLexicon) -> frozenset[str]:
    key = id(lexicon)
    if key not in _NOUNS_CACHE:
        words = {p[1] for p in _lower_phrases(lexicon) if len(p) == 2 and p[0] == "nach"}
        words |= {n.lower() for n in lexicon.sources()}
        _NOUNS_CACHE[key] = frozenset(words)
    return _NOUNS_CACHE[key]


def _phrase_frame(sent: Span, lexicon: CueLexicon, covered: list[tuple[int, int]],
                  used_cues: set[int] = frozenset()) -> _Found | None:
    """laut X / X zufolge / nach Angaben von X / nach X-Angaben / X's Meinung nach / so X / demnach / wonach."""
    doc = sent.doc
    # the frame of a direct quotation ("„…“, sagte Putin, als er laut Staatsfernsehen …", "„…“, wie X nach
    # Angaben von Y erklärte") already has its speaker: a phrase cue after the quotation belongs to that frame
    frame_after = min((e for _, e in _starting_in(covered, sent.start_char, sent.end_char)), default=None)
    if frame_after is not None and not any(t.i in used_cues for t in sent if t.idx >= frame_after):
        frame_after = None
    preps = {p for p in lexicon.prepositions() if " " not in p and p != "nach"}
    postps = lexicon.postpositions()
    adverbs = lexicon.adverbs()
    phrases = _lower_phrases(lexicon)
    toks = list(sent)
    for k, tok in enumerate(toks):
        if _inside(tok.idx, covered) or (frame_after is not None and tok.idx >= frame_after):
            continue
        low = tok.lower_
        cue_span = speaker = None
        content_override = None
        weak = False
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if low == "nach" and nxt is not None:
            np_ = _np_from(sent, k + 1)
            if np_ is not None and any(noun_cue(t.text, lexicon) for t in np_ if t.pos_ in ("NOUN", "PROPN")):
                cue_span, speaker = sent[k : k + 1], np_
            elif k > 0 and (nxt.pos_ in ("VERB", "AUX") or nxt.text == ","):
                # postposition: "seiner Meinung nach", "Expertenmeinung nach"
                np_ = _np_before(sent, k)
                if np_ is not None and noun_cue(np_[-1].text, lexicon):
                    cue_span, speaker = sent[k : k + 1], np_
        if cue_span is None:
            for phrase in phrases:
                n = len(phrase)
                if phrase[0] != "nach" and tuple(t.lower_ for t in toks[k : k + n]) == phrase:
                    cue_span = sent[k : k + n]
                    speaker = _np_from(sent, k + n)
                    break
        if cue_span is None and low in preps and nxt is not None and tok.pos_ != "VERB":
            cue_span, speaker = sent[k : k + 1], _np_from(sent, k + 1)
            weak = low in ("gemäß",)
        if cue_span is None and low in postps and k > 0:
            cue_span, speaker = sent[k : k + 1], _np_before(sent, k)
        if cue_span is None and low == "so" and k > 0 and toks[k - 1].text in (",", "–", "—", "(") and nxt is not None \
                and nxt.pos_ in ("DET", "PROPN", "NOUN", "PRON"):
            cue_span, speaker = sent[k : k + 1], _np_from(sent, k + 1)
        if cue_span is None and low in adverbs and low in ("demnach", "demzufolge", "danach", "wonach"):
            if low == "wonach" and k > 1 and toks[k - 1].text == ",":
                cue_span = sent[k : k + 1]
                speaker = _np_before(sent, k - 1)
                content_override = (tok.idx + len(tok.text), sent.end_char)
            elif low != "wonach":
                cue_span = speaker = sent[k : k + 1]
                weak = low == "danach"
        if cue_span is None or speaker is None:
            continue
        frame_start = min(cue_span.start, speaker.start)
        frame_end = max(cue_span.end, speaker.end)
        if content_override:
            c_start, c_end = content_override
        else:
            # content: the sentence without the frame, as one range; a frame at either edge is cut off
            c_start, c_end = sent.start_char, sent.end_char
            clause = _subordinate_clause(sent, frame_start, frame_end)
            if clause is not None:
                # "…, die nach dessen Angaben die Bombe enthalten sollte": the report is the clause it stands in
                c_start, c_end = clause
            elif not doc[sent.start:frame_start].text.strip(" ,:–—\"„“"):
                # "Nach Angaben des Gouverneurs X der Provinz Y kommen …": the frame fills the Vorfeld, the
                # content starts at the finite verb
                verb = _finite_after(sent, frame_end)
                c_start = doc[verb].idx if verb is not None else (
                    doc[frame_end].idx if frame_end < len(doc) else sent.end_char)
            elif frame_end >= sent.end - 1 or not doc[frame_end:sent.end].text.strip(" .,:!?"):
                c_end = doc[frame_start].idx
        rng = _content_range(doc, c_start, c_end, covered)
        if rng is None:
            continue
        content = _tokens_between(doc, *rng)
        if content is None or not _has_finite_verb(content) or len(content) < 4:
            continue
        if weak and not clause_is_subjunctive(content):
            continue
        parts = [rng]
        if not content_override and rng[0] < doc[frame_start].idx and doc[frame_end - 1].idx < rng[1]:
            # a frame inside the sentence ("Die Boote sind laut X zudem recht klein", "…, so Canny, …") is not
            # part of what was said: the content is the two pieces around it
            head = _span_chars(doc, rng[0], len(doc.text[: doc[frame_start].idx].rstrip(_TRIM)))
            tail_start = doc[frame_end].idx if frame_end < len(doc) else rng[1]
            while tail_start < rng[1] and doc.text[tail_start] in _TRIM:
                tail_start += 1
            tail = _span_chars(doc, tail_start, rng[1]) if tail_start < rng[1] else None
            if head is not None and tail is not None and head[1] > head[0] and tail[1] > tail[0]:
                parts = [head, tail]
        found = _Found("indirect", parts, cue_span, speaker, 0.7, sent, f"phrase-{cue_span.text.lower()}")
        # "eigenen Angaben zufolge", "nach eigenen Angaben": the mention is "eigenen Angaben", the source it
        # refers to is the clause's own subject
        if any(t.lower_ in ("eigenen", "eigener", "eigene") for t in speaker):
            prev = doc[speaker.start - 1] if speaker.start > sent.start else None
            subj = prev if prev is not None and prev.pos_ in ("PROPN", "NOUN") and (
                prev.ent_type_ or _speaker_like(prev)) else None  # "Inzwischen hat Pjöngjang eigenen Angaben zufolge"
            if subj is None:
                subj = next((t for t in content if "subject" in _roles(t)), None)
            if subj is None:
                subj = next((t for t in sent if "subject" in _roles(t) and not speaker.start <= t.i < speaker.end),
                            None)
            if subj is not None:
                found.refers_to = noun_phrase(subj, sent)
        return found
    return None


def _finite_after(sent: Span, k: int) -> int | None:
    """The first finite verb of the main clause from token ``k`` on, passing over appositions and relative clauses
    of the phrase before it ("Nach Angaben von X, einem früheren Minister, der …, wurde …")."""
    doc = sent.doc
    in_relative = False
    for i in range(k, sent.end):
        t = doc[i]
        if t.text == "," and i + 1 < sent.end:
            in_relative = _relative_start(doc, i + 1, sent) or (in_relative and not any(
                _finite(x) and is_verbal(x) for x in doc[k:i]))
            continue
        if in_relative or t.is_punct:
            continue
        if is_verbal(t) and _finite(t):
            return i if i - k <= 25 else None
    return None


def _subordinate_clause(sent: Span, frame_start: int, frame_end: int) -> tuple[int, int] | None:
    """The character range of the relative or adverbial clause a phrase frame stands in ("…, die nach dessen
    Angaben die Bombe enthalten sollte", "…, da nach Angaben der Fluggesellschaft …", "…, nach denen …"), or None
    when the frame is part of the main clause."""
    doc = sent.doc
    k = frame_start
    while k > sent.start and doc[k - 1].text not in (",", ";", "–", "—", "("):
        k -= 1
    if k <= sent.start:
        return None
    first = doc[k]
    opens = _relative_start(doc, k, sent) or first.lower_ in _ADVERBIAL_SUBORDINATORS | {"da", "weil", "dass", "daß"} \
        or first.tag_ in ("KOUS", "PRELS", "PRELAT") or (k == frame_start and doc[frame_end - 1].lower_ in _RELATIVE_FORMS)
    if not opens:
        return None
    start = doc[k].idx if k < frame_start else (doc[frame_end].idx if frame_end < sent.end else sent.end_char)
    # the clause ends at the first comma after its (final) verb
    end = sent.end_char
    seen_verb = False
    for i in range(frame_end, sent.end):
        t = doc[i]
        if is_verbal(t):
            seen_verb = True
        elif t.text in (",", ";", "–", "—", ")") and seen_verb:
            end = t.idx
            break
    return (start, end) if end > start else None


_PHRASES_CACHE: dict[int, list[tuple[str, ...]]] = {}


def _lower_phrases(lexicon: CueLexicon) -> list[tuple[str, ...]]:
    key = id(lexicon)
    if key not in _PHRASES_CACHE:
        _PHRASES_CACHE[key] = sorted({tuple(w.lower() for w in words) for words in lexicon.phrases()},
                                     key=len, reverse=True)
    return _PHRASES_CACHE[key]


_WEB_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)*\.(?:de|com|org|net|at|ch|eu|info|fr|uk|ru|tv)", re.I)  # ndr.de
_NP_INNER = {"DET", "ADJ", "NUM", "PROPN", "NOUN", "X"}


def _genitive(det: Token) -> bool:
    """A determiner that opens a genitive attribute ("des", "der" in Case=Gen; "der" without case info)."""
    if det.lower_ in ("des", "eines", "dieses", "seines", "ihres"):
        return True
    if det.lower_ in ("der", "einer", "dieser", "seiner", "ihrer"):
        case = det.morph.get("Case")
        return not case or "Gen" in case
    return False


def _np_from(sent: Span, j: int) -> Span | None:
    """The noun phrase starting at sentence token ``j`` (after laut/so/nach Angaben), with genitive and
    von-attributes and a parenthesis: "Angaben des Vatikan-Sprechers Federico Lombardi", "Aussagen von Klaus
    Wowereit (SPD)"."""
    doc = sent.doc
    start = sent.start + j
    if start < sent.end and doc[start].text in ("„", "»", "\"", "“", "«"):
        # a quoted source name: laut „BBC News“
        close = next((i for i in range(start + 1, min(start + 8, sent.end)) if doc[i].text in ("“", "«", "\"", "”", "»")), None)
        if close is not None and close > start + 1:
            return doc[start : close + 1]
    end = start
    seen_noun = False
    after_link = False  # inside the attribute after "des"/"der"/"von": its determiners and adjectives belong
    while end < sent.end:
        t = doc[end]
        if not seen_noun and _WEB_NAME.fullmatch(t.text):
            seen_noun = True  # "laut ndr.de", whatever the tagger made of it
            end += 1
            continue
        if t.pos_ in ("DET", "ADJ", "NUM") or (t.tag_ == "ADJA"):
            # after the head noun only as part of a linked attribute ("Angaben des Roten Kreuzes"), never the
            # next phrase of the clause ("nach Angaben der Polizei obdachlos", "nach Zeugenaussagen der Ehemann");
            # a genitive plural without article opens one too ("Meinung vieler Experten", "Berichten britischer
            # Zeitungen", "Angaben informierter Kreise")
            genitive_plural = seen_noun and not after_link and t.is_lower and t.lower_.endswith("er") and \
                end + 1 < sent.end and doc[end + 1].pos_ == "NOUN" and doc[end - 1].pos_ == "NOUN"
            if genitive_plural:
                after_link = True
            elif seen_noun and not after_link and not (t.pos_ == "DET" and _genitive(t)):
                break
            if seen_noun and not any(x.pos_ in ("NOUN", "PROPN") for x in doc[end + 1 : min(end + 4, sent.end)]):
                break
            after_link = after_link or (t.pos_ == "DET" and _genitive(t))
            end += 1
            continue
        if not seen_noun and t.pos_ == "ADP" and end > start:
            # a participle with its own phrase before the noun: "einer am Dienstag veröffentlichten Mitteilung"
            k = end + 1
            while k < min(end + 6, sent.end) and doc[k].pos_ in ("DET", "NOUN", "PROPN", "NUM", "ADJ", "ADV") and \
                    not (doc[k].tag_ == "ADJA" and k + 1 < sent.end and doc[k + 1].pos_ in ("NOUN", "PROPN")):
                k += 1
            if k < sent.end and doc[k].tag_ == "ADJA" and k + 1 < sent.end and doc[k + 1].pos_ in ("NOUN", "PROPN"):
                end = k + 1
                continue
            break
        if seen_noun and not after_link and t.pos_ == "NOUN" and doc[end - 1].pos_ in ("NOUN", "X") and \
                not t.ent_type_ and not doc[end - 1].ent_type_:
            break  # "laut Ministerium Arbeiten an …": the next noun is the clause's
        if t.pos_ in ("PROPN", "NOUN", "X") or t.tag_ in ("NE", "NN") and t.text[:1].isupper() \
                or (t.pos_ == "PRON" and not seen_noun and end == start):
            seen_noun = True
            end += 1
            if t.pos_ == "NOUN" and not (end < sent.end and doc[end].pos_ == "PROPN"):
                after_link = False
            continue
        if seen_noun and after_link and t.lower_ in ("und", "sowie") and end + 1 < sent.end and \
                (doc[end + 1].pos_ == "PROPN" or doc[end + 1].tag_ == "NE" or
                 _genitive(doc[end + 1]) and doc[end + 1].pos_ == "DET"):
            end += 1  # "Angaben von AFP und Reuters", "Angaben der New York Times und der Los Angeles Times"
            continue
        if seen_noun and t.lower_ in ("von", "vom", "aus") and end + 1 < sent.end \
                and (doc[end + 1].pos_ in _NP_INNER and not (t.lower_ == "aus" and doc[end + 1].pos_ == "NOUN")
                     or doc[end + 1].text in ("„", "»")):
            end += 1  # "Angaben von X"
            after_link = True
            continue
        if seen_noun and t.text in ("„", "»", "\"") and (doc[end - 1].pos_ == "NOUN" or
                                                        doc[end - 1].lower_ in ("von", "vom")):
            # a quoted name after its noun: "der Website „icelandreview.com“", "Fernsehsender „Channel 10“" (a
            # name, not a quoted phrase: "Angaben der Staatsanwaltschaft „ganz besonders sorgfältig“")
            close = next((i for i in range(end + 1, min(end + 8, sent.end)) if doc[i].text in ("“", "«", "\"", "”")), None)
            if close is not None and end + 1 < close and not doc[end + 1].is_lower:
                end = close + 1
                continue
        if seen_noun and t.text == "(":
            close = next((i for i in range(end, min(end + 6, sent.end)) if doc[i].text == ")"), None)
            if close is not None:
                end = close + 1
                continue
        if not seen_noun and t.pos_ == "ADV" and end + 1 < sent.end and doc[end + 1].pos_ in ("ADJ", "NOUN"):
            end += 1  # "laut gut informierten Kreisen"
            continue
        break
    if not seen_noun:
        return None
    while end > start and not _WEB_NAME.fullmatch(doc[end - 1].text) and (
            doc[end - 1].pos_ in ("DET", "ADP") or doc[end - 1].lower_ in ("von", "vom", "des", "der", "aus")):
        end -= 1
    return doc[start:end] if end > start else None


def _np_before(sent: Span, k: int) -> Span | None:
    """The noun phrase ending right before sentence token ``k`` ("dem Bericht zufolge", "seiner Meinung nach")."""
    doc = sent.doc
    end = sent.start + k
    start = end
    seen_noun = False
    while start > sent.start:
        t = doc[start - 1]
        if t.lower_ in ("eigenen", "eigener", "eigene") and seen_noun:
            start -= 1
            break  # "Pjöngjang [eigenen Angaben] zufolge": the name before belongs to the clause
        if t.pos_ in ("PROPN", "NOUN", "X") or t.tag_ in ("NE", "NN") and t.text[:1].isupper() or \
                not seen_noun and start == end and t.is_alpha and t.text[:1].isupper() and (t.ent_type_ or t.i == sent.start):
            # (the word right before "zufolge" that the tagger missed but the recognizer names: "Nacke zufolge")
            seen_noun = True
            start -= 1
            continue
        if t.pos_ in ("DET", "ADJ", "NUM") and seen_noun:
            start -= 1
            continue
        if t.lower_ in ("von", "vom", "des", "der") and seen_noun and start - 2 >= sent.start \
                and doc[start - 2].pos_ in ("NOUN", "PROPN"):
            start -= 1
            continue
        if t.lower_ in ("und", "sowie") and seen_noun and doc[start].pos_ == "PROPN" and start - 2 >= sent.start \
                and doc[start - 2].pos_ == "PROPN":
            start -= 1  # "Berichten der Fernsehsender Sky News [und] BBC zufolge"
            continue
        break
    if not seen_noun:
        return None
    return doc[start:end]


# --------------------------------------------------------------------------------------------------------------
# continuations and assembly


def _konj1(tok: Token) -> bool:
    """Konjunktiv I proper ("sei", "habe", "könne"), not the Konjunktiv II forms ("könnte", "würde", "hätte")."""
    return looks_konjunktiv_1(tok) and not looks_konjunktiv_2(tok)


_KONJ2_REPORTING = {"hätten", "würden", "wären", "hätte", "wäre", "würde"}


def _reportative(sent: Span) -> bool:
    """Konjunktiv, or reportative "sollen" with a perfect infinitive ("soll … getötet haben")."""
    finite = [t for t in sent if _finite(t)]
    if any(_konj1(t) for t in finite):
        return True
    # Konjunktiv II stands in for Konjunktiv I where that equals the indicative ("sie hätten", "sie würden");
    # "könnte"/"müsste"/"dürfte" are as often the writer's own modality
    if any(is_subjunctive(t) or looks_konjunktiv_2(t) for t in finite if t.lower_ in _KONJ2_REPORTING):
        return True
    has_soll = any(t.lower_ in ("soll", "sollen") for t in finite)
    return has_soll and any(t.lower_ in ("haben", "sein", "worden") for t in sent)


def _cue_context(sent: Span, lexicon: CueLexicon, covered: list[tuple[int, int]]) -> Span | None:
    """The speaker of a sentence that reports a speech act without quoting ("Die Regierung warnt vor …")."""
    for tok in sent:
        if _inside(tok.idx, covered):
            continue
        cue = verb_cue(tok, lexicon)
        if cue is None or cue.type != "verb":
            continue
        subj = subject_of(tok)
        if subj is not None and sent.start <= subj.i < sent.end and subj.lower_ not in _NOT_SPEAKERS \
                and valid_speaker(noun_phrase(subj, sent)) is not None and _speaker_or_source(subj, lexicon):
            return noun_phrase(subj, sent)
        if subj is None:  # the parser missed the subject: "Insgesamt spricht die Polizei von …"
            speaker = _speaker_near_verb(tok, sent)
            if speaker is not None and _speaker_like(speaker.root):
                return speaker
    return None


def _points_back(sent: Span, lexicon: CueLexicon) -> bool:
    """"Das erklärte ein Sprecher.", "Dies berichtete die dpa.": a demonstrative object and a cue verb open the
    sentence - it frames the sentence before it."""
    if len(sent) < 3 or sent[0].lower_ not in ("das", "dies", "dieses"):
        return False
    cue = verb_cue(sent[1], lexicon)
    return cue is not None and cue.type == "verb"


def _anaphoric(doc: Doc, sents: list[Span], found: list[_Found], lexicon: CueLexicon,
               covered: list[tuple[int, int]]) -> list[_Found]:
    """"Das erklärte ein Sprecher." makes the sentence before it an indirect quotation."""
    owned = {f.sent.start for f in found}
    out = []
    for prev, sent in zip(sents, sents[1:]):
        if len(sent) > 20 or not _points_back(sent, lexicon):
            continue
        verb = sent[1]
        if prev.start in owned or any(_inside(t.idx, covered) for t in prev):
            # the sentence before is a quotation already: "Das sagte X" names its speaker if it has none
            unnamed = [f for f in found if f.speaker is None and f.sent.start == prev.start]
            if unnamed:
                speaker = _speaker_near_verb(verb, sent[1:])
                for f in unnamed:
                    f.speaker = speaker
            continue
        rng = _span_chars(doc, *_strip_final_punct(doc, prev.start_char, prev.end_char))
        if rng is None or not _has_finite_verb(prev):
            continue
        speaker = _speaker_near_verb(verb, sent[1:])
        out.append(_Found("indirect", [rng], doc[verb.i : verb.i + 1], speaker, 0.7, prev, "anaphoric"))
    return out


_FOCUS_WORDS = {"auch", "so", "zudem", "selbst", "sogar", "nur", "ebenfalls", "jedoch", "aber", "dagegen",
                "hingegen", "allerdings", "inzwischen", "nun", "jetzt", "bereits", "schon", "einzig", "lediglich",
                "allein", "insbesondere", "besonders", "gerade"}


def valid_speaker(span: Span | None) -> Span | None:
    """``span`` unless it cannot name a speaker: a prepositional or adverbial phrase ("Zur Panik", "Am Donnerstag",
    "unter anderem", "mit folgenden Worten"), a lone adverb ("Unterdessen", "Weiter") or a relative pronoun.
    Focus particles in front ("Auch der Minister", "so Schnappauf") are not part of the speaker."""
    if span is None or not len(span) or not span.text.strip():
        return None
    while len(span) > 1 and span[0].is_space:
        span = span[1:]
    while len(span) > 1 and span[0].is_lower and span[0].is_alpha and verb_cue(span[0], load_cues()) is not None:
        span = span[1:]  # "[verweisen] Analysten": the cue verb the tagger read as an adjective
    while len(span) > 1 and span[0].lower_ in _FOCUS_WORDS and span[0].pos_ in ("ADV", "PART", "CCONJ", "ADJ"):
        span = span[1:]
    first = span[0]
    if len(span) == 1 and _WEB_NAME.fullmatch(first.text):
        return span  # "laut ndr.de": a website, whatever the tagger made of it
    if span.end < len(span.doc) and span.doc[span.end].lower_ == "zufolge" and first.text[:1].isupper() and \
            first.is_alpha and first.lower_ not in _SOURCE_ADVERBS:
        return span  # "Nacke zufolge": what stands before "zufolge" is a noun phrase, whatever its tag
    if len(span) == 1 and first.lower_ in _SOURCE_ADVERBS:
        return span  # "demnach": the source named before; the resolver takes it from there
    if len(span) == 1 and first.lower_ in ("dieser", "diese"):
        return span  # "Diese bestätigte, dass …": a demonstrative standing for the one named before
    if first.pos_ in ("ADP", "SCONJ", "CCONJ", "VERB", "AUX"):
        return None
    if first.pos_ in ("ADV", "ADJ", "NUM") and not any(t.pos_ in ("NOUN", "PROPN") for t in span[1:]):
        return None
    if len(span) > 1 and span[1].pos_ == "ADP" and span[1].is_lower and not _speaker_like(first) and (
            first.pos_ in ("ADV", "ADJ") or first.lower_.endswith(("end", "sam", "lich", "weise"))):
        return None  # "Stellvertretend für die EU-Kommission", "Gemeinsam mit …": an adverbial phrase
    if first.lower_ in ("zur", "zum", "am", "im", "beim", "vom", "unter", "mit", "nach", "seit", "bei", "in", "an",
                        "pro", "für", "gegen", "über", "durch", "ohne", "um", "wegen", "trotz", "gegenüber", "auf",
                        "aus", "zu", "vor", "während"):
        return None
    if len(span) == 1 and first.tag_ in ("ADV", "PAV"):
        return None
    if len(span) == 1 and (first.text in _CALENDAR_NOUNS or _adverb_at_sentence_start(first)):
        return None  # "Sonntag", "Unterdessen", "Weiter": a capitalized adverb or date, not a speaker
    if len(span) <= 3 and all(t.pos_ in ("NUM", "PUNCT", "DET") or t.text in _CALENDAR_NOUNS for t in span):
        return None  # "11. Juli", "Anfang März"
    if len(span) <= 5 and any(t.text in _CALENDAR_NOUNS or t.like_num for t in span) and _is_date(span.text):
        return None  # "Ende Januar 2006", "Anfang Oktober": a date is no speaker
    return span


_SOURCE_ADVERBS = {"demnach", "demzufolge", "danach", "wonach"}



def _is_date(text: str) -> bool:
    """The whole text is one date expression ("Ende Januar 2006", "am 11. Juli")."""
    from .dates import find_dates

    found = find_dates(text)
    return len(found) == 1 and found[0].start <= 1 and found[0].end >= len(text.rstrip()) - 1


def _calendar_nouns() -> frozenset[str]:
    import json

    from ..resources import RESOURCE_DIR

    data = json.loads((RESOURCE_DIR / "dates_de.json").read_text(encoding="utf-8"))
    return frozenset(list(data["weekdays"]) + list(data["months"]) + list(data["parts_of_day"]) + list(data["seasons"]))


_CALENDAR_NOUNS = _calendar_nouns()


def _adverb_at_sentence_start(tok: Token) -> bool:
    """A capitalized sentence-initial word that the NER training data knows as a lower-case word and never as a
    name ("Unterdessen", "Zudem", "Weiter")."""
    if not tok.is_sent_start or tok.pos_ in ("PRON", "DET") or tok.lower_ in _SPEAKER_PRONOUNS:
        return False
    from .person_rules import load_evidence

    e = load_evidence().get(tok.text)
    return e is not None and e.in_spans == 0 and e.lower + e.initial > e.other


_ACRONYM = re.compile(r"^(?=(?:.*[A-ZÄÖÜ]){2})[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,7}$")


_AGED = re.compile(r"\d+-[jJ]ährigen?|\d+-[jJ]ährige[rm]?")


def _speaker_like(tok: Token) -> bool:
    """A mention that can be a speaker: a name, a person/organization entity, a personal pronoun, a role or
    group noun ("der Sprecher", "Experten")."""
    if tok.lower_ in _SPEAKER_PRONOUNS:
        return True
    if tok.ent_type_ and entity_type(tok.ent_type_) in ("person", "organization"):
        return True
    if tok.pos_ == "PROPN":
        return True
    if tok.pos_ != "NOUN":
        return False
    if _ACRONYM.match(tok.text):
        return True  # "der VfGH", "die IAEA", "das BKA": an organization's acronym
    if _AGED.fullmatch(tok.text):
        return True  # "der 81-Jährige", "die 35-jährige": a person named by age
    forms = {tok.text, tok.lemma_} | ({tok.text[:-1]} if tok.text.endswith("s") else set()) | \
        ({tok.text[:-2]} if tok.text.endswith(("es", "en")) else set())  # "des Ministers", "des Präsidenten"
    return any(role_of(f) is not None or is_institution(f) for f in forms if f)


def _speaker_or_source(tok: Token, lexicon: CueLexicon) -> bool:
    """A speaker ("Kirby", "die Polizei", "Experten", "er") or a written source ("der Bericht", "die Studie")."""
    return _speaker_like(tok) or tok.text in lexicon.sources() or tok.lemma_ in lexicon.sources() or \
        tok.text in lexicon.nouns() or tok.lemma_ in lexicon.nouns()


def _act_verb(tok: Token, lexicon: CueLexicon) -> str | None:
    """The speech-act entry of a verb: its cue-lexicon entry, or a finite verb of intention or stance from
    speech_act_candidates_de.txt ("Die SPD will …"); None for other words."""
    cue = verb_cue(tok, lexicon)
    if cue is not None:
        return cue.cue if cue.type == "verb" else None
    if not is_finite(tok) and not (tok.head.i == tok.i and len(verb_chain(tok)) == 1):
        return None  # (a root verb without auxiliary is finite, whatever the tagger says: "beabsichtigt" as VVPP)
    particle = particle_of(tok)
    name = particle + tok.lemma_ if particle else tok.lemma_
    return name if name in speech_act_candidates() else None


def _reported_acts(doc: Doc, sents: list[Span], found: list[_Found], lexicon: CueLexicon,
                   covered: list[tuple[int, int]], acts: frozenset[str] | None) -> list[_Found]:
    """A sentence that reports a speech act without a content clause ("Die Polizei sprach von 800 Autos",
    "Sie bezeichnete die Lösung als Irrweg", "Der Minister kündigte seinen Rücktritt an") is reported speech
    of its subject: the whole sentence is the (indirect) quotation, the subject its speaker."""
    owned = {f.sent.start for f in found} | {doc.char_span(*f.parts[0], alignment_mode="expand")[0].sent.start
                                              for f in found if doc.char_span(*f.parts[0], alignment_mode="expand")}
    out = []
    for sent in sents:
        if sent.start in owned or any(_inside(t.idx, covered) for t in sent) or sent.text.rstrip().endswith("?"):
            continue
        if _points_back(sent, lexicon):
            continue  # "Dies berichtete die dpa.": the frame of the sentence before it, not a report of its own
        cue_tok = speaker = entry = None
        for tok in sent:
            name = _act_verb(tok, lexicon)
            if name is None or tok.pos_ not in ("VERB", "AUX"):
                continue
            if acts is not None and name not in acts:
                continue  # not a verb that reports speech by itself (speech_acts_de.tsv)
            if _lacks_object(name, sent):
                continue  # "Die Polizei verwies an die Staatsanwältin": not "verwies auf …"
            if not (tok.head.i == tok.i or "root" in _roles(tok)):
                continue  # a speech verb of a relative or adverbial clause does not make the sentence a report
            subj = subject_of(tok)
            if subj is not None and any(c.lower_ in _OBJECT_ARTICLES for c in subj.children if c.i < subj.i):
                subj = None  # "Den 35-jährigen Piloten erwartet eine Anklage": an object the parser took for the subject
            if subj is not None and sent.start <= subj.i < sent.end and _speaker_or_source(subj, lexicon) \
                    and valid_speaker(noun_phrase(subj, sent)):
                cue_tok, speaker, entry = tok, noun_phrase(subj, sent), name
                break
            agent = _passive_agent(tok, sent)
            if agent is not None:
                # "Die Forderungen wurden von Bundesverkehrsminister Stolpe als unrealistisch bezeichnet"
                cue_tok, speaker, entry = tok, agent, name
                break
            near = _speaker_near_verb(tok, sent) if subj is None or not _speaker_like(subj) else None
            if near is not None and _speaker_like(near.root) and near.root.lower_ not in _SPEAKER_PRONOUNS | {"ich"} \
                    and near[0].lower_ not in _OBJECT_ARTICLES:
                # the parser missed the subject ("Greenpeace fordert die Vernichtung …" parsed with
                # "Vernichtung" as subject): the noun phrase of the sentence that can speak
                cue_tok, speaker, entry = tok, near, name
                break
        rng = _span_chars(doc, *_strip_final_punct(doc, sent.start_char, sent.end_char))
        if rng is None or cue_tok is None or len(sent) < 4:
            continue
        found_act = _Found("indirect", [rng], doc[cue_tok.i : cue_tok.i + 1], speaker, 0.45, sent, "reported")
        found_act.cue_entry = entry
        out.append(found_act)
    return out


_PASSIVE_AUX = {"wurde", "wurden", "wird", "werden", "worden"}


def _passive(verb: Token) -> bool:
    """A participle with a form of werden in its verb chain ("wurde vorgeworfen", "wird vermutet", "war bekannt
    geworden"): a passive cue, whose subject does not speak."""
    low = verb.lower_
    participle = verb.tag_ == "VVPP" or "Part" in verb.morph.get("VerbForm") or \
        ("ge" in low[1:7] or low.startswith("ge")) and low.endswith(("t", "en")) and verb.tag_ != "VVFIN"
    if not participle or verb.tag_ == "VVFIN":
        return False
    if any(t is not verb and t.lower_ in _PASSIVE_AUX | {"geworden"} for t in verb_chain(verb)) or \
            any(t.lower_ == "geworden" for t in verb.doc[verb.i + 1 : verb.i + 2]):
        return True
    # the parser missed the auxiliary: a form of werden earlier in the same clause
    k = verb.i - 1
    sent_start = verb.sent.start
    while k >= sent_start and verb.doc[k].text not in (",", ";", ":") and not verb.doc[k].is_sent_start:
        if verb.doc[k].lower_ in _PASSIVE_AUX:
            return True
        k -= 1
    return k >= sent_start and verb.doc[k].lower_ in _PASSIVE_AUX


def _passive_agent(verb: Token, sent: Span) -> Span | None:
    """The agent of a passive speech verb ("… wurde von X als … bezeichnet"): the speaker-like noun phrase after
    von/vom in the sentence, when a form of werden goes with the participle."""
    if not any(t.lower_ in _PASSIVE_AUX for t in sent) or is_finite(verb) and verb.lower_ not in _PASSIVE_AUX:
        return None
    for tok in sent:
        if tok.lower_ in ("von", "vom") and tok.i + 1 < sent.end and tok.i < verb.i:
            np_ = _np_from(sent, tok.i + 1 - sent.start)
            if np_ is not None and _speaker_like(np_.root) and valid_speaker(np_) is not None:
                return np_
    return None


def _owners_by_sentence(sents: list[Span], found: list[_Found]) -> list[list[_Found]]:
    """For each sentence of ``sents``, the quotations of ``found`` (in their order) that start in it or belong to
    it: ``[f for f in found if sent.start_char <= f.parts[0][0] < sent.end_char or f.sent.start == sent.start]``,
    computed in one pass over ``found`` instead of one per sentence."""
    starts = [s.start_char for s in sents]
    by_token = {s.start: n for n, s in enumerate(sents)}
    owners: list[list[_Found]] = [[] for _ in sents]
    for f in found:
        k = bisect.bisect_right(starts, f.parts[0][0]) - 1
        mine = {k} if k >= 0 and f.parts[0][0] < sents[k].end_char else set()
        if f.sent.start in by_token:
            mine.add(by_token[f.sent.start])
        for n in sorted(mine):
            owners[n].append(f)
    return owners


def _continuations(doc: Doc, sents: list[Span], found: list[_Found], lexicon: CueLexicon,
                   covered: list[tuple[int, int]]) -> list[_Found]:
    """Frame-less Konjunktiv (or reportative "soll") sentences right after a quotation or a reported speech act
    continue it with the same speaker; consecutive ones form one quotation."""
    out: list[_Found] = []
    context: Span | None = None
    context_at = -99  # index of the sentence that set the context
    active = False
    last_was_continuation = False
    salient: Span | None = None  # the speaker-like subject of the last sentence without a report
    salient_at = -99
    loose = getattr(covered, "loose", ())
    owners_of = _owners_by_sentence(sents, found)
    for n, sent in enumerate(sents):
        owners = owners_of[n]
        quoted_parts = owners and all(f.kind == "direct" and f.via in ("", "previous", "same-sentence") and
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
        if any(_inside(t.idx, covered) for t in sent) and not quoted_parts:
            active = False  # a direct quotation without a frame of its own ends the run
            continue
        speaker = _cue_context(sent, lexicon, covered)
        if speaker is not None and active and context is not None and speaker.root.pos_ == "PRON" and \
                _konjunktiv_1_main(sent):
            # "Er wisse auch nicht, was …": the report's speaker, in Konjunktiv I, goes on - the sentence is part
            # of the report, not a new one
            speaker = None
        if speaker is not None:
            context, context_at, active, last_was_continuation = speaker, n, True, False
            continue
        if sent.text.rstrip().endswith("?") or not _reportative(sent):
            salient, salient_at = _salient_subject(sent), n
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
            near = context is not None and n - context_at <= _CONTINUATION_REACH
            if not (near and (_konjunktiv_1_main(sent) or _reportative_sollen(sent)) or _konjunktiv_1_main(sent)):
                last_was_continuation = False
                continue
            confidence = 0.4
            speaker_here = context if near else None  # no speaker named near it: the fallback looks for one
        rng = _span_chars(doc, *_strip_final_punct(doc, sent.start_char, sent.end_char))
        if rng is None:
            continue
        if last_was_continuation and out:
            end = _span_chars(doc, sent.start_char, sent.end_char)
            out[-1].parts[-1] = (out[-1].parts[-1][0], end[1] if end else rng[1])
        else:
            out.append(_Found("indirect", [rng], None, context if active else speaker_here, confidence, sent,
                              "continuation"))
        active = last_was_continuation = True
    return out


_CONTINUATION_REACH = 6  # sentences after the last named speaker


def _salient_subject(sent: Span) -> Span | None:
    """The subject of a sentence's main verb when it can speak: a person or organization, a role or institution
    noun ("Der Iran streitet dies ab.", "Die Haushaltspolitikerin …, Anja Hajduk, kritisierte die Pläne.")."""
    root = sent.root
    if not is_verbal(root):
        return None
    subj = subject_of(root)
    if subj is None or not sent.start <= subj.i < sent.end or subj.lower_ in _NOT_SPEAKERS or subj.pos_ == "PRON":
        return None
    if not _speaker_like(subj):
        return None
    return valid_speaker(noun_phrase(subj, sent))
_CONDITIONAL = {"wenn", "falls", "sofern", "ob", "als", "obwohl"}


def _reportative_sollen(sent: Span) -> bool:
    """Reportative "sollen" ("Drei Lagerhallen sollen abgebrannt sein", "Der Fahrer soll befragt werden"):
    present-tense soll/sollen as the finite verb of the main clause."""
    return any(t.lower_ in ("soll", "sollen") and is_finite(t) for t in sent) and \
        not any(t.lower_ in _CONDITIONAL for t in sent[:2])


def _konjunktiv_1_main(sent: Span) -> bool:
    """A finite verb of the sentence's main clause in Konjunktiv I ("sei", "habe", "reiche"), not a question and
    not only inside a conditional or subordinate clause."""
    for tok in sent:
        if not _finite(tok) or not _konj1(tok):
            continue
        # the verb (or, for an auxiliary, its main verb) must not be introduced by wenn/falls/ob/…
        if not any(c.lower_ in _CONDITIONAL for c in tok.children) and \
                not any(c.lower_ in _CONDITIONAL for c in tok.head.children if tok.head.i != tok.i):
            return True
    return False


def _cue_subject_outside(sent: Span, lo: int, hi: int) -> Span | None:
    """The speaker-like subject of a cue verb in a quotation's sentence, outside the quotation (``lo``-``hi``)."""
    lexicon = load_cues()
    for tok in sent:
        if lo <= tok.idx < hi or verb_cue(tok, lexicon) is None or not is_verbal(tok):
            continue
        subj = subject_of(tok)
        if subj is not None and sent.start <= subj.i < sent.end and not lo <= subj.idx < hi and \
                _speaker_like(subj):
            return valid_speaker(noun_phrase(subj, sent))
    return None


def _inherit_speakers(doc: Doc, found: list[_Found]) -> None:
    """A direct quotation without a speaker of its own takes the speaker of a report in the same sentence
    ("Aus Sicht des Experten X ermöglicht …, »…«"), else of the quotation just before it in the paragraph."""
    ordered = sorted(found, key=lambda f: f.parts[0][0])
    by_sent: dict[int, list[_Found]] = {}  # the quotations of each sentence, in order (read when asked: speakers change)
    for g in ordered:
        by_sent.setdefault(g.sent.start, []).append(g)
    for k, f in enumerate(ordered):
        if f.kind != "direct" or f.speaker is not None or f.via not in ("", "previous"):
            continue
        same = [g for g in by_sent[f.sent.start] if g is not f and g.speaker is not None]
        if same:
            f.speaker, f.via = same[0].speaker, "same-sentence"
            continue
        own = _cue_subject_outside(f.sent, f.parts[0][0] - 1, f.parts[-1][1] + 1)
        if own is not None:
            # "Später sagte Bundeskanzlerin Merkel vor der Presse, Benedikt XVI. „ist und bleibt …“": the quotation
            # sits in the report of a speaker named in its own sentence
            f.speaker, f.via = own, "same-sentence"
            continue
        prev = next((ordered[j] for j in range(k - 1, -1, -1) if ordered[j].speaker is not None), None)
        if prev is not None and f.parts[0][0] - prev.parts[-1][1] < _RUN_REACH and \
                "\n" not in doc.text[prev.parts[-1][1] : f.parts[0][0]]:
            f.speaker, f.via = prev.speaker, "previous"


_FALLBACK_WINDOW = 400  # characters before the quotation


def _nearest_named(doc: Doc, found: list[_Found]) -> None:
    """Nearest-candidate fallback for a quotation with no speaker yet: the closest person (else organization)
    named shortly before it in the same paragraph, as its full noun phrase ("der Vorsitzende des
    Innenausschusses, Sebastian Edathy (SPD)")."""
    ents = _EntsByStart(e for e in doc.ents if entity_type(e.label_) in ("person", "organization"))
    if not ents:
        return
    body_start = doc._.body_start if doc.has_extension("body_start") else 0
    for f in found:
        if f.speaker is not None or f.unattributed:
            continue
        start = f.parts[0][0]
        floor = max(0, start - _FALLBACK_WINDOW)
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


class _EntsByStart(list):
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
    if type(ents) is _EntsByStart:  # a span starts before it ends: the index's walk finds what the scan finds
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


def extract_quotations(doc: Doc, settings: QuoteSettings | None = None, lexicon: CueLexicon | None = None,
                       floor: int | None = None) -> list[Quotation]:
    """All quotations of a parsed article, in text order (speaker left unresolved: mention only)."""
    settings = settings or QuoteSettings.default()
    acts = settings.speech_acts
    lexicon = lexicon or load_cues()
    floor = doc._.body_start if floor is None and doc.has_extension("body_start") else (floor or 0)
    regions = _Regions(find_quoted_regions(doc.text, start=floor))
    found = _direct_quotes(doc, regions, lexicon, floor)
    covered = _Covered((p[0] - 1, p[1] + 1) for f in found for p in f.parts)
    # a frame-less quotation inside a sentence ("dann solle der Iran „sehen, wie er …“") is a quoted part of the
    # report around it: the report's content runs on through it (a mixed quotation)
    covered.loose = {(p[0] - 1, p[1] + 1) for f in found if f.via == "" for p in f.parts
                     if f.sent.start_char < p[0] - 1 and doc.text[f.sent.start_char : p[0] - 1].strip()}
    used_cues = {t.i for f in found if f.cue is not None for t in f.cue}
    fragments = _Regions(r for r in regions if r.depth == 0 and not _inside(r.open, covered)
                         and not _quoted_name(doc, r))
    for sent in doc.sents:
        if sent.end_char <= floor:
            continue
        for f in _indirect_in_sentence(sent, lexicon, covered, used_cues, fragments):
            inner = regions.within(f.parts[0][0], f.parts[-1][1])
            if inner:
                f.kind = "mixed"
                f.nested = inner
            found.append(f)
    sents = [s for s in doc.sents if s.start_char >= floor]
    found += _anaphoric(doc, sents, found, lexicon, covered)
    found += _reported_acts(doc, sents, found, lexicon, covered, acts)
    found += _continuations(doc, sents, found, lexicon, covered)
    _inherit_speakers(doc, found)
    _nearest_named(doc, found)
    for f in found:
        if f.speaker is not None and f.refers_to is None and len(f.speaker) == 1 and \
                f.speaker[0].lower_ in ("er", "sie") and f.speaker[0].is_sent_start:
            f.refers_to = _subject_antecedent(doc, f.speaker[0])
    quotes = []
    ordered = sorted(found, key=lambda f: f.parts[0][0])
    # the marks of the framed direct quotations (a frame-less one inside a report is a quoted part of it)
    own_rows = {(a - 1, b) for f in found if f.kind == "direct" and f.via != "" for a, b in f.parts}
    sent_ends = [s.end_char for s in doc.sents]
    for f in ordered:
        if f.kind != "direct":
            f.parts = _without_stray_marks(doc.text, _balanced_parts(doc.text, f.parts, regions, own_rows,
                                                                      sent_ends), regions)
        content = tuple(TextSpan(s, e, doc.text[s:e]) for s, e in f.parts)
        cue = TextSpan(f.cue.start_char, f.cue.end_char, f.cue.text) if f.cue is not None else None
        speaker = valid_speaker(f.speaker)
        if speaker is not None:
            speaker = valid_speaker(refine_mention(speaker)) or speaker
        if speaker is not None and f.cue is not None and speaker.start < f.cue.start < speaker.end:
            # the cue is never part of its speaker ("Nordkoreas Machthaber [dankte Putin]", "dankte" tagged ADJA)
            speaker = valid_speaker(doc[speaker.start : f.cue.start]) or speaker
        mention = TextSpan(speaker.start_char, speaker.end_char, speaker.text) if speaker is not None else None
        sent = TextSpan(f.sent.start_char, f.sent.end_char, f.sent.text)
        quotes.append(Quotation(kind=f.kind, content=content, cue=cue, speaker_mention=mention,
                                confidence=f.confidence, sentence=sent,
                                method=_method(f.via), extent=_extent(doc.text, f), cue_entry=f.cue_entry,
                                unattributed=f.unattributed, verbatim=_verbatim(doc, f),
                                refers_to=TextSpan(f.refers_to.start_char, f.refers_to.end_char,
                                                   f.refers_to.text) if f.refers_to is not None else None))
    return quotes


def _method(via: str) -> Method:
    """The public :class:`~pipeline.types.Method` of a strategy's ``via`` ("" = unframed; "phrase-laut" = phrase)."""
    if via.startswith("phrase-"):
        return Method.PHRASE
    return Method(via or Method.UNFRAMED.value)


def _verbatim(doc: Doc, f: _Found) -> tuple[TextSpan, ...]:
    """The words a mixed quotation quotes verbatim ("Kim sprach von einem „heiligen Kampf“, den …"): the
    speaker's own words inside the report, without their marks."""
    out = []
    for region in f.nested:
        rng = _span_chars(doc, region.start, region.end)
        if rng is not None:
            out.append(TextSpan(rng[0], rng[1], doc.text[rng[0] : rng[1]]))
    return tuple(out)


_OPENERS = "„“»«‚‹\"'›"
_CLOSERS = "“”«»‘›\"'‹’"


def _balanced_parts(text: str, parts: list[tuple[int, int]], regions: list[QuotedRegion],
                    own_rows: set[tuple[int, int]], sent_ends: list[int]) -> list[tuple[int, int]]:
    """Content parts that hold a quoted fragment whole or not at all: a fragment's opening mark inside the content
    implies its closing mark inside too, and the other way round, for every mark type (straight marks included).

    Trimming a part to its content drops a closing mark at its end ("… einen „Neustart“." -> "… einen „Neustart");
    a part may also stop inside a fragment ("„E!Online“" cut at "!") or start inside one ("laut „auto, motor und
    sport“ gibt es …" cut at the comma). A fragment opened inside the content is completed up to its closing mark,
    unless it is a framed direct quotation of its own that the part runs into and that goes on past the part's
    sentence ("… als „defensiver Natur“: „Auf Anweisung … ergriffen. Zum Schutz …“": its words are that row's):
    then the part stops before it. A fragment closed inside the content whose opening mark is outside is taken in
    when only spaces separate its opening mark from the part, and left out (the part starts after its closing
    mark) otherwise. Regions are the pairs :func:`find_quoted_regions` matched (apostrophes and unpaired marks are
    not fragments)."""
    parts = sorted(parts)
    indexed = type(regions) is _Regions and bool(parts)
    for _ in range(4):  # completing one fragment can take in the marks of another (nested, adjacent)
        changed = False
        for region in (_regions_touching(regions, parts) if indexed else regions):
            opened = next((k for k, (s, e) in enumerate(parts) if s <= region.open < e), None)
            closed = next((k for k, (s, e) in enumerate(parts) if s <= region.close < e), None)
            if (opened is None) == (closed is None):
                continue
            if opened is not None:
                s, e = parts[opened]
                following = parts[opened + 1][0] if opened + 1 < len(parts) else len(text)
                sent_end = sent_ends[min(bisect.bisect_left(sent_ends, e), len(sent_ends) - 1)] if sent_ends else e
                cut = len(text[:region.open].rstrip(_TRIM))
                if region.close >= following or (region.open, region.close) in own_rows and region.close >= sent_end:
                    if cut - s < 2:
                        continue  # nothing would be left: keep the part as it is
                    parts[opened] = (s, cut)
                else:
                    parts[opened] = (s, region.close + 1)
            else:
                s, e = parts[closed]
                if not text[region.open + 1 : s].strip():
                    parts[closed] = (region.open, e)
                else:
                    start = region.close + 1
                    while start < e and text[start] in _TRIM:
                        start += 1
                    if e - start < 2:
                        continue
                    parts[closed] = (start, e)
            changed = True
        if not changed:
            break
    return parts


_STRAY_MARKS = "„“”«»‚‘‹›\""  # quotation marks (not the apostrophes ’ and ') that may stand unpaired


def _without_stray_marks(text: str, parts: list[tuple[int, int]], regions: list[QuotedRegion]
                         ) -> list[tuple[int, int]]:
    """A quotation mark at the edge of a content part that pairs with no other mark (an unbalanced text:
    "„Wir schaffen das, sagte Merkel.") is not part of the content, so the quote text stays balanced."""
    paired = regions.paired() if type(regions) is _Regions else {r.open for r in regions} | {r.close for r in regions}
    out = []
    for s, e in parts:
        start, end = s, e
        while start < end and text[start] in _STRAY_MARKS and start not in paired:
            start += 1
            while start < end and text[start].isspace():
                start += 1
        while end > start and text[end - 1] in _STRAY_MARKS and end - 1 not in paired:
            end -= 1
            while end > start and text[end - 1].isspace():
                end -= 1
        out.append((start, end) if end - start >= 2 else (s, e))
    return out


def _extent(text: str, f: _Found) -> tuple[int, int]:
    """The quotation as it stands in the text: a direct quotation with its quotation marks („…“), an indirect one
    with the closing mark of a quoted fragment it ends in (… als „maßvoll“: its parts are balanced, see
    :func:`_balanced_parts`), a sentence reported as a whole (a reported speech act, a continuation) with its final
    punctuation, a sentence taken up by "Das sagte X." with that pronoun."""
    start, end = f.parts[0][0], f.parts[-1][1]
    if f.kind == "direct":
        if start > 0 and text[start - 1] in _OPENERS:
            start -= 1
        if end < len(text) and text[end] in _CLOSERS:
            end += 1
        return start, end
    if f.via in ("continuation", "reported", "anaphoric") and end < len(text) and text[end] in _END_PUNCT:
        end += 1  # a whole sentence reported: the sentence with its final mark
    if f.via == "anaphoric" and f.cue is not None and f.cue.start > 0:
        # "… verschoben. Das teilte die Behörde mit.": the pronoun that stands for the report is part of it
        end = max(end, f.cue.doc[f.cue.start - 1].idx + len(f.cue.doc[f.cue.start - 1].text))
    return start, end
