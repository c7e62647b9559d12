"""Cue detection: is this word a speech verb of the cue lexicon (particle verbs and lemmas the model missed
resolved), a support verb with a noun of saying ("vertrat den Standpunkt"), a noun of a "nach X" phrase?"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ...lang.de.verbs import is_finite, is_verbal, verb_chain
from ...lang.de.words import POS_NOT_A_MISSED_VERB, VERB_ENDINGS
from ...model.labels import has_role
from ...resources import cue_forms, speech_act_candidates, speech_act_objects, speech_act_senses
from ...resources.cues import Cue, CueLexicon
from ..syntax import particle_of
from .text import within_marks


def _stem_lemmas(word: str) -> list[str]:
    """Infinitive guesses for a regular verb form ('sagte' -> 'sagen'), used when the model's lemma is off."""
    low = word.lower()
    guesses = []
    for suffix in VERB_ENDINGS:
        if low.endswith(suffix) and len(low) - len(suffix) >= 2:
            guesses.append(low[: -len(suffix)] + "en")
            guesses.append(low[: -len(suffix)] + "n")
    return guesses


def verb_cue(token: Token, lexicon: CueLexicon) -> Cue | None:
    """The lexicon entry if ``token`` is a speech verb (particle verbs resolved: "teilte … mit")."""
    if not is_verbal(token):
        # a verb the tagger missed ("warnt" as ADV): any lower-case open-class word may be one
        if not token.is_lower or not token.is_alpha or token.pos_ in POS_NOT_A_MISSED_VERB:
            return None
    lemmas = [token.lemma_.lower(), token.lower_] + _stem_lemmas(token.text)
    listed = cue_forms().get(token.lower_)
    if listed:
        lemmas.insert(0, listed)
    bases = lexicon.particle_bases()
    # the particles are looked for only where one of the lemmas is the stem of a particle verb (no other lemma
    # finds an entry with them)
    particles = _particles(token, lexicon) if any(lemma.casefold() in bases for lemma in lemmas) else []
    for lemma in lemmas:
        for particle in particles:
            cue = lexicon.verb_by_base_and_particle(lemma, particle)
            if cue is not None:
                return cue
        cue = lexicon.verb_by_lemma(lemma)
        if cue is not None and (not cue.particle or cue.particle and lemma.startswith(cue.particle)):
            return cue
    return _noun_frame_cue(token, lexicon)


def _particles(verb: Token, lexicon: CueLexicon) -> list[str]:
    """The separated particle of a verb, and particles the parser attached as a modifier ("bekannt gab":
    bekannt/ADJ advmod, "fest stellte")."""
    separated = particle_of(verb)
    particles = [separated] if separated else []
    known = lexicon.particles()
    particles += [c.lower_ for c in verb.children if c.lower_ in known and c.i > verb.i - 3 and not list(c.children)
                  and c.lower_ not in particles]
    return particles


class VerbCues:
    """:func:`verb_cue` of the tokens of one Doc, each computed once: the strategies ask it of every token of the
    body's sentences, most tokens two or three times (indirect, reported, continuation). The cache is keyed by
    token index and holds only tokens of ``doc`` (another Doc's token is computed, not stored); it is safe because
    the quotation rules never change a token's annotation, and it lives as long as the article's
    :class:`~.context.Context`."""

    def __init__(self, doc: Doc, lexicon: CueLexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self._by_index: dict[int, Cue | None] = {}

    def of(self, token: Token) -> Cue | None:
        """``verb_cue(token, self.lexicon)``."""
        if token.doc is not self.doc:
            return verb_cue(token, self.lexicon)
        by_index = self._by_index
        if token.i not in by_index:
            by_index[token.i] = verb_cue(token, self.lexicon)
        return by_index[token.i]


def _noun_frame_cue(token: Token, lexicon: CueLexicon) -> Cue | None:
    """A support verb with a noun of saying: "vertrat den Standpunkt, …", "erhob den Vorwurf, …", "ist der Meinung,
    dass …", "kam zu dem Ergebnis, dass …". The pair is a weak cue: its content must be a dass-clause, a
    zu-infinitive or in Konjunktiv."""
    if not is_verbal(token):
        return None
    nouns = lexicon.nouns()
    candidates = [c for c in token.children if c.pos_ == "NOUN" and c.i > token.i - 6]
    if token.dep_ in ("cop",) or has_role(token, "auxiliary"):  # "ist der Meinung": the noun heads the clause
        candidates.append(token.head)
    for noun in candidates:
        if noun.pos_ != "NOUN":
            continue
        lemma = noun.lemma_ if noun.lemma_[:1].isupper() else noun.text
        # (a noun inside quotation marks is quoted, no frame: "eine Reaktion auf „die Frage …“ gewesen")
        if (lemma in nouns or noun.text in nouns) and not within_marks(noun):
            return Cue(cue=f"{noun.text} {token.lower_}", type="noun-frame", base=token.lemma_.lower(), particle="",
                       strength="weak", train_count=0)
    return None


def cue_in(span: Span | None, cues: VerbCues, first_only: bool = False, last: bool = False) -> Token | None:
    """The cue verb of a frame: the first one, or with ``last`` the one nearest to a quotation after the frame
    ("Er sagte, Europa brauche die Engländer, und fügte hinzu: „…“")."""
    if span is None:
        return None
    for tok in (reversed(span) if last else span):
        if cues.of(tok) is not None:
            return tok
        if first_only and tok.is_alpha and tok.pos_ in ("VERB", "AUX"):
            return None
    return None


def lacks_object(cue: str, sent: Span) -> bool:
    """A verb that speaks only with its prepositional object (speech_act_objects_de.tsv: verweisen auf, bestehen
    auf) without that preposition (or its da(r)- form) in the sentence."""
    needs = speech_act_objects().get(cue)
    return bool(needs) and not any(t.lower_ in needs for t in sent)


def other_sense(cue: str, verb: Token) -> bool:
    """A noun the verb governs gives it a sense that reports no speech (speech_act_senses_de.tsv): "Der Taifun
    forderte zwölf Todesopfer" (as object or, misparsed, as subject), not "Die Angehörigen der Opfer forderten"."""
    nouns = speech_act_senses().get(cue)
    if not nouns:
        return False
    # the verb's own nominals, with the words the parse joined to them as one name ("Zwölf <-flat- Todesopfer")
    governed = [t for c in verb.children for t in (c, *c.children) if t is c or t.dep_.startswith(("flat", "compound"))]
    return any(t.pos_ in ("NOUN", "PROPN") and t.lower_.endswith(nouns) for t in governed)


def noun_cue(word: str, lexicon: CueLexicon) -> bool:
    """After "nach": a noun of the "nach X" phrases or a source noun, inflected or compounded ("Angaben",
    "Behördenangaben", "Expertenmeinung", "Studie"); event nouns ("nach dem Urteil", "nach Abschluss") are not."""
    nouns = _nach_nouns(lexicon)
    compound_heads = _nach_noun_heads(lexicon)
    low = word.lower()
    for cut in (0, 1, 2, 3):
        stem = low[: len(low) - cut] if cut else low
        if len(stem) < 4:
            break
        # singular and plural of the listed nouns ("Schätzung" / "Schätzungen", "Erkenntnis" / "Erkenntnissen")
        for form in (stem, stem + "en", stem + "n", stem + "sen"):
            if form in nouns or form.endswith(compound_heads):
                return True
    return False


# The lookups below are made once per lexicon (a lexicon never changes; the caches hold the lexicons they
# were made from, so an id is never reused for another one)
@lru_cache(maxsize=8)
def _nach_nouns(lexicon: CueLexicon) -> frozenset[str]:
    words = {p[1] for p in lower_phrases(lexicon) if len(p) == 2 and p[0] == "nach"}
    words |= {n.lower() for n in lexicon.sources()}
    return frozenset(words)


@lru_cache(maxsize=8)
def _nach_noun_heads(lexicon: CueLexicon) -> tuple[str, ...]:
    """The nouns of :func:`_nach_nouns` that end a compound ("Behörden|angaben"): those of five letters or more."""
    return tuple(n for n in _nach_nouns(lexicon) if len(n) >= 5)


@lru_cache(maxsize=8)
def lower_phrases(lexicon: CueLexicon) -> list[tuple[str, ...]]:
    return sorted({tuple(w.lower() for w in words) for words in lexicon.phrases()}, key=len, reverse=True)


def act_verb(tok: Token, cues: VerbCues) -> str | None:
    """The speech-act entry of a verb: its cue-lexicon entry, or a finite verb of intention or stance from
    speech_act_candidates_de.txt ("Die SPD will …"); None for other words."""
    cue = cues.of(tok)
    if cue is not None:
        return cue.cue if cue.type == "verb" else None
    if not is_finite(tok) and not (tok.head.i == tok.i and len(verb_chain(tok)) == 1):
        return None  # (a root verb without auxiliary is finite, whatever the tagger says: "beabsichtigt" as VVPP)
    particle = particle_of(tok)
    name = particle + tok.lemma_ if particle else tok.lemma_
    return name if name in speech_act_candidates() else None
