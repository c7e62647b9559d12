"""Places the NER misses, found by the gazetteer (issue #15): German country names whatever their part of speech,
towns of the GeoNames table after a place preposition or in an enumeration of places, and the regions, states
and seas of ``regions_de.txt`` in any case. Matching only: the
``person_rules`` component (rules ``countries`` and ``towns``) says which words its name evidence lets through
(``accept``) and writes the spans."""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..lang.de.words import PLACE_PREPOSITIONS
from ..model.labels import entity_type
from ..resources import read_lines
from . import gazetteer

MAX_TOWN_WORDS = 3  # "Porta Westfalica", "Schwäbisch Gmünd", "Frankfurt am Main"


def country_spans(doc: Doc, ents: list[Span], accept: Callable[[str, int], bool]) -> list[tuple[int, int]]:
    """Token ranges of German country names outside the entities ``ents`` ("Tschad", "Seychellen", "Vereinigten
    Arabischen Emirate"): :func:`gazetteer.german_country_at`, where ``accept(first_word, n_words)``."""
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    out, i = [], 0
    while i < len(doc):
        n = 0 if i in taken or not doc[i].text[:1].isupper() else \
            gazetteer.german_country_at([t.text for t in doc[i : i + 5]])
        if n and not taken.intersection(range(i, i + n)) and accept(doc[i].text, n):
            out.append((i, i + n))
        i += max(n, 1)
    return out


def _after_place_word(doc: Doc, i: int, places: set[int]) -> bool:
    """A place preposition before token ``i`` ("in", "aus", "bei"), or "und"/"oder"/a comma after a place
    ("zwischen Wuppertal und Remscheid", "aus Solingen, Remscheid")."""
    if i == 0:
        return False
    before = doc[i - 1]
    if before.lower_ in PLACE_PREPOSITIONS:
        return True
    return before.lower_ in ("und", "oder", ",") and i - 2 in places


def town_spans(doc: Doc, ents: list[Span], accept: Callable[[str, int], bool]) -> list[tuple[int, int]]:
    """Token ranges of towns of the gazetteer that the NER left untagged or typed as an organization, right after a
    place preposition or in an enumeration of places ("in Meschede", "aus Porta Westfalica", "bei Remscheid"),
    where ``accept(first_word, n_words)``; the longest name of up to :data:`MAX_TOWN_WORDS` words."""
    tagged = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    places = {i for ent in ents if entity_type(ent.label_) == "place" for i in range(ent.start, ent.end)}
    out = []
    for i, tok in enumerate(doc):
        own = tagged.get(i)
        if not tok.text[:1].isupper() or not _after_place_word(doc, i, places) or \
                own is not None and (own.start != i or entity_type(own.label_) != "organization"):
            continue
        for n in range(MAX_TOWN_WORDS, 0, -1):
            words = doc[i : i + n]
            if len(words) < n or any(j in tagged and tagged[j] is not own for j in range(i, i + n)):
                continue
            if own is not None and own.end != i + n:
                continue  # an organization only as a whole ("aus [Porta Westfalica]ORG")
            place = gazetteer.find_place(words.text)
            if place is not None and place.kind == "city" and accept(tok.text, n):
                out.append((i, i + n))
                places.update(range(i, i + n))
                break
    return out


_ADJECTIVE_ENDING = re.compile(r"(er|es|e)$")
MAX_REGION_WORDS = 4


def _word_forms(word: str, last: bool) -> set[str]:
    """The forms a word of a region name takes in a text: the noun that ends it with a genitive or dative ending
    ("Niedersachsens", "Alpen"), an adjective before it in every case, also in lower case ("koreanischen")."""
    if last:
        return {word, word + "s", word + "es", word + "n"}
    stem = _ADJECTIVE_ENDING.sub("", word) if word[:1].isupper() and _ADJECTIVE_ENDING.search(word) else None
    if stem is None or len(stem) < 3:
        return {word}
    forms = {stem + ending for ending in ("e", "en", "er", "es", "em")}
    return forms | {f[0].lower() + f[1:] for f in forms}


@lru_cache(maxsize=1)
def _region_forms() -> dict[tuple[str, ...], str]:
    """Every inflected word sequence of a name of regions_de.txt -> the name."""
    table: dict[tuple[str, ...], str] = {}
    for name in read_lines("regions_de.txt"):
        words = name.split()
        options = [sorted(_word_forms(w, k == len(words) - 1)) for k, w in enumerate(words)]
        for form in itertools.product(*options):
            table.setdefault(form, name)
    return table


@lru_cache(maxsize=1)
def _region_firsts() -> frozenset[str]:
    """The words a form of a region name can start with."""
    return frozenset(form[0] for form in _region_forms())


def region_name(text: str) -> str | None:
    """The name of regions_de.txt that ``text`` is a form of ("koreanischen Halbinsel" -> "Koreanische Halbinsel",
    "Fernen Osten" -> "Ferner Osten", "Niedersachsens" -> "Niedersachsen"), or None."""
    return _region_forms().get(tuple(text.split()))


def _name_neighbour(doc: Doc, i: int, ents: list[Span]) -> bool:
    """An untagged proper noun stands next to token ``i``: a one-word region there may be part of a name ("Angela
    Berlin")."""
    tagged = {k for ent in ents for k in range(ent.start, ent.end)}
    return any(0 <= k < len(doc) and k not in tagged and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper()
               for k in (i - 1, i + 1))


def region_spans(doc: Doc, ents: list[Span], accept: Callable[[str, int], bool]) -> list[tuple[int, int]]:
    """Token ranges of regions, states and seas of regions_de.txt (:func:`region_name`) where no entity reaches
    beyond them (an entity inside them is taken in: "[Halbinsel]LOC" of "koreanischen Halbinsel", "[Fernen]ORG
    Osten"), with ``accept(first_word, n_words)`` for a one-word name."""
    table, firsts = _region_forms(), _region_firsts()
    words = [t.text for t in doc]
    out, i = [], 0
    while i < len(words):
        n = 0
        if words[i] in firsts:
            n = next((n for n in range(MAX_REGION_WORDS, 0, -1) if i + n <= len(words) and
                      tuple(words[i : i + n]) in table), 0)
        # an entity that reaches beyond the name keeps it ("Bundesregierung Bayern" stays what the NER says)
        if n and not any(ent.start < i + n and ent.end > i and (ent.start < i or ent.end > i + n) for ent in ents) \
                and (n > 1 or accept(words[i], 1) and not _name_neighbour(doc, i, ents)):
            out.append((i, i + n))
        i += max(n, 1)
    return out


# words between an institution and its seat: "Universität von Texas", "Landgericht zu Berlin"
_SEAT_LINKS = frozenset({"von", "zu"})


@lru_cache(maxsize=1)
def seat_institutions() -> tuple[frozenset[str], frozenset[str]]:
    """The institutions of seat_institutions_de.txt that stand before their seat, and those after it."""
    before: set[str] = set()
    after: set[str] = set()
    target = before
    for line in read_lines("seat_institutions_de.txt"):
        if line == "[after]":
            target = after
        else:
            target.add(line)
    return frozenset(before), frozenset(after)


def seat_spans(doc: Doc, ents: list[Span], accept: Callable[[str, int], bool]) -> list[tuple[int, int]]:
    """Token ranges of organizations named with their seat, where the NER tagged only the place: an institution of
    seat_institutions_de.txt before the place, joined by nothing, "von" or "zu", with a second "in" + place after it
    ("Universität von Texas in Austin", "Amtsgericht Köln"), or one after the place ("Lincoln Highschool"). The
    place is then no place of its own (``accept`` is not asked: the institution decides); a genitive place
    ("Regierung Ägyptens") is none."""
    before, after = seat_institutions()
    places = {ent.start: ent for ent in ents if entity_type(ent.label_) == "place"}
    tagged = {k for ent in ents for k in range(ent.start, ent.end)}
    out = []
    for start, place in sorted(places.items()):
        if any(a <= start < b for a, b in out) or gazetteer.gazetteer_base(place.text) != place.text:
            continue
        k = start - 1
        if k >= 0 and doc[k].lower_ in _SEAT_LINKS:
            k -= 1
        if k >= 0 and k not in tagged and doc[k].text in before:
            end = place.end
            second = places.get(end + 1) if end < len(doc) and doc[end].lower_ == "in" else None
            out.append((k, second.end if second is not None else end))
        elif place.end < len(doc) and doc[place.end].text in after and (
                place.end not in tagged or place.end in places and len(places[place.end]) == 1):
            out.append((place.start, place.end + 1))  # (the NER may tag the noun too: "[Lincoln] [Highschool]")
    return out
