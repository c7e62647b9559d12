"""Person, place and organization mentions from the pipeline's NER, cleaned by rules.

Works with either pipeline: NER labels go through :func:`pipeline.model.labels.entity_type`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

# weekday and month names (never a person or place on their own), under the name the speaker rules import
from ..lang.de.calendar import name_like_calendar_words as calendar_words
from ..model.labels import entity_type
from ..resources import institutions, is_source_noun, read_lines, role_of
from .gazetteer import find_place, gazetteer_base, is_major_place
from .place_rules import region_name

# characters that never start or end a name
_EDGE = re.compile(r"^[\s\"'„“”‚‘’»«›‹()\[\]{}.,;:!?–—-]+|[\s\"'„“”‚‘’»«›‹()\[\]{},;:!?–—-]+$")
_HAS_UPPER = re.compile(r"[A-ZÄÖÜ]")

# photo credits and bylines are not mentions in the article (GUIDELINES.md: "Foto: Gavriil Grigorov", "von Martin
# Gätke"): a credit marker earlier on the same line, a byline line "von/Von:/By X", a line that is only "(X)", or a
# parenthetical that names a photo ("(Pavel Bednyakov, Sputnik, Kremlin Pool Photo via AP)")
_CREDIT_MARKER = re.compile(r"(?:©|\b(?:Fotos?|Bild(?:er)?|Photos?|Quelle|Credits?|Copyright)\s*:)", re.IGNORECASE)
_BYLINE_PREFIX = re.compile(r"^\W*(?:von|by|text|autor|autorin|ein beitrag von)\s*:?\s*$", re.IGNORECASE)
_PHOTO_WORD = re.compile(r"(?:©|\b(?:Fotos?|Photos?|Bild)\b)", re.IGNORECASE)
_CREDIT_REACH = 60  # characters between a credit marker and the name
# lower-case words that may follow the name in a byline ("von Christoph Dernbach, dpa"); any other lower-case word
# means a sentence or headline ("Von Berlin nach Paris")
_BYLINE_LOWER = frozenset({"und", "dpa", "afp", "ap", "epd", "kna", "sid", "apa", "dts", "rtr"})


def is_credit(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands in a photo credit or byline rather than in the article."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start:start], text[end:line_end]
    marker = None
    for marker in _CREDIT_MARKER.finditer(before):
        pass
    if marker is not None and start - (line_start + marker.end()) <= _CREDIT_REACH \
            and not re.search(r"[.!?]\s", text[line_start + marker.end():start]):
        return True
    if _BYLINE_PREFIX.match(before) and len(after.strip()) <= 25 and not re.search(r"[.!?]", after) \
            and all(w in _BYLINE_LOWER for w in re.findall(r"\b[a-zäöüß]+\b", re.sub(r"\([^)]*\)", "", after))):
        return True
    # "(Bona Hyun)" alone on its line or closing a paragraph after its last sentence: the author
    if after.strip() == ")" and (before.strip() == "(" or re.search(r"[.!?\"“”«»]\s*\($", before)):
        return True
    open_paren = text.rfind("(", line_start, start)
    if open_paren >= 0 and text.find(")", open_paren, start) < 0:
        close = text.find(")", end, line_end)
        if close >= 0 and _PHOTO_WORD.search(text[open_paren:close]):
            return True
    return False



def _trim(span: Span) -> Span | None:
    """Drop leading determiners, titles and role nouns, and surrounding punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    if region_name(span.text) is not None:
        return span  # "koreanischen Halbinsel": a region of regions_de.txt keeps its adjective
    while start < end:
        tok = doc[start]
        if tok.is_punct or tok.pos_ in ("DET", "ADP") or tok.is_lower and tok.pos_ != "PROPN" \
                or (end - start > 1 and role_of(tok.text) is not None):
            start += 1
            continue
        break
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in (".",) or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    new = doc[start:end]
    if _EDGE.sub("", new.text) == "" or not _HAS_UPPER.search(new.text):
        return None
    return Span(doc, start, end, label=span.label_)


# nouns with these derivational suffixes are common nouns, never place names ("Schlüsseltechnologien",
# "US-Einschätzungen", "Afghanistan-Lösungen")
_COMMON_NOUN_SUFFIX = re.compile(r"[a-zäöüß](?:ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|ität|"
                                 r"itäten|ismus|ismen|logie|logien|nisse)$")
# capitalized adjectives of nationality or region ("Russische", "Nordkoreanischen")
_ADJECTIVE_ISCH = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+isch(?:e|en|er|es|em)?$")
# demonyms: place name stem + ending ("Russ|en" <- Russ|land, "Japan|er", "Ukrain|er" <- Ukrain|e, "Chines|en" <-
# Chin|a): (ending of the demonym, endings of the place name to try on the stem)
_DEMONYM_ENDINGS = ("innen", "erinnen", "in", "erin", "ern", "er", "nern", "ner", "en", "e", "n", "is")
_COUNTRY_ENDINGS = ("", "land", "en", "ien", "a", "e", "istan", "enland")
_CITY_ENDINGS = ("", "en")  # "Berlin|er", "Brem|er" <- "Brem|en"
DEMONYM_MIN_CITY = 300_000


def _known(name: str) -> bool:
    """A gazetteer place, also in the genitive ("Russlands") or dative plural ("den Niederlanden")."""
    if find_place(name) is not None:
        return True
    if len(name) <= 4:
        return False
    if name.endswith("s") and not name.endswith("ss"):
        return find_place(name[:-1]) is not None
    base = find_place(name[:-1]) if name.endswith("n") else None  # plural country names only ("Niederlande")
    return base is not None and base.kind == "country"


def is_demonym(word: str) -> bool:
    """"Russen", "Japaner", "Ukrainer", "Nordkoreaner", "Berliner": a word that is not a place itself but the stem
    of a country (or of a city of 300,000+) of the gazetteer plus a demonym ending."""
    if not word[:1].isupper() or not word.isalpha() or _known(word):
        return False

    def country(name: str) -> bool:
        place = find_place(name)
        return place is not None and place.kind == "country"

    for ending in _DEMONYM_ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < 3:
            continue
        stem = word[: len(word) - len(ending)]
        if any(stem + e != word and country(stem + e) for e in _COUNTRY_ENDINGS) \
                or any(stem + e != word and is_major_place(stem + e, DEMONYM_MIN_CITY) and not country(stem + e)
                       for e in _CITY_ENDINGS):
            return True
        if stem.endswith("es") and country(stem[:-2] + "a"):  # "Chines|en" <- "China"
            return True
    return False


def is_source_compound(text: str) -> bool:
    """"Kreml-Angaben", "US-Angaben": a name + hyphen + source noun (source_nouns_de.txt)."""
    if "-" not in text.strip("-") or " " in text:
        return False
    first, head = text.rsplit("-", 1)
    return bool(first) and first[:1].isupper() and is_source_noun(head)


def not_a_place(span: Span) -> bool:
    """A "place" of the NER that is a common noun, a demonym or an adjective (GUIDELINES: adjectives are no places):
    - a hyphenated compound whose head is a role, source or institution noun or has a common-noun suffix
      ("Nordkorea-Experte", "Kreml-Angaben", "US-Einschätzungen");
    - a single word the gazetteer does not know that is a role noun, or is not tagged as a proper noun and has a
      common-noun suffix ("Schlüsseltechnologien"); a demonym ("Russen", "Japaner"); a capitalized -isch adjective
      ("Russische").
    Names the gazetteer knows always stay, and so does a proper noun without such evidence (a small town)."""
    text = span.text
    if _known(text):
        return False
    last = span[-1]
    if "-" in last.text.strip("-"):
        head = last.text.rsplit("-", 1)[1]
        if head[:1].isupper() and (role_of(last.text) is not None or is_source_noun(head) or head in institutions()
                                   or _COMMON_NOUN_SUFFIX.search(head)):
            return True
    if len(span) != 1:
        return False
    if role_of(text) is not None or _ADJECTIVE_ISCH.match(text) or is_demonym(text):
        return True
    return last.pos_ != "PROPN" and bool(_COMMON_NOUN_SUFFIX.search(text))


def _is_country(name: str) -> bool:
    """A country name of the gazetteer, also inflected ("Demokratischen Volksrepublik Korea", "Russlands")."""
    for form in (name, gazetteer_base(name), re.sub(r"^(\w+?)(?:en|em)\b", r"\1e", name)):
        place = find_place(form)
        if place is not None and place.kind == "country":
            return True
    return False


@lru_cache(maxsize=1)
def _seats_of_power() -> dict[int, tuple[tuple[str, ...], ...]]:
    """The entries of seats_of_power_de.txt as case-folded words, by their number of words (a name is compared
    with the entries of its own length only)."""
    by_length: dict[int, list[tuple[str, ...]]] = {}
    for line in read_lines("seats_of_power_de.txt"):
        entry = tuple(line.casefold().split())
        by_length.setdefault(len(entry), []).append(entry)
    return {n: tuple(entries) for n, entries in by_length.items()}


def is_seat_of_power(name: str) -> bool:
    """A building or place that stands for the authority seated there ("Kreml", "Weißen Hauses", "Pentagon"):
    pipeline/resources/seats_of_power_de.txt; each word of ``name`` starts with the listed word."""
    words = _EDGE.sub("", name).casefold().split()
    return any(all(w.startswith(e) and len(w) - len(e) <= 3 for w, e in zip(words, entry))
               for entry in _seats_of_power().get(len(words), ()))


def entity_spans(doc: Doc, types: tuple[str, ...] = ("person", "place", "organization")) -> list[tuple[str, Span]]:
    """``(type, span)`` for each NER entity of a wanted type, trimmed; body offsets only (see ``doc._.body_start``)."""
    body_start = doc._.body_start if doc.has_extension("body_start") else 0
    out = []
    for ent in doc.ents:
        kind = entity_type(ent.label_)
        if kind not in types or ent.start_char < body_start:
            continue
        span = _trim(ent)
        if span is None:
            continue
        # a single-letter or all-digit "name" is noise
        if len(span.text) < 2 or span.text.replace(".", "").isdigit():
            continue
        if kind in ("person", "place") and (span.text in calendar_words()
                                            or is_credit(doc.text, span.start_char, span.end_char)):
            continue
        if kind == "organization" and _is_country(span.text):
            kind = "place"  # "die Demokratische Volksrepublik Korea" tagged as an organization: the gazetteer knows it
        if kind == "place" and is_seat_of_power(span.text):
            out.append(("organization", span))  # "der Kreml", "das Weiße Haus": the government seated there
            continue
        if kind == "place" and not_a_place(span):
            if is_source_compound(span.text):
                # "nach Kreml-Angaben": no place, but the source a statement is attributed to (canonical "Kreml")
                out.append(("organization", span))
            continue
        out.append((kind, span))
    return out
