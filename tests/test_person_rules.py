"""pipeline.extract.person_rules: the ``person_rules`` component after ``ner`` and its mined data files.

Model tests compare the bundled pipeline with and without the component on real German sentences (``nlp`` fixture,
loaded once); the rest runs on hand-built Docs and needs no model.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from handbuilt import entity_doc
from ner_repair import person_texts, repair
import spacy
from spacy.tokens import Doc, Span

from pipeline.extract.person_rules import (ALL_RULES, EVIDENCE_FILE, FIRST_NAMES_FILE, PersonRules, genitive_bases,
                                           load_evidence, load_first_names, make_person_rules)

REPO = Path(__file__).resolve().parents[1]


def _ents(doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


# ------------------------------------------------------------------------------------------ in the CLI pipeline

def test_component_runs_after_ner_and_the_pos_repair(nlp):
    names = nlp.pipe_names
    assert "person_rules" in names
    assert names.index("ner") < names.index("pos_repair") < names.index("person_rules")


def test_first_name_and_surname_found_that_the_bare_model_splits(nlp):
    text = "Raimund Bethge sagte, das sei falsch."
    assert "Raimund Bethge" in person_texts(repair(nlp, text, [("Bethge", "PER")]))
    assert "Raimund Bethge" in person_texts(nlp(text))


def test_full_name_typed_as_organization_becomes_a_person(nlp):
    text = "Das Buch von Detlef Opitz erschien 2009."
    assert ("Detlef Opitz", "PER") in _ents(repair(nlp, text, [("Detlef Opitz", "ORG")]))
    assert ("Detlef Opitz", "PER") in _ents(nlp(text))


@pytest.mark.parametrize("text, word", [
    ("Wieso sollte er das tun?", "Wieso"),
    ("Relativ entspannt äußerte sich die Kirche.", "Relativ"),
    ("Irgendwann muss es doch einmal reichen.", "Irgendwann"),
])
def test_sentence_initial_adverb_is_not_a_person(nlp, text, word):
    assert word not in person_texts(repair(nlp, text, [(word, "PER")]))
    assert word not in person_texts(nlp(text))


def test_person_span_made_of_places_becomes_places(nlp):
    text = "Im Gegenzug dafür könnte das weitgehend abgeschottete Nordkorea von Russland moderne Technik erhalten."
    for doc in (repair(nlp, text, [("Nordkorea von Russland", "PER")]), nlp(text)):
        ents = _ents(doc)
        assert ("Nordkorea", "LOC") in ents and ("Russland", "LOC") in ents
        assert not person_texts(doc)


def test_genitive_place_before_a_noun_is_a_place(nlp):
    # NER v2 tags "Kiews Gegenoffensive" as ORG, which the rules leave alone; v1's PER span is repaired
    text = "Die Armee verteidigt sich gegen Kiews Gegenoffensive im Süden der Ukraine."
    repaired = _ents(repair(nlp, text, [("Kiews Gegenoffensive", "PER"), ("Ukraine", "LOC")]))
    assert ("Kiews", "LOC") in repaired and not [e for e in repaired if e[0] == "Kiews Gegenoffensive"]


def test_person_span_loses_a_trailing_common_noun(nlp):
    text = "Nach US-Einschätzungen sollen Kim Jong Un und Wladimir Putin Briefe ausgetauscht haben."
    v1 = [("US-Einschätzungen", "LOC"), ("Wladimir Putin Briefe", "PER")]
    for doc in (repair(nlp, text, v1), nlp(text)):
        persons = person_texts(doc)
        assert "Wladimir Putin" in persons and "Briefe" not in " ".join(persons)


def test_known_place_tagged_as_person_is_a_place(nlp):
    text = "Und sein Mercedes fährt heute wohl immer noch als Taxi durch Gambia."
    assert ("Gambia", "LOC") in _ents(nlp(text))


def test_surname_of_a_full_name_is_a_person_elsewhere_in_the_text(nlp):
    text = "Russlands Verteidigungsminister Sergei Schoigu reiste nach Pjöngjang. Schoigus Besuch dauerte zwei Tage."
    persons = person_texts(nlp(text))
    assert "Sergei Schoigu" in persons and "Schoigus" in persons


def test_entities_output_uses_the_component(nlp):
    text = "Raimund Bethge sagte, das sei falsch. Bethge ist Bürgermeister."
    doc = nlp(text)
    persons = {(e.text, e.canonical) for e in doc._.entities if e.type == "person"}
    assert ("Raimund Bethge", "Raimund Bethge") in persons
    assert all(canonical == "Raimund Bethge" for _, canonical in persons), persons


# ------------------------------------------------------------------------------------------ without the model

_doc = entity_doc  # tests/handbuilt.py; the ``rules`` fixture is in tests/conftest.py


def test_first_name_rule_builds_a_person_from_untagged_tokens(rules):
    doc = _doc(["Gestern", "sprach", "Angela", "Müllerowa", "in", "Bonn", "."],
               ["ADV", "VERB", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT"], [(5, 6, "LOC")])
    assert _ents(rules(doc)) == [("Angela Müllerowa", "PER"), ("Bonn", "LOC")]


def test_first_name_rule_does_not_swallow_common_nouns_or_places(rules):
    # "Hilfe" is a common noun and "Berlin" a known place: neither is a surname
    doc = _doc(["Dann", "kam", "Angela", "Hilfe", "und", "Angela", "Berlin", "."],
               ["ADV", "VERB", "PROPN", "NOUN", "CCONJ", "PROPN", "PROPN", "PUNCT"], [])
    assert [e.text for e in rules(doc).ents] == []


def test_rules_write_the_pipelines_own_labels():
    """The component asks the pipeline's NER for its person/place labels (via pipeline.model.labels)."""
    nlp = spacy.blank("de")
    ner = nlp.add_pipe("ner")
    for label in ("PERSON", "LOC", "ORG"):
        ner.add_label(label)
    component = make_person_rules(nlp, "person_rules", None, None, list(ALL_RULES))
    doc = _doc(["Gestern", "sprach", "Angela", "Müllerowa", "."], ["ADV", "VERB", "PROPN", "PROPN", "PUNCT"], [])
    assert _ents(component(doc)) == [("Angela Müllerowa", "PERSON")]
    doc = _doc(["Wieso", "sollte", "er", "?"], ["ADV", "AUX", "PRON", "PUNCT"], [(0, 1, "PERSON")])
    assert _ents(component(doc)) == []


def test_rules_subset_and_unknown_rule():
    only_drop = PersonRules(load_first_names(), load_evidence(), rules=["drop"])
    doc = _doc(["Dann", "sprach", "Angela", "Müllerowa", "."], ["ADV", "VERB", "PROPN", "PROPN", "PUNCT"], [])
    assert _ents(only_drop(doc)) == []
    with pytest.raises(ValueError, match="unknown person_rules"):
        PersonRules(frozenset(), {}, rules=["nonsense"])


@pytest.mark.parametrize("word, expected", [
    ("Moskaus", ["Moskau"]), ("Strauss'", ["Strauss"]), ("Bundestages", ["Bundestage", "Bundestag"]),
    ("Strauss", []), ("Kim", []),
])
def test_genitive_bases(word, expected):
    assert genitive_bases(word) == expected


# ------------------------------------------------------------------------------------------------ mined data

def test_first_name_lexicon_is_mined_readable_and_unambiguous():
    text = FIRST_NAMES_FILE.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("mine_first_names.py" in line for line in header)
    assert any("train" in line.lower() for line in header)
    names = load_first_names()
    assert len(names) > 500
    assert {"Angela", "Wladimir", "Detlef", "Raimund"} <= names
    # ambiguous capitalized words of the training data are filtered out
    assert not {"August", "Mark", "Herr", "Roman", "Dr.", "von"} & names
    assert all(re.match(r"^[^\W\d_]", name) and "." not in name for name in names)


def test_name_evidence_table_loads():
    table = load_evidence()
    assert EVIDENCE_FILE.read_text(encoding="utf-8").startswith("# Name evidence")
    assert table["Moskau"].loc > 0 and table["Moskau"].per == 0
    assert table["Relativ"].lower > 0


def test_mining_script_filters_ambiguous_names():
    sys.path.insert(0, str(REPO / "models" / "scripts"))
    try:
        import mine_first_names as mine
    finally:
        sys.path.pop(0)
    vocab = spacy.blank("de").vocab

    def sent(words, per_spans):
        doc = Doc(vocab, words=words)
        doc.set_ents([Span(doc, s, e, label="PER") for s, e in per_spans], default="outside")
        return doc

    docs = [sent(["August", "Bebel", "sprach", "."], [(0, 2)]),
            sent(["Im", "August", "regnet", "es", "."], []),
            sent(["Im", "August", "schneit", "es", "."], []),
            sent(["Ute", "Vogt", "kam", "."], [(0, 2)]),
            sent(["A.", "Vogt", "kam", "."], [(0, 2)])]
    starts, inside, outside, evidence = mine.count(docs)
    kept = [row[0] for row in mine.select(starts, inside, outside, min_count=1, min_share=0.5)]
    assert kept == ["Ute"]  # "August" is mostly the month; "A." is an initial
    assert evidence["August"]["other"] == 2 and evidence["August"]["PER"] == 1


# --------------------------------------------------------------------------------- gazetteer rule (GeoNames)

@pytest.mark.parametrize("text, word", [
    ("In den vergangenen Monaten war Pjöngjang wiederholt daran gescheitert, einen Satelliten zu starten.",
     "Pjöngjang"),
    ("Zwar hält Russland einschließlich der bereits 2014 annektierten Halbinsel Krim immer noch rund 20 Prozent "
     "des Nachbarlandes besetzt.", "Krim"),
])
def test_place_tagged_as_person_becomes_a_place(nlp, text, word):
    for doc in (repair(nlp, text, [(word, "PER")]), nlp(text)):
        assert (word, "LOC") in _ents(doc) and word not in person_texts(doc)


def test_untagged_gazetteer_place_becomes_a_place(nlp):
    text = "Die USA hatten Pjöngjang vor Waffenlieferungen an Russland gewarnt."
    v1 = [("USA", "LOC"), ("Waffenlieferungen", "LOC"), ("Russland", "LOC")]
    assert ("Pjöngjang", "LOC") in _ents(repair(nlp, text, v1))
    assert ("Pjöngjang", "LOC") in _ents(nlp(text))
    text = "Die Bereitschaft Moskaus und Pjöngjangs wurde deutlich."
    assert ("Pjöngjangs", "LOC") in _ents(nlp(text))


def test_gazetteer_place_in_the_pipeline(nlp):
    assert ("Pjöngjang", "LOC") in _ents(nlp("In Pjöngjang empfing Kim den Gast."))
    assert _ents(nlp("Wir essen in Essen.")) == [("Essen", "LOC")]
    assert ("Washington", "LOC") in _ents(nlp("Er suchte im Atomstreit mit Washington den Beistand Moskaus."))


def test_gazetteer_rule_without_the_model(rules):
    # untagged mid-sentence proper noun -> place; genitive too
    doc = _doc(["Die", "USA", "warnten", "Pjöngjang", "."], ["DET", "PROPN", "VERB", "PROPN", "PUNCT"],
               [(1, 2, "LOC")])
    assert _ents(rules(doc)) == [("USA", "LOC"), ("Pjöngjang", "LOC")]
    doc = _doc(["Er", "sprach", "über", "Pjöngjangs", "Pläne", "."],
               ["PRON", "VERB", "ADP", "PROPN", "NOUN", "PUNCT"], [(3, 4, "PER")])
    assert _ents(rules(doc)) == [("Pjöngjangs", "LOC")]


@pytest.mark.parametrize("words, pos, ents, expected", [
    # a town that is also a German word used in lower case / as a plain noun: no new place
    (["Wir", "haben", "Essen", "."], ["PRON", "AUX", "PROPN", "PUNCT"], [], []),
    (["Er", "sprach", "in", "der", "Halle", "."], ["PRON", "VERB", "ADP", "DET", "PROPN", "PUNCT"], [], []),
    (["Er", "kam", "aus", "Bergen", "."], ["PRON", "VERB", "ADP", "PROPN", "PUNCT"], [], []),
    # a person name of the training data stays a person
    (["Er", "sprach", "mit", "Jackson", "."], ["PRON", "VERB", "ADP", "PROPN", "PUNCT"], [(3, 4, "PER")],
     [("Jackson", "PER")]),
    # sentence-initial untagged words and parts of a longer capitalized name are left to the NER
    (["Pjöngjang", "bestreitet", "das", "."], ["PROPN", "VERB", "PRON", "PUNCT"], [], []),
    (["Sie", "arbeitet", "bei", "Bank", "Austria", "."], ["PRON", "VERB", "ADP", "NOUN", "PROPN", "PUNCT"], [], []),
    # after an adjective or a role noun a city name is a person's: "die 17-jährige Caroline", "Tochter Ireland"
    (["Die", "junge", "Caroline", "kam", "."], ["DET", "ADJ", "PROPN", "VERB", "PUNCT"], [(2, 3, "PER")],
     [("Caroline", "PER")]),
    (["Wir", "essen", "gern", "."], ["PRON", "VERB", "ADV", "PUNCT"], [], []),
])
def test_gazetteer_rule_leaves_words_and_persons(rules, words, pos, ents, expected):
    assert _ents(rules(_doc(words, pos, ents))) == expected


def test_place_noun_makes_the_next_person_a_place(rules):
    doc = _doc(["Russland", "hält", "die", "Halbinsel", "Krim", "."],
               ["PROPN", "VERB", "DET", "NOUN", "PROPN", "PUNCT"], [(0, 1, "LOC"), (4, 5, "PER")])
    assert _ents(rules(doc)) == [("Russland", "LOC"), ("Krim", "LOC")]
