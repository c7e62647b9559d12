"""Person names whole (pipeline/extract/person_rules.py): double-barrelled surnames, known first names before a
surname (also at a sentence start), acronyms that are no persons, and the supplementary first-name list.

The sentences are invented. Like tests/test_person_rules.py, model tests put the NER into the error state the
rules repair (``ner_repair.with_entities``: a real parse of the sentence, its entities replaced) and run the component on it, so
they do not depend on what the statistical NER happens to tag; a few run the whole pipeline (``nlp`` fixture).
The rest runs on hand-built Docs and needs no model.
"""
from __future__ import annotations

import pytest
from handbuilt import entity_doc
from ner_repair import person_texts, repair

from pipeline.extract.person_rules import (ALL_RULES, EXTRA_FIRST_NAMES_FILE, FIRST_NAMES_FILE, load_first_names)


def _ents(doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


_doc = entity_doc  # tests/handbuilt.py; the ``rules`` fixture is in tests/conftest.py


# ------------------------------------------------------------------------------- (1) double-barrelled surnames

def test_tokenizer_keeps_a_double_barrelled_surname_whole(nlp):
    words = [t.text for t in nlp.make_doc("Seit Mai leitet Ilvy Kranich-Wellershoff die Behörde.")]
    assert "Kranich-Wellershoff" in words


@pytest.mark.parametrize("ner", [
    [("Ilvy", "PER")],                                   # the NER stops before the hyphenated word
    [("Ilvy", "PER"), ("Kranich-Wellershoff", "PER")],   # or tags it as a person of its own
])
def test_person_runs_on_over_a_double_barrelled_surname(nlp, ner):
    text = "Seit einem Monat ist Ilvy Kranich-Wellershoff Präsidentin des Verbands."
    assert person_texts(repair(nlp, text, ner)) == ["Ilvy Kranich-Wellershoff"]


@pytest.mark.parametrize("surname", ["Domscheit-Berg", "Koch-Mehrin", "Müller-Lüdenscheid"])
def test_double_barrelled_surname_may_contain_nouns_that_are_surnames_or_towns(nlp, surname):
    text = f"Gestern sagte Ilvy {surname} im Ausschuss, das sei falsch."
    assert person_texts(repair(nlp, text, [("Ilvy", "PER")])) == [f"Ilvy {surname}"]


def test_known_first_name_takes_the_double_barrelled_surname(nlp):
    # the NER typed the full name as an organization, or stopped after the first name
    text = "Das sind die Themen, die Wiebke Kranich-Wellershoff in den Vordergrund stellen möchte."
    for ner in ([("Wiebke Kranich-Wellershoff", "ORG")], [("Wiebke", "PER")]):
        assert person_texts(repair(nlp, text, ner)) == ["Wiebke Kranich-Wellershoff"]


@pytest.mark.parametrize("text, person", [
    ("Damals lobte Merkel Kohl-Ära und Nachkriegszeit.", "Merkel"),
    ("Gestern traf Putin Nato-Vertreter in Genf.", "Putin"),
    ("Gestern kritisierte Scholz Ampel-Regierung und Opposition.", "Scholz"),
])
def test_compound_noun_after_a_person_is_no_surname(nlp, text, person):
    assert person_texts(repair(nlp, text, [(person, "PER")])) == [person]


def test_first_name_before_a_name_compound_with_a_role_noun_stays_alone(nlp):
    text = "Gestern sprach Olaf Scholz-Gegner Müller."
    assert person_texts(repair(nlp, text, [("Olaf", "PER")])) == ["Olaf"]


def test_first_name_before_name_and_institution_noun_is_an_organization(nlp):
    doc = repair(nlp, "Laut Robert Koch-Institut steigen die Zahlen.", [("Robert", "PER")])
    assert _ents(doc) == [("Robert Koch-Institut", "ORG")]


def test_surname_mention_gets_the_full_name_with_the_double_barrelled_surname(nlp):
    text = ("Das sind die Themen, die Wiebke Kranich-Wellershoff in ihrer Arbeit als Präsidentin des Verbands in den "
            "Vordergrund stellen möchte. Kranich-Wellershoff sagt, der Verband brauche mehr Geld.")
    persons = {(e.text, e.canonical) for e in nlp(text)._.entities if e.type == "person"}
    assert ("Wiebke Kranich-Wellershoff", "Wiebke Kranich-Wellershoff") in persons
    assert ("Kranich-Wellershoff", "Wiebke Kranich-Wellershoff") in persons


# ---------------------------------------------------------------- (2) a known first name before a person surname

def test_first_name_at_sentence_start_joins_the_surname_the_ner_tagged(nlp):
    text = "Die Debatte begann am Morgen. Kathrin Vogelsang (Linke) veranlassten die Thesen zu einer Zwischenfrage."
    assert person_texts(repair(nlp, text, [("Vogelsang", "PER")])) == ["Kathrin Vogelsang"]


def test_first_name_at_sentence_start_tagged_alone_is_not_dropped(nlp):
    # a one-token person at a sentence start with an adverb's part of speech is dropped unless it is a first name
    text = "Die Debatte begann am Morgen. Janosch Dahlmann von der CDU widersprach sofort."
    assert person_texts(repair(nlp, text, [("Janosch", "PER"), ("CDU", "ORG")])) == ["Janosch Dahlmann"]


def test_first_name_joins_a_tagged_surname_whatever_its_part_of_speech(rules):
    doc = _doc(["Kathrin", "Vogelsang", "widersprach", "."], ["PROPN", "ADJ", "VERB", "PUNCT"], [(1, 2, "PER")])
    assert _ents(rules(doc)) == [("Kathrin Vogelsang", "PER")]


def test_full_name_stops_after_a_genitive(rules):
    doc = _doc(["Gewinner", "wäre", "Carla", "Brunettis", "Movimento", "gewesen", "."],
               ["NOUN", "AUX", "PROPN", "PROPN", "PROPN", "AUX", "PUNCT"], [])
    assert _ents(rules(doc)) == [("Carla Brunettis", "PER")]


def test_first_name_that_is_a_surname_in_the_text_starts_no_name(rules):
    words = ["Trainer", "Ricardo", "Luna", "wurde", "verhaftet", ".", "Man", "wirft", "Luna", "Betrug", "vor", "."]
    pos = ["NOUN", "PROPN", "PROPN", "AUX", "VERB", "PUNCT", "PRON", "VERB", "PROPN", "NOUN", "ADP", "PUNCT"]
    doc = rules(_doc(words, pos, [(1, 3, "PER")]))
    assert ("Luna Betrug", "PER") not in _ents(doc)
    assert _ents(doc) == [("Ricardo Luna", "PER"), ("Luna", "PER")]  # the surname stands alone


def test_surname_that_is_also_a_first_name_spreads_when_no_name_starts_with_it(rules):
    words = ["Dazu", "sagte", "Sigmar", "Gabriel", "nichts", ".", "Alle", "lobten", "Gabriels", "Rede", "."]
    pos = ["ADV", "VERB", "PROPN", "PROPN", "PRON", "PUNCT", "PRON", "VERB", "PROPN", "NOUN", "PUNCT"]
    doc = rules(_doc(words, pos, [(2, 4, "PER")]))
    assert _ents(doc) == [("Sigmar Gabriel", "PER"), ("Gabriels", "PER")]


def test_surname_fragment_after_an_apostrophe_does_not_spread(rules):
    # the tokenizer splits "O’Keefe"; "Keefe" alone is no mention of "Sean O ’ Keefe"
    words = ["Sean", "O", "’", "Keefe", "überlebte", ".", "Auch", "O", "’", "Keefe", "sprach", "."]
    pos = ["PROPN", "PROPN", "PUNCT", "PROPN", "VERB", "PUNCT", "ADV", "PROPN", "PUNCT", "PROPN", "VERB", "PUNCT"]
    spaces = [True, False, False, True, False, True, True, False, False, True, False, False]
    doc = rules(_doc(words, pos, [(0, 4, "PER")], spaces=spaces))
    assert _ents(doc) == [("Sean O’Keefe", "PER")]


# ------------------------------------------------------------------------- (3) an acronym is never a person alone

@pytest.mark.parametrize("text, acronym, expected", [
    ("Warum KI und Datenschutz nicht zusammenpassen, erklärt die Ministerin.", "KI", []),
    ("Die EU will die Regeln verschärfen.", "EU", [("EU", "ORG")]),   # an organization the training data knows
])
def test_acronym_is_no_person(nlp, text, acronym, expected):
    assert _ents(repair(nlp, text, [(acronym, "PER")])) == expected


def test_acronym_is_no_surname_after_a_first_name(rules):
    doc = _doc(["Dann", "sprach", "Kathrin", "KI", "."], ["ADV", "VERB", "PROPN", "PROPN", "PUNCT"], [])
    assert person_texts(rules(doc)) == []


# --------------------------------------------------------------------------------- the supplementary first names

def test_supplementary_first_names_are_read_with_the_mined_ones():
    mined, extra = load_first_names(str(FIRST_NAMES_FILE)), load_first_names(str(EXTRA_FIRST_NAMES_FILE))
    names = load_first_names()
    assert names == mined | extra and not mined & extra
    assert {"Kathrin", "Janosch", "Louisa", "Tabea"} <= extra
    header = [line for line in EXTRA_FIRST_NAMES_FILE.read_text(encoding="utf-8").splitlines() if line[:1] == "#"]
    assert any("build_first_names_extra.py" in line for line in header)
    assert any("faker" in line and "MIT" in line for line in header)


def test_supplementary_first_names_leave_out_words_that_are_more_than_names():
    extra = load_first_names(str(EXTRA_FIRST_NAMES_FILE))
    # lower-case words, nouns, months, places and surnames of the NER training data or of the name lists
    assert not {"Rosa", "Mark", "August", "Jordan", "Holm", "Herrmann", "Florence"} & extra


def test_rules_list_names_the_new_rule():
    assert ALL_RULES.index("first_name") < ALL_RULES.index("hyphen_surname") < ALL_RULES.index("document")
