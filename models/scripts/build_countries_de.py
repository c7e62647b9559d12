"""Build ``pipeline/resources/countries_de.tsv``: German country names and frequent variants -> ISO 3166-1 alpha-2.

    pip install --target /tmp/pycountry pycountry   # a one-off build dependency, not a runtime one
    PYTHONPATH=/tmp/pycountry python models/scripts/build_countries_de.py

The bulk comes from pycountry's German translations (iso-codes, LGPL 2.1) of the ISO 3166-1 short names, common
names and official names ("Deutschland", "Bundesrepublik Deutschland", "Nordkorea", "Demokratische Volksrepublik
Korea"); inverted forms ("Korea, Republik") and forms with brackets are left out. ``EXTRA`` adds the variants
German news use that the standard lacks ("Russland", "USA", "Großbritannien", "VR China", "Weißrussland", "die
Bundesrepublik"). The output is sorted by code, then name, and is what the pipeline reads at run time
(pipeline/extract/gazetteer.py); the script is only needed to rebuild it.
"""
from __future__ import annotations

import gettext
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[2] / "pipeline" / "resources" / "countries_de.tsv"

# (German name or variant, ISO code): usual German news forms missing from the ISO translations
EXTRA = [
    ("Russland", "RU"), ("Russische Föderation", "RU"),
    ("USA", "US"), ("Vereinigte Staaten", "US"), ("Vereinigte Staaten von Amerika", "US"),
    ("Großbritannien", "GB"), ("Vereinigtes Königreich", "GB"), ("England", "GB"), ("Schottland", "GB"),
    ("Wales", "GB"), ("Nordirland", "GB"),
    ("Deutschland", "DE"), ("Bundesrepublik", "DE"), ("BRD", "DE"),
    ("China", "CN"), ("VR China", "CN"), ("Volksrepublik China", "CN"),
    ("Nordkorea", "KP"), ("Demokratische Volksrepublik Korea", "KP"), ("DVRK", "KP"), ("Nord-Korea", "KP"),
    ("Südkorea", "KR"), ("Republik Korea", "KR"), ("Süd-Korea", "KR"),
    ("Weißrussland", "BY"), ("Belarus", "BY"),
    ("Moldawien", "MD"), ("Moldau", "MD"), ("Republik Moldau", "MD"),
    ("Tschechien", "CZ"), ("Tschechische Republik", "CZ"),
    ("Türkei", "TR"),
    ("Iran", "IR"), ("Syrien", "SY"), ("Laos", "LA"), ("Vietnam", "VN"), ("Taiwan", "TW"), ("Tansania", "TZ"),
    ("Venezuela", "VE"), ("Bolivien", "BO"),
    ("Birma", "MM"), ("Burma", "MM"),
    ("Holland", "NL"),
    ("Elfenbeinküste", "CI"),
    ("DR Kongo", "CD"), ("Demokratische Republik Kongo", "CD"), ("Kongo-Kinshasa", "CD"),
    ("Republik Kongo", "CG"), ("Kongo-Brazzaville", "CG"),
    ("Kirgistan", "KG"), ("Osttimor", "TL"), ("Swasiland", "SZ"), ("Mazedonien", "MK"),
    ("Bosnien-Herzegowina", "BA"), ("Saudiarabien", "SA"), ("VAE", "AE"),
    ("Vatikan", "VA"), ("Vatikanstadt", "VA"),
    ("Palästina", "PS"), ("Palästinensische Autonomiegebiete", "PS"), ("Westjordanland", "PS"),
    ("Gazastreifen", "PS"),
    ("Kosovo", "XK"),  # not in ISO 3166-1; XK is the code GeoNames and the EU use
    ("Salomonen", "SB"), ("Mikronesien", "FM"), ("Sankt Lucia", "LC"), ("St. Kitts und Nevis", "KN"),
    ("Antigua", "AG"), ("Trinidad", "TT"), ("São Tomé", "ST"), ("Sao Tome und Principe", "ST"),
    ("Macau", "MO"), ("Färöer", "FO"),
]


def names() -> dict[str, str]:
    de = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    out: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            english = getattr(country, attr, None)
            if not english:
                continue
            german = de.gettext(english)
            if "," in german or "(" in german:  # "Korea, Republik", "Heiliger Stuhl (Staat Vatikanstadt)"
                continue
            out.setdefault(german, country.alpha_2)
    for name, code in EXTRA:
        out[name] = code
    return out


def main() -> None:
    rows = sorted(names().items(), key=lambda item: (item[1], item[0]))
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# German country names and frequent variants -> ISO 3166-1 alpha-2 code (XK: Kosovo, as in GeoNames).\n"
                 "# Built by models/scripts/build_countries_de.py from pycountry's German ISO 3166-1 translations\n"
                 "# (iso-codes, LGPL 2.1) plus the news variants listed in that script; used by pipeline/extract/gazetteer.py\n"
                 "# (countries have a code but no coordinates). Edit the script's EXTRA list and rebuild, or edit by hand.\n")
        fh.write("name\tcode\n")
        for name, code in rows:
            fh.write(f"{name}\t{code}\n")
    print(f"{OUT}: {len(rows)} names")


if __name__ == "__main__":
    main()
