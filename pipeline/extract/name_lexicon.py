"""Lexical evidence that a capitalized word is no name (issue #15): German common nouns from the German Wiktionary
(``resources/common_nouns_de.txt.gz``), the nouns that also end place names (``place_name_heads_de.txt``) and the
nouns that name the kind of thing a name after them is (``thing_nouns_de.txt``). Read by ``person_rules`` (rules
``lexicon`` and ``things``), which adds the name evidence of the training data and the gazetteer."""
from __future__ import annotations

from collections.abc import Container
from functools import lru_cache

from ..resources import common_nouns, is_institution, is_role_noun, noun_names, place_name_heads, read_lines
from . import gazetteer


@lru_cache(maxsize=1)
def thing_nouns() -> frozenset[str]:
    """Nouns that name the kind of thing the next name is ("Sturm", "Band", "Medikament"): thing_nouns_de.txt."""
    return frozenset(read_lines("thing_nouns_de.txt"))


def compound_head(word: str, nouns: Container[str], noun_first: bool = False) -> str | None:
    """The last part of a compound that is a common noun of ``nouns``, capitalized as it stands alone: the part after
    the last hyphen ("Quick-Freeze-Verfahren" -> "Verfahren"), else the longest ending of at least five letters after
    at least three letters ("Chatkontrolle" -> "Kontrolle"), with ``noun_first`` only after a first part that ends in
    a noun too (:func:`_noun_stem`); None if there is none."""
    if "-" in word:
        last = word.rsplit("-", 1)[1]
        return last if last[:1].isupper() and last in nouns else None
    for cut in range(3, len(word) - 4):
        part = word[cut].upper() + word[cut + 1 :]
        if part in nouns and (not noun_first or _noun_stem(word[:cut], nouns)):
            return part
    return None


def _noun_stem(prefix: str, nouns: Container[str]) -> bool:
    """The first part of a closed compound ends in a noun too, with or without a linking element ("Steuer|pläne",
    "Behelfs|brücken", "Hochleistungs|flugzeuge"), as in a German compound and unlike a foreign name
    ("Lead|bitter")."""
    for link in ("", "s", "es", "n", "en", "er", "e"):
        stem = prefix[: len(prefix) - len(link)] if prefix.endswith(link) else ""
        # the stem or its last part ("Hochleistungs|flugzeuge": "Leistung")
        for part in (stem[k].upper() + stem[k + 1 :] for k in range(0, len(stem) - 2)):
            if part in nouns or part in noun_names():
                return True
    return False


def lexically_plain_noun(word: str, kind: str, noun_first: bool = False) -> bool:
    """By the word lists alone, ``word`` is a plain noun and no name of ``kind`` (person or place): a common noun of
    the German Wiktionary, or a compound whose last part is one - a role noun or an institution ("Nordkorea-Experte",
    "Merkel-Regierung"), for a person also a closed compound ("Chatkontrolle"), and a hyphenated one that does not
    open with a place ("Köln-Wahn") or, for a person, with a name ("Ihmels-Albe": a double-barrelled surname). A
    last part that also ends place names ("-burg", "-see", "-straße") is no evidence; nor is a closed compound
    against a place: unknown towns end in nouns too ("Edenkoben"). ``noun_first``: a closed compound only of two
    nouns (:func:`compound_head`), where a foreign name is at stake ("Grant Leadbitter")."""
    nouns = common_nouns()
    if word in nouns:
        return True
    head = compound_head(word, nouns, noun_first)
    if head is None or head in place_name_heads():
        return False
    if is_role_noun(head) or is_institution(head):
        return True
    if "-" not in word:
        return kind == "person"
    first = word.split("-")[0]
    if gazetteer.find_place(first) is not None:
        return False
    return kind == "place" or first in nouns or first.isupper()


def plain_compound(word: str) -> bool:
    """A compound of two nouns that is no name ("Steuerpläne" of "Meier Steuerpläne"), not a single word that a
    foreign surname may share ("Filep Karma")."""
    return word not in common_nouns() and lexically_plain_noun(word, "person", noun_first=True)
