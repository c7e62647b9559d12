"""Places: German country names and geo columns (gazetteer), base forms of inflected place names, and what is not
a place (common nouns, demonyms, adjectives). Real sentences through the bundled pipeline (``nlp`` fixture)."""
from __future__ import annotations

import csv

import pytest

from pipeline.extract.entities import is_demonym
from pipeline.extract.gazetteer import lookup_place
from pipeline.extract.gazetteer import gazetteer_base
from pipeline.types import Article, EntityMention
from pipeline.write import PLACE_COLUMNS, ArticleResult, write_tables


def places(nlp, text: str) -> dict[str, str]:
    """surface text -> canonical name of the place mentions of ``text``."""
    return {e.text: e.canonical for e in nlp(text)._.entities if e.type == "place"}


# ------------------------------------------------------------------------------------------- gazetteer lookups

@pytest.mark.parametrize("name, code", [
    ("Russland", "RU"), ("Nordkorea", "KP"), ("Südkorea", "KR"), ("USA", "US"), ("Vereinigte Staaten", "US"),
    ("Großbritannien", "GB"), ("Deutschland", "DE"), ("Bundesrepublik", "DE"), ("Ukraine", "UA"), ("China", "CN"),
    ("VR China", "CN"), ("Japan", "JP"), ("Demokratische Volksrepublik Korea", "KP"), ("Österreich", "AT"),
    ("Weißrussland", "BY"), ("Elfenbeinküste", "CI"), ("Russische Föderation", "RU"), ("Türkei", "TR"),
])
def test_german_country_names(name, code):
    assert lookup_place(name) == (code, None, None)  # countries: a code, no coordinates (none are made up)


def test_city_coordinates_and_unknown_regions():
    code, lat, lon = lookup_place("Pjöngjang")
    assert code == "KP" and lat == pytest.approx(39.0, abs=0.1) and lon == pytest.approx(125.75, abs=0.1)
    assert lookup_place("Mexiko")[0] == "MX"           # the country, not Mexico City (its German exonym)
    assert lookup_place("Singapur")[1] is not None     # a city state keeps the city's coordinates
    for region in ("Ferner Osten", "Koreanische Halbinsel", "Krim", "Europa"):
        assert lookup_place(region) is None


@pytest.mark.parametrize("name, base", [
    ("Washingtons", "Washington"), ("Kiews", "Kiew"), ("Moskaus", "Moskau"), ("Russlands", "Russland"),
    ("Pjöngjangs", "Pjöngjang"), ("Paris", "Paris"), ("Athens", "Athens"), ("Rees", "Rees"),
    ("Dingsbums", "Dingsbums"),
])
def test_gazetteer_base(name, base):
    assert gazetteer_base(name) == base


@pytest.mark.parametrize("word, expected", [
    ("Russen", True), ("Japaner", True), ("Ukrainer", True), ("Nordkoreaner", True), ("Chinesen", True),
    ("Berliner", True),
    ("Bayern", False), ("Hessen", False), ("Franken", False), ("Polen", False), ("Niederlanden", False),
    ("Riedlingen", False), ("Massachusetts", False),
])
def test_demonyms(word, expected):
    assert is_demonym(word) is expected


# ------------------------------------------------------------------------------------ sentences through the model

def test_inflected_places_get_their_base_form(nlp):
    found = places(nlp, "Die Außenminister Washingtons, Kiews und Moskaus trafen sich am Montag.")
    assert found.get("Washingtons") == "Washington"
    assert found.get("Moskaus") == "Moskau"
    entities = nlp("Die Außenminister Washingtons, Kiews und Moskaus trafen sich am Montag.")._.entities
    assert {e.canonical for e in entities if e.text == "Kiews"} == {"Kiew"}  # a place or, metonymically, an org


def test_genitive_of_a_country_without_its_base_form(nlp):
    assert places(nlp, "Die Raketen wurden im Fernen Osten Russlands getestet.").get("Russlands") == "Russland"


def test_adjectives_of_names_in_the_nominative(nlp):
    found = places(nlp, "Der Machthaber der Demokratischen Volksrepublik Korea traf Putin.")
    assert found.get("Demokratischen Volksrepublik Korea") == "Demokratische Volksrepublik Korea"
    found = places(nlp, "Ein Sprecher des Weißen Hauses sagte, die Vereinigten Staaten seien besorgt.")
    assert found.get("Vereinigten Staaten") == "Vereinigte Staaten"
    assert found.get("Weißen Hauses", "Weißes Haus") == "Weißes Haus"


def test_common_nouns_are_no_places(nlp):
    text = "Nach Kreml-Angaben sprach ein Nordkorea-Experte über US-Einschätzungen und Schlüsseltechnologien."
    assert places(nlp, text) == {}
    entities = nlp(text)._.entities
    # "nach Kreml-Angaben" names the source of a statement: an organization, canonical "Kreml"
    assert all(e.canonical == "Kreml" for e in entities if e.text == "Kreml-Angaben")


def test_small_towns_stay_places(nlp):
    found = places(nlp, "Der Bürgermeister von Wolpertshausen und Hohen Neuendorf freute sich.")
    assert found.get("Wolpertshausen") == "Wolpertshausen"
    assert found.get("Hohen Neuendorf") == "Hohen Neuendorf"  # the gazetteer's name: no adjective rule


# ------------------------------------------------------------------------------------------- places.csv columns

def test_places_csv_has_geo_columns(tmp_path):
    def mention(name, type_="place"):
        return EntityMention(type_, 0, 1, name, name)

    results = [ArticleResult(article=Article(id="a1", text="x", source="s"),
                             entities=[mention("Pjöngjang"), mention("Russland"), mention("Pjöngjang"),
                                       mention("Ferner Osten"), mention("Kim Jong Un", "person")]),
               ArticleResult(article=Article(id="a2", text="x", source="s"), entities=[mention("Russland")])]
    write_tables(results, tmp_path)
    with open(tmp_path / "places.csv", encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == PLACE_COLUMNS
        rows = {r["name"]: r for r in reader}
    assert rows["Pjöngjang"]["country_code"] == "KP" and rows["Pjöngjang"]["mentions"] == "2"
    assert float(rows["Pjöngjang"]["latitude"]) == pytest.approx(39.0, abs=0.1)
    assert float(rows["Pjöngjang"]["longitude"]) == pytest.approx(125.75, abs=0.1)
    assert (rows["Russland"]["country_code"], rows["Russland"]["latitude"], rows["Russland"]["longitude"]) \
        == ("RU", "", "")
    assert rows["Russland"]["articles"] == "2"
    assert (rows["Ferner Osten"]["country_code"], rows["Ferner Osten"]["latitude"]) == ("", "")
    with open(tmp_path / "persons.csv", encoding="utf-8-sig", newline="") as fh:
        assert "country_code" not in csv.DictReader(fh).fieldnames



# ------------------------------------------------------------- seats of power; one name per country in an article

def test_seats_of_power_are_organizations(nlp):
    text = ("Das Weiße Haus teilte am Montag mit, man beobachte die Gespräche genau. Der Kreml bestätigte den "
            "Besuch in Moskau.")
    ents = {(e.type, e.canonical) for e in nlp(text)._.entities}
    assert ("organization", "Weißes Haus") in ents
    assert ("organization", "Kreml") in ents
    assert ("place", "Moskau") in ents
    assert not {c for t, c in ents if t == "place"} & {"Kreml", "Weißes Haus", "Weiße Haus"}


def test_is_seat_of_power_matches_inflected_forms():
    from pipeline.extract.entities import is_seat_of_power

    for name in ("Kreml", "Kremls", "Weißen Hauses", "Weiße Haus", "Pentagon", "Élysée-Palast"):
        assert is_seat_of_power(name), name
    for name in ("Moskau", "Weißrussland", "Hausberg", "Kremlin Pool Photo"):
        assert not is_seat_of_power(name), name


def test_one_canonical_name_per_country_in_an_article(nlp):
    text = ("Nordkorea hat erneut Raketen getestet. Später kehrte Kim in die Demokratische Volksrepublik Korea "
            "zurück. Beobachter in Nordkorea sprachen von einem Erfolg.")
    names = places(nlp, text)
    assert names.get("Demokratische Volksrepublik Korea") == "Nordkorea", names
    assert names.get("Nordkorea") == "Nordkorea"
