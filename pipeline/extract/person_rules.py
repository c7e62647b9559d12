"""``person_rules``: a spaCy component that corrects the person entities of the NER; it runs right after ``ner``.

The statistical NER of a small pipeline misses full names ("Raimund Bethge"), tags sentence-initial adverbs as
persons ("Wieso", "Relativ"), runs person spans into the following noun ("Wladimir Putin Briefe") and tags places
as persons ("Südkorea"). The rules below repair this with two data files mined from the NER *training* data by
``models/scripts/mine_first_names.py``:

- ``first_names_de.txt``: first names (first tokens of multi-token gold PER spans, ambiguous words removed), read
  together with ``first_names_extra_de.txt``: given names of public name lists that the training data lacks, filtered
  with the same evidence (``models/scripts/build_first_names_extra.py``);
- ``name_evidence_de.tsv``: per capitalized word form, how often it was a PER / LOC / ORG / MISC span, a noun
  outside any span, and how often its lower-case form occurs.

Rules, in order (each one was kept because it helped on GermEval dev news + SmartData dev, measured with
``models/scripts/eval_ner_rules.py --sets dev``; ``rules`` in the component config selects a subset):

0. ``legal_forms``, ``party_names`` (:mod:`pipeline.extract.type_rules`): a name ending in a legal form is an
   organization ("Müller Logistik GmbH", "Freunde der Oper e.V."), a one-word name before a party in parentheses a
   person ("Lindner (FDP)").
1. ``repair``: a multi-token person span made only of known places becomes those places ("Nordkorea von
   Russland"); otherwise it loses trailing common nouns and role nouns ("Wladimir Putin Briefe" -> "Wladimir
   Putin"; compounds of two plain nouns too: "Meier Steuerpläne" -> "Meier"), starts after an inner role noun
   ("Venezuelas Präsident Maduro" -> "Venezuelas" (place, if known) + "Maduro"), and ends after a genitive name
   followed by what it owns ("Kims Atomwaffenprogramm" -> "Kims"); a full name loses a genitive place it ran into
   ("… lobte Olaf Scholz Frankreichs Vorschlag" -> "Olaf Scholz" + the place "Frankreichs").
2. ``relabel``: a one-token "person" that the training data knows only as a place or organization (also in the
   genitive: "Moskaus") gets that type.
3. ``drop``: a one-token person that is an all-caps acronym of 2-3 letters ("KI"; one the training data knows as
   an organization, "EU", was relabelled by rule 2), a common noun of the training data ("Tempel", "Promis"), or,
   at the start of a sentence, a lower-case word capitalized by position ("Relativ", "Wieso") or an adverb/
   adjective/pronoun/verb by its part of speech, is dropped -- unless it is the surname of a full name in the text.
4. ``first_name``: a known first name followed by capitalized name-like tokens becomes one person ("Raimund
   Bethge", "Uma Thurman"), also when the NER split it ("Raimund [Bethge]") or typed it ORG/LOC ("[Detlef Opitz]ORG"),
   also at a sentence start, and also when the surname the NER tagged has an odd part of speech.
4b. ``hyphen_surname``: a person span runs on over a double-barrelled surname right after it that the NER left out
   ("[Louisa] Specht-Riemenschneider"; the tokenizer keeps the hyphenated word whole): each part capitalized, none a
   common noun, role noun, place or organization of the training data, the whole no place of the gazetteer
   ("Merkel-Regierung", "Grünen-Chefin", "Baden-Württemberg" stay out).
5. ``known_person``: an untagged capitalized mid-sentence word that the training data knows (almost) only as a
   person name becomes a person ("Beckenbauer", genitive "Bushs").
6. ``known_place``: likewise for words the training data knows only as places ("Elfenbeinküste", "Kongo").
7. ``gazetteer``: a one-token "person" (also in the genitive: "Pjöngjangs") or a person span whose text is a
   country or a city of at least 100,000 inhabitants in the GeoNames gazetteer (:mod:`pipeline.extract.gazetteer`,
   German exonyms included: "Pjöngjang") becomes a place; so does such an untagged proper noun (PROPN, capitalized,
   not at a sentence start, no untagged capitalized neighbour: "Washington"). Never for a first name, a word the
   training data uses more as a person than as a place, in lower case ("Essen"/"essen", "Bergen", "Weil") or more
   as a plain noun than as a place ("Halle"). A one-token "person" right after a place noun of
   ``place_nouns_de.txt`` is a place too ("Halbinsel Krim": regions are not in the gazetteer).
7b. ``countries``: an untagged German country name of ``countries_de.tsv`` is a place, whatever its part of speech
   ("auf den Seychellen", "der Vereinigten Arabischen Emirate"; not "Jersey", a plain noun too).
7c. ``towns``: a town of the gazetteer right after a place preposition (``place_prepositions`` in
   ``function_words_de.toml``) or in an enumeration after a place, untagged or typed as an organization, is a
   place ("in Meschede", "aus Porta Westfalica", "bei Remscheid"); not a plain noun, a first name or a word the
   training data uses in lower case ("in Sorge").
7d. ``regions``: a region, state or sea of ``regions_de.txt`` in any case ("auf der koreanischen Halbinsel", "im
   Fernen Osten", "Niedersachsens") is a place; a one-word name only where the word is no plain noun, first name
   or lower-case word.
7e. ``seats``: an organization named with its seat where the NER tagged only the place is one organization
   ("Universität von Texas in Austin", "Lincoln Highschool"; ``seat_institutions_de.txt``).
8. ``non_names``: one-token places/organizations that are common nouns ("Gang"), one-token persons/places with an
   abstract-noun suffix ("Waffenlieferungen") are dropped.
8b. ``lexicon``: a one-token person or place that the German Wiktionary knows only as a plain noun
   (``common_nouns_de.txt.gz``: "Staatstrojaner", "Zeitschrift", "Journalisten"), or a compound whose last part is
   one (a person "Chatkontrolle", a person or place "Quick-Freeze-Verfahren", "Marriott-Hotel"), is dropped --
   unless the gazetteer knows it as a place, it is a seat of power ("Kreml": an organization), a first name, the
   surname of a full name in the text or a person after a title or role noun ("Herr Willemsen"), the
   training data uses it more as a name of that type than as a noun, a part before a hyphen is a place
   ("Zwickau-Ost"), or the compound ends in a part that also ends place names (``place_name_heads_de.txt``:
   "-burg", "-brücken", "-see"). A closed compound is no evidence against a place: unknown towns end in nouns too
   ("Edenkoben").
8c. ``things``: a person right after a noun that names the kind of thing it is (``thing_nouns_de.txt``: "der
   Sturm Sabine", "die Band Tokio Hotel", "das Medikament Aspirin") is dropped.
9. ``document``: within one text, "Putin Kim" is split into two persons when both stand alone elsewhere, and the
   surname of a full name ("Bethge" after "Raimund Bethge", "Schoigus" after "Sergei Schoigu") is a person wherever
   it stands alone (untagged or tagged as a one-token place/organization) -- a word that also starts a full name in
   the text is no surname ("Frank" of "Anne Frank" beside "Frank Walter"), nor a fragment ("Keefe" of "O ’ Keefe").

Works with either supported pipeline: entity types are read through :func:`pipeline.model.labels.entity_type`,
the labels written are the pipeline's own, and no dependency label is read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model.labels import entity_type
from ..resources import (
    RESOURCE_DIR,
    common_nouns,
    is_institution,
    is_role_noun,
    read_lines,
    role_of,
)
from . import gazetteer, place_rules, type_rules
from .entities import is_seat_of_power
from .name_lexicon import lexically_plain_noun, plain_compound, thing_nouns

FIRST_NAMES_FILE = RESOURCE_DIR / "first_names_de.txt"
# given names of public name lists that the training data lacks ("Kathrin", "Janosch"); read with FIRST_NAMES_FILE
EXTRA_FIRST_NAMES_FILE = RESOURCE_DIR / "first_names_extra_de.txt"
EVIDENCE_FILE = RESOURCE_DIR / "name_evidence_de.tsv"
PLACE_NOUNS_FILE = RESOURCE_DIR / "place_nouns_de.txt"

ALL_RULES = ("legal_forms", "party_names", "repair", "relabel", "drop", "first_name", "hyphen_surname", "known_person",
             "known_place", "gazetteer", "countries", "towns", "regions", "seats", "non_names", "lexicon", "things",
             "document")

# a name part: a capital letter, then letters (hyphen/apostrophe inside: "Frank-Walter", "O'Neill")
_NAME_PART = re.compile(r"^[A-ZÄÖÜÀ-ÞĀ-Ž][A-Za-zÄÖÜäöüßÀ-ÿĀ-ž]*(?:[-'’][A-Za-zÄÖÜäöüßÀ-ÿĀ-ž]+)*$")
# parts of speech a one-token name is never tagged with (token.pos_ is the UD tag set in both pipelines)
_NON_NAME_POS = frozenset({"ADV", "ADJ", "PRON", "VERB", "AUX", "DET", "ADP", "CCONJ", "SCONJ", "PART", "INTJ"})
_SURNAME_POS = frozenset({"PROPN", "X", "NOUN"})
# an all-caps acronym of 2-3 letters ("KI", "EU", "SPD"): never a person on its own
_ACRONYM = re.compile(r"^[A-ZÄÖÜ]{2,3}$")
# a double-barrelled surname: two or more capitalized parts joined by hyphens ("Specht-Riemenschneider")
_HYPHEN_NAME = re.compile(r"^[A-ZÄÖÜÀ-ÞĀ-Ž][a-zäöüßà-ÿā-ž]+(?:-[A-ZÄÖÜÀ-ÞĀ-Ž][a-zäöüßà-ÿā-ž]+)+$")
# suffixes of German abstract nouns; no one-token person or place name ends in them ("Waffenlieferungen")
_ABSTRACT_NOUN = re.compile(r"(?:^|-)[A-ZÄÖÜ][a-zäöüß]{3,}(?:ungen|ung|heiten|heit|keiten|keit|schaften|schaft)$")
# punctuation that may stand between a sentence start and its first word
_OPENING = frozenset('"„“”«»‚‘’›‹\'([–—-')


@dataclass(frozen=True)
class Evidence:
    """How a capitalized word form is used in the training data (columns of name_evidence_de.tsv)."""
    per: int = 0
    loc: int = 0
    org: int = 0
    misc: int = 0
    other: int = 0      # capitalized mid-sentence outside any entity: a noun
    initial: int = 0    # outside any entity at a sentence start
    lower: int = 0      # occurrences of the lower-case form

    @property
    def in_spans(self) -> int:
        return self.per + self.loc + self.org + self.misc


_NO_EVIDENCE = Evidence()


@lru_cache(maxsize=4)
def load_first_names(path: str | None = None) -> frozenset[str]:
    """First column of each non-comment line of the first-name lexicon: ``path`` alone, or by default the mined
    lexicon (first_names_de.txt) plus the supplementary given names (first_names_extra_de.txt)."""
    names: set[str] = set()
    for file in [Path(path)] if path else [FIRST_NAMES_FILE, EXTRA_FIRST_NAMES_FILE]:
        with open(file, encoding="utf-8") as fh:
            names.update(line.split("\t", 1)[0].strip() for line in fh if line.strip() and not line.startswith("#"))
    return frozenset(names)


@lru_cache(maxsize=4)
def load_evidence(path: str | None = None) -> dict[str, Evidence]:
    table: dict[str, Evidence] = {}
    with open(Path(path) if path else EVIDENCE_FILE, encoding="utf-8") as fh:
        lines = [line.rstrip("\n") for line in fh if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    expected = ["word", "PER", "LOC", "ORG", "MISC", "other", "initial", "lower"]
    if header != expected:
        raise ValueError(f"{path or EVIDENCE_FILE}: header {header} != {expected}")
    for line in lines[1:]:
        word, *counts = line.split("\t")
        table[word] = Evidence(*(int(c) for c in counts))
    return table


@lru_cache(maxsize=1)
def load_place_nouns() -> frozenset[str]:
    """Nouns that name the kind of place the next word is ("Halbinsel", "Hauptstadt"): place_nouns_de.txt."""
    return frozenset(read_lines(PLACE_NOUNS_FILE.name))


def genitive_bases(word: str) -> list[str]:
    """Candidate base forms of a genitive name: "Moskaus" -> ["Moskau"], "Strauss'" -> ["Strauss"]."""
    out = []
    if word.endswith(("'", "’")) and len(word) > 3:
        out.append(word[:-1])
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        out.append(word[:-1])
        if word.endswith("es") and len(word) > 5:
            out.append(word[:-2])
    return out


def _labels(nlp: Language | None) -> dict[str, str]:
    """Entity type -> this pipeline's NER label (PER/LOC/ORG in both supported pipelines)."""
    labels = {"person": "PER", "place": "LOC", "organization": "ORG"}
    if nlp is not None and "ner" in nlp.pipe_names:
        for label in nlp.get_pipe("ner").labels:
            kind = entity_type(label)
            if kind in labels and labels[kind] not in nlp.get_pipe("ner").labels:
                labels[kind] = label
    return labels



def sentence_initial(tok: Token) -> bool:
    """The first word of its sentence (opening quotes/brackets/dashes before it do not count)."""
    doc = tok.doc
    i = tok.i
    while i > 0 and not doc[i].is_sent_start and doc[i - 1].text in _OPENING:
        i -= 1
    if i == 0 or doc[i].is_sent_start:
        return True
    prev = doc[i - 1]
    return prev.is_space or "\n" in prev.whitespace_


class PersonRules:
    """The component; ``rules`` selects a subset of :data:`ALL_RULES` (for measurements)."""

    # thresholds, chosen on GermEval dev news + SmartData dev (models/scripts/eval_ner_rules.py --sets dev)
    MIN_PLACE_ORG = 2          # relabel: seen as LOC/ORG at least this often ...
    MAX_PLACE_ORG_PER = 0.0    # ... and as PER at most this share of those
    MIN_LOWER = 2              # drop: lower-case form seen at least this often
    MIN_COMMON_NOUN = 3        # common noun: capitalized outside entities mid-sentence at least this often ...
    MAX_COMMON_NOUN_NAME = 0.1  # ... and inside entities at most this share of that
    MIN_KNOWN_PERSON = 2       # known_person: seen inside PER at least this often ...
    MIN_KNOWN_PERSON_SHARE = 0.95  # ... and this share of all its capitalized occurrences
    MIN_KNOWN_PLACE = 2        # known_place: seen inside LOC at least this often ...
    MIN_KNOWN_PLACE_SHARE = 1.0  # ... and never capitalized otherwise
    MAX_NAME_TOKENS = 4

    def __init__(self, first_names: frozenset[str], evidence: dict[str, Evidence],
                 labels: dict[str, str] | None = None, rules: Iterable[str] = ALL_RULES):
        self.first_names = first_names
        self.evidence = evidence
        self.labels = labels or {"person": "PER", "place": "LOC", "organization": "ORG"}
        self.rules = tuple(rules)
        unknown = set(self.rules) - set(ALL_RULES)
        if unknown:
            raise ValueError(f"unknown person_rules {sorted(unknown)}; known: {ALL_RULES}")

    # ------------------------------------------------------------------------------------------ word evidence
    def ev(self, word: str) -> Evidence:
        return self.evidence.get(word, _NO_EVIDENCE)

    def place_or_org(self, word: str) -> str | None:
        """'place' / 'organization' if the training data knows the word (or its genitive base) only as such."""
        for form in [word] + genitive_bases(word):
            e = self.ev(form)
            known = e.loc + e.org
            if known >= self.MIN_PLACE_ORG and e.per <= self.MAX_PLACE_ORG_PER * known:
                return "place" if e.loc >= e.org else "organization"
        return None

    def common_noun(self, word: str) -> bool:
        if word in self.first_names:
            return False
        e = self.ev(word)
        return e.other >= self.MIN_COMMON_NOUN and e.in_spans <= self.MAX_COMMON_NOUN_NAME * e.other

    def noun_like(self, word: str) -> bool:
        """Used as a plain noun at least as often as as a person name ("Briefe", "Sommer")."""
        e = self.ev(word)
        return e.other >= self.MIN_COMMON_NOUN and e.per < e.other

    def role_noun(self, word: str) -> bool:
        return is_role_noun(word)

    def lowercase_word(self, word: str) -> bool:
        e = self.ev(word)
        return e.lower >= self.MIN_LOWER and e.per == 0 and word not in self.first_names

    def known_person(self, word: str) -> bool:
        for form in [word] + genitive_bases(word):
            e = self.ev(form)
            total = e.in_spans + e.other + e.initial
            if e.per >= self.MIN_KNOWN_PERSON and e.per >= self.MIN_KNOWN_PERSON_SHARE * total and e.lower == 0:
                return True
        return False

    def is_person(self, span: Span) -> bool:
        return entity_type(span.label_) == "person"

    def span(self, doc: Doc, start: int, end: int, kind: str) -> Span:
        return Span(doc, start, end, label=self.labels[kind])

    _make = span

    # ------------------------------------------------------------------------------------------------ rules
    def repair(self, doc: Doc, ents: list[Span]) -> list[Span]:
        out: list[Span] = []
        alone = {ent.text for ent in ents if self.is_person(ent) and len(ent) == 1}
        for ent in ents:
            if not self.is_person(ent) or len(ent) < 2:
                out.append(ent)
                continue
            # a "person" made of known places: "Nordkorea von Russland", "Nordkorea Russland"
            names = [t for t in ent if t.text[:1].isupper()]
            kinds = [self.place_or_org(t.text) for t in names]
            if len(names) > 1 and all(kinds) and all(t.is_lower or t.is_punct for t in ent if t not in names):
                out.extend(self.span(doc, t.i, t.i + 1, kind) for t, kind in zip(names, kinds))
                continue
            start, end = ent.start, ent.end
            # trailing common nouns and role nouns: "Wladimir Putin Briefe", "Nordkoreas Machthaber" -- but not
            # the surname after a first name ("Max Herbst"), unless that first name stands alone elsewhere ("Kim")
            while end - start > 1 and (self.noun_like(doc[end - 1].text) or self.role_noun(doc[end - 1].text) or
                                       plain_compound(doc[end - 1].text)):
                if doc[end - 2].text in self.first_names and doc[end - 2].text not in alone:
                    break
                end -= 1
            # a genitive place after a full name: "… lobte Olaf Scholz [Frankreichs] Vorschlag"
            if end - start > 2 and self._genitive_place(doc[end - 1].text) and doc[start].text in self.first_names:
                out.append(self.span(doc, end - 1, end, "place"))
                end -= 1
            prefix: tuple[int, int] | None = None
            # an inner role noun: the name follows it ("Venezuelas Präsident Maduro")
            for k in range(end - 2, start - 1, -1):
                if self.role_noun(doc[k].text):
                    prefix = (start, k) if k > start else None
                    start = k + 1
                    break
            # a genitive name followed by what it owns: "Kims Atomwaffenprogramm", "Kiews Gegenoffensive"
            for k in range(start, end - 1):
                word = doc[k].text
                if word in self.first_names or not _NAME_PART.match(word):
                    continue
                bases = genitive_bases(word)
                if bases and any(self.ev(b).in_spans > 0 for b in bases) \
                        and not any(self.ev(t.text).per > 0 or t.text in self.first_names for t in doc[k + 1:end]):
                    end = k + 1
                    break
            if prefix is not None and prefix[1] - prefix[0] == 1:
                kind = self.place_or_org(doc[prefix[0]].text)
                if kind:
                    out.append(self.span(doc, prefix[0], prefix[1], kind))
            if end > start:
                out.append(Span(doc, start, end, label=ent.label_))
        return out

    def _genitive_place(self, word: str) -> bool:
        """A genitive of a gazetteer place that the training data does not use as a person name ("Frankreichs",
        "Moskaus")."""
        base = gazetteer.gazetteer_base(word)
        return base != word and gazetteer.find_place(base) is not None and self.ev(word).per == 0 and \
            self.ev(base).per <= self.ev(base).loc

    def relabel(self, doc: Doc, ents: list[Span]) -> list[Span]:
        out = []
        for ent in ents:
            if self.is_person(ent) and len(ent) == 1:
                kind = self.place_or_org(ent.text)
                if kind:
                    ent = self.span(doc, ent.start, ent.end, kind)
            out.append(ent)
        return out

    def drop(self, doc: Doc, ents: list[Span]) -> list[Span]:
        # surnames of full names in this text stay persons even if they are also nouns ("Stefan Sommer" ... "Sommer")
        surnames = {ent[-1].text for ent in ents if self.is_person(ent) and len(ent) > 1}
        out = []
        for ent in ents:
            if self.is_person(ent) and len(ent) == 1 and ent.text not in surnames:
                word = ent.text
                if self.common_noun(word) or _ACRONYM.match(word):
                    continue
                if sentence_initial(ent[0]):
                    if self.lowercase_word(word):
                        continue
                    if ent[0].pos_ in _NON_NAME_POS and self.ev(word).per == 0 and word not in self.first_names:
                        continue
            out.append(ent)
        return out

    def _name_shaped(self, tok: Token) -> bool:
        """Capitalized name shape and not an acronym, a known common noun, role noun or place."""
        return (len(tok.text) > 1 and bool(_NAME_PART.match(tok.text)) and not _ACRONYM.match(tok.text)
                and not self.role_noun(tok.text) and not self.common_noun(tok.text)
                and self.place_or_org(tok.text) is None)

    def _name_part(self, tok: Token) -> bool:
        """A surname candidate after a first name: name-shaped and tagged as a noun; of capitalized parts joined by
        hyphens, a double-barrelled surname (not "Scholz-Gegner"; "Byong-chul" is no such compound)."""
        return tok.pos_ in _SURNAME_POS and self._name_shaped(tok) \
            and not (_HYPHEN_NAME.match(tok.text) and not self._hyphen_surname(tok))

    def _surname_part(self, tok: Token, ent: Span | None) -> bool:
        """A surname candidate after a first name: a name part, or a name-shaped word the NER tagged as a person
        whatever its part of speech ("Kathrin Vogler" with "Vogler" tagged as an adjective)."""
        return self._name_part(tok) or (ent is not None and self.is_person(ent) and self._name_shaped(tok))

    def _genitive_part(self, tok: Token) -> bool:
        """A name part that looks genitive ("Salvinis" in "Matteo Salvinis Lega"): what follows is owned, not a
        further part of the name. A first name ending in -s ("Andreas") is none."""
        return tok.text not in self.first_names and bool(genitive_bases(tok.text))

    def _name_end(self, doc: Doc, i: int, own: Span | None, ent_at: dict[int, Span]) -> int:
        """Where a name that starts with the first name ``doc[i]`` ends: it takes the surname parts that follow (a
        person entity right after it whole), and none after a genitive part."""
        end, n = i + 1, len(doc)
        while end < n and end - i < self.MAX_NAME_TOKENS and self._surname_part(doc[end], ent_at.get(end)):
            if end > i + 1 and self._genitive_part(doc[end - 1]):
                break
            nxt = ent_at.get(end)
            if nxt is not None and nxt is not own:
                if nxt.start == end and nxt.end - i <= self.MAX_NAME_TOKENS \
                        and all(self._surname_part(t, nxt) for t in nxt):
                    end = nxt.end
                break
            end += 1
        return end

    def first_name(self, doc: Doc, ents: list[Span]) -> list[Span]:
        ent_at: dict[int, Span] = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        # a first name that ends a full name in this text is a surname here ("Vincio Luna" ... "werfen Luna
        # Menschenhandel vor"): it starts a name only before a person entity
        surnames = {ent[-1].text for ent in ents if self.is_person(ent) and len(ent) > 1}
        new: list[Span] = []
        i, n = 0, len(doc)
        while i < n - 1:
            if doc[i].text not in self.first_names:
                i += 1
                continue
            own = ent_at.get(i)
            if own is not None and own.start != i:
                i += 1
                continue  # inside a longer entity: the NER saw more context
            if own is not None and self.is_person(own) and len(own) > 1:
                i = own.end
                continue  # already a full name
            nxt = ent_at.get(i + 1)
            if doc[i].text in surnames and (nxt is None or not self.is_person(nxt) or nxt.start != i + 1):
                i += 1
                continue
            end = self._name_end(doc, i, own, ent_at)
            if end == i + 1 or (own is not None and own.end > end):
                i += 1
                continue
            new.append(self.span(doc, i, end, "person"))
            i = end
        return _replace(ents, new)

    def _hyphen_surname(self, tok: Token) -> bool:
        """"Specht-Riemenschneider", "Domscheit-Berg": a word of capitalized parts joined by hyphens, the whole no
        role or group noun ("Grünen-Chefin", "Scholz-Gegner"), common noun, place or organization, and no part a
        word the training data never saw as a person name but as a noun, role or place ("Kohl-Ära", "Nato-Gipfel";
        "Berg" and "Koch" are surnames too; a part may be a town, as many surnames are: "Müller-Lüdenscheid")."""
        word = tok.text
        if tok.pos_ not in _SURNAME_POS or not _HYPHEN_NAME.match(word) or _ABSTRACT_NOUN.search(word):
            return False
        if role_of(word) is not None or self.common_noun(word) or self.place_or_org(word) \
                or gazetteer.find_place(word):
            return False
        return not any(self.ev(part).per == 0 and (self.noun_like(part) or role_of(part) is not None
                                                  or self.place_or_org(part) is not None)
                       for part in word.split("-"))

    def hyphen_surname(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A person name runs on over a double-barrelled surname the NER left out: "[Louisa] Specht-Riemenschneider"
        (the tokenizer keeps the hyphenated word whole; the NER stops before it) -> "Louisa Specht-Riemenschneider".
        The hyphenated word may be untagged or a one-token person of its own. A first name before a name + hyphen +
        institution noun is the start of an organization's name: "[Robert] Koch-Institut", "[Hans] Böckler-Stiftung"."""
        ent_at: dict[int, Span] = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        new = []
        for ent in ents:
            if not self.is_person(ent) or len(ent) >= self.MAX_NAME_TOKENS or ent.end >= len(doc) \
                    or not all(self._name_shaped(t) for t in ent) or ent[-1].whitespace_ != " ":
                continue
            nxt, after = doc[ent.end], ent_at.get(ent.end)
            if sentence_initial(nxt) or not (after is None or (self.is_person(after) and len(after) == 1)):
                continue
            if self._hyphen_surname(nxt):
                new.append(self.span(doc, ent.start, ent.end + 1, "person"))
            elif len(ent) == 1 and ent.text in self.first_names and _HYPHEN_NAME.match(nxt.text) \
                    and is_institution(nxt.text.rsplit("-", 1)[1]):
                new.append(self.span(doc, ent.start, ent.end + 1, "organization"))
        return _replace(ents, new)

    def known_person_rule(self, doc: Doc, ents: list[Span]) -> list[Span]:
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        new = []
        for tok in doc:
            if tok.i in taken or not _NAME_PART.match(tok.text) or tok.text in self.first_names:
                continue
            if sentence_initial(tok) or not self.known_person(tok.text):
                continue
            # part of a longer capitalized sequence: leave it to the NER ("Schröder Haus")
            if any(0 <= j < len(doc) and j not in taken and _NAME_PART.match(doc[j].text)
                   and doc[j].text not in self.first_names and not self.common_noun(doc[j].text)
                   and not sentence_initial(doc[j]) for j in (tok.i - 1, tok.i + 1)):
                continue
            new.append(self.span(doc, tok.i, tok.i + 1, "person"))
        return _replace(ents, new)

    def known_place_rule(self, doc: Doc, ents: list[Span]) -> list[Span]:
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        new = []
        for tok in doc:
            if tok.i in taken or not _NAME_PART.match(tok.text) or sentence_initial(tok):
                continue
            for form in [tok.text] + genitive_bases(tok.text):
                e = self.ev(form)
                total = e.in_spans + e.other + e.initial
                if e.loc >= self.MIN_KNOWN_PLACE and e.loc >= self.MIN_KNOWN_PLACE_SHARE * total and e.lower == 0:
                    if not any(0 <= j < len(doc) and j not in taken and _NAME_PART.match(doc[j].text)
                               and not sentence_initial(doc[j]) and not self.common_noun(doc[j].text)
                               for j in (tok.i - 1, tok.i + 1)):
                        new.append(self.span(doc, tok.i, tok.i + 1, "place"))
                    break
        return _replace(ents, new)

    def gazetteer_place(self, text: str) -> bool:
        """A large place of the gazetteer (also the genitive base) that the training data does not use as a person
        name, a lower-case word or a plain noun."""
        if text in self.first_names:
            return False
        forms = [text] + (genitive_bases(text) if " " not in text else [])
        for form in forms:
            if form in self.first_names or not gazetteer.is_major_place(form):
                continue
            for word in {text, form}:
                e = self.ev(word)
                if e.per > e.loc or e.lower > 0 or (e.other >= self.MIN_COMMON_NOUN and e.other > e.loc):
                    return False
            return True
        return False

    def _after_modifier(self, doc: Doc, i: int) -> bool:
        """After an article, adjective or role noun: "die 17-jährige Caroline", "Tochter Ireland" (a German city or
        country name rarely takes one)."""
        return i > 0 and (doc[i - 1].pos_ in ("DET", "ADJ") or self.role_noun(doc[i - 1].text))

    def gazetteer_rule(self, doc: Doc, ents: list[Span]) -> list[Span]:
        out = []
        for ent in ents:
            if self.is_person(ent) and len(ent) == 1 and ent.start > 0 \
                    and doc[ent.start - 1].text in load_place_nouns() and not self.known_person(ent.text) \
                    and ent.text not in self.first_names:
                ent = self.span(doc, ent.start, ent.end, "place")  # "Halbinsel Krim"
            elif self.is_person(ent) and len(ent) <= self.MAX_NAME_TOKENS \
                    and not self._after_modifier(doc, ent.start) and self.gazetteer_place(ent.text):
                ent = self.span(doc, ent.start, ent.end, "place")
            out.append(ent)
        taken = {i for ent in out for i in range(ent.start, ent.end)}
        new = []
        for tok in doc:
            if tok.i in taken or tok.pos_ != "PROPN" or not _NAME_PART.match(tok.text) or sentence_initial(tok):
                continue
            # part of a longer capitalized sequence: "Bank Austria", "Washington Post"
            if any(0 <= j < len(doc) and j not in taken and _NAME_PART.match(doc[j].text)
                   for j in (tok.i - 1, tok.i + 1)):
                continue
            if self._after_modifier(doc, tok.i):
                continue
            if self.gazetteer_place(tok.text):
                new.append(self.span(doc, tok.i, tok.i + 1, "place"))
        return _replace(out, new)

    def _gazetteer_name(self, word: str, n_words: int) -> bool:
        """A name the gazetteer matched may be a place: a one-word name that is no plain noun ("Jersey",
        "Bundesrepublik" alone), no first name and not used more as a person by the training data."""
        e = self.ev(word)
        return not (n_words == 1 and word in common_nouns()) and not (e.per >= 2 and e.per > e.loc) and \
            word not in self.first_names and not (n_words == 1 and e.lower >= self.MIN_LOWER)

    def _places_of(self, finder, kind: str = "place"):
        """A rule that makes the spans ``finder(doc, ents, accept)`` of place_rules entities of ``kind`` (rules
        ``countries``, ``towns``, ``regions``; ``seats``: organizations)."""
        def rule(doc: Doc, ents: list[Span]) -> list[Span]:
            found = finder(doc, ents, self._gazetteer_name)
            return _replace(ents, [self.span(doc, a, b, kind) for a, b in found])
        return rule

    def non_names(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Drop one-token places/organizations that are common nouns of the training data ("Gang", "Hinweis"), and
        one-token persons/places with an abstract-noun suffix ("Waffenlieferungen", "Setzungen")."""
        out = []
        for ent in ents:
            if len(ent) == 1:
                kind = entity_type(ent.label_)
                if kind != "person" and self.common_noun(ent.text):
                    continue
                if kind in ("person", "place") and _ABSTRACT_NOUN.search(ent.text):
                    continue
            out.append(ent)
        return out

    def plain_noun(self, word: str, kind: str) -> bool:
        """``word`` is a plain noun, no name of ``kind`` (person or place): the word or the last part of its compound
        is a common noun of the German Wiktionary, and no name evidence speaks against it."""
        if word in self.first_names or gazetteer.find_place(word) is not None or \
                gazetteer.find_place(gazetteer.gazetteer_base(word)) is not None or is_seat_of_power(word) or \
                place_rules.region_name(word) is not None:
            return False  # (a seat of power, "Kreml", is an organization: extract/entities.py)
        e = self.ev(word)
        if (e.per if kind == "person" else e.loc) > e.other or kind == "person" and self.known_person(word):
            return False
        return lexically_plain_noun(word, kind)

    def lexicon(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Drop one-token persons and places that are plain nouns by the German Wiktionary (:meth:`plain_noun`);
        the surname of a full name in the text stays ("Stefan Sommer" ... "Sommer"), so does a person after a title
        or role noun ("Herr Willemsen", "Minister Zöllner")."""
        surnames = {ent[-1].text for ent in ents if self.is_person(ent) and len(ent) > 1}
        out = []
        for ent in ents:
            kind = entity_type(ent.label_)
            before = role_of(doc[ent.start - 1].text) if ent.start > 0 else None
            titled = before is not None and before["kind"] in ("role", "suffix", "title")
            if len(ent) == 1 and kind in ("person", "place") and ent.text not in surnames and \
                    not (kind == "person" and titled) and _NAME_PART.match(ent.text) and \
                    self.plain_noun(ent.text, kind):
                continue
            out.append(ent)
        return out

    def things(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Drop a person right after a noun that names the kind of thing it is (thing_nouns_de.txt): "der Sturm
        Sabine", "die Band Tokio Hotel" are a storm and a band."""
        nouns = thing_nouns()
        return [ent for ent in ents if not (self.is_person(ent) and ent.start > 0 and doc[ent.start - 1].text in nouns)]

    def document(self, doc: Doc, ents: list[Span]) -> list[Span]:
        ents = self._split_two_persons(doc, ents)
        # (the surname a whole word: not "Keefe" of "O ’ Keefe", which the tokenizer splits)
        surnames = {ent[-1].text for ent in ents if self.is_person(ent) and len(ent) > 1
                    and (ent[0].text in self.first_names or all(self._name_shaped(t) for t in ent))
                    and self._name_shaped(ent[-1]) and not self.noun_like(ent[-1].text) and ent[-2].whitespace_}
        # no word that starts a full name in this text: a first name is a surname here only if no name starts with
        # it ("Luna" of "Vincio Luna", but not "Frank" of "Anne Frank" next to "Frank Walter"; "Gabriel" of "Sigmar
        # Gabriel"), and "Conradty" of a firm "Conradty Carbon" tagged as a person is none either
        surnames -= {ent[0].text for ent in ents if self.is_person(ent) and len(ent) > 1}
        if not surnames:
            return ents
        ent_at = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        initials = {name[:1] for name in surnames}  # (a genitive base begins as its word does)
        new = []
        for tok in doc:
            word = tok.text
            if word[:1] not in initials or \
                    word not in surnames and not any(b in surnames for b in genitive_bases(word)):
                continue
            own = ent_at.get(tok.i)
            if own is None or (len(own) == 1 and not self.is_person(own)):
                new.append(self.span(doc, tok.i, tok.i + 1, "person"))
        return _replace(ents, new)

    def _split_two_persons(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """"Putin Kim" (in "dass Putin Kim ... liefert") is two persons when both stand alone elsewhere in the text."""
        alone: dict[str, int] = {}
        for ent in ents:
            if self.is_person(ent) and len(ent) == 1:
                alone[ent.text] = alone.get(ent.text, 0) + 1
        out = []
        for ent in ents:
            if self.is_person(ent) and len(ent) == 2 and ent[0].text not in self.first_names \
                    and alone.get(ent[0].text) and alone.get(ent[1].text):
                out.extend(Span(doc, i, i + 1, label=ent.label_) for i in (ent.start, ent.start + 1))
            else:
                out.append(ent)
        return out

    # -------------------------------------------------------------------------------------------------- run
    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        steps = {"legal_forms": lambda d, e: type_rules.legal_forms_rule(d, e, self._make),
                 "party_names": lambda d, e: type_rules.party_names_rule(d, e, self._make),
                 "repair": self.repair, "relabel": self.relabel, "drop": self.drop, "first_name": self.first_name,
                 "hyphen_surname": self.hyphen_surname,
                 "known_person": self.known_person_rule, "known_place": self.known_place_rule,
                 "gazetteer": self.gazetteer_rule, "countries": self._places_of(place_rules.country_spans),
                 "towns": self._places_of(place_rules.town_spans), "regions": self._places_of(place_rules.region_spans),
                 "seats": self._places_of(place_rules.seat_spans, "organization"),
                 "non_names": self.non_names, "lexicon": self.lexicon, "things": self.things,
                 "document": self.document}
        for name in ALL_RULES:
            if name in self.rules:
                ents = steps[name](doc, ents)
        doc.ents = ents
        return doc


def _replace(ents: list[Span], new: list[Span]) -> list[Span]:
    """``ents`` without the entities that overlap a new span, plus the new spans, in text order."""
    if not new:
        return ents
    covered = {i for span in new for i in range(span.start, span.end)}
    kept = [e for e in ents if not covered.intersection(range(e.start, e.end))]
    return sorted(kept + new, key=lambda s: s.start)


@Language.factory("person_rules", default_config={"first_names_path": None, "evidence_path": None,
                                                  "rules": list(ALL_RULES)})
def make_person_rules(nlp: Language, name: str, first_names_path: str | None, evidence_path: str | None,
                      rules: list[str]) -> PersonRules:
    if set(rules) & {"repair", "gazetteer", "countries", "towns", "seats", "lexicon"}:
        gazetteer.find_place("")  # build the table now (about 1 s), before worker processes are forked
    if "lexicon" in rules:
        common_nouns()  # likewise the noun list (about 0.3 s)
    return PersonRules(load_first_names(first_names_path), load_evidence(evidence_path), labels=_labels(nlp),
                       rules=rules)
