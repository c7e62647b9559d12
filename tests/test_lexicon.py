"""The ``lexicon`` rule of ``person_rules`` (issue #15): a capitalized word the German Wiktionary knows only as a
plain noun is no person and no place; names, towns and surnames stay. Each case sets the NER error on a real parse
(tests/ner_repair.py) and runs the component."""
from __future__ import annotations

import pytest
from ner_repair import repair

from pipeline.extract.name_lexicon import compound_head
from pipeline.extract.place_rules import region_name
from pipeline.extract.person_rules import ALL_RULES
from pipeline.resources import common_nouns, place_name_heads


def _texts(doc, label):
    return [e.text for e in doc.ents if e.label_ == label]


# (sentence, the word the NER tagged, its label): all of them plain nouns, to be dropped
DROPPED = [
    ("Die Regierung verhängte den Ausnahmezustand über die Hauptstadt.", "Ausnahmezustand", "LOC"),
    ("Der Bericht warnt vor Rassismus in den Behörden.", "Rassismus", "LOC"),
    ("Die Zeitschrift berichtete zuerst über den Fall.", "Zeitschrift", "PER"),
    ("Am Montag begann der Warnstreik in den Kliniken.", "Warnstreik", "PER"),
    ("Mehrere Journalisten wurden festgenommen.", "Journalisten", "PER"),
    ("Die Polizei setzte den Staatstrojaner 94 Mal ein.", "Staatstrojaner", "PER"),
    # compounds: the last part is a plain noun (a role noun, an institution, a thing)
    ("Über die Chatkontrolle verhandeln die Minister weiter.", "Chatkontrolle", "PER"),
    ("Das Quick-Freeze-Verfahren soll die Vorratsdatenspeicherung ersetzen.", "Quick-Freeze-Verfahren", "LOC"),
    ("Das Treffen fand im Marriott-Hotel statt.", "Marriott-Hotel", "LOC"),
    ("Ein Nordkorea-Experte hält den Test für gelungen.", "Nordkorea-Experte", "LOC"),
]


@pytest.mark.parametrize("text, word, label", DROPPED, ids=[c[1] for c in DROPPED])
def test_plain_noun_is_no_name(nlp, text, word, label):
    assert word not in _texts(repair(nlp, text, [(word, label)]), label)


# names that are also nouns, towns the gazetteer lacks, surnames: they stay
KEPT = [
    ("Die Straße zwischen Rotenburg und Verden ist gesperrt.", "Rotenburg", "LOC"),
    ("Die Unfallstelle liegt zwischen Mendig und Mayen.", "Mendig", "LOC"),  # a closed form: no evidence
    ("Der Zug hält wieder in Oberbarmen.", "Oberbarmen", "LOC"),
    ("Die Kinder baden in der Ostsee.", "Ostsee", "LOC"),
    ("Herr Willemsen, wo wird mehr gelogen?", "Willemsen", "PER"),
    ("Minister Zöllner will einen Beschluss herbeiführen.", "Zöllner", "PER"),  # after a role noun
    ("Der Unfall auf der A4 zwischen Köln-Wahn und Köln-Ost.", "Köln-Wahn", "LOC"),
    ("Pastorin Ihmels-Albe wird für die Frauenarbeit tätig sein.", "Ihmels-Albe", "PER"),
]


@pytest.mark.parametrize("text, word, label", KEPT, ids=[c[1] for c in KEPT])
def test_name_stays(nlp, text, word, label):
    assert word in _texts(repair(nlp, text, [(word, label)]), label)


def test_surname_of_a_full_name_stays(nlp):
    text = "Bildungssenator Jürgen Zöllner lud ein. Zöllner will einen Beschluss herbeiführen."
    doc = repair(nlp, text, [("Jürgen Zöllner", "PER"), ("Zöllner", "PER", 1)])
    assert _texts(doc, "PER") == ["Jürgen Zöllner", "Zöllner"]


@pytest.mark.parametrize("word, head", [
    ("Chatkontrolle", "Kontrolle"), ("Quick-Freeze-Verfahren", "Verfahren"), ("Behelfsbrücken", "Brücken"),
    ("Saarbrücken", "Brücken"),  # (a head that ends place names too: place_name_heads_de.txt)
    ("Mendig", None),  # no part of at least five letters after three letters
])
def test_compound_head(word, head):
    assert compound_head(word, common_nouns()) == head


def test_lexicon_data_loads_and_leaves_names_out():
    nouns = common_nouns()
    assert len(nouns) > 200_000
    assert all(w in nouns for w in ("Zeitschrift", "Journalisten", "Verfahren", "Hotel", "Ärzte", "Übergang"))
    # spellings the German Wiktionary also knows as names are not in the list
    assert not any(w in nouns for w in ("Essen", "Halle", "Merkel", "Sabine", "Müller", "Köln", "", "zeitschrift"))
    assert {"Burg", "See", "Straße", "Brücken"} <= place_name_heads()


def test_lexicon_is_a_rule_of_its_own():
    assert ALL_RULES.index("non_names") < ALL_RULES.index("lexicon") < ALL_RULES.index("document")


# the other error classes of issue #15, on real parses with the NER error set
def test_storm_band_and_medicine_are_no_persons(nlp):
    doc = repair(nlp, "Der Sturm Sabine deckte Dächer ab, die Band Tokio Hotel sagte ihr Konzert ab.",
                 [("Sabine", "PER"), ("Tokio Hotel", "PER")])
    assert _texts(doc, "PER") == []


def test_a_first_name_after_a_role_noun_stays_a_person(nlp):
    doc = repair(nlp, "Die Ministerin Sabine Weber sagte ihr Kommen ab.", [("Sabine Weber", "PER")])
    assert _texts(doc, "PER") == ["Sabine Weber"]


def test_full_name_does_not_swallow_a_genitive_place(nlp):
    doc = repair(nlp, "Bundeskanzler Olaf Scholz lobte Olaf Scholz Frankreichs Vorschlag.",
                 [("Olaf Scholz Frankreichs", "PER")])
    assert _texts(doc, "PER") == ["Olaf Scholz", "Olaf Scholz"]  # (the first one untagged: rule first_name)
    assert _texts(doc, "LOC") == ["Frankreichs"]


def test_countries_in_an_enumeration_are_places(nlp):
    text = "Soldaten sind in Tschad, Mali, Benin, Togo und auf den Seychellen im Einsatz."
    doc = repair(nlp, text, [])
    assert _texts(doc, "LOC") == ["Tschad", "Mali", "Benin", "Togo", "Seychellen"]


def test_inflected_country_name_of_several_words(nlp):
    doc = repair(nlp, "Die Regierung der Vereinigten Arabischen Emirate wies das zurück.", [])
    assert _texts(doc, "LOC") == ["Vereinigten Arabischen Emirate"]


def test_a_country_name_that_is_also_a_plain_noun_needs_the_ner(nlp):
    assert _texts(repair(nlp, "Die Bundesrepublik zahlt mehr.", []), "LOC") == []


@pytest.mark.parametrize("text, ents, places", [
    ("Er wurde in Meschede geboren.", [], ["Meschede"]),
    # typed as an organization by the NER: a town of the gazetteer after "aus" is a place, as a whole
    ("Die Polizei sucht einen Mann aus Porta Westfalica.", [("Porta Westfalica", "ORG")], ["Porta Westfalica"]),
    # an enumeration after a place
    ("Die Züge aus Wuppertal und Remscheid fallen aus.", [("Wuppertal", "LOC")], ["Wuppertal", "Remscheid"]),
    # a word in lower case as well, a first name: no town
    ("Sie lebt in Sorge um ihren Sohn.", [], []),
])
def test_towns_after_a_place_preposition(nlp, text, ents, places):
    assert _texts(repair(nlp, text, ents), "LOC") == places


@pytest.mark.parametrize("text, ents, places", [
    # an adjective in lower case, a place inside the name that the NER tagged alone
    ("Die Spannungen auf der koreanischen Halbinsel nehmen zu.", [("Halbinsel", "LOC")], ["koreanischen Halbinsel"]),
    # an adjective the NER took for an organization
    ("Der Weltraumbahnhof liegt im Fernen Osten Russlands.", [("Fernen", "ORG"), ("Russlands", "LOC")],
     ["Fernen Osten", "Russlands"]),
    ("Die Schulen Niedersachsens und Bayerns fordern mehr Geld.", [], ["Niedersachsens", "Bayerns"]),
    # an entity that reaches beyond the name stays as the NER has it
    ("Die Bayern München AG meldet Gewinne.", [("Bayern München AG", "ORG")], []),
])
def test_regions_states_and_seas(nlp, text, ents, places):
    assert _texts(repair(nlp, text, ents), "LOC") == places


@pytest.mark.parametrize("text, name", [
    ("koreanischen Halbinsel", "Koreanische Halbinsel"), ("Fernen Osten", "Ferner Osten"),
    ("Schwarzen Meer", "Schwarzes Meer"), ("Niedersachsens", "Niedersachsen"), ("Golf von Aden", "Golf von Aden"),
    ("Halbinsel", None),
])
def test_region_names_in_the_nominative(text, name):
    assert region_name(text) == name


def test_region_canonical_name(nlp):
    from pipeline.annotate import analyze
    places = {e.canonical for e in analyze("Die Lage auf der koreanischen Halbinsel ist ernst.", nlp=nlp).entities
              if e.type == "place"}
    assert places == {"Koreanische Halbinsel"}


@pytest.mark.parametrize("text, ents, orgs, places", [
    ("Die Universität von Texas in Austin forscht dazu.", [("Texas", "LOC"), ("Austin", "LOC")],
     ["Universität von Texas in Austin"], []),
    ("Er besuchte die Lincoln Highschool in Nebraska.", [("Lincoln", "LOC"), ("Highschool", "LOC"), ("Nebraska", "LOC")],
     ["Lincoln Highschool"], ["Nebraska"]),
    ("Das Amtsgericht Köln verurteilte ihn.", [("Köln", "LOC")], ["Amtsgericht Köln"], []),
    # a genitive place is a place of its own; a town after "Stadt" is the town
    ("Die Regierung Ägyptens und die Stadt Halle zahlen.", [("Ägyptens", "LOC"), ("Halle", "LOC")], [],
     ["Ägyptens", "Halle"]),
])
def test_an_organization_keeps_its_seat(nlp, text, ents, orgs, places):
    doc = repair(nlp, text, ents)
    assert (_texts(doc, "ORG"), _texts(doc, "LOC")) == (orgs, places)


@pytest.mark.parametrize("text, ents, expected", [
    # a legal form makes an organization, whatever the NER typed
    ("Die Müller Logistik GmbH meldete Insolvenz an.", [("Müller Logistik GmbH", "PER")],
     [("Müller Logistik GmbH", "ORG")]),
    ("Die Freunde der Oper e.V. luden ein.", [("Freunde der Oper e.V.", "MISC")], [("Freunde der Oper e.V.", "ORG")]),
    ("Die Volkswagen AG meldete Gewinne.", [("Volkswagen", "ORG")], [("Volkswagen AG", "ORG")]),
    # a party in parentheses makes a person
    ("Lindner (FDP) kritisierte den Plan scharf.", [("Lindner", "ORG")], [("Lindner", "PER")]),
    # a compound of plain nouns glued to a name goes; a surname that is also a noun stays
    ("Finanzminister Meier Steuerpläne stießen auf Kritik.", [("Meier Steuerpläne", "PER")], [("Meier", "PER")]),
    ("Der Abgeordnete Leif-Erik Holm sprach.", [("Leif-Erik Holm", "PER")], [("Leif-Erik Holm", "PER")]),
    # a product is no person; a club and a police authority keep their town
    ("Aspirin hilft nicht gegen alles.", [("Aspirin", "PER")], []),
    ("Inter Mailand gewann das Spiel.", [("Inter Mailand", "ORG")], [("Inter Mailand", "ORG")]),
    ("Die Polizei Bielefeld sucht Zeugen.", [("Bielefeld", "LOC")], [("Polizei Bielefeld", "ORG")]),
])
def test_type_by_context(nlp, text, ents, expected):
    doc = repair(nlp, text, ents)
    assert [(e.text, e.label_) for e in doc.ents if e.label_ in ("PER", "LOC", "ORG")] == expected


def test_a_surname_typed_as_an_organization_is_the_person(nlp):
    # people as organizations: "Baerbock sagte" after the full name
    text = "Außenministerin Annalena Baerbock reiste nach Kiew. Baerbock sagte, die Hilfe gehe weiter."
    doc = repair(nlp, text, [("Annalena Baerbock", "PER"), ("Baerbock", "ORG", 1)])
    assert [(e.text, e.label_) for e in doc.ents if e.text.endswith("Baerbock")] == [
        ("Annalena Baerbock", "PER"), ("Baerbock", "PER")]
