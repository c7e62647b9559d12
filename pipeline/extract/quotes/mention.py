"""Can this phrase be a speaker at all? :func:`valid_speaker` rejects adverbial and prepositional phrases, dates
and lone adverbs and drops focus particles; :func:`speaker_like` knows names, entities, pronouns, role and
institution nouns."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ...lang.de.calendar import calendar_nouns
from ...lang.de.words import (
    FOCUS_PARTICLES,
    NOT_SPEAKER_ADVERBIALS,
    NOT_SPEAKER_OPENERS,
    SOURCE_ADVERBS,
    SPEAKER_PRONOUNS,
    SUBJECT_RELATIVES,
)
from ...model.labels import entity_type
from ...resources import is_institution, role_of
from ...resources.cues import CueLexicon, load_cues
from ..dates import find_dates
from ..mention_steps import particle_name
from ..person_rules import load_evidence
from .cue import verb_cue
from .nounphrase import WEB_NAME, np_before


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
    while len(span) > 1 and span[0].lower_ in FOCUS_PARTICLES and span[0].pos_ in ("ADV", "PART", "CCONJ", "ADJ"):
        span = span[1:]
    first = span[0]
    if len(span) == 1 and WEB_NAME.fullmatch(first.text):
        return span  # "laut ndr.de": a website, whatever the tagger made of it
    if span.end < len(span.doc) and span.doc[span.end].lower_ == "zufolge" and first.text[:1].isupper() and \
            first.is_alpha and first.lower_ not in SOURCE_ADVERBS:
        return span  # "Nacke zufolge": what stands before "zufolge" is a noun phrase, whatever its tag
    if len(span) == 1 and first.lower_ in SOURCE_ADVERBS:
        return span  # "demnach": the source named before; the resolver takes it from there
    if len(span) == 1 and first.lower_ in ("dieser", "diese"):
        return span  # "Diese bestätigte, dass …": a demonstrative standing for the one named before
    if first.lower_ == "von" and len(span) >= 3 and span[1].lower_ in ("der", "den") and particle_name(span[2]):
        return span  # "Von der Leyen": a name particle, not a preposition
    if first.pos_ in ("ADP", "SCONJ", "CCONJ", "VERB", "AUX"):
        return None
    if first.pos_ in ("ADV", "ADJ", "NUM") and not any(t.pos_ in ("NOUN", "PROPN") for t in span[1:]):
        return None
    if len(span) > 1 and span[1].pos_ == "ADP" and span[1].is_lower and not speaker_like(first) and (
            first.pos_ in ("ADV", "ADJ") or first.lower_.endswith(("end", "sam", "lich", "weise"))):
        return None  # "Stellvertretend für die EU-Kommission", "Gemeinsam mit …": an adverbial phrase
    if first.lower_ in NOT_SPEAKER_OPENERS or span.text.lower() in NOT_SPEAKER_ADVERBIALS:
        return None  # "Zur Panik", "Monatelang", "Des Weiteren"
    if len(span) == 1 and first.tag_ in ("ADV", "PAV"):
        return None
    if len(span) == 1 and (first.text in _CALENDAR_NOUNS or _adverb_at_sentence_start(first)):
        return None  # "Sonntag", "Unterdessen", "Weiter": a capitalized adverb or date, not a speaker
    if len(span) <= 3 and all(t.pos_ in ("NUM", "PUNCT", "DET") or t.text in _CALENDAR_NOUNS for t in span):
        return None  # "11. Juli", "Anfang März"
    if len(span) <= 5 and any(t.text in _CALENDAR_NOUNS or t.like_num for t in span) and _is_date(span.text):
        return None  # "Ende Januar 2006", "Anfang Oktober": a date is no speaker
    return span





def _is_date(text: str) -> bool:
    """The whole text is one date expression ("Ende Januar 2006", "am 11. Juli")."""
    found = find_dates(text)
    return len(found) == 1 and found[0].start <= 1 and found[0].end >= len(text.rstrip()) - 1


_CALENDAR_NOUNS = calendar_nouns()


def _adverb_at_sentence_start(tok: Token) -> bool:
    """A capitalized sentence-initial word that the NER training data knows as a lower-case word and never as a
    name ("Unterdessen", "Zudem", "Weiter")."""
    if not tok.is_sent_start or tok.pos_ in ("PRON", "DET") or tok.lower_ in SPEAKER_PRONOUNS:
        return False
    e = load_evidence().get(tok.text)
    return e is not None and e.in_spans == 0 and e.lower + e.initial > e.other


_ACRONYM = re.compile(r"^(?=(?:.*[A-ZÄÖÜ]){2})[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,7}$")


_AGED = re.compile(r"\d+-[jJ]ährigen?|\d+-[jJ]ährige[rm]?")


def speaker_like(tok: Token) -> bool:
    """A mention that can be a speaker: a name, a person/organization entity, a personal pronoun, a role or
    group noun ("der Sprecher", "Experten")."""
    if tok.lower_ in SPEAKER_PRONOUNS:
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



def relative_antecedent(span: Span) -> Span | None:
    """The noun phrase a relative pronoun speaker stands for: "Reinhard Bütikofer, Parteivorsitzender der
    Grünen, [der] sagte, …" -> "Reinhard Bütikofer, Parteivorsitzender der Grünen" (with the name before the
    apposition), "Demonstranten, [die] skandierten: …"; None for another span or an antecedent that cannot speak
    ("der Partikelstrom, der …")."""
    if len(span) != 1 or span[0].lower_ not in SUBJECT_RELATIVES or span.start < 2:
        return None
    doc, tok = span.doc, span[0]
    if "Rel" not in tok.morph.get("PronType") and tok.tag_ != "PRELS" or doc[tok.i - 1].text != ",":
        return None
    sent = tok.sent
    antecedent = np_before(sent, tok.i - 1 - sent.start)
    if antecedent is None or not len(antecedent):
        return None
    # the head: the last noun before an attribute (a genitive or prepositional phrase: "Form [einer SMS]")
    cut = next((t.i for t in antecedent[1:] if t.pos_ in ("DET", "ADP")), antecedent.end)
    head = next((t for t in reversed(doc[antecedent.start : cut]) if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None or not speaker_like(head):
        return None
    comma = antecedent.start - 1
    if comma > sent.start and doc[comma].text == ",":
        k = comma
        while k - 1 >= sent.start and (doc[k - 1].pos_ == "PROPN" or doc[k - 1].tag_ == "NE"):
            k -= 1
        if comma - k >= 2:
            return doc[k : antecedent.end]  # a name of two words or more before the apposition: the person
    return antecedent


def speaker_or_source(tok: Token, lexicon: CueLexicon) -> bool:
    """A speaker ("Kirby", "die Polizei", "Experten", "er") or a written source ("der Bericht", "die Studie")."""
    return speaker_like(tok) or tok.text in lexicon.sources() or tok.lemma_ in lexicon.sources() or \
        tok.text in lexicon.nouns() or tok.lemma_ in lexicon.nouns()
