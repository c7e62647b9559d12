"""Places the NER misses, found by the gazetteer (issue #15): German country names whatever their part of speech,
and towns of the GeoNames table after a place preposition or in an enumeration of places. Matching only: the
``person_rules`` component (rules ``countries`` and ``towns``) says which words its name evidence lets through
(``accept``) and writes the spans."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from ..lang.de.words import PLACE_PREPOSITIONS
from ..model.labels import entity_type
from . import gazetteer

MAX_TOWN_WORDS = 3  # "Porta Westfalica", "Schwäbisch Gmünd", "Frankfurt am Main"


def country_spans(doc: Doc, taken: set[int], accept: Callable[[str, int], bool]) -> list[tuple[int, int]]:
    """Token ranges of German country names outside ``taken`` ("Tschad", "Seychellen", "Vereinigten Arabischen
    Emirate"): :func:`gazetteer.german_country_at`, where ``accept(first_word, n_words)``."""
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
